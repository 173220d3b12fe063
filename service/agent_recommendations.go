package service

import (
	"context"
	"fmt"
	"regexp"

	"github.com/wat-dev/wat"
)

// The Agent's recommendations: read, given a status, and given feedback.
// A recommendation belongs to its profile's account and is never shared;
// each operation is authorised as itself on the recommendation's ARN, with
// its profile's tags as condition keys.

// agentRecommendationARNRE matches the ARNs of recommendations:
// arn:aws:wellarchitected:REGION:ACCOUNT:agent-recommendation/ID.
var agentRecommendationARNRE = regexp.MustCompile(`^arn:aws:wellarchitected:([a-z0-9-]+):(\d{12}):agent-recommendation/[0-9a-f]{32}$`)

// agentRecommendationNotFound leaves the ARN out of its message: the
// caller sent it, and one message for every missing recommendation says
// nothing of which ARNs exist in other accounts.
func agentRecommendationNotFound(arn string) error {
	return wat.NotFound("AGENT_RECOMMENDATION", arn, "The Agent recommendation does not exist")
}

// agentRecommendationFor loads a recommendation of the caller's account
// and authorises a on it. Another account's is not found, exactly as one
// that does not exist.
func (s *Service) agentRecommendationFor(ctx context.Context, tx wat.Tx, a access, arn string) (*wat.AgentRecommendation, error) {
	p, err := caller(ctx)
	if err != nil {
		return nil, err
	}
	m := agentRecommendationARNRE.FindStringSubmatch(arn)
	if m == nil || m[1] != s.region || m[2] != p.AccountID {
		return nil, agentRecommendationNotFound(arn)
	}
	r, err := tx.GetAgentRecommendation(ctx, arn)
	if wat.ErrorCodeOf(err) == wat.ENotFound {
		return nil, agentRecommendationNotFound(arn)
	}
	if err != nil {
		return nil, err
	}
	prof, err := tx.GetAgentProfile(ctx, r.ProfileARN, false)
	if err != nil {
		return nil, err
	}
	if err := s.authorize(ctx, tx, a, r.ARN, prof.Tags); err != nil {
		return nil, err
	}
	return r, nil
}

// ListAgentRecommendations returns a page of a profile's recommendations
// in the engine's order (priority, impact, effort), of one pillar and
// state when they are not "".
func (s *Service) ListAgentRecommendations(ctx context.Context, profileARN string, pillar wat.AgentPillar, state, token string, max int) ([]*wat.AgentRecommendation, string, error) {
	var out []*wat.AgentRecommendation
	err := s.store.View(ctx, func(tx wat.Tx) error {
		if _, err := s.agentProfileFor(ctx, tx, act("ListAgentRecommendations"), profileARN, false); err != nil {
			return err
		}
		all, err := tx.ListAgentRecommendations(ctx, profileARN)
		for _, r := range all {
			if (pillar == "" || r.Pillar == pillar) && (state == "" || r.State == state) {
				out = append(out, r)
			}
		}
		return err
	})
	if err != nil {
		return nil, "", fmt.Errorf("ListAgentRecommendations(%s): %w", profileARN, err)
	}
	return paginate(out, token, max, 50)
}

// GetAgentRecommendation returns one recommendation.
func (s *Service) GetAgentRecommendation(ctx context.Context, arn string) (*wat.AgentRecommendation, error) {
	var r *wat.AgentRecommendation
	err := s.store.View(ctx, func(tx wat.Tx) (err error) {
		r, err = s.agentRecommendationFor(ctx, tx, act("GetAgentRecommendation"), arn)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("GetAgentRecommendation(%s): %w", arn, err)
	}
	return r, nil
}

// ListAgentRecommendationItems returns a page of a recommendation's items
// (of one type when typ is not ""), with the recommendation.
func (s *Service) ListAgentRecommendationItems(ctx context.Context, arn, typ, token string, max int) (*wat.AgentRecommendation, []wat.AgentRecommendationItem, string, error) {
	var r *wat.AgentRecommendation
	err := s.store.View(ctx, func(tx wat.Tx) (err error) {
		r, err = s.agentRecommendationFor(ctx, tx, act("ListAgentRecommendationItems"), arn)
		return err
	})
	if err != nil {
		return nil, nil, "", fmt.Errorf("ListAgentRecommendationItems(%s): %w", arn, err)
	}
	var items []wat.AgentRecommendationItem
	for _, it := range r.Items {
		if typ == "" || it.Type == typ {
			items = append(items, it)
		}
	}
	page, next, err := paginate(items, token, max, 50)
	return r, page, next, err
}

// UpdateAgentRecommendationStatus sets the user's status of a
// recommendation (ACTIVE, SUPPRESSED or COMPLETED) and its reason; later
// generations keep it.
func (s *Service) UpdateAgentRecommendationStatus(ctx context.Context, arn, status string, reason *string) error {
	p, err := caller(ctx)
	if err != nil {
		return err
	}
	err = s.store.Update(ctx, func(tx wat.Tx) error {
		r, err := s.agentRecommendationFor(ctx, tx, act("UpdateAgentRecommendationStatus"), arn)
		if err != nil {
			return err
		}
		r.Status = status
		if reason != nil {
			r.UpdateReason = *reason
		}
		r.UpdatedAt, r.UpdatedBy = s.nowUTC(), p.UserARN
		return tx.PutAgentRecommendation(ctx, r)
	})
	if err != nil {
		return fmt.Errorf("UpdateAgentRecommendationStatus(%s): %w", arn, err)
	}
	return nil
}

// PutAgentRecommendationFeedback stores one more feedback on a
// recommendation: each call adds one, as the Agent collects them.
func (s *Service) PutAgentRecommendationFeedback(ctx context.Context, f wat.AgentFeedback) error {
	p, err := caller(ctx)
	if err != nil {
		return err
	}
	err = s.store.Update(ctx, func(tx wat.Tx) error {
		if _, err := s.agentRecommendationFor(ctx, tx, act("PutAgentRecommendationFeedback"), f.RecommendationARN); err != nil {
			return err
		}
		f.CreatedAt, f.CreatedBy = s.nowUTC(), p.UserARN
		return tx.InsertAgentFeedback(ctx, &f)
	})
	if err != nil {
		return fmt.Errorf("PutAgentRecommendationFeedback(%s): %w", f.RecommendationARN, err)
	}
	return nil
}

// AgentRecommendationFeedback returns a recommendation's feedback, oldest
// first, to whoever may read the recommendation.
func (s *Service) AgentRecommendationFeedback(ctx context.Context, arn string) ([]*wat.AgentFeedback, error) {
	var out []*wat.AgentFeedback
	err := s.store.View(ctx, func(tx wat.Tx) error {
		if _, err := s.agentRecommendationFor(ctx, tx, act("GetAgentRecommendation"), arn); err != nil {
			return err
		}
		var err error
		out, err = tx.ListAgentFeedback(ctx, arn)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("AgentRecommendationFeedback(%s): %w", arn, err)
	}
	return out, nil
}
