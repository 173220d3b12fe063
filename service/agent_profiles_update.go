package service

import (
	"context"
	"fmt"

	"github.com/wat-dev/wat"
)

// UpdateAgentProfile changes what in gives of an Agent profile. A retry
// with the same clientToken changes nothing more and returns the profile
// as it is: a change made by someone else in between is not undone.
func (s *Service) UpdateAgentProfile(ctx context.Context, arn string, in AgentProfileInput) (*AgentProfileView, error) {
	p, err := caller(ctx)
	if err != nil {
		return nil, err
	}
	if _, err := in.check(false); err != nil {
		return nil, err
	}
	fp := fingerprint("UpdateAgentProfile", arn, in)
	var v *AgentProfileView
	err = s.store.Update(ctx, func(tx wat.Tx) error {
		prof, err := s.agentProfileFor(ctx, tx, act("UpdateAgentProfile"), arn, true)
		if err != nil {
			return err
		}
		prev, err := s.agentReplay(ctx, tx, p.AccountID, "UpdateAgentProfile", in.ClientToken, fp, wat.EInvalid)
		if err != nil {
			return err
		}
		if prev == "" {
			in.apply(prof)
			prof.UpdatedAt, prof.UpdatedBy = s.nowUTC(), p.UserARN
			if err := tx.UpdateAgentProfile(ctx, prof); err != nil {
				return err
			}
			if err := s.remember(ctx, tx, p.AccountID, "UpdateAgentProfile", in.ClientToken, fp, prof.ARN); err != nil {
				return err
			}
		}
		v, err = s.agentWorkloads(tx, p).view(ctx, prof)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("UpdateAgentProfile(%s): %w", arn, err)
	}
	return v, nil
}

// DeleteAgentProfile deletes an Agent profile with its goals and contexts.
// A profile with deletion protection is refused with a ConflictException,
// the one error of DeleteAgentProfile's model that says the resource's
// state forbids the call; turning the protection off is an update.
func (s *Service) DeleteAgentProfile(ctx context.Context, arn string) error {
	err := s.store.Update(ctx, func(tx wat.Tx) error {
		prof, err := s.agentProfileFor(ctx, tx, act("DeleteAgentProfile"), arn, true)
		if err != nil {
			return err
		}
		if prof.DeletionProtection {
			return wat.Conflict("AGENT_PROFILE", arn,
				"Agent profile %s has deletion protection enabled. Disable it (UpdateAgentProfile with deletionProtection false) before deleting the profile", arn)
		}
		return tx.DeleteAgentProfile(ctx, arn)
	})
	if err != nil {
		return fmt.Errorf("DeleteAgentProfile(%s): %w", arn, err)
	}
	return nil
}

// ListAgentProfiles returns a page of the caller's account's Agent
// profiles, ordered by name.
func (s *Service) ListAgentProfiles(ctx context.Context, token string, max int) ([]*AgentProfileView, string, error) {
	p, err := caller(ctx)
	if err != nil {
		return nil, "", err
	}
	var (
		out  []*AgentProfileView
		next string
	)
	position := func(prof *wat.AgentProfile) pageToken { return pageToken{Key: wat.NameKey(prof.Name), ID: prof.ARN} }
	err = s.store.View(ctx, func(tx wat.Tx) error {
		if err := s.authorize(ctx, tx, act("ListAgentProfiles"), "*", nil); err != nil {
			return err
		}
		all, err := tx.ListAgentProfiles(ctx, p.AccountID)
		if err != nil {
			return err
		}
		sortByPosition(all, position)
		page, n, err := pageAfter(all, position, token, max, agentPageSize)
		if err != nil {
			return err
		}
		next = n
		ws := s.agentWorkloads(tx, p)
		for _, prof := range page {
			v, err := ws.view(ctx, prof)
			if err != nil {
				return err
			}
			out = append(out, v)
		}
		return nil
	})
	return out, next, err
}
