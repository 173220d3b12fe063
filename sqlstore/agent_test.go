package sqlstore

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/wat-dev/wat"
)

// TestAgentStore runs the contract of wat.AgentTx on every backend.
func TestAgentStore(t *testing.T) {
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			if b.require != nil {
				b.require(t)
			}
			t.Run("Profiles", func(t *testing.T) { testAgentProfiles(t, b) })
			t.Run("GoalsAndContexts", func(t *testing.T) { testAgentChildren(t, b) })
			t.Run("Cascades", func(t *testing.T) { testAgentCascades(t, b) })
		})
	}
}

func agentProfileARN(account string, n int) string {
	return fmt.Sprintf("arn:aws:wellarchitected:us-east-1:%s:agent-profile/%032x", account, n)
}

func newAgentProfile(account string, n int, name string) *wat.AgentProfile {
	return &wat.AgentProfile{
		ARN: agentProfileARN(account, n), AccountID: account, Name: name, DisplayName: "Shop " + name,
		Description: "Everything the shop runs", BusinessOverview: "Sells things", ExecutionRoleARN: "arn:aws:iam::" + account + ":role/agent",
		Pillars: []wat.AgentPillar{wat.AgentPillarSecurity, wat.AgentPillarResilience},
		Scope: []wat.AgentScope{
			{AccountID: account, Regions: []string{"us-east-1", "eu-west-1"}, AccessRoleARN: "arn:aws:iam::" + account + ":role/read"},
			{AccountID: "333333333333"}, // incomplete: stored as it is
		},
		DeletionProtection: true, Tags: map[string]string{"team": "shop"},
		CreatedAt: t0, CreatedBy: "arn:aws:iam::" + account + ":user/alice", UpdatedAt: t0.Add(time.Minute), UpdatedBy: "arn:aws:iam::" + account + ":user/bob",
	}
}

// stored returns what the store gives back of a value it kept: times in
// UTC to the microsecond.
func storedAgentProfile(p *wat.AgentProfile) *wat.AgentProfile {
	c := *p
	c.CreatedAt, c.UpdatedAt = storedTime(p.CreatedAt), storedTime(p.UpdatedAt)
	return &c
}

func getAgentProfile(tb testing.TB, db *DB, arn string) (*wat.AgentProfile, error) {
	tb.Helper()
	var p *wat.AgentProfile
	err := view(db, func(ctx context.Context, tx wat.Tx) (err error) {
		p, err = tx.GetAgentProfile(ctx, arn, false)
		return err
	})
	return p, err
}

func testAgentProfiles(t *testing.T, b *backend) {
	db := b.fresh(t)
	newAccount(t, db, "111111111111")
	newAccount(t, db, "222222222222")
	p2, p1 := newAgentProfile("111111111111", 2, "beta"), newAgentProfile("111111111111", 1, "alpha")
	p1.Tags, p1.Scope, p1.Pillars, p1.DisplayName = nil, nil, nil, ""
	other := newAgentProfile("222222222222", 3, "alpha")
	for _, p := range []*wat.AgentProfile{p2, p1, other} {
		update(t, db, func(ctx context.Context, tx wat.Tx) error { return tx.InsertAgentProfile(ctx, p) })
	}
	for _, want := range []*wat.AgentProfile{p1, p2} {
		got, err := getAgentProfile(t, db, want.ARN)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(storedAgentProfile(want), got); diff != "" {
			t.Errorf("GetAgentProfile(%s) (-want +got):\n%s", want.Name, diff)
		}
		wantUTC(t, got.CreatedAt, got.UpdatedAt)
	}

	// Names are unique by name key in an account, not across accounts.
	dup := newAgentProfile("111111111111", 4, " ALPHA ")
	wantError(t, try(db, func(ctx context.Context, tx wat.Tx) error { return tx.InsertAgentProfile(ctx, dup) }), wat.EConflict, "AGENT_PROFILE")
	orphan := newAgentProfile("999999999999", 5, "orphan")
	wantError(t, try(db, func(ctx context.Context, tx wat.Tx) error { return tx.InsertAgentProfile(ctx, orphan) }), wat.ENotFound, "ACCOUNT")

	changed := *p2
	changed.Name, changed.AccountID, changed.CreatedBy = "ignored", "222222222222", "ignored" // never change
	changed.DisplayName, changed.Description, changed.BusinessOverview, changed.ExecutionRoleARN = "Changed", "", "", ""
	changed.Pillars, changed.Scope, changed.DeletionProtection, changed.Tags = []wat.AgentPillar{wat.AgentPillarCostOptimization}, nil, false, nil
	changed.UpdatedAt, changed.UpdatedBy = t0.Add(time.Hour), "arn:aws:iam::111111111111:user/carol"
	update(t, db, func(ctx context.Context, tx wat.Tx) error { return tx.UpdateAgentProfile(ctx, &changed) })
	want := changed
	want.Name, want.AccountID, want.CreatedBy = p2.Name, p2.AccountID, p2.CreatedBy
	got, err := getAgentProfile(t, db, p2.ARN)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(storedAgentProfile(&want), got); diff != "" {
		t.Errorf("after UpdateAgentProfile (-want +got):\n%s", diff)
	}

	var list []*wat.AgentProfile
	if err := view(db, func(ctx context.Context, tx wat.Tx) (err error) {
		list, err = tx.ListAgentProfiles(ctx, "111111111111")
		return err
	}); err != nil {
		t.Fatal(err)
	}
	var arns []string
	for _, p := range list {
		arns = append(arns, p.ARN)
	}
	if diff := cmp.Diff([]string{p1.ARN, p2.ARN}, arns); diff != "" {
		t.Errorf("ListAgentProfiles (-want +got):\n%s", diff)
	}

	missing := agentProfileARN("111111111111", 9)
	ghost := newAgentProfile("111111111111", 9, "ghost")
	wantError(t, try(db, func(ctx context.Context, tx wat.Tx) error { return tx.UpdateAgentProfile(ctx, ghost) }), wat.ENotFound, "AGENT_PROFILE")
	wantError(t, try(db, func(ctx context.Context, tx wat.Tx) error { return tx.DeleteAgentProfile(ctx, missing) }), wat.ENotFound, "AGENT_PROFILE")
	_, err = getAgentProfile(t, db, missing)
	wantError(t, err, wat.ENotFound, "AGENT_PROFILE")
}
