package service_test

import (
	"context"
	"errors"
	"testing"

	"github.com/wat-dev/wat"
	"github.com/wat-dev/wat/service"
	"github.com/wat-dev/wat/sqlstore"
)

// rerunStore runs every Update's fn twice, as a store may (a conflict, a
// batch run again): the first run's writes are rolled back, the second's
// kept. A use case whose fn keeps something across runs shows it twice.
type rerunStore struct {
	*sqlstore.DB
}

var errFirstRun = errors.New("the first run is rolled back")

func (s rerunStore) Update(ctx context.Context, fn func(wat.Tx) error) error {
	err := s.DB.Update(ctx, func(tx wat.Tx) error {
		if err := fn(tx); err != nil {
			return err
		}
		return errFirstRun
	})
	if !errors.Is(err, errFirstRun) {
		return err
	}
	return s.DB.Update(ctx, fn)
}

// TestApplySuggestedAnswersRunTwice: ApplySuggestedAnswers run twice by the
// store returns each applied suggestion once.
func TestApplySuggestedAnswersRunTwice(t *testing.T) {
	s := service.New(service.Config{Store: rerunStore{newSQLite(t)}, Region: "us-east-1"})
	ctx := asAdmin(t, s)
	w := newWorkload(t, ctx, s, "Run twice")
	qs := s.Lenses().Framework().Lens.Questions()
	var rules []service.EvidenceRule
	for i, q := range qs[:3] {
		rules = append(rules, service.EvidenceRule{ID: "rule-" + q.ID, Title: "Rule " + q.ID, Description: "checks " + q.ID,
			Severity: "HIGH", ChoiceIDs: []string{q.Choices[0].ID}, Passed: i + 1})
	}
	if _, err := s.PutWorkloadEvidence(ctx, service.EvidenceUpload{WorkloadID: w.ID, LensAlias: "wellarchitected", Tool: "test", Rules: rules}); err != nil {
		t.Fatal(err)
	}
	applied, err := s.ApplySuggestedAnswers(ctx, w.ID, "wellarchitected", nil)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]int{}
	for _, g := range applied {
		seen[g.Question.ID]++
	}
	if len(applied) != 3 || len(seen) != 3 {
		t.Errorf("applied %d suggestions for %v, want the 3 questions once each", len(applied), seen)
	}
}
