package sqlstore

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/wat-dev/wat"
)

// TestAgentWorkStore runs the contract of wat.AgentWorkTx on every backend.
func TestAgentWorkStore(t *testing.T) {
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			if b.require != nil {
				b.require(t)
			}
			t.Run("Claims", func(t *testing.T) { testAgentClaims(t, b) })
			t.Run("Recommendations", func(t *testing.T) { testAgentRecommendations(t, b) })
		})
	}
}

func newAgentGeneration(profileARN string, n int, created time.Time) *wat.AgentGeneration {
	return &wat.AgentGeneration{ProfileARN: profileARN, ID: fmt.Sprintf("%032x", n), Type: "RESOURCE",
		Pillars: []wat.AgentPillar{wat.AgentPillarSecurity}, Status: wat.AgentGenerationQueued,
		EstimatedCompletion: created.Add(time.Minute), CreatedAt: created, CreatedBy: "alice", UpdatedAt: created, UpdatedBy: "alice"}
}

func claim(t *testing.T, db *DB, owner string, now time.Time) (*wat.AgentGeneration, error) {
	t.Helper()
	var g *wat.AgentGeneration
	err := db.Update(context.Background(), func(tx wat.Tx) (err error) {
		g, err = tx.ClaimAgentGeneration(context.Background(), owner, now, now.Add(time.Minute))
		return err
	})
	return g, err
}

func testAgentClaims(t *testing.T, b *backend) {
	db := b.fresh(t)
	newAccount(t, db, "111111111111")
	p := newAgentProfile("111111111111", 1, "shop")
	g1, g2 := newAgentGeneration(p.ARN, 1, t0), newAgentGeneration(p.ARN, 2, t0.Add(time.Second))
	update(t, db, func(ctx context.Context, tx wat.Tx) error {
		return errors.Join(tx.InsertAgentProfile(ctx, p), tx.InsertAgentGeneration(ctx, g2), tx.InsertAgentGeneration(ctx, g1))
	})

	// The oldest first; a held job is not taken while its lease runs.
	now := t0.Add(time.Hour)
	a, err := claim(t, db, "worker-a", now)
	if err != nil || a.ID != g1.ID || a.Status != wat.AgentGenerationInProgress || a.Attempts != 1 || !a.StartedAt.Equal(storedTime(now)) {
		t.Fatalf("first claim = %+v, %v", a, err)
	}
	if b2, err := claim(t, db, "worker-b", now); err != nil || b2.ID != g2.ID {
		t.Fatalf("second claim = %+v, %v", b2, err)
	}
	if _, err := claim(t, db, "worker-c", now.Add(30*time.Second)); wat.ErrorCodeOf(err) != wat.ENotFound {
		t.Fatalf("claim while leases run: %v, want ENotFound", err)
	}
	// worker-a dies; after its lease, worker-c takes its job again.
	again, err := claim(t, db, "worker-c", now.Add(2*time.Minute))
	if err != nil || again.ID != g1.ID || again.LeaseOwner != "worker-c" || again.Attempts != 2 || !again.StartedAt.Equal(storedTime(now)) {
		t.Fatalf("claim after the lease = %+v, %v", again, err)
	}
	again.Status, again.EndedAt = wat.AgentGenerationCompleted, now.Add(3*time.Minute)
	update(t, db, func(ctx context.Context, tx wat.Tx) error { return tx.UpdateAgentGeneration(ctx, again) })
	var list []*wat.AgentGeneration
	update(t, db, func(ctx context.Context, tx wat.Tx) (err error) {
		list, err = tx.ListAgentGenerations(ctx, p.ARN)
		return err
	})
	if len(list) != 2 || list[0].ID != g2.ID || list[1].Status != wat.AgentGenerationCompleted || !list[1].EndedAt.Equal(storedTime(again.EndedAt)) {
		t.Fatalf("ListAgentGenerations = %+v", list)
	}
}

func testAgentRecommendations(t *testing.T, b *backend) {
	db := b.fresh(t)
	newAccount(t, db, "111111111111")
	p := newAgentProfile("111111111111", 1, "shop")
	r := &wat.AgentRecommendation{ARN: "arn:aws:wellarchitected:us-east-1:111111111111:agent-recommendation/abc", ProfileARN: p.ARN,
		PracticeKey: "wellarchitected/q/c", Type: "RESOURCE", Pillar: wat.AgentPillarSecurity, Title: "T", Description: "D",
		Impact: wat.AgentHigh, Effort: wat.AgentSmall, Priority: wat.AgentHigh, Status: wat.AgentRecommendationActive, State: wat.AgentRecommendationOpen,
		Sources: []string{wat.AgentSourceCustomerIaC}, Applications: []string{"shop"}, Steps: []string{"a", "b"},
		Links: []wat.AgentLink{{Title: "T", URL: "https://example.com"}},
		Items: []wat.AgentRecommendationItem{{ID: "i1", Type: wat.AgentItemAWSResource, ResourceName: "Bucket", ResourceType: "AWS::S3::Bucket", File: "a.yaml", Line: 3}}, Resources: 1,
		CreatedAt: t0, CreatedBy: "alice", UpdatedAt: t0, UpdatedBy: "alice"}
	update(t, db, func(ctx context.Context, tx wat.Tx) error {
		return errors.Join(tx.InsertAgentProfile(ctx, p), tx.PutAgentRecommendation(ctx, r))
	})
	r.Status, r.UpdateReason = wat.AgentRecommendationSuppressed, "not now"
	update(t, db, func(ctx context.Context, tx wat.Tx) error {
		return errors.Join(tx.PutAgentRecommendation(ctx, r),
			tx.InsertAgentFeedback(ctx, &wat.AgentFeedback{RecommendationARN: r.ARN, Type: "USEFUL", CreatedAt: t0, CreatedBy: "bob"}),
			tx.InsertAgentFeedback(ctx, &wat.AgentFeedback{RecommendationARN: r.ARN, Type: "NOT_USEFUL", Category: "OTHER", Comments: "meh", CreatedAt: t0, CreatedBy: "bob"}))
	})
	var (
		got  *wat.AgentRecommendation
		list []*wat.AgentRecommendation
		fb   []*wat.AgentFeedback
	)
	update(t, db, func(ctx context.Context, tx wat.Tx) (err error) {
		got, err = tx.GetAgentRecommendation(ctx, r.ARN)
		if err == nil {
			list, err = tx.ListAgentRecommendations(ctx, p.ARN)
		}
		if err == nil {
			fb, err = tx.ListAgentFeedback(ctx, r.ARN)
		}
		return err
	})
	want := *r
	want.CreatedAt, want.UpdatedAt = storedTime(t0), storedTime(t0)
	if d := cmp.Diff(&want, got); d != "" {
		t.Errorf("GetAgentRecommendation (-want +got):\n%s", d)
	}
	if len(list) != 1 || list[0].Items != nil || list[0].Resources != 1 || len(fb) != 2 || fb[1].Comments != "meh" || fb[0].Type != "USEFUL" {
		t.Errorf("list = %d recommendations, feedback = %+v", len(list), fb)
	}
	// Feedback on a recommendation that does not exist, and the cascade.
	err := db.Update(context.Background(), func(tx wat.Tx) error {
		return tx.InsertAgentFeedback(context.Background(), &wat.AgentFeedback{RecommendationARN: r.ARN + "x", Type: "USEFUL", CreatedAt: t0})
	})
	if wat.ErrorCodeOf(err) != wat.ENotFound {
		t.Errorf("feedback on a missing recommendation: %v", err)
	}
	update(t, db, func(ctx context.Context, tx wat.Tx) error { return tx.DeleteAgentProfile(ctx, p.ARN) })
	if _, err := func() (*wat.AgentRecommendation, error) {
		var g *wat.AgentRecommendation
		err := db.View(context.Background(), func(tx wat.Tx) (err error) {
			g, err = tx.GetAgentRecommendation(context.Background(), r.ARN)
			return err
		})
		return g, err
	}(); wat.ErrorCodeOf(err) != wat.ENotFound {
		t.Errorf("recommendation after its profile's deletion: %v", err)
	}
}
