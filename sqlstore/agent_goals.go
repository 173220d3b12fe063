package sqlstore

import (
	"context"

	"github.com/wat-dev/wat"
)

// The goals of Agent profiles: rows under their profile
// (agent_profiles.go), keyed by (profile_arn, id), listed in the order they
// were created, as contexts are (agent_contexts.go).

// InsertAgentGoal stores a new goal of a profile.
func (t *tx) InsertAgentGoal(ctx context.Context, g *wat.AgentGoal) error {
	_, err := t.exec(ctx, `INSERT INTO agent_goals (profile_arn, id, title, description, pillars,
		created_at, created_by, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		g.ProfileARN, g.ID, g.Title, g.Description, listText(g.Pillars),
		timeValue(g.CreatedAt), g.CreatedBy, timeValue(g.UpdatedAt), g.UpdatedBy)
	if err != nil {
		return fail("InsertAgentGoal", g.ProfileARN+" "+g.ID, err, outcomes{
			conflict: wat.Conflict("AGENT_GOAL", g.ID, "Agent profile %s already has a goal %s", g.ProfileARN, g.ID),
			parent:   agentProfileNotFound(g.ProfileARN),
		})
	}
	return nil
}

const agentGoalColumns = `profile_arn, id, title, description, pillars, created_at, created_by, updated_at, updated_by`

// GetAgentGoal returns one goal of a profile.
func (t *tx) GetAgentGoal(ctx context.Context, profileARN, id string) (*wat.AgentGoal, error) {
	g, err := scanAgentGoal(t.queryRow(ctx, `SELECT `+agentGoalColumns+` FROM agent_goals WHERE profile_arn = ? AND id = ?`, profileARN, id))
	if err != nil {
		return nil, fail("GetAgentGoal", profileARN+" "+id, err, outcomes{missing: agentGoalNotFound(profileARN, id)})
	}
	return g, nil
}

// UpdateAgentGoal stores a goal's title, description, pillars and last
// change.
func (t *tx) UpdateAgentGoal(ctx context.Context, g *wat.AgentGoal) error {
	res, err := t.exec(ctx, `UPDATE agent_goals SET title = ?, description = ?, pillars = ?, updated_at = ?, updated_by = ?
		WHERE profile_arn = ? AND id = ?`,
		g.Title, g.Description, listText(g.Pillars), timeValue(g.UpdatedAt), g.UpdatedBy, g.ProfileARN, g.ID)
	if err == nil {
		err = mustAffect(res)
	}
	if err != nil {
		return fail("UpdateAgentGoal", g.ProfileARN+" "+g.ID, err, outcomes{missing: agentGoalNotFound(g.ProfileARN, g.ID)})
	}
	return nil
}

// DeleteAgentGoal removes a goal.
func (t *tx) DeleteAgentGoal(ctx context.Context, profileARN, id string) error {
	res, err := t.exec(ctx, `DELETE FROM agent_goals WHERE profile_arn = ? AND id = ?`, profileARN, id)
	if err == nil {
		err = mustAffect(res)
	}
	if err != nil {
		return fail("DeleteAgentGoal", profileARN+" "+id, err, outcomes{missing: agentGoalNotFound(profileARN, id)})
	}
	return nil
}

// ListAgentGoals returns a profile's goals in the order they were created.
func (t *tx) ListAgentGoals(ctx context.Context, profileARN string) ([]*wat.AgentGoal, error) {
	rows, err := t.query(ctx, `SELECT `+agentGoalColumns+` FROM agent_goals WHERE profile_arn = ? ORDER BY created_at, id`, profileARN)
	if err != nil {
		return nil, fail("ListAgentGoals", profileARN, err, outcomes{})
	}
	defer rows.Close()
	var gs []*wat.AgentGoal
	for rows.Next() {
		g, err := scanAgentGoal(rows)
		if err != nil {
			return nil, fail("ListAgentGoals", profileARN, err, outcomes{})
		}
		gs = append(gs, g)
	}
	if err := rows.Err(); err != nil {
		return nil, fail("ListAgentGoals", profileARN, err, outcomes{})
	}
	return gs, nil
}

func scanAgentGoal(s scanner) (*wat.AgentGoal, error) {
	var (
		g       wat.AgentGoal
		pillars string
	)
	err := s.Scan(&g.ProfileARN, &g.ID, &g.Title, &g.Description, &pillars,
		timeScanner{&g.CreatedAt}, &g.CreatedBy, timeScanner{&g.UpdatedAt}, &g.UpdatedBy)
	if err != nil {
		return nil, err
	}
	var d decoder
	g.Pillars = agentPillars(d.list(pillars))
	if d.err != nil {
		return nil, d.err
	}
	return &g, nil
}

func agentGoalNotFound(profileARN, id string) *wat.Error {
	return wat.NotFound("AGENT_GOAL", id, "Agent profile %s has no goal %s", profileARN, id)
}
