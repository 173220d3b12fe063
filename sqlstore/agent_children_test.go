package sqlstore

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/wat-dev/wat"
)

func newAgentGoal(profileARN string, n int, created time.Time) *wat.AgentGoal {
	return &wat.AgentGoal{ProfileARN: profileARN, ID: fmt.Sprintf("%032x", n), Title: fmt.Sprintf("Goal %d", n), Description: "Cut the bill",
		Pillars: []wat.AgentPillar{wat.AgentPillarCostOptimization}, CreatedAt: created, CreatedBy: "alice", UpdatedAt: created, UpdatedBy: "alice"}
}

func newAgentContext(profileARN string, n int, created time.Time) *wat.AgentContext {
	return &wat.AgentContext{ProfileARN: profileARN, ID: fmt.Sprintf("%032x", n), Type: wat.AgentContextApplication, Title: fmt.Sprintf("App %d", n),
		Content: wat.AgentContextContent{
			AccountIDs: []string{"111111111111"}, Regions: []string{"us-east-1"}, AWSServices: []string{"Amazon S3"},
			ResourceTypes: []string{"AWS::S3::Bucket"}, ResourceTags: []wat.AgentResourceTag{{Key: "app", Value: "shop"}, {Key: "empty", Value: ""}},
			ApplicationType: "SAS", Criticality: "MISSION_CRITICAL", ApplicationOverview: "A shop", ArchitectureOverview: "Serverless",
			AdditionalContext: "Peak at Christmas", Industry: "Retail",
		},
		CreatedAt: created, CreatedBy: "alice", UpdatedAt: created, UpdatedBy: "alice"}
}

func testAgentChildren(t *testing.T, b *backend) {
	db := b.fresh(t)
	newAccount(t, db, "111111111111")
	p := newAgentProfile("111111111111", 1, "shop")
	update(t, db, func(ctx context.Context, tx wat.Tx) error { return tx.InsertAgentProfile(ctx, p) })

	// Listed by creation time, then ID, whatever the insertion order.
	g3, g1, g2 := newAgentGoal(p.ARN, 3, t0), newAgentGoal(p.ARN, 1, t0.Add(time.Second)), newAgentGoal(p.ARN, 2, t0)
	g1.Description, g1.Pillars = "", nil
	c2, c1 := newAgentContext(p.ARN, 2, t0.Add(time.Second)), newAgentContext(p.ARN, 1, t0.Add(time.Second))
	c1.Content = wat.AgentContextContent{}
	update(t, db, func(ctx context.Context, tx wat.Tx) error {
		for _, g := range []*wat.AgentGoal{g3, g1, g2} {
			if err := tx.InsertAgentGoal(ctx, g); err != nil {
				return err
			}
		}
		for _, c := range []*wat.AgentContext{c2, c1} {
			if err := tx.InsertAgentContext(ctx, c); err != nil {
				return err
			}
		}
		return nil
	})
	storedGoal := func(g *wat.AgentGoal) *wat.AgentGoal {
		c := *g
		c.CreatedAt, c.UpdatedAt = storedTime(g.CreatedAt), storedTime(g.UpdatedAt)
		return &c
	}
	storedContext := func(x *wat.AgentContext) *wat.AgentContext {
		c := *x
		c.CreatedAt, c.UpdatedAt = storedTime(x.CreatedAt), storedTime(x.UpdatedAt)
		return &c
	}
	var (
		goals    []*wat.AgentGoal
		contexts []*wat.AgentContext
	)
	list := func() {
		t.Helper()
		if err := view(db, func(ctx context.Context, tx wat.Tx) (err error) {
			if goals, err = tx.ListAgentGoals(ctx, p.ARN); err != nil {
				return err
			}
			contexts, err = tx.ListAgentContexts(ctx, p.ARN)
			return err
		}); err != nil {
			t.Fatal(err)
		}
	}
	list()
	if diff := cmp.Diff([]*wat.AgentGoal{storedGoal(g2), storedGoal(g3), storedGoal(g1)}, goals); diff != "" {
		t.Errorf("ListAgentGoals (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]*wat.AgentContext{storedContext(c1), storedContext(c2)}, contexts); diff != "" {
		t.Errorf("ListAgentContexts (-want +got):\n%s", diff)
	}

	g2.Title, g2.Description, g2.Pillars, g2.UpdatedAt, g2.UpdatedBy = "Renamed", "", []wat.AgentPillar{wat.AgentPillarSecurity}, t0.Add(time.Hour), "bob"
	c2.Title, c2.Content, c2.UpdatedAt, c2.UpdatedBy = "Renamed", wat.AgentContextContent{Industry: "Banking"}, t0.Add(time.Hour), "bob"
	update(t, db, func(ctx context.Context, tx wat.Tx) error {
		if err := tx.UpdateAgentGoal(ctx, g2); err != nil {
			return err
		}
		return tx.UpdateAgentContext(ctx, c2)
	})
	var (
		g *wat.AgentGoal
		c *wat.AgentContext
	)
	if err := view(db, func(ctx context.Context, tx wat.Tx) (err error) {
		if g, err = tx.GetAgentGoal(ctx, p.ARN, g2.ID); err != nil {
			return err
		}
		c, err = tx.GetAgentContext(ctx, p.ARN, c2.ID)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(storedGoal(g2), g); diff != "" {
		t.Errorf("GetAgentGoal after an update (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(storedContext(c2), c); diff != "" {
		t.Errorf("GetAgentContext after an update (-want +got):\n%s", diff)
	}

	update(t, db, func(ctx context.Context, tx wat.Tx) error {
		if err := tx.DeleteAgentGoal(ctx, p.ARN, g3.ID); err != nil {
			return err
		}
		return tx.DeleteAgentContext(ctx, p.ARN, c1.ID)
	})
	list()
	if len(goals) != 2 || len(contexts) != 1 {
		t.Errorf("after deleting one of each: %d goals, %d contexts; want 2, 1", len(goals), len(contexts))
	}

	// Missing goals, contexts and profiles.
	wantError(t, try(db, func(ctx context.Context, tx wat.Tx) error { return tx.DeleteAgentGoal(ctx, p.ARN, g3.ID) }), wat.ENotFound, "AGENT_GOAL")
	wantError(t, try(db, func(ctx context.Context, tx wat.Tx) error { return tx.UpdateAgentGoal(ctx, g3) }), wat.ENotFound, "AGENT_GOAL")
	wantError(t, view(db, func(ctx context.Context, tx wat.Tx) error { _, err := tx.GetAgentGoal(ctx, p.ARN, g3.ID); return err }), wat.ENotFound, "AGENT_GOAL")
	wantError(t, try(db, func(ctx context.Context, tx wat.Tx) error { return tx.DeleteAgentContext(ctx, p.ARN, c1.ID) }), wat.ENotFound, "AGENT_CONTEXT")
	wantError(t, try(db, func(ctx context.Context, tx wat.Tx) error { return tx.UpdateAgentContext(ctx, c1) }), wat.ENotFound, "AGENT_CONTEXT")
	wantError(t, view(db, func(ctx context.Context, tx wat.Tx) error {
		_, err := tx.GetAgentContext(ctx, p.ARN, c1.ID)
		return err
	}), wat.ENotFound, "AGENT_CONTEXT")
	wantError(t, try(db, func(ctx context.Context, tx wat.Tx) error { return tx.InsertAgentGoal(ctx, g2) }), wat.EConflict, "AGENT_GOAL")
	orphan := agentProfileARN("111111111111", 9)
	wantError(t, try(db, func(ctx context.Context, tx wat.Tx) error {
		return tx.InsertAgentGoal(ctx, newAgentGoal(orphan, 7, t0))
	}), wat.ENotFound, "AGENT_PROFILE")
	wantError(t, try(db, func(ctx context.Context, tx wat.Tx) error {
		return tx.InsertAgentContext(ctx, newAgentContext(orphan, 7, t0))
	}), wat.ENotFound, "AGENT_PROFILE")
}

// testAgentCascades checks that a profile takes its goals and contexts
// along, and an account its profiles.
func testAgentCascades(t *testing.T, b *backend) {
	db := b.fresh(t)
	newAccount(t, db, "111111111111")
	p, kept := newAgentProfile("111111111111", 1, "doomed"), newAgentProfile("111111111111", 2, "kept")
	update(t, db, func(ctx context.Context, tx wat.Tx) error {
		for _, x := range []*wat.AgentProfile{p, kept} {
			if err := tx.InsertAgentProfile(ctx, x); err != nil {
				return err
			}
			if err := tx.InsertAgentGoal(ctx, newAgentGoal(x.ARN, 1, t0)); err != nil {
				return err
			}
			if err := tx.InsertAgentContext(ctx, newAgentContext(x.ARN, 1, t0)); err != nil {
				return err
			}
		}
		return nil
	})
	update(t, db, func(ctx context.Context, tx wat.Tx) error { return tx.DeleteAgentProfile(ctx, p.ARN) })
	for _, table := range []string{"agent_goals", "agent_contexts"} {
		if n := rowCount(t, db, table, "profile_arn", p.ARN); n != 0 {
			t.Errorf("%s keeps %d rows of a deleted profile", table, n)
		}
		if n := rowCount(t, db, table, "profile_arn", kept.ARN); n != 1 {
			t.Errorf("%s has %d rows of the other profile, want 1", table, n)
		}
	}
	// The name of a deleted profile is free again.
	update(t, db, func(ctx context.Context, tx wat.Tx) error {
		return tx.InsertAgentProfile(ctx, newAgentProfile("111111111111", 3, "doomed"))
	})

	update(t, db, func(ctx context.Context, tx wat.Tx) error { return tx.DeleteAccount(ctx, "111111111111") })
	for _, table := range []string{"agent_profiles", "agent_goals", "agent_contexts"} {
		column := "profile_arn"
		if table == "agent_profiles" {
			column = "arn"
		}
		if n := rowCount(t, db, table, column, kept.ARN); n != 0 {
			t.Errorf("%s keeps %d rows of a deleted account", table, n)
		}
	}
}
