package service

import (
	"context"
	"fmt"

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

func agentGoalNotFound(profileARN, id string) error {
	return wat.NotFound("AGENT_GOAL", id, "Agent goal %s not found in profile %s", id, profileARN)
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
	fp := fingerprint("CreateAgentGoal", profileARN, in)
	err = s.store.Update(ctx, func(tx wat.Tx) error {
		// The profile's lock serialises its goals' creates: the quota,
		// and a retry racing its first attempt.
		if _, err := s.agentProfileFor(ctx, tx, act("CreateAgentGoal"), profileARN, true); err != nil {
			return err
		}
		prev, err := s.agentReplay(ctx, tx, p.AccountID, "CreateAgentGoal", in.ClientToken, fp, wat.EConflict)
		if err != nil {
			return err
		}
		if prev != "" {
			g, err = s.agentGoal(ctx, tx, profileARN, prev)
			return err
		}
		all, err := tx.ListAgentGoals(ctx, profileARN)
		if err != nil {
			return err
		}
		if len(all) >= MaxAgentGoalsPerProfile {
			return wat.QuotaExceeded("AGENT_GOAL", "L-AGENT-GOALS", "The Agent profile already has %d goals, the most allowed", MaxAgentGoalsPerProfile)
		}
		if err := tx.InsertAgentGoal(ctx, g); err != nil {
			return err
		}
		return s.remember(ctx, tx, p.AccountID, "CreateAgentGoal", in.ClientToken, fp, g.ID)
	})
	if err != nil {
		return nil, fmt.Errorf("CreateAgentGoal(%s): %w", profileARN, err)
	}
	return g, nil
}

// agentGoal reads a goal of a profile already authorised.
func (s *Service) agentGoal(ctx context.Context, tx wat.Tx, profileARN, id string) (*wat.AgentGoal, error) {
	g, err := tx.GetAgentGoal(ctx, profileARN, id)
	if wat.ErrorCodeOf(err) == wat.ENotFound {
		return nil, agentGoalNotFound(profileARN, id)
	}
	return g, err
}

// GetAgentGoal returns a goal of an Agent profile.
func (s *Service) GetAgentGoal(ctx context.Context, profileARN, id string) (*wat.AgentGoal, error) {
	var g *wat.AgentGoal
	err := s.store.View(ctx, func(tx wat.Tx) error {
		if _, err := s.agentProfileFor(ctx, tx, act("GetAgentGoal"), profileARN, false); err != nil {
			return err
		}
		var err error
		g, err = s.agentGoal(ctx, tx, profileARN, id)
		return err
	})
	return g, err
}

// UpdateAgentGoal changes what in gives of a goal. A retry with the same
// clientToken changes nothing more and returns the goal as it is.
func (s *Service) UpdateAgentGoal(ctx context.Context, profileARN, id string, in AgentGoalInput) (*wat.AgentGoal, error) {
	p, err := caller(ctx)
	if err != nil {
		return nil, err
	}
	if err := in.check(); err != nil {
		return nil, err
	}
	fp := fingerprint("UpdateAgentGoal", profileARN, id, in)
	var g *wat.AgentGoal
	err = s.store.Update(ctx, func(tx wat.Tx) error {
		if _, err := s.agentProfileFor(ctx, tx, act("UpdateAgentGoal"), profileARN, true); err != nil {
			return err
		}
		if g, err = s.agentGoal(ctx, tx, profileARN, id); err != nil {
			return err
		}
		prev, err := s.agentReplay(ctx, tx, p.AccountID, "UpdateAgentGoal", in.ClientToken, fp, wat.EInvalid)
		if err != nil || prev != "" {
			return err
		}
		in.apply(g)
		g.UpdatedAt, g.UpdatedBy = s.nowUTC(), p.UserARN
		if err := tx.UpdateAgentGoal(ctx, g); err != nil {
			return err
		}
		return s.remember(ctx, tx, p.AccountID, "UpdateAgentGoal", in.ClientToken, fp, g.ID)
	})
	if err != nil {
		return nil, fmt.Errorf("UpdateAgentGoal(%s, %s): %w", profileARN, id, err)
	}
	return g, nil
}

// DeleteAgentGoal deletes a goal of an Agent profile.
func (s *Service) DeleteAgentGoal(ctx context.Context, profileARN, id string) error {
	err := s.store.Update(ctx, func(tx wat.Tx) error {
		if _, err := s.agentProfileFor(ctx, tx, act("DeleteAgentGoal"), profileARN, true); err != nil {
			return err
		}
		err := tx.DeleteAgentGoal(ctx, profileARN, id)
		if wat.ErrorCodeOf(err) == wat.ENotFound {
			return agentGoalNotFound(profileARN, id)
		}
		return err
	})
	if err != nil {
		return fmt.Errorf("DeleteAgentGoal(%s, %s): %w", profileARN, id, err)
	}
	return nil
}

// ListAgentGoals returns a page of an Agent profile's goals, in the order
// they were created.
func (s *Service) ListAgentGoals(ctx context.Context, profileARN, token string, max int) ([]*wat.AgentGoal, string, error) {
	var (
		page []*wat.AgentGoal
		next string
	)
	position := func(g *wat.AgentGoal) pageToken { return createdPosition(g.CreatedAt, g.ID) }
	err := s.store.View(ctx, func(tx wat.Tx) error {
		if _, err := s.agentProfileFor(ctx, tx, act("ListAgentGoals"), profileARN, false); err != nil {
			return err
		}
		all, err := tx.ListAgentGoals(ctx, profileARN)
		if err != nil {
			return err
		}
		sortByPosition(all, position)
		page, next, err = pageAfter(all, position, token, max, agentPageSize)
		return err
	})
	return page, next, err
}
