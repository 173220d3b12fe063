package service

import (
	"context"
	"time"

	"github.com/wat-dev/wat"
)

// The contexts of Agent profiles: what an application is and where it
// runs, reached through their profile as goals are (agent_goals.go).

// AgentContextInput is what CreateAgentContext and UpdateAgentContext
// take; for an update, nil members are left as they are, and a content
// given replaces the whole content. Type is for creates only.
type AgentContextInput struct {
	Type    string
	Title   *string
	Content *wat.AgentContextContent
	// ClientToken is left out of the fingerprint of the parameters.
	ClientToken string `json:"-"`
}

func (in *AgentContextInput) check() error {
	var pr problems
	checkAgentText(&pr, "title", in.Title, 1)
	if in.Content != nil {
		checkAgentContent(&pr, in.Content)
	}
	return pr.err()
}

func (in *AgentContextInput) apply(c *wat.AgentContext) {
	setStr(&c.Title, in.Title)
	if in.Content != nil {
		c.Content = *in.Content
	}
}

// agentContexts are the contexts of Agent profiles (see agentChildren).
var agentContexts = &agentChildren[wat.AgentContext]{
	kind: "Context", resource: "AGENT_CONTEXT", quotaCode: "L-AGENT-CONTEXTS", max: MaxAgentContextsPerProfile,
	id:      func(c *wat.AgentContext) string { return c.ID },
	created: func(c *wat.AgentContext) time.Time { return c.CreatedAt },
	touch:   func(c *wat.AgentContext, at time.Time, by string) { c.UpdatedAt, c.UpdatedBy = at, by },
	get: func(ctx context.Context, tx wat.Tx, arn, id string) (*wat.AgentContext, error) {
		return tx.GetAgentContext(ctx, arn, id)
	},
	list: func(ctx context.Context, tx wat.Tx, arn string) ([]*wat.AgentContext, error) {
		return tx.ListAgentContexts(ctx, arn)
	},
	insert: func(ctx context.Context, tx wat.Tx, c *wat.AgentContext) error { return tx.InsertAgentContext(ctx, c) },
	update: func(ctx context.Context, tx wat.Tx, c *wat.AgentContext) error { return tx.UpdateAgentContext(ctx, c) },
	remove: func(ctx context.Context, tx wat.Tx, arn, id string) error { return tx.DeleteAgentContext(ctx, arn, id) },
}

// CreateAgentContext adds a context to an Agent profile.
func (s *Service) CreateAgentContext(ctx context.Context, profileARN string, in AgentContextInput) (*wat.AgentContext, error) {
	p, err := caller(ctx)
	if err != nil {
		return nil, err
	}
	if err := in.check(); err != nil {
		return nil, err
	}
	now := s.nowUTC()
	c := &wat.AgentContext{ProfileARN: profileARN, ID: s.newAgentItemID(), Type: in.Type, CreatedAt: now, CreatedBy: p.UserARN, UpdatedAt: now, UpdatedBy: p.UserARN}
	in.apply(c)
	return agentContexts.create(ctx, s, profileARN, c, in.ClientToken, fingerprint("CreateAgentContext", profileARN, in))
}

// GetAgentContext returns a context of an Agent profile.
func (s *Service) GetAgentContext(ctx context.Context, profileARN, id string) (*wat.AgentContext, error) {
	return agentContexts.one(ctx, s, profileARN, id)
}

// UpdateAgentContext changes what in gives of a context. A retry with the
// same clientToken changes nothing more and returns the context as it is.
func (s *Service) UpdateAgentContext(ctx context.Context, profileARN, id string, in AgentContextInput) (*wat.AgentContext, error) {
	if err := in.check(); err != nil {
		return nil, err
	}
	fp := fingerprint("UpdateAgentContext", profileARN, id, in)
	return agentContexts.change(ctx, s, profileARN, id, in.ClientToken, fp, func(c *wat.AgentContext) { in.apply(c) })
}

// DeleteAgentContext deletes a context of an Agent profile.
func (s *Service) DeleteAgentContext(ctx context.Context, profileARN, id string) error {
	return agentContexts.drop(ctx, s, profileARN, id)
}

// ListAgentContexts returns a page of an Agent profile's contexts, in the
// order they were created.
func (s *Service) ListAgentContexts(ctx context.Context, profileARN, token string, max int) ([]*wat.AgentContext, string, error) {
	return agentContexts.page(ctx, s, profileARN, token, max)
}
