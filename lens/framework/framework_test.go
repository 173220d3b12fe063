package framework

import (
	"bytes"
	"encoding/csv"
	"math/rand/v2"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/wat-dev/wat"
	"github.com/wat-dev/wat/internal/golden"
	"github.com/wat-dev/wat/lens"
	"github.com/wat-dev/wat/lens/framework/guidance"
	"github.com/wat-dev/wat/lens/framework/internal/wadata"
)

// TestDocumentFresh regenerates the lens document from the CSVs and the
// guidance and compares it with the committed (embedded) file; -update
// rewrites that, as go generate ./lens/framework does.
func TestDocumentFresh(t *testing.T) {
	g, err := guidance.Load("guidance/data")
	if err != nil {
		t.Fatal(err)
	}
	got, err := wadata.Generate(facts, noneFacts, g)
	if err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "wellarchitected.json", got)
}

// TestEmbeddedLensCompiles guards Lens, which panics on a broken document.
func TestEmbeddedLensCompiles(t *testing.T) {
	doc, err := lens.ParseOfficialDocument(Document())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := lens.CompileOfficial(doc); err != nil {
		t.Fatal(err)
	}
	l := Lens()
	if l != Lens() {
		t.Error("Lens returns a new lens on each call")
	}
	if l.Name != Name {
		t.Errorf("Name = %q, want %q", l.Name, Name)
	}
}

// csvQuestion is a question as the CSV states it, read independently of
// package wadata.
type csvQuestion struct {
	pillar, id, ref, title string
	practices              []csvPractice
}

type csvPractice struct {
	bp, title, level, choice, url string
}

func readCSV(t testing.TB) (pillars []string, questions []*csvQuestion) {
	t.Helper()
	data, err := os.ReadFile("wa-framework.csv")
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range recs[1:] {
		if len(pillars) == 0 || pillars[len(pillars)-1] != r[0] {
			pillars = append(pillars, r[0])
		}
		if len(questions) == 0 || questions[len(questions)-1].id != r[3] {
			questions = append(questions, &csvQuestion{pillar: r[0], ref: r[2], id: r[3], title: r[4]})
		}
		q := questions[len(questions)-1]
		q.practices = append(q.practices, csvPractice{bp: r[5], title: r[6], level: r[7], choice: r[8], url: r[9]})
	}
	return pillars, questions
}

// noneCSV is wa-none-of-these.csv read independently of package wadata:
// the ids of the "None of these" choices, which are AWS's and not derived
// from the question ids, and the former ids still accepted on input.
type noneCSV struct{ id, legacy map[string]string } // by question id

func readNoneCSV(t testing.TB) noneCSV {
	t.Helper()
	data, err := os.ReadFile("wa-none-of-these.csv")
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	n := noneCSV{id: map[string]string{}, legacy: map[string]string{}}
	for _, r := range recs[1:] {
		n.id[r[0]], n.legacy[r[0]] = r[1], r[2]
	}
	return n
}

// worst is the README's risk of a question none of whose practices is
// established.
func worst(q *csvQuestion) wat.Risk {
	risk := wat.RiskNone
	for _, p := range q.practices {
		switch p.level {
		case "HIGH":
			return wat.RiskHigh
		case "MEDIUM":
			risk = wat.RiskMedium
		}
	}
	return risk
}

// readmeRisk is the rule README.md states, implemented directly.
func readmeRisk(q *csvQuestion, selected, notApplicable []string, applicable bool) wat.Risk {
	if !applicable {
		return wat.RiskNotApplicable
	}
	if len(selected) == 0 && len(notApplicable) == 0 {
		return wat.RiskUnanswered
	}
	satisfied := map[string]bool{}
	for _, id := range append(append([]string{}, selected...), notApplicable...) {
		satisfied[id] = true
	}
	risk := wat.RiskNone
	for _, p := range q.practices {
		if satisfied[p.choice] {
			continue
		}
		switch p.level {
		case "HIGH":
			return wat.RiskHigh
		case "MEDIUM":
			risk = wat.RiskMedium
		}
	}
	return risk
}

func TestLensMatchesCSV(t *testing.T) {
	texts, err := guidance.Load("guidance/data")
	if err != nil {
		t.Fatal(err)
	}
	pillars, questions := readCSV(t)
	nc := readNoneCSV(t)
	l := Lens()
	if len(pillars) != 6 || len(questions) != 57 {
		t.Fatalf("the CSV has %d pillars and %d questions, want 6 and 57", len(pillars), len(questions))
	}
	if diff := cmp.Diff(pillars, PillarOrder()); diff != "" {
		t.Errorf("PillarOrder (-csv +lens):\n%s", diff)
	}
	if len(l.Questions()) != len(questions) {
		t.Fatalf("the lens has %d questions, the CSV %d", len(l.Questions()), len(questions))
	}
	practices := 0
	for i, cq := range questions {
		q := l.Questions()[i]
		if q.ID != cq.id || q.PillarID != cq.pillar || q.Title != cq.title {
			t.Errorf("question %d is %s/%s %q, want %s/%s %q", i, q.PillarID, q.ID, q.Title, cq.pillar, cq.id, cq.title)
			continue
		}
		gq, ok := texts.Question(q.ID)
		if !ok || q.Description != gq.Description || q.HelpfulResource.DisplayText != gq.HelpfulResource {
			t.Errorf("%s: description %q and helpful resource %q are not the guidance's", q.ID, q.Description, q.HelpfulResource.DisplayText)
		}
		if q.HelpfulResource.URL != cq.practices[0].url || q.HelpfulResource.DisplayText == "" {
			t.Errorf("%s: helpful resource %+v", q.ID, q.HelpfulResource)
		}
		if len(q.Choices) != len(cq.practices)+1 {
			t.Errorf("%s: %d choices, want %d practices and None of these", q.ID, len(q.Choices), len(cq.practices))
			continue
		}
		for j, p := range cq.practices {
			practices++
			c := q.Choices[j]
			level := strings.ToLower(p.level)
			gp, _ := texts.Practice(p.bp)
			if c.ID != p.choice || c.Title != p.title || gp == nil || c.Description != gp.Description ||
				!strings.HasSuffix(c.HelpfulResource.DisplayText, "Risk if not established: "+level+".") ||
				!strings.HasPrefix(c.ImprovementPlan.DisplayText, "1. ") {
				t.Errorf("%s: choice %d = %q %q %q, want id %q, title %q, %s's guidance with risk %s",
					q.ID, j, c.ID, c.Title, c.Description, p.choice, p.title, p.bp, level)
			}
			if c.HelpfulResource.URL != p.url || c.ImprovementPlan.URL != p.url || c.HelpfulResource.DisplayText == "" || c.ImprovementPlan.DisplayText == "" {
				t.Errorf("%s: choice %s resources %+v %+v, want both to link %s", q.ID, c.ID, c.HelpfulResource, c.ImprovementPlan, p.url)
			}
			got, ok := Practice(p.choice)
			want := BestPractice{ID: p.bp, Title: p.title, Level: Level(p.level), ChoiceID: p.choice,
				QuestionID: cq.id, QuestionRef: cq.ref, PillarID: cq.pillar, URL: p.url}
			if diff := cmp.Diff(want, got); !ok || diff != "" {
				t.Errorf("Practice(%q) (-want +got):\n%s", p.choice, diff)
			}
		}
		none, ok := q.NoneChoice()
		if !ok || none.ID != nc.id[cq.id] || none != q.Choices[len(q.Choices)-1] || none.Title != "None of these" {
			t.Errorf("%s: NoneChoice = %+v, %v, want the last choice %s", q.ID, none, ok, nc.id[cq.id])
		} else if _, ok := Practice(none.ID); ok {
			t.Errorf("Practice(%q) found a practice for None of these", none.ID)
		}
	}
	if practices != 307 {
		t.Errorf("checked %d practices, want 307", practices)
	}
}

// TestRiskPerQuestion checks the risk rules of every question against the
// CSV's levels, case by case.
func TestRiskPerQuestion(t *testing.T) {
	_, questions := readCSV(t)
	nc := readNoneCSV(t)
	l := Lens()
	for _, cq := range questions {
		q, ok := l.Question(cq.id)
		if !ok {
			t.Errorf("question %s missing", cq.id)
			continue
		}
		var all []string
		for _, p := range cq.practices {
			all = append(all, p.choice)
		}
		check := func(what string, selected, na []string, applicable bool, want wat.Risk) {
			t.Helper()
			if got := q.Risk(selected, na, applicable); got != want {
				t.Errorf("%s (%s): %s: risk %s, want %s", cq.id, cq.ref, what, got, want)
			}
		}
		check("all practices", all, nil, true, wat.RiskNone)
		check("only None of these", []string{nc.id[cq.id]}, nil, true, worst(cq))
		check("nothing", nil, nil, true, wat.RiskUnanswered)
		check("not applicable", all, nil, false, wat.RiskNotApplicable)
		check("not applicable, nothing", nil, nil, false, wat.RiskNotApplicable)
		check("all not applicable", nil, all, true, wat.RiskNone)
		for i, p := range cq.practices {
			others := append(append([]string{}, all[:i]...), all[i+1:]...)
			if len(others) == 0 {
				// A one-practice question: without it, the answer is
				// "None of these".
				others = []string{nc.id[cq.id]}
			}
			want := map[string]wat.Risk{"HIGH": wat.RiskHigh, "MEDIUM": wat.RiskMedium, "LOW": wat.RiskNone}[p.level]
			check("all but "+p.bp, others, nil, true, want)
			check(p.bp+" not applicable", others, []string{p.choice}, true, wat.RiskNone)
		}
	}
}

// TestRiskRandomized compares Question.Risk with readmeRisk on random answers.
func TestRiskRandomized(t *testing.T) {
	_, questions := readCSV(t)
	nc := readNoneCSV(t)
	l := Lens()
	rng := rand.New(rand.NewPCG(2026, 5))
	const runs = 50_000
	for range runs {
		cq := questions[rng.IntN(len(questions))]
		q, _ := l.Question(cq.id)
		ids := []string{nc.id[cq.id], "not_a_choice"}
		for _, p := range cq.practices {
			ids = append(ids, p.choice)
		}
		// Vary the density so both nearly-empty and nearly-full answers occur.
		pSel, pNA := rng.Float64(), rng.Float64()*0.3
		var selected, na []string
		for _, id := range ids {
			switch x := rng.Float64(); {
			case x < pSel:
				selected = append(selected, id)
			case x < pSel+pNA:
				na = append(na, id)
			}
		}
		// readmeRisk counts only real choice ids as an answer.
		known := func(ids []string) []string {
			var out []string
			for _, id := range ids {
				if _, ok := q.Choice(id); ok {
					out = append(out, id)
				}
			}
			return out
		}
		applicable := rng.IntN(20) != 0
		want := readmeRisk(cq, known(selected), known(na), applicable)
		if got := q.Risk(selected, na, applicable); got != want {
			t.Fatalf("%s: Risk(selected %q, not applicable %q, applicable %v) = %s, want %s",
				cq.id, selected, na, applicable, got, want)
		}
	}
}

func TestPracticeUnknown(t *testing.T) {
	for _, id := range []string{"", "priorities_no", "ops_priorities_no", "OPS01-BP01", "nope"} {
		if p, ok := Practice(id); ok {
			t.Errorf("Practice(%q) = %+v, want none", id, p)
		}
	}
}

func TestConstants(t *testing.T) {
	if ARN != "arn:aws:wellarchitected::aws:lens/"+Alias {
		t.Errorf("ARN %q does not end in the alias %q", ARN, Alias)
	}
	if !strings.Contains(Lens().Description, Version) {
		t.Errorf("the lens description %q does not name the snapshot %s", Lens().Description, Version)
	}
}

// BenchmarkEvaluateFramework scores all 57 questions of a realistic review:
// about two thirds of each question's practices selected, a few marked not
// applicable, one question not applicable, one unanswered.
func BenchmarkEvaluateFramework(b *testing.B) {
	type answer struct {
		q            *lens.Question
		selected, na []string
		applicable   bool
	}
	var answers []answer
	for i, q := range Lens().Questions() {
		a := answer{q: q, applicable: i != 7}
		for j, c := range q.Choices[:len(q.Choices)-1] {
			switch {
			case i == 11:
			case (i+j)%3 != 0:
				a.selected = append(a.selected, c.ID)
			case (i+j)%7 == 0:
				a.na = append(a.na, c.ID)
			}
		}
		answers = append(answers, a)
	}
	counts := map[wat.Risk]int{}
	for _, a := range answers {
		counts[a.q.Risk(a.selected, a.na, a.applicable)]++
	}
	b.Logf("risks of the benchmark's answers: %v", counts)
	b.ReportAllocs()
	for b.Loop() {
		for i := range answers {
			a := &answers[i]
			a.q.Risk(a.selected, a.na, a.applicable)
		}
	}
}
