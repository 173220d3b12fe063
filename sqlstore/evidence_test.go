package sqlstore

import (
	"context"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/wat-dev/wat"
)

// TestEvidenceContract runs the evidence part of the wat.Store contract on
// every backend.
func TestEvidenceContract(t *testing.T) {
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			if b.require != nil {
				b.require(t)
			}
			t.Run("RoundTrip", func(t *testing.T) { testEvidenceRoundTrip(t, b) })
			t.Run("Errors", func(t *testing.T) { testEvidenceErrors(t, b) })
			t.Run("Cascades", func(t *testing.T) { testEvidenceCascades(t, b) })
		})
	}
}

// newEvidence is evidence of lensWA in workload with three checks of two
// choices, flagged resources with every field, quotes and non-ASCII text.
func newEvidence(workload string, d time.Duration) *wat.Evidence {
	return &wat.Evidence{
		WorkloadID: workload, LensARN: lensWA, AccountID: "111111111111", Tool: "wat test", UpdatedAt: t0.Add(d),
		Checks: []wat.Check{
			{RuleID: "s3-versioning", Title: "S3 buckets keep versions", Description: "Versions \"undo\" deletes",
				Severity: wat.SeverityHigh, PillarID: "reliability", QuestionID: "backing-up", ChoiceID: "rel_backing_up_data_identified_backups_data",
				Passed: 2, Flagged: []wat.FlaggedResource{
					{Status: wat.FindingFail, Name: "Logs", Type: "AWS::S3::Bucket", File: "app/stack.yaml", Line: 12},
					{Status: wat.FindingUnknown, Name: "aws_s3_bucket.ünï", Type: "aws_s3_bucket", File: "plan.json", Reason: "status: Ref to parameter V"},
				}},
			{RuleID: "rds-backup-retention", Title: "RDS keeps backups", Description: "d", Severity: wat.SeverityMedium,
				PillarID: "reliability", QuestionID: "backing-up", ChoiceID: "rel_backing_up_data_automated_backups_data", Passed: 1},
			{RuleID: "aurora-backtrack", Title: "Aurora backtracks", Description: "d", Severity: wat.SeverityLow,
				PillarID: "reliability", QuestionID: "backing-up", ChoiceID: "rel_backing_up_data_automated_backups_data"},
		},
		Problems: []wat.EvidenceProblem{{File: "broken.yaml", Line: 2, Message: "does not parse"}, {File: "huge.json", Message: "too big"}},
	}
}

func getEvidence(db *DB, workload, choice string) (*wat.Evidence, error) {
	var e *wat.Evidence
	err := view(db, func(ctx context.Context, tx wat.Tx) (err error) {
		e, err = tx.GetEvidence(ctx, workload, lensWA, choice)
		return err
	})
	return e, err
}

func testEvidenceRoundTrip(t *testing.T, b *backend) {
	db := b.fresh(t)
	newAccount(t, db, "111111111111")
	w := workloadID(1)
	insertWorkload(t, db, fullWorkload("111111111111", w, "scanned"))
	putReview(t, db, w, lensWA, 0)
	e := newEvidence(w, 0)
	update(t, db, func(ctx context.Context, tx wat.Tx) error { return tx.PutEvidence(ctx, e) })

	want := *e
	want.UpdatedAt = at(0)
	// By choice, then rule.
	want.Checks = []wat.Check{e.Checks[2], e.Checks[1], e.Checks[0]}
	got, err := getEvidence(db, w, "")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(&want, got); diff != "" {
		t.Errorf("GetEvidence (-want +got):\n%s", diff)
	}
	wantUTC(t, got.UpdatedAt)
	one, err := getEvidence(db, w, "rel_backing_up_data_identified_backups_data")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(e.Checks[:1], one.Checks); diff != "" {
		t.Errorf("GetEvidence of one choice (-want +got):\n%s", diff)
	}
	none, err := getEvidence(db, w, "no_such_choice")
	if err != nil || len(none.Checks) != 0 || !none.UpdatedAt.Equal(at(0)) {
		t.Errorf("GetEvidence of a choice without checks = %+v, %v; want the evidence without checks", none, err)
	}

	// An upload replaces the evidence whole.
	next := &wat.Evidence{WorkloadID: w, LensARN: lensWA, AccountID: "222222222222", Tool: "wat 2", UpdatedAt: t0.Add(time.Hour),
		Checks: []wat.Check{{RuleID: "ebs-gp3", Title: "gp3", Description: "d", Severity: wat.SeverityMedium,
			PillarID: "performance", QuestionID: "data", ChoiceID: "perf_data_evaluate_configuration_options_data_store", Passed: 4}}}
	update(t, db, func(ctx context.Context, tx wat.Tx) error { return tx.PutEvidence(ctx, next) })
	got, err = getEvidence(db, w, "")
	if err != nil {
		t.Fatal(err)
	}
	want = *next
	want.UpdatedAt = at(time.Hour)
	if diff := cmp.Diff(&want, got); diff != "" {
		t.Errorf("GetEvidence after a second upload (-want +got):\n%s", diff)
	}
	if n := rowCount(t, db, "evidence_checks", "workload_id", w); n != 1 {
		t.Errorf("%d check rows after the second upload, want 1", n)
	}
}

func testEvidenceErrors(t *testing.T, b *backend) {
	db := b.fresh(t)
	newAccount(t, db, "111111111111")
	w := workloadID(1)
	insertWorkload(t, db, fullWorkload("111111111111", w, "scanned"))
	_, err := getEvidence(db, w, "")
	wantError(t, err, wat.ENotFound, "EVIDENCE")
	err = try(db, func(ctx context.Context, tx wat.Tx) error { return tx.PutEvidence(ctx, newEvidence(w, 0)) })
	wantError(t, err, wat.ENotFound, "LENS_REVIEW")

	putReview(t, db, w, lensWA, 0)
	dup := newEvidence(w, 0)
	dup.Checks = append(dup.Checks, dup.Checks[0])
	err = try(db, func(ctx context.Context, tx wat.Tx) error { return tx.PutEvidence(ctx, dup) })
	wantError(t, err, wat.EConflict, "EVIDENCE")
	// The failed upload left nothing behind.
	_, err = getEvidence(db, w, "")
	wantError(t, err, wat.ENotFound, "EVIDENCE")
}

func testEvidenceCascades(t *testing.T, b *backend) {
	db := b.fresh(t)
	newAccount(t, db, "111111111111")
	w1, w2 := workloadID(1), workloadID(2)
	for _, w := range []string{w1, w2} {
		insertWorkload(t, db, fullWorkload("111111111111", w, "scanned "+w))
		putReview(t, db, w, lensWA, 1)
		update(t, db, func(ctx context.Context, tx wat.Tx) error { return tx.PutEvidence(ctx, newEvidence(w, 0)) })
	}
	update(t, db, func(ctx context.Context, tx wat.Tx) error { return tx.DeleteWorkload(ctx, w1) })
	if n := rowCount(t, db, "evidence", "workload_id", w1) + rowCount(t, db, "evidence_checks", "workload_id", w1); n != 0 {
		t.Errorf("%d evidence rows left of a deleted workload", n)
	}
	if e, err := getEvidence(db, w2, ""); err != nil || len(e.Checks) != 3 {
		t.Errorf("the other workload's evidence = %+v, %v", e, err)
	}
	update(t, db, func(ctx context.Context, tx wat.Tx) error { return tx.DeleteAccount(ctx, "111111111111") })
	if n := rowCount(t, db, "evidence_checks", "workload_id", w2); n != 0 {
		t.Errorf("%d check rows left of a deleted account", n)
	}
}
