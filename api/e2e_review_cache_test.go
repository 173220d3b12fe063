package api_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	wa "github.com/aws/aws-sdk-go-v2/service/wellarchitected"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected/types"

	"github.com/wat-dev/wat/internal/testserver"
	"github.com/wat-dev/wat/service"
)

// replicaPair starts two servers on one database, as two `wat serve`
// replicas: on one SQLite file, or on one PostgreSQL database when
// WAT_TEST_DATABASE_URL is set (postgres subtest).
func replicaPair(t *testing.T, postgres bool) (a, b *testserver.Server) {
	t.Helper()
	opts := testserver.Options{SQLitePath: filepath.Join(t.TempDir(), "wat.db")}
	if postgres {
		opts = testserver.Options{DatabaseURL: testserver.PostgresDatabase(t)}
	}
	return testserver.Start(t, opts), testserver.Start(t, opts)
}

// TestLensReviewCacheAcrossReplicas: replica a reads a lens review (twice,
// so that the second read is served from its cache), replica b changes one
// input of the response, and replica a's next read shows the change. Each
// input of GetLensReview's response is changed in turn: an answer, the
// lens and pillar notes, the profile, the workload's tags a user's access
// depends on, a milestone, and the workload itself. On SQLite replica a
// sees the change at its next read; on PostgreSQL once the notice of it
// has reached replica a (lag: each check then reads again until it holds,
// for up to 10 s). Through the replica that made it, a change is seen at
// once on both.
func TestLensReviewCacheAcrossReplicas(t *testing.T) {
	for _, backend := range []string{"sqlite", "postgres"} {
		t.Run(backend, func(t *testing.T) {
			t.Parallel()
			a, b := replicaPair(t, backend == "postgres")
			testLensReviewCache(t, a, b, backend == "postgres")
		})
	}
}

func testLensReviewCache(t *testing.T, a, b *testserver.Server, lag bool) {
	ctx := context.Background()
	ca := a.Client
	cb := b.NewClient(a.Admin.AccessKeyID, a.Admin.SecretAccessKey)
	in := workloadInput("Cached review")
	in.Tags = map[string]string{"team": "blue"}
	id := createWorkload(t, cb, in)
	get := func(c *wa.Client) (*types.LensReview, error) {
		t.Helper()
		out, err := c.GetLensReview(ctx, &wa.GetLensReviewInput{WorkloadId: &id, LensAlias: aws.String(lensAlias)})
		if err != nil {
			return nil, err
		}
		return out.LensReview, nil
	}
	// eventually calls check until it returns true, at once without lag
	// and for up to 10 s with it, and returns what it last returned.
	eventually := func(check func() bool) bool {
		deadline := time.Now().Add(10 * time.Second)
		for {
			if ok := check(); ok || !lag || time.Now().After(deadline) {
				return ok
			}
			time.Sleep(2 * time.Millisecond)
		}
	}
	// read reads through replica a, the last read being one that could be
	// served from its cache, until want holds of what it serves (see
	// eventually); want nil: once.
	read := func(want func(*types.LensReview) bool) *types.LensReview {
		t.Helper()
		var r *types.LensReview
		eventually(func() bool {
			for range 2 { // the second read is the cached one
				if _, err := get(ca); err != nil {
					t.Fatalf("GetLensReview through replica a: %v", err)
				}
			}
			var err error
			if r, err = get(ca); err != nil {
				t.Fatalf("GetLensReview through replica a: %v", err)
			}
			return want == nil || want(r)
		})
		return r
	}
	if got := read(nil).RiskCounts["UNANSWERED"]; got != 57 {
		t.Fatalf("a fresh review has %d unanswered questions, want 57", got)
	}

	// An answer.
	if err := setAnswer(cb, id, "ops_priorities_no"); err != nil {
		t.Fatalf("UpdateAnswer through replica b: %v", err)
	}
	answered := func(r *types.LensReview) bool { return r.RiskCounts["HIGH"] == 1 && r.RiskCounts["UNANSWERED"] == 56 }
	if r := read(answered); !answered(r) {
		t.Errorf("after replica b's answer replica a serves %v, want HIGH 1 and UNANSWERED 56", r.RiskCounts)
	}

	// The lens and pillar notes.
	if _, err := cb.UpdateLensReview(ctx, &wa.UpdateLensReviewInput{WorkloadId: &id, LensAlias: aws.String(lensAlias),
		LensNotes: aws.String("reviewed on Tuesday"), PillarNotes: map[string]string{"security": "keys rotated"}}); err != nil {
		t.Fatalf("UpdateLensReview through replica b: %v", err)
	}
	r := read(func(r *types.LensReview) bool { return aws.ToString(r.Notes) == "reviewed on Tuesday" })
	if got := aws.ToString(r.Notes); got != "reviewed on Tuesday" {
		t.Errorf("after replica b's notes replica a serves Notes %q", got)
	}
	for _, p := range r.PillarReviewSummaries {
		if aws.ToString(p.PillarId) == "security" && aws.ToString(p.Notes) != "keys rotated" {
			t.Errorf("after replica b's pillar notes replica a serves security notes %q", aws.ToString(p.Notes))
		}
	}

	// The profile: its priorities are part of the review.
	profile := createProfile(t, cb, "Cache profile", readTemplate(t).baseAnswers())
	if _, err := cb.AssociateProfiles(ctx, &wa.AssociateProfilesInput{WorkloadId: &id, ProfileArns: []string{profile}}); err != nil {
		t.Fatalf("AssociateProfiles through replica b: %v", err)
	}
	associated := func(r *types.LensReview) bool {
		return len(r.Profiles) == 1 && aws.ToString(r.Profiles[0].ProfileArn) == profile && r.PrioritizedRiskCounts != nil
	}
	if r := read(associated); !associated(r) {
		t.Errorf("after replica b associated a profile replica a serves Profiles %v, PrioritizedRiskCounts %v", r.Profiles, r.PrioritizedRiskCounts)
	}
	if _, err := cb.DisassociateProfiles(ctx, &wa.DisassociateProfilesInput{WorkloadId: &id, ProfileArns: []string{profile}}); err != nil {
		t.Fatalf("DisassociateProfiles through replica b: %v", err)
	}
	disassociated := func(r *types.LensReview) bool { return len(r.Profiles) == 0 && r.PrioritizedRiskCounts == nil }
	if r := read(disassociated); !disassociated(r) {
		t.Errorf("after replica b disassociated the profile replica a serves Profiles %v, PrioritizedRiskCounts %v", r.Profiles, r.PrioritizedRiskCounts)
	}

	// The workload's tags, on which a user's access depends.
	doc := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"wellarchitected:GetLensReview",
	  "Resource":"*","Condition":{"StringEquals":{"wellarchitected:ResourceTag/team":"blue"}}}]}`
	cu, user := newUser(t, a, "blue-reader", &service.PolicyInput{Name: "blue", Document: []byte(doc)})
	for range 2 {
		if _, err := get(cu); err != nil {
			t.Fatalf("GetLensReview by a user allowed on team blue: %v", err)
		}
	}
	wl, err := cb.GetWorkload(ctx, &wa.GetWorkloadInput{WorkloadId: &id})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := cb.TagResource(ctx, &wa.TagResourceInput{WorkloadArn: wl.Workload.WorkloadArn, Tags: map[string]string{"team": "red"}}); err != nil {
		t.Fatalf("TagResource through replica b: %v", err)
	}
	eventually(func() bool { _, err = get(cu); return err != nil })
	wantDenied(t, err, user, "GetLensReview", aws.ToString(wl.Workload.WorkloadArn))

	// A milestone keeps the review as it was; the live review moves on.
	if _, err := cb.CreateMilestone(ctx, &wa.CreateMilestoneInput{WorkloadId: &id, MilestoneName: aws.String("First milestone"), ClientRequestToken: aws.String("m1")}); err != nil {
		t.Fatalf("CreateMilestone: %v", err)
	}
	if _, err := cb.UpdateAnswer(ctx, &wa.UpdateAnswerInput{WorkloadId: &id, LensAlias: aws.String(lensAlias),
		QuestionId: aws.String("priorities"), IsApplicable: aws.Bool(false)}); err != nil {
		t.Fatal(err)
	}
	notApplicable := func(r *types.LensReview) bool {
		return r.RiskCounts["HIGH"] == 0 && r.RiskCounts["NOT_APPLICABLE"] == 1
	}
	if r := read(notApplicable); !notApplicable(r) {
		t.Errorf("after the question was found not applicable replica a serves %v, want NOT_APPLICABLE 1 and no HIGH", r.RiskCounts)
	}
	m, err := ca.GetLensReview(ctx, &wa.GetLensReviewInput{WorkloadId: &id, LensAlias: aws.String(lensAlias), MilestoneNumber: aws.Int32(1)})
	if err != nil {
		t.Fatalf("GetLensReview of milestone 1: %v", err)
	}
	if m.LensReview.RiskCounts["HIGH"] != 1 {
		t.Errorf("milestone 1 served %v, want the HIGH it recorded", m.LensReview.RiskCounts)
	}

	// The workload itself.
	if _, err := cb.DeleteWorkload(ctx, &wa.DeleteWorkloadInput{WorkloadId: &id, ClientRequestToken: aws.String("delete")}); err != nil {
		t.Fatalf("DeleteWorkload through replica b: %v", err)
	}
	eventually(func() bool { _, err = get(ca); return err != nil })
	wantNotFound(t, err)
}
