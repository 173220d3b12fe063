package sqlstore

import (
	"context"
	"time"

	"github.com/wat-dev/wat"
)

// The Agent's generations: durable jobs under their profile, claimed by
// workers under a lease (0016_agent_generations).

var _ wat.AgentWorkTx = (*tx)(nil)

const agentGenerationColumns = `profile_arn, id, name, type, pillars, goal_ids, status, estimated_completion,
	started_at, ended_at, error_code, error_message, lease_owner, lease_until, attempts,
	created_at, created_by, updated_at, updated_by, model, items, additional_context`

// InsertAgentGeneration queues a generation.
func (t *tx) InsertAgentGeneration(ctx context.Context, g *wat.AgentGeneration) error {
	_, err := t.exec(ctx, `INSERT INTO agent_generations (`+agentGenerationColumns+`)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		g.ProfileARN, g.ID, g.Name, g.Type, listText(g.Pillars), listText(g.GoalIDs), g.Status,
		timeValue(g.EstimatedCompletion), timeValue(g.StartedAt), timeValue(g.EndedAt),
		g.ErrorCode, g.ErrorMessage, g.LeaseOwner, timeValue(g.LeaseUntil), g.Attempts,
		timeValue(g.CreatedAt), g.CreatedBy, timeValue(g.UpdatedAt), g.UpdatedBy, agentModelText(g.Model),
		agentScopeItemsText(g.Items), g.AdditionalContext)
	if err != nil {
		return fail("InsertAgentGeneration", g.ProfileARN+" "+g.ID, err, outcomes{
			conflict: wat.Conflict("AGENT_GENERATION", g.ID, "Agent profile %s already has a generation %s", g.ProfileARN, g.ID),
			parent:   agentProfileNotFound(g.ProfileARN),
		})
	}
	return nil
}

// GetAgentGeneration returns one generation of a profile.
func (t *tx) GetAgentGeneration(ctx context.Context, profileARN, id string) (*wat.AgentGeneration, error) {
	g, err := scanAgentGeneration(t.queryRow(ctx, `SELECT `+agentGenerationColumns+` FROM agent_generations
		WHERE profile_arn = ? AND id = ?`, profileARN, id))
	if err != nil {
		return nil, fail("GetAgentGeneration", profileARN+" "+id, err, outcomes{
			missing: wat.NotFound("AGENT_GENERATION", id, "Agent profile %s has no generation %s", profileARN, id)})
	}
	return g, nil
}

// ListAgentGenerations returns a profile's generations, newest first.
func (t *tx) ListAgentGenerations(ctx context.Context, profileARN string) ([]*wat.AgentGeneration, error) {
	rows, err := t.query(ctx, `SELECT `+agentGenerationColumns+` FROM agent_generations
		WHERE profile_arn = ? ORDER BY created_at DESC, id`, profileARN)
	if err != nil {
		return nil, fail("ListAgentGenerations", profileARN, err, outcomes{})
	}
	defer rows.Close()
	var out []*wat.AgentGeneration
	for rows.Next() {
		g, err := scanAgentGeneration(rows)
		if err != nil {
			return nil, fail("ListAgentGenerations", profileARN, err, outcomes{})
		}
		out = append(out, g)
	}
	if err := rows.Err(); err != nil {
		return nil, fail("ListAgentGenerations", profileARN, err, outcomes{})
	}
	return out, nil
}

// ClaimAgentGeneration takes the oldest job that is queued or whose
// worker's lease has run out. On PostgreSQL the row is locked with SKIP
// LOCKED, so that another replica looking at the same moment takes the
// next job instead of waiting for this one; on SQLite the transaction runs
// on the single writer, which serialises claims.
func (t *tx) ClaimAgentGeneration(ctx context.Context, owner string, now, leaseUntil time.Time) (*wat.AgentGeneration, error) {
	q := `SELECT ` + agentGenerationColumns + ` FROM agent_generations
		WHERE status = 'QUEUED' OR (status = 'IN_PROGRESS' AND lease_until < ?)
		ORDER BY created_at, id LIMIT 1`
	if t.db.dialect.name == "postgres" {
		q += ` FOR UPDATE SKIP LOCKED`
	}
	g, err := scanAgentGeneration(t.queryRow(ctx, q, timeValue(now)))
	if err != nil {
		return nil, fail("ClaimAgentGeneration", owner, err, outcomes{
			missing: wat.NotFound("AGENT_GENERATION", "", "No Agent generation is waiting")})
	}
	// The claim reads back as a later Get would: times as stored.
	now = storedTime(now)
	g.Status, g.LeaseOwner, g.LeaseUntil = wat.AgentGenerationInProgress, owner, storedTime(leaseUntil)
	g.Attempts++
	if g.StartedAt.IsZero() {
		g.StartedAt = now
	}
	g.UpdatedAt = now
	if err := t.UpdateAgentGeneration(ctx, g); err != nil {
		return nil, err
	}
	return g, nil
}

// UpdateAgentGeneration stores a generation's progress.
func (t *tx) UpdateAgentGeneration(ctx context.Context, g *wat.AgentGeneration) error {
	res, err := t.exec(ctx, `UPDATE agent_generations SET status = ?, estimated_completion = ?, started_at = ?,
		ended_at = ?, error_code = ?, error_message = ?, lease_owner = ?, lease_until = ?, attempts = ?,
		updated_at = ?, updated_by = ?, model = ? WHERE profile_arn = ? AND id = ?`,
		g.Status, timeValue(g.EstimatedCompletion), timeValue(g.StartedAt), timeValue(g.EndedAt),
		g.ErrorCode, g.ErrorMessage, g.LeaseOwner, timeValue(g.LeaseUntil), g.Attempts,
		timeValue(g.UpdatedAt), g.UpdatedBy, agentModelText(g.Model), g.ProfileARN, g.ID)
	if err == nil {
		err = mustAffect(res)
	}
	if err != nil {
		return fail("UpdateAgentGeneration", g.ProfileARN+" "+g.ID, err, outcomes{
			missing: wat.NotFound("AGENT_GENERATION", g.ID, "Agent profile %s has no generation %s", g.ProfileARN, g.ID)})
	}
	return nil
}

func scanAgentGeneration(s scanner) (*wat.AgentGeneration, error) {
	var (
		g                       wat.AgentGeneration
		pillars, goalIDs, model string
		items                   string
	)
	err := s.Scan(&g.ProfileARN, &g.ID, &g.Name, &g.Type, &pillars, &goalIDs, &g.Status,
		timeScanner{&g.EstimatedCompletion}, timeScanner{&g.StartedAt}, timeScanner{&g.EndedAt},
		&g.ErrorCode, &g.ErrorMessage, &g.LeaseOwner, timeScanner{&g.LeaseUntil}, &g.Attempts,
		timeScanner{&g.CreatedAt}, &g.CreatedBy, timeScanner{&g.UpdatedAt}, &g.UpdatedBy, &model,
		&items, &g.AdditionalContext)
	if err != nil {
		return nil, err
	}
	var d decoder
	g.Pillars = agentPillars(d.list(pillars))
	g.GoalIDs = d.list(goalIDs)
	g.Items = agentScopeItemsOf(&d, items)
	if model != "" {
		g.Model = &wat.AgentModelRun{}
		d.json(model, g.Model)
	}
	if d.err != nil {
		return nil, d.err
	}
	return &g, nil
}

// agentModelText is the stored form of a generation's model record,
// empty for none (no model configured, or not run yet).
func agentModelText(m *wat.AgentModelRun) string {
	if m == nil {
		return ""
	}
	return jsonText(m)
}

// agentItemRecord is the stored form of a wat.AgentPillarItems in a
// generation's items column (0021_agent_generation_scope).
type agentItemRecord struct {
	Pillar string   `json:"pillar"`
	IDs    []string `json:"ids"`
}

func agentScopeItemsText(items []wat.AgentPillarItems) string {
	rs := make([]agentItemRecord, len(items))
	for i, it := range items {
		rs[i] = agentItemRecord{Pillar: string(it.Pillar), IDs: it.IDs}
	}
	return jsonText(rs)
}

func agentScopeItemsOf(d *decoder, text string) []wat.AgentPillarItems {
	var rs []agentItemRecord
	d.json(text, &rs)
	var out []wat.AgentPillarItems
	for _, r := range rs {
		out = append(out, wat.AgentPillarItems{Pillar: wat.AgentPillar(r.Pillar), IDs: r.IDs})
	}
	return out
}
