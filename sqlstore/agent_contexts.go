package sqlstore

import (
	"context"

	"github.com/wat-dev/wat"
)

// The contexts of Agent profiles: rows under their profile, keyed by
// (profile_arn, id), listed in the order they were created. A context's
// content is one JSON column: it is only ever read and written whole.

// agentContentRecord is a wat.AgentContextContent as stored in
// agent_contexts.content.
type agentContentRecord struct {
	AccountIDs           []string         `json:"accountIds,omitempty"`
	Regions              []string         `json:"regions,omitempty"`
	AWSServices          []string         `json:"awsServices,omitempty"`
	ResourceTypes        []string         `json:"resourceTypes,omitempty"`
	ResourceTags         []agentTagRecord `json:"resourceTags,omitempty"`
	ApplicationType      string           `json:"applicationType,omitempty"`
	Criticality          string           `json:"criticality,omitempty"`
	ApplicationOverview  string           `json:"applicationOverview,omitempty"`
	ArchitectureOverview string           `json:"architectureOverview,omitempty"`
	AdditionalContext    string           `json:"additionalContext,omitempty"`
	Industry             string           `json:"industry,omitempty"`
}

type agentTagRecord struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}

func agentContentText(c wat.AgentContextContent) string {
	r := agentContentRecord{AccountIDs: c.AccountIDs, Regions: c.Regions, AWSServices: c.AWSServices, ResourceTypes: c.ResourceTypes,
		ApplicationType: c.ApplicationType, Criticality: c.Criticality, ApplicationOverview: c.ApplicationOverview,
		ArchitectureOverview: c.ArchitectureOverview, AdditionalContext: c.AdditionalContext, Industry: c.Industry}
	for _, t := range c.ResourceTags {
		r.ResourceTags = append(r.ResourceTags, agentTagRecord(t))
	}
	return jsonText(r)
}

func (r *agentContentRecord) domain() wat.AgentContextContent {
	c := wat.AgentContextContent{AccountIDs: nilIfEmpty(r.AccountIDs), Regions: nilIfEmpty(r.Regions),
		AWSServices: nilIfEmpty(r.AWSServices), ResourceTypes: nilIfEmpty(r.ResourceTypes),
		ApplicationType: r.ApplicationType, Criticality: r.Criticality, ApplicationOverview: r.ApplicationOverview,
		ArchitectureOverview: r.ArchitectureOverview, AdditionalContext: r.AdditionalContext, Industry: r.Industry}
	for _, t := range r.ResourceTags {
		c.ResourceTags = append(c.ResourceTags, wat.AgentResourceTag(t))
	}
	return c
}

const agentContextColumns = `profile_arn, id, context_type, title, content, created_at, created_by, updated_at, updated_by`

// InsertAgentContext stores a new context of a profile.
func (t *tx) InsertAgentContext(ctx context.Context, c *wat.AgentContext) error {
	_, err := t.exec(ctx, `INSERT INTO agent_contexts (profile_arn, id, context_type, title, content,
		created_at, created_by, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		c.ProfileARN, c.ID, c.Type, c.Title, agentContentText(c.Content),
		timeValue(c.CreatedAt), c.CreatedBy, timeValue(c.UpdatedAt), c.UpdatedBy)
	if err != nil {
		return fail("InsertAgentContext", c.ProfileARN+" "+c.ID, err, outcomes{
			conflict: wat.Conflict("AGENT_CONTEXT", c.ID, "Agent profile %s already has a context %s", c.ProfileARN, c.ID),
			parent:   agentProfileNotFound(c.ProfileARN),
		})
	}
	return nil
}

// GetAgentContext returns one context of a profile.
func (t *tx) GetAgentContext(ctx context.Context, profileARN, id string) (*wat.AgentContext, error) {
	c, err := scanAgentContext(t.queryRow(ctx, `SELECT `+agentContextColumns+` FROM agent_contexts WHERE profile_arn = ? AND id = ?`, profileARN, id))
	if err != nil {
		return nil, fail("GetAgentContext", profileARN+" "+id, err, outcomes{missing: agentContextNotFound(profileARN, id)})
	}
	return c, nil
}

// UpdateAgentContext stores a context's title, content and last change;
// its type never changes.
func (t *tx) UpdateAgentContext(ctx context.Context, c *wat.AgentContext) error {
	res, err := t.exec(ctx, `UPDATE agent_contexts SET title = ?, content = ?, updated_at = ?, updated_by = ?
		WHERE profile_arn = ? AND id = ?`,
		c.Title, agentContentText(c.Content), timeValue(c.UpdatedAt), c.UpdatedBy, c.ProfileARN, c.ID)
	if err == nil {
		err = mustAffect(res)
	}
	if err != nil {
		return fail("UpdateAgentContext", c.ProfileARN+" "+c.ID, err, outcomes{missing: agentContextNotFound(c.ProfileARN, c.ID)})
	}
	return nil
}

// DeleteAgentContext removes a context.
func (t *tx) DeleteAgentContext(ctx context.Context, profileARN, id string) error {
	res, err := t.exec(ctx, `DELETE FROM agent_contexts WHERE profile_arn = ? AND id = ?`, profileARN, id)
	if err == nil {
		err = mustAffect(res)
	}
	if err != nil {
		return fail("DeleteAgentContext", profileARN+" "+id, err, outcomes{missing: agentContextNotFound(profileARN, id)})
	}
	return nil
}

// ListAgentContexts returns a profile's contexts in the order they were
// created.
func (t *tx) ListAgentContexts(ctx context.Context, profileARN string) ([]*wat.AgentContext, error) {
	rows, err := t.query(ctx, `SELECT `+agentContextColumns+` FROM agent_contexts WHERE profile_arn = ? ORDER BY created_at, id`, profileARN)
	if err != nil {
		return nil, fail("ListAgentContexts", profileARN, err, outcomes{})
	}
	defer rows.Close()
	var cs []*wat.AgentContext
	for rows.Next() {
		c, err := scanAgentContext(rows)
		if err != nil {
			return nil, fail("ListAgentContexts", profileARN, err, outcomes{})
		}
		cs = append(cs, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fail("ListAgentContexts", profileARN, err, outcomes{})
	}
	return cs, nil
}

func scanAgentContext(s scanner) (*wat.AgentContext, error) {
	var (
		c       wat.AgentContext
		content string
		rec     agentContentRecord
	)
	err := s.Scan(&c.ProfileARN, &c.ID, &c.Type, &c.Title, &content,
		timeScanner{&c.CreatedAt}, &c.CreatedBy, timeScanner{&c.UpdatedAt}, &c.UpdatedBy)
	if err != nil {
		return nil, err
	}
	var d decoder
	if d.json(content, &rec); d.err != nil {
		return nil, d.err
	}
	c.Content = rec.domain()
	return &c, nil
}

func agentContextNotFound(profileARN, id string) *wat.Error {
	return wat.NotFound("AGENT_CONTEXT", id, "Agent profile %s has no context %s", profileARN, id)
}
