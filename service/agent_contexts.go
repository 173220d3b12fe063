package service

import (
	"context"
	"fmt"

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

func agentContextNotFound(profileARN, id string) error {
	return wat.NotFound("AGENT_CONTEXT", id, "Agent context %s not found in profile %s", id, profileARN)
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
	fp := fingerprint("CreateAgentContext", profileARN, in)
	err = s.store.Update(ctx, func(tx wat.Tx) error {
		// The profile's lock serialises its contexts' creates (the quota,
		// a retry racing its first attempt).
		if _, err := s.agentProfileFor(ctx, tx, act("CreateAgentContext"), profileARN, true); err != nil {
			return err
		}
		prev, err := s.agentReplay(ctx, tx, p.AccountID, "CreateAgentContext", in.ClientToken, fp, wat.EConflict)
		if err != nil {
			return err
		}
		if prev != "" {
			c, err = s.agentContext(ctx, tx, profileARN, prev)
			return err
		}
		all, err := tx.ListAgentContexts(ctx, profileARN)
		if err != nil {
			return err
		}
		if len(all) >= MaxAgentContextsPerProfile {
			return wat.QuotaExceeded("AGENT_CONTEXT", "L-AGENT-CONTEXTS", "The Agent profile already has %d contexts, the most allowed", MaxAgentContextsPerProfile)
		}
		if err := tx.InsertAgentContext(ctx, c); err != nil {
			return err
		}
		return s.remember(ctx, tx, p.AccountID, "CreateAgentContext", in.ClientToken, fp, c.ID)
	})
	if err != nil {
		return nil, fmt.Errorf("CreateAgentContext(%s): %w", profileARN, err)
	}
	return c, nil
}

// agentContext reads a context of a profile already authorised.
func (s *Service) agentContext(ctx context.Context, tx wat.Tx, profileARN, id string) (*wat.AgentContext, error) {
	c, err := tx.GetAgentContext(ctx, profileARN, id)
	if wat.ErrorCodeOf(err) == wat.ENotFound {
		return nil, agentContextNotFound(profileARN, id)
	}
	return c, err
}

// GetAgentContext returns a context of an Agent profile.
func (s *Service) GetAgentContext(ctx context.Context, profileARN, id string) (*wat.AgentContext, error) {
	var c *wat.AgentContext
	err := s.store.View(ctx, func(tx wat.Tx) error {
		if _, err := s.agentProfileFor(ctx, tx, act("GetAgentContext"), profileARN, false); err != nil {
			return err
		}
		var err error
		c, err = s.agentContext(ctx, tx, profileARN, id)
		return err
	})
	return c, err
}

// UpdateAgentContext changes what in gives of a context. A retry with the
// same clientToken changes nothing more and returns the context as it is.
func (s *Service) UpdateAgentContext(ctx context.Context, profileARN, id string, in AgentContextInput) (*wat.AgentContext, error) {
	p, err := caller(ctx)
	if err != nil {
		return nil, err
	}
	if err := in.check(); err != nil {
		return nil, err
	}
	fp := fingerprint("UpdateAgentContext", profileARN, id, in)
	var c *wat.AgentContext
	err = s.store.Update(ctx, func(tx wat.Tx) error {
		if _, err := s.agentProfileFor(ctx, tx, act("UpdateAgentContext"), profileARN, true); err != nil {
			return err
		}
		if c, err = s.agentContext(ctx, tx, profileARN, id); err != nil {
			return err
		}
		prev, err := s.agentReplay(ctx, tx, p.AccountID, "UpdateAgentContext", in.ClientToken, fp, wat.EInvalid)
		if err != nil || prev != "" {
			return err
		}
		in.apply(c)
		c.UpdatedAt, c.UpdatedBy = s.nowUTC(), p.UserARN
		if err := tx.UpdateAgentContext(ctx, c); err != nil {
			return err
		}
		return s.remember(ctx, tx, p.AccountID, "UpdateAgentContext", in.ClientToken, fp, c.ID)
	})
	if err != nil {
		return nil, fmt.Errorf("UpdateAgentContext(%s, %s): %w", profileARN, id, err)
	}
	return c, nil
}

// DeleteAgentContext deletes a context of an Agent profile.
func (s *Service) DeleteAgentContext(ctx context.Context, profileARN, id string) error {
	err := s.store.Update(ctx, func(tx wat.Tx) error {
		if _, err := s.agentProfileFor(ctx, tx, act("DeleteAgentContext"), profileARN, true); err != nil {
			return err
		}
		err := tx.DeleteAgentContext(ctx, profileARN, id)
		if wat.ErrorCodeOf(err) == wat.ENotFound {
			return agentContextNotFound(profileARN, id)
		}
		return err
	})
	if err != nil {
		return fmt.Errorf("DeleteAgentContext(%s, %s): %w", profileARN, id, err)
	}
	return nil
}

// ListAgentContexts returns a page of an Agent profile's contexts, in the
// order they were created.
func (s *Service) ListAgentContexts(ctx context.Context, profileARN, token string, max int) ([]*wat.AgentContext, string, error) {
	var (
		page []*wat.AgentContext
		next string
	)
	position := func(c *wat.AgentContext) pageToken { return createdPosition(c.CreatedAt, c.ID) }
	err := s.store.View(ctx, func(tx wat.Tx) error {
		if _, err := s.agentProfileFor(ctx, tx, act("ListAgentContexts"), profileARN, false); err != nil {
			return err
		}
		all, err := tx.ListAgentContexts(ctx, profileARN)
		if err != nil {
			return err
		}
		sortByPosition(all, position)
		page, next, err = pageAfter(all, position, token, max, agentPageSize)
		return err
	})
	return page, next, err
}
