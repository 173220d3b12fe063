package service

import (
	"context"
	"time"

	"github.com/wat-dev/wat"
)

// The goals of Agent profiles. A goal belongs to one profile and is
// reached through it: who may act on the profile (agentProfileFor) may act
// on its goals, each operation authorised as itself on the profile's ARN.
// A goal may name pillars its profile does not select; generations work
// on the pillars both name.

// AgentGoalInput is what CreateAgentGoal and UpdateAgentGoal take; for an
// update, nil members are left as they are.
type AgentGoalInput struct {
	Title, Description *string
	Pillars            []wat.AgentPillar
	// ClientToken is left out of the fingerprint of the parameters.
	ClientToken string `json:"-"`
}

func (in *AgentGoalInput) check() error {
	var pr problems
	checkAgentText(&pr, "title", in.Title, 1)
	checkAgentText(&pr, "description", in.Description, 1)
	in.Pillars = checkAgentPillars(in.Pillars)
	return pr.err()
}

func (in *AgentGoalInput) apply(g *wat.AgentGoal) {
	setStr(&g.Title, in.Title)
	setStr(&g.Description, in.Description)
	if in.Pillars != nil {
		g.Pillars = in.Pillars
	}
}

// agentGoals are the goals of Agent profiles (see agentChildren).
var agentGoals = &agentChildren[wat.AgentGoal]{
	kind: "Goal", resource: "AGENT_GOAL", quotaCode: "L-AGENT-GOALS", max: MaxAgentGoalsPerProfile,
	id:      func(g *wat.AgentGoal) string { return g.ID },
	created: func(g *wat.AgentGoal) time.Time { return g.CreatedAt },
	touch:   func(g *wat.AgentGoal, at time.Time, by string) { g.UpdatedAt, g.UpdatedBy = at, by },
	get: func(ctx context.Context, tx wat.Tx, arn, id string) (*wat.AgentGoal, error) {
		return tx.GetAgentGoal(ctx, arn, id)
	},
	list: func(ctx context.Context, tx wat.Tx, arn string) ([]*wat.AgentGoal, error) {
		return tx.ListAgentGoals(ctx, arn)
	},
	insert: func(ctx context.Context, tx wat.Tx, g *wat.AgentGoal) error { return tx.InsertAgentGoal(ctx, g) },
	update: func(ctx context.Context, tx wat.Tx, g *wat.AgentGoal) error { return tx.UpdateAgentGoal(ctx, g) },
	remove: func(ctx context.Context, tx wat.Tx, arn, id string) error { return tx.DeleteAgentGoal(ctx, arn, id) },
}

// CreateAgentGoal adds a goal to an Agent profile.
func (s *Service) CreateAgentGoal(ctx context.Context, profileARN string, in AgentGoalInput) (*wat.AgentGoal, error) {
	p, err := caller(ctx)
	if err != nil {
		return nil, err
	}
	if err := in.check(); err != nil {
		return nil, err
	}
	now := s.nowUTC()
	g := &wat.AgentGoal{ProfileARN: profileARN, ID: s.newAgentItemID(), CreatedAt: now, CreatedBy: p.UserARN, UpdatedAt: now, UpdatedBy: p.UserARN}
	in.apply(g)
	return agentGoals.create(ctx, s, profileARN, g, in.ClientToken, fingerprint("CreateAgentGoal", profileARN, in))
}

// GetAgentGoal returns a goal of an Agent profile.
func (s *Service) GetAgentGoal(ctx context.Context, profileARN, id string) (*wat.AgentGoal, error) {
	return agentGoals.one(ctx, s, profileARN, id)
}

// UpdateAgentGoal changes what in gives of a goal. A retry with the
// same clientToken changes nothing more and returns the goal as it is.
func (s *Service) UpdateAgentGoal(ctx context.Context, profileARN, id string, in AgentGoalInput) (*wat.AgentGoal, error) {
	if err := in.check(); err != nil {
		return nil, err
	}
	fp := fingerprint("UpdateAgentGoal", profileARN, id, in)
	return agentGoals.change(ctx, s, profileARN, id, in.ClientToken, fp, func(g *wat.AgentGoal) { in.apply(g) })
}

// DeleteAgentGoal deletes a goal of an Agent profile.
func (s *Service) DeleteAgentGoal(ctx context.Context, profileARN, id string) error {
	return agentGoals.drop(ctx, s, profileARN, id)
}

// ListAgentGoals returns a page of an Agent profile's goals, in the
// order they were created.
func (s *Service) ListAgentGoals(ctx context.Context, profileARN, token string, max int) ([]*wat.AgentGoal, string, error) {
	return agentGoals.page(ctx, s, profileARN, token, max)
}
