package service_test

import (
	"testing"

	"github.com/wat-dev/wat"
	"github.com/wat-dev/wat/service"
)

// TestConsolidatedReportSeesChanges: the consolidated report's cached view
// of a lens review is never served after the review changed: an answer
// that removes a high risk shows at once, page by page as in one call.
func TestConsolidatedReportSeesChanges(t *testing.T) {
	s := newService(t, 0)
	ctx := asAdmin(t, s)
	w := newWorkload(t, ctx, s, "Cached")
	q := s.Lenses().Framework().Lens.Questions()[0]
	answer := func(choices ...string) {
		t.Helper()
		if _, err := s.UpdateAnswer(ctx, service.UpdateAnswerInput{WorkloadID: w.ID, LensAlias: "wellarchitected", QuestionID: q.ID, SelectedChoices: choices}); err != nil {
			t.Fatal(err)
		}
	}
	risk := func() (wat.Risk, int) {
		t.Helper()
		all, err := s.ConsolidatedReport(ctx, false)
		if err != nil {
			t.Fatal(err)
		}
		page, _, err := s.ConsolidatedReportPage(ctx, false, "", 15)
		if err != nil {
			t.Fatal(err)
		}
		got := page.Workloads[0].Lenses[0].Pillars[0].Questions[0]
		if all.Workloads[0].Lenses[0].Pillars[0].Questions[0].Risk != got.Risk {
			t.Fatal("the report and its page disagree")
		}
		return got.Risk, len(got.Missing)
	}
	none, _ := q.NoneChoice()
	answer(none.ID)
	for range 2 { // the second read comes from the cache
		if r, missing := risk(); r != wat.RiskHigh || missing == 0 {
			t.Fatalf("after None of these: %s with %d practices missing, want HIGH with some", r, missing)
		}
	}
	var all []string
	for _, c := range q.Choices {
		if c.ID != none.ID {
			all = append(all, c.ID)
		}
	}
	answer(all...)
	if r, missing := risk(); r != wat.RiskNone || missing != 0 {
		t.Errorf("after every practice: %s with %d practices missing, want NONE with none", r, missing)
	}
}
