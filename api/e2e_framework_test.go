package api_test

// The built-in lens as the framework CSV states it, read independently of
// package lens, and the risk rule computed from it.

import (
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected/types"
)

type fwPractice struct {
	ChoiceID, Title, Level, URL string
}

type fwQuestion struct {
	Pillar, ID, Title string
	Practices         []fwPractice
	// None and LegacyNone are the ids of the "None of these" choice: AWS's,
	// which the API answers with, and wat's former one, still accepted.
	None, LegacyNone string
}

// noneCSV lists the "None of these" ids; they are not derived from the
// question ids.
const noneCSV = "../lens/framework/wa-none-of-these.csv"

// NoneID is the id of the question's "None of these" choice.
func (q *fwQuestion) NoneID() string { return q.None }

// ChoiceIDs lists the question's choices as the lens shows them: the
// practices in CSV order, then "None of these".
func (q *fwQuestion) ChoiceIDs() []string {
	var ids []string
	for _, p := range q.Practices {
		ids = append(ids, p.ChoiceID)
	}
	return append(ids, q.NoneID())
}

type fwFacts struct {
	Pillars     []string // in framework order
	PillarNames map[string]string
	Questions   []*fwQuestion
	ByID        map[string]*fwQuestion
}

// PillarQuestions returns the questions of one pillar, in order.
func (f *fwFacts) PillarQuestions(pillar string) []*fwQuestion {
	var out []*fwQuestion
	for _, q := range f.Questions {
		if q.Pillar == pillar {
			out = append(out, q)
		}
	}
	return out
}

var loadFacts = sync.OnceValues(func() (*fwFacts, error) {
	f, err := os.Open(frameworkCSV)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		return nil, err
	}
	facts := &fwFacts{ByID: map[string]*fwQuestion{}, PillarNames: map[string]string{}}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	for _, r := range rows[1:] {
		pillar, qid := r[col["pillar_id"]], r[col["question_id"]]
		q := facts.ByID[qid]
		if q == nil {
			q = &fwQuestion{Pillar: pillar, ID: qid, Title: r[col["question_title"]]}
			facts.ByID[qid] = q
			facts.Questions = append(facts.Questions, q)
			if len(facts.Pillars) == 0 || facts.Pillars[len(facts.Pillars)-1] != pillar {
				facts.Pillars = append(facts.Pillars, pillar)
				facts.PillarNames[pillar] = r[col["pillar_name"]]
			}
		}
		q.Practices = append(q.Practices, fwPractice{
			ChoiceID: r[col["choice_id"]], Title: r[col["bp_title"]], Level: r[col["bp_risk"]], URL: r[col["url"]],
		})
	}
	return facts, readNones(facts)
})

// readNones sets the "None of these" ids of every question of facts.
func readNones(facts *fwFacts) error {
	f, err := os.Open(noneCSV)
	if err != nil {
		return err
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		return err
	}
	for _, r := range rows[1:] {
		q := facts.ByID[r[0]]
		if q == nil {
			return fmt.Errorf("%s: no question %q in the framework", noneCSV, r[0])
		}
		q.None, q.LegacyNone = r[1], r[2]
	}
	for _, q := range facts.Questions {
		if q.None == "" {
			return fmt.Errorf("%s: no row for question %q", noneCSV, q.ID)
		}
	}
	return nil
}

// framework returns the framework's facts from the CSV.
func framework(t *testing.T) *fwFacts {
	t.Helper()
	f, err := loadFacts()
	if err != nil {
		t.Fatalf("read %s: %v", frameworkCSV, err)
	}
	if len(f.Questions) != 57 || len(f.Pillars) != 6 {
		t.Fatalf("%s has %d questions in %d pillars, want 57 in 6", frameworkCSV, len(f.Questions), len(f.Pillars))
	}
	return f
}

// answerSpec is an answer to one question as a test gives it.
type answerSpec struct {
	Selected      []string // nil: unanswered
	NotApplicable []string // choices marked NOT_APPLICABLE through ChoiceUpdates
	Inapplicable  bool     // IsApplicable=false
}

// expectedRisk is the documented rule of the built-in lens
// (shared/data/README.md), computed from the CSV: a question is HIGH when an
// applicable, unselected HIGH-level practice exists, else MEDIUM when such a
// MEDIUM one exists, else NONE; not-applicable practices count as satisfied.
func expectedRisk(q *fwQuestion, a answerSpec) types.Risk {
	if a.Inapplicable {
		return types.RiskNotApplicable
	}
	if len(a.Selected) == 0 && len(a.NotApplicable) == 0 {
		return types.RiskUnanswered
	}
	satisfied := map[string]bool{}
	for _, id := range a.Selected {
		satisfied[id] = true
	}
	for _, id := range a.NotApplicable {
		satisfied[id] = true
	}
	risk := types.RiskNone
	for _, p := range q.Practices {
		if satisfied[p.ChoiceID] {
			continue
		}
		switch p.Level {
		case "HIGH":
			return types.RiskHigh
		case "MEDIUM":
			risk = types.RiskMedium
		}
	}
	return risk
}

// randomAnswer draws a deterministic answer for q from next (a source of
// pseudo-random numbers in [0, n)): unanswered, not applicable, "None of
// these", or a subset of the practices with some marked not applicable.
func randomAnswer(q *fwQuestion, next func(n int) int) answerSpec {
	switch next(10) {
	case 0:
		return answerSpec{}
	case 1:
		return answerSpec{Inapplicable: true}
	case 2:
		return answerSpec{Selected: []string{q.NoneID()}}
	}
	var a answerSpec
	markNA := next(3) == 0
	for _, p := range q.Practices {
		switch {
		case markNA && next(4) == 0:
			a.NotApplicable = append(a.NotApplicable, p.ChoiceID)
		case next(4) != 0: // select most practices, so that all risks occur
			a.Selected = append(a.Selected, p.ChoiceID)
		}
	}
	if len(a.Selected) == 0 {
		a.Selected = []string{q.Practices[0].ChoiceID}
		a.NotApplicable = removeString(a.NotApplicable, q.Practices[0].ChoiceID)
	}
	return a
}

func removeString(ss []string, s string) []string {
	var out []string
	for _, x := range ss {
		if x != s {
			out = append(out, x)
		}
	}
	return out
}

// updateAnswerInput is the UpdateAnswer request that gives answer a.
func updateAnswerInput(workloadID string, q *fwQuestion, a answerSpec) *wellarchitected.UpdateAnswerInput {
	in := &wellarchitected.UpdateAnswerInput{
		WorkloadId:      aws.String(workloadID),
		LensAlias:       aws.String(lensAlias),
		QuestionId:      aws.String(q.ID),
		SelectedChoices: append([]string{}, a.Selected...),
	}
	if a.Inapplicable {
		in.IsApplicable = aws.Bool(false)
		in.Reason = types.AnswerReasonOutOfScope
	}
	if len(a.NotApplicable) > 0 {
		in.ChoiceUpdates = map[string]types.ChoiceUpdate{}
		for _, id := range a.NotApplicable {
			in.ChoiceUpdates[id] = types.ChoiceUpdate{Status: types.ChoiceStatusNotApplicable, Reason: types.ChoiceReasonOutOfScope}
		}
	}
	return in
}

// answerAll answers every question of the framework lens of a workload
// with answers drawn from seed and returns the answers by question id.
// Unanswered questions get no request.
func answerAll(t *testing.T, c *wellarchitected.Client, workloadID string, seed uint64) map[string]answerSpec {
	t.Helper()
	fw := framework(t)
	next := prng(seed)
	answers := map[string]answerSpec{}
	for _, q := range fw.Questions {
		a := randomAnswer(q, next)
		answers[q.ID] = a
		if a.Selected == nil && !a.Inapplicable {
			continue
		}
		out, err := c.UpdateAnswer(context.Background(), updateAnswerInput(workloadID, q, a))
		if err != nil {
			t.Fatalf("UpdateAnswer(%s, %+v): %v", q.ID, a, err)
		}
		if got, want := out.Answer.Risk, expectedRisk(q, a); got != want {
			t.Errorf("UpdateAnswer(%s, %+v) risk %s, want %s", q.ID, a, got, want)
		}
	}
	return answers
}

// prng returns a small deterministic generator (SplitMix64) of numbers in [0, n).
func prng(seed uint64) func(n int) int {
	s := seed
	return func(n int) int {
		s += 0x9e3779b97f4a7c15
		z := s
		z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
		z = (z ^ (z >> 27)) * 0x94d049bb133111eb
		z ^= z >> 31
		return int(z % uint64(n))
	}
}

// expectedCounts tallies the expected risks of answers, per pillar and in total.
func expectedCounts(fw *fwFacts, answers map[string]answerSpec) (perPillar map[string]map[string]int32, total map[string]int32) {
	perPillar = map[string]map[string]int32{}
	total = riskCounts(nil)
	for _, p := range fw.Pillars {
		perPillar[p] = riskCounts(nil)
	}
	for _, q := range fw.Questions {
		r := string(expectedRisk(q, answers[q.ID]))
		perPillar[q.Pillar][r]++
		total[r]++
	}
	return perPillar, total
}
