package sqlstore

import (
	"context"

	"github.com/wat-dev/wat"
)

// The Agent's recommendations and their feedback (0016_agent_generations).
// A recommendation's lists are read and written together, so they are one
// JSON record (body) rather than child tables.

// agentRecommendationBody is the stored form of a recommendation's lists.
type agentRecommendationBody struct {
	Sources       []string        `json:"sources,omitempty"`
	Applications  []string        `json:"applications,omitempty"`
	Highlights    []string        `json:"highlights,omitempty"`
	ImpactDetails []string        `json:"impactDetails,omitempty"`
	Steps         []string        `json:"steps,omitempty"`
	Links         []wat.AgentLink `json:"links,omitempty"`
	Goals         []string        `json:"goals,omitempty"`
	// TradeOffs are a language model's (0018_agent_model).
	TradeOffs []wat.AgentTradeOff `json:"tradeOffs,omitempty"`
}

const agentRecommendationColumns = `arn, profile_arn, practice_key, type, pillar, title, description,
	impact, effort, priority, rank, status, state, update_reason, body, resources, generation_id,
	created_at, created_by, updated_at, updated_by`

// PutAgentRecommendation inserts or replaces a recommendation.
func (t *tx) PutAgentRecommendation(ctx context.Context, r *wat.AgentRecommendation) error {
	body := agentRecommendationBody{r.Sources, r.Applications, r.Highlights, r.ImpactDetails, r.Steps, r.Links, r.Goals, r.TradeOffs}
	items := r.Items
	if items == nil {
		items = []wat.AgentRecommendationItem{}
	}
	_, err := t.exec(ctx, `INSERT INTO agent_recommendations (`+agentRecommendationColumns+`, items)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (arn) DO UPDATE SET type = excluded.type, title = excluded.title,
		description = excluded.description, impact = excluded.impact, effort = excluded.effort,
		priority = excluded.priority, rank = excluded.rank, status = excluded.status, state = excluded.state,
		update_reason = excluded.update_reason, body = excluded.body, items = excluded.items, resources = excluded.resources,
		generation_id = excluded.generation_id, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
		r.ARN, r.ProfileARN, r.PracticeKey, r.Type, string(r.Pillar), r.Title, r.Description,
		r.Impact, r.Effort, r.Priority, r.Rank, r.Status, r.State, r.UpdateReason, jsonText(body), r.Resources,
		r.GenerationID, timeValue(r.CreatedAt), r.CreatedBy, timeValue(r.UpdatedAt), r.UpdatedBy, recommendationItemsText(items))
	if err != nil {
		return fail("PutAgentRecommendation", r.ARN, err, outcomes{parent: agentProfileNotFound(r.ProfileARN)})
	}
	return nil
}

// GetAgentRecommendation returns one recommendation.
func (t *tx) GetAgentRecommendation(ctx context.Context, arn string) (*wat.AgentRecommendation, error) {
	r, err := scanAgentRecommendation(t.queryRow(ctx, `SELECT `+agentRecommendationColumns+`, items
		FROM agent_recommendations WHERE arn = ?`, arn), true)
	if err != nil {
		return nil, fail("GetAgentRecommendation", arn, err, outcomes{missing: agentRecommendationNotFound(arn)})
	}
	return r, nil
}

// ListAgentRecommendations returns a profile's recommendations by rank,
// without their items: a generation over many templates cites thousands
// of resources, which only a recommendation's own reads need.
func (t *tx) ListAgentRecommendations(ctx context.Context, profileARN string) ([]*wat.AgentRecommendation, error) {
	rows, err := t.query(ctx, `SELECT `+agentRecommendationColumns+` FROM agent_recommendations
		WHERE profile_arn = ? ORDER BY rank, arn`, profileARN)
	if err != nil {
		return nil, fail("ListAgentRecommendations", profileARN, err, outcomes{})
	}
	defer rows.Close()
	var out []*wat.AgentRecommendation
	for rows.Next() {
		r, err := scanAgentRecommendation(rows, false)
		if err != nil {
			return nil, fail("ListAgentRecommendations", profileARN, err, outcomes{})
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fail("ListAgentRecommendations", profileARN, err, outcomes{})
	}
	return out, nil
}

// scanAgentRecommendation reads a row of agentRecommendationColumns, and
// items after them when withItems.
func scanAgentRecommendation(s scanner, withItems bool) (*wat.AgentRecommendation, error) {
	var (
		r           wat.AgentRecommendation
		pillar      string
		body, items string
	)
	dest := []any{&r.ARN, &r.ProfileARN, &r.PracticeKey, &r.Type, &pillar, &r.Title, &r.Description,
		&r.Impact, &r.Effort, &r.Priority, &r.Rank, &r.Status, &r.State, &r.UpdateReason, &body, &r.Resources,
		&r.GenerationID, timeScanner{&r.CreatedAt}, &r.CreatedBy, timeScanner{&r.UpdatedAt}, &r.UpdatedBy}
	if withItems {
		dest = append(dest, &items)
	}
	err := s.Scan(dest...)
	if err != nil {
		return nil, err
	}
	r.Pillar = wat.AgentPillar(pillar)
	var (
		d decoder
		b agentRecommendationBody
	)
	d.json(body, &b)
	if withItems {
		d.json(items, &r.Items)
	}
	if d.err != nil {
		return nil, d.err
	}
	r.Sources, r.Applications, r.Highlights, r.ImpactDetails = b.Sources, b.Applications, b.Highlights, b.ImpactDetails
	r.Steps, r.Links, r.Goals, r.TradeOffs = b.Steps, b.Links, b.Goals, b.TradeOffs
	return &r, nil
}

// InsertAgentFeedback stores one more feedback, numbered after the last.
func (t *tx) InsertAgentFeedback(ctx context.Context, f *wat.AgentFeedback) error {
	_, err := t.exec(ctx, `INSERT INTO agent_feedback (recommendation_arn, seq, type, category, comments, created_at, created_by)
		SELECT ?, COALESCE(MAX(seq), 0) + 1, ?, ?, ?, ?, ? FROM agent_feedback WHERE recommendation_arn = ?`,
		f.RecommendationARN, f.Type, f.Category, f.Comments, timeValue(f.CreatedAt), f.CreatedBy, f.RecommendationARN)
	if err != nil {
		return fail("InsertAgentFeedback", f.RecommendationARN, err, outcomes{parent: agentRecommendationNotFound(f.RecommendationARN)})
	}
	return nil
}

// ListAgentFeedback returns a recommendation's feedback, oldest first.
func (t *tx) ListAgentFeedback(ctx context.Context, arn string) ([]*wat.AgentFeedback, error) {
	rows, err := t.query(ctx, `SELECT recommendation_arn, type, category, comments, created_at, created_by
		FROM agent_feedback WHERE recommendation_arn = ? ORDER BY seq`, arn)
	if err != nil {
		return nil, fail("ListAgentFeedback", arn, err, outcomes{})
	}
	defer rows.Close()
	var out []*wat.AgentFeedback
	for rows.Next() {
		var f wat.AgentFeedback
		if err := rows.Scan(&f.RecommendationARN, &f.Type, &f.Category, &f.Comments, timeScanner{&f.CreatedAt}, &f.CreatedBy); err != nil {
			return nil, fail("ListAgentFeedback", arn, err, outcomes{})
		}
		out = append(out, &f)
	}
	if err := rows.Err(); err != nil {
		return nil, fail("ListAgentFeedback", arn, err, outcomes{})
	}
	return out, nil
}

func agentRecommendationNotFound(arn string) *wat.Error {
	return wat.NotFound("AGENT_RECOMMENDATION", arn, "Agent recommendation %s not found", arn)
}
