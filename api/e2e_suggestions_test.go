package api_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	wa "github.com/aws/aws-sdk-go-v2/service/wellarchitected"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected/types"
	"github.com/google/go-cmp/cmp"

	"github.com/wat-dev/wat"
	"github.com/wat-dev/wat/api/wire"
	"github.com/wat-dev/wat/internal/testserver"
	"github.com/wat-dev/wat/internal/watclient"
	fw "github.com/wat-dev/wat/lens/framework"
)

// otherChoice returns a choice of bp's question that is neither bp's nor
// "None of these".
func otherChoice(t *testing.T, srv *testserver.Server, bp fw.BestPractice) string {
	t.Helper()
	q, ok := srv.Service.Lenses().Framework().Lens.Question(bp.QuestionID)
	if !ok {
		t.Fatalf("no question %s", bp.QuestionID)
	}
	none, _ := q.NoneChoice()
	for _, c := range q.Choices {
		if c.ID != bp.ChoiceID && c.ID != none.ID {
			if _, ok := fw.Practice(c.ID); ok {
				return c.ID
			}
		}
	}
	t.Fatalf("question %s has no other choice", q.ID)
	return ""
}

func getAnswer(t *testing.T, c *wa.Client, workloadID, questionID string) *types.Answer {
	t.Helper()
	out, err := c.GetAnswer(context.Background(), &wa.GetAnswerInput{WorkloadId: &workloadID, LensAlias: aws.String(lensAlias), QuestionId: &questionID})
	if err != nil {
		t.Fatal(err)
	}
	return out.Answer
}

func reviewRisks(t *testing.T, c *wa.Client, workloadID string) map[string]int32 {
	t.Helper()
	out, err := c.GetLensReview(context.Background(), &wa.GetLensReviewInput{WorkloadId: &workloadID, LensAlias: aws.String(lensAlias)})
	if err != nil {
		t.Fatal(err)
	}
	return out.LensReview.RiskCounts
}

// TestSuggestedAnswersApplied goes from a scan to applied answers: the
// evidence proposes the practices whose checks all pass and notes the
// failing resources, changes nothing until applied, and once applied
// through UpdateAnswer (what `wat scan --apply` does) or the service's
// ApplySuggestedAnswers the answers keep the reviewer's selection and
// notes, gain the proposals, and the risks follow.
func TestSuggestedAnswersApplied(t *testing.T) {
	s := scanFixtures(t, "testdata/evidence/*.yaml")
	passing, failing := s.choices(allPass), s.choices(anyFails)
	if len(passing) == 0 || len(failing) == 0 {
		t.Fatalf("the fixture gives %d choices whose evidence passes, %d with failures; want both", len(passing), len(failing))
	}
	pass, fail := passing[0], failing[0]
	if pass.QuestionID == fail.QuestionID {
		t.Fatalf("%s and %s are in one question; the fixture should separate them", pass.ChoiceID, fail.ChoiceID)
	}
	forEachBackend(t, func(t *testing.T, srv *testserver.Server) {
		ctx := context.Background()
		c := srv.Client
		reviewer := otherChoice(t, srv, pass)
		prepare := func(name string) string {
			w := createWorkload(t, c, workloadInput(name))
			if _, err := c.UpdateAnswer(ctx, &wa.UpdateAnswerInput{WorkloadId: &w, LensAlias: aws.String(lensAlias), QuestionId: &pass.QuestionID,
				SelectedChoices: []string{reviewer}}); err != nil {
				t.Fatal(err)
			}
			if _, err := c.UpdateAnswer(ctx, &wa.UpdateAnswerInput{WorkloadId: &w, LensAlias: aws.String(lensAlias), QuestionId: &fail.QuestionID,
				Notes: aws.String("Reviewer's own note.")}); err != nil {
				t.Fatal(err)
			}
			putEvidence(t, c, s.input(w))
			return w
		}
		w := prepare("Suggested")
		risksBefore := reviewRisks(t, c, w)

		sum, err := c.ListCheckSummaries(ctx, checkInput(w, pass))
		if err != nil || len(sum.CheckSummaries) == 0 {
			t.Fatalf("checks of %s: %+v, %v", pass.ChoiceID, sum, err)
		}
		for _, cs := range sum.CheckSummaries {
			if cs.Status != types.CheckStatusOkay && cs.Status != types.CheckStatusNotAvailable {
				t.Errorf("check %s of %s is %s, want OKAY or NOT_AVAILABLE", aws.ToString(cs.Id), pass.ChoiceID, cs.Status)
			}
		}

		got := suggestions(t, c, w)
		gp, gf := got[pass.QuestionID], got[fail.QuestionID]
		if !slices.Contains(gp.PassingChoices, pass.ChoiceID) || !slices.Contains(gp.SuggestedChoices, pass.ChoiceID) ||
			!slices.Contains(gp.SuggestedChoices, reviewer) || !aws.ToBool(gp.HasChanges) || !cmp.Equal(gp.SelectedChoices, []string{reviewer}) {
			t.Errorf("suggestion for %s = %+v; want %s proposed beside the reviewer's %s", pass.QuestionID, gp, pass.ChoiceID, reviewer)
		}
		notes := aws.ToString(gf.SuggestedNotes)
		if !slices.Contains(gf.FailingChoices, fail.ChoiceID) || !strings.HasPrefix(notes, "Reviewer's own note.\n\n"+wat.EvidenceNotesHeader) ||
			!aws.ToBool(gf.ChangesNotes) {
			t.Errorf("suggestion for %s = %+v; want %s failing and the reviewer's note followed by the evidence", fail.QuestionID, gf, fail.ChoiceID)
		}
		for _, wc := range s.checks(fail.ChoiceID) {
			for _, r := range wc.flagged {
				if !strings.Contains(notes, flaggedLine(r)) {
					t.Errorf("suggested notes %q do not name %q", notes, flaggedLine(r))
				}
			}
		}
		// Suggesting changed nothing.
		if a := getAnswer(t, c, w, pass.QuestionID); !cmp.Equal(a.SelectedChoices, []string{reviewer}) {
			t.Errorf("before applying, %s selects %v", pass.QuestionID, a.SelectedChoices)
		}

		// Apply as `wat scan --apply` does.
		newlyAnswered := 0
		for _, g := range got {
			if !aws.ToBool(g.HasChanges) {
				continue
			}
			if g.Risk == "UNANSWERED" && g.SuggestedRisk != "UNANSWERED" {
				newlyAnswered++
			}
			if _, err := c.UpdateAnswer(ctx, &wa.UpdateAnswerInput{WorkloadId: &w, LensAlias: aws.String(lensAlias), QuestionId: g.QuestionId,
				SelectedChoices: g.SuggestedChoices, Notes: g.SuggestedNotes}); err != nil {
				t.Fatalf("applying the suggestion for %s: %v", aws.ToString(g.QuestionId), err)
			}
		}
		a := getAnswer(t, c, w, pass.QuestionID)
		if !slices.Contains(a.SelectedChoices, pass.ChoiceID) || !slices.Contains(a.SelectedChoices, reviewer) || a.Risk != types.Risk(gp.SuggestedRisk) {
			t.Errorf("after applying, %s selects %v (risk %s); want %s and %s, risk %s", pass.QuestionID, a.SelectedChoices, a.Risk, reviewer, pass.ChoiceID, gp.SuggestedRisk)
		}
		if a := getAnswer(t, c, w, fail.QuestionID); aws.ToString(a.Notes) != notes {
			t.Errorf("after applying, the notes of %s are %q, want %q", fail.QuestionID, aws.ToString(a.Notes), notes)
		}
		risksAfter := reviewRisks(t, c, w)
		if newlyAnswered == 0 || risksAfter["UNANSWERED"] != risksBefore["UNANSWERED"]-int32(newlyAnswered) {
			t.Errorf("risks before %v, after %v: want %d questions fewer unanswered", risksBefore, risksAfter, newlyAnswered)
		}
		for q, g := range suggestions(t, c, w) {
			if aws.ToBool(g.HasChanges) {
				t.Errorf("after applying, %s still suggests %+v", q, g)
			}
		}

		// ApplySuggestedAnswers (what --apply and the console call) makes the
		// same answers in one call.
		w2 := prepare("Applied by the service")
		out, err := watclient.FromSDK(c).ApplySuggestedAnswers(ctx, &wire.ApplySuggestedAnswersInput{WorkloadId: &w2, LensAlias: aws.String(lensAlias)})
		if err != nil {
			t.Fatal(err)
		}
		applied := out.AppliedAnswers
		if len(applied) != len(got)-countUnchanged(got) {
			t.Errorf("ApplySuggestedAnswers applied %d suggestions, want %d", len(applied), len(got)-countUnchanged(got))
		}
		for q := range got {
			a1, a2 := getAnswer(t, c, w, q), getAnswer(t, c, w2, q)
			if !cmp.Equal(a1.SelectedChoices, a2.SelectedChoices) || a1.Risk != a2.Risk || withoutHeader(a1.Notes) != withoutHeader(a2.Notes) {
				t.Errorf("question %s: UpdateAnswer made %v %s %q, ApplySuggestedAnswers %v %s %q", q,
					a1.SelectedChoices, a1.Risk, aws.ToString(a1.Notes), a2.SelectedChoices, a2.Risk, aws.ToString(a2.Notes))
			}
		}
		if diff := cmp.Diff(risksAfter, reviewRisks(t, c, w2)); diff != "" {
			t.Errorf("risks after ApplySuggestedAnswers (-UpdateAnswer +service):\n%s", diff)
		}

		// "None of these" is the reviewer's word: nothing is proposed.
		w3 := createWorkload(t, c, workloadInput("None of these"))
		q, _ := srv.Service.Lenses().Framework().Lens.Question(pass.QuestionID)
		none, _ := q.NoneChoice()
		if _, err := c.UpdateAnswer(ctx, &wa.UpdateAnswerInput{WorkloadId: &w3, LensAlias: aws.String(lensAlias), QuestionId: &pass.QuestionID,
			SelectedChoices: []string{none.ID}}); err != nil {
			t.Fatal(err)
		}
		putEvidence(t, c, s.input(w3))
		if g := suggestions(t, c, w3)[pass.QuestionID]; aws.ToBool(g.HasChanges) || g.SkipReason == nil || !cmp.Equal(g.SuggestedChoices, []string{none.ID}) {
			t.Errorf("with None of these selected, the suggestion is %+v; want none", g)
		}
	})
}

// countUnchanged counts the suggestions that change no answer.
func countUnchanged(m map[string]wire.SuggestedAnswer) int {
	n := 0
	for _, g := range m {
		if !aws.ToBool(g.HasChanges) {
			n++
		}
	}
	return n
}

// withoutHeader is notes without the evidence's header line, which names
// the time of the upload.
func withoutHeader(notes *string) string {
	var out []string
	for _, l := range strings.Split(aws.ToString(notes), "\n") {
		if !strings.HasPrefix(l, wat.EvidenceNotesHeader) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}
