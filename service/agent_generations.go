package service

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/wat-dev/wat"
)

// Generations of Agent recommendations: StartAgentRecommendationGeneration
// queues a durable job, a worker (agent_worker.go) computes it. Who may
// act on the profile (agentProfileFor) may start and read its generations.

// AgentGenerationInput is what StartAgentRecommendationGeneration takes.
type AgentGenerationInput struct {
	Name    string
	Type    string // the one RecommendationType of Types
	Pillars []wat.AgentPillar
	GoalIDs []string
	// Items narrow pillars to workloads or practices; AdditionalContext is
	// the request's JSON document ("" for none).
	Items             []wat.AgentPillarItems
	AdditionalContext string
}

// agentEstimate is how long a generation is expected to take: a fixed
// part (a worker's poll) and a little per workload it reads.
func agentEstimate(workloads int) time.Duration {
	return 5*time.Second + time.Duration(workloads)*20*time.Millisecond
}

// StartAgentRecommendationGeneration queues a generation of the profile's
// recommendations. The model gives the operation no client token; it is
// idempotent by its parameters instead: while a generation of the profile
// is queued or running, starting the same one again returns it, and
// starting another is a ConflictException (one job per profile at a time,
// so that two never write the same recommendations).
func (s *Service) StartAgentRecommendationGeneration(ctx context.Context, profileARN string, in AgentGenerationInput) (*wat.AgentGeneration, error) {
	p, err := caller(ctx)
	if err != nil {
		return nil, err
	}
	in.Pillars, in.GoalIDs = checkAgentPillars(in.Pillars), dedupe(in.GoalIDs)
	for i := range in.Items {
		in.Items[i].IDs = dedupe(in.Items[i].IDs)
	}
	now := s.nowUTC()
	var g *wat.AgentGeneration
	err = s.store.Update(ctx, func(tx wat.Tx) error {
		// The profile's lock serialises its starts.
		prof, err := s.agentProfileFor(ctx, tx, act("StartAgentRecommendationGeneration"), profileARN, true)
		if err != nil {
			return err
		}
		aw := s.agentWorkloads(tx, p)
		v, err := aw.view(ctx, prof)
		if err != nil {
			return err
		}
		if len(v.Missing) > 0 {
			return wat.Invalid(v.Missing[0].Name, "The Agent profile is incomplete: %s", v.Missing[0].Message)
		}
		if !v.EligibleForArchitectureGeneration {
			return wat.Invalid("profileArn", "The Agent profile's scope selects no workload: nothing to generate from")
		}
		for i, id := range in.GoalIDs {
			if _, err := tx.GetAgentGoal(ctx, profileARN, id); wat.ErrorCodeOf(err) == wat.ENotFound {
				return wat.Invalid(fmt.Sprintf("scope.goalIds[%d]", i), "The Agent profile has no goal %s", id)
			} else if err != nil {
				return err
			}
		}
		if err := checkAgentItems(prof, in, aw.ws, s.lenses.Framework().Lens); err != nil {
			return err
		}
		gens, err := tx.ListAgentGenerations(ctx, profileARN)
		if err != nil {
			return err
		}
		for _, prev := range gens {
			if !prev.Active() {
				continue
			}
			if prev.Name == in.Name && prev.Type == in.Type && slices.Equal(prev.Pillars, in.Pillars) && slices.Equal(prev.GoalIDs, in.GoalIDs) &&
				slices.EqualFunc(prev.Items, in.Items, sameAgentItems) && prev.AdditionalContext == in.AdditionalContext {
				g = prev
				return nil
			}
			return &wat.Error{Code: wat.EConflict, Message: "Generation " + prev.ID + " of this Agent profile is " + prev.Status + ": wait for it to end",
				ResourceID: prev.ID, ResourceType: "AGENT_GENERATION"}
		}
		selected := 0
		for _, w := range aw.ws {
			if prof.Selects(w) {
				selected++
			}
		}
		g = &wat.AgentGeneration{ProfileARN: profileARN, ID: s.newAgentItemID(), Name: in.Name, Type: in.Type,
			Pillars: in.Pillars, GoalIDs: in.GoalIDs, Items: in.Items, AdditionalContext: in.AdditionalContext,
			Status:              wat.AgentGenerationQueued,
			EstimatedCompletion: now.Add(agentEstimate(selected)),
			CreatedAt:           now, CreatedBy: p.UserARN, UpdatedAt: now, UpdatedBy: p.UserARN}
		return tx.InsertAgentGeneration(ctx, g)
	})
	if err != nil {
		return nil, fmt.Errorf("StartAgentRecommendationGeneration(%s): %w", profileARN, err)
	}
	return g, nil
}

// GetAgentRecommendationGeneration returns one generation of a profile.
func (s *Service) GetAgentRecommendationGeneration(ctx context.Context, profileARN, id string) (*wat.AgentGeneration, error) {
	var g *wat.AgentGeneration
	err := s.store.View(ctx, func(tx wat.Tx) error {
		if _, err := s.agentProfileFor(ctx, tx, act("GetAgentRecommendationGeneration"), profileARN, false); err != nil {
			return err
		}
		var err error
		g, err = tx.GetAgentGeneration(ctx, profileARN, id)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("GetAgentRecommendationGeneration(%s, %s): %w", profileARN, id, err)
	}
	return g, nil
}

// ListAgentRecommendationGenerations returns a page of a profile's
// generations, newest first, of one type when typ is not "".
func (s *Service) ListAgentRecommendationGenerations(ctx context.Context, profileARN, typ, token string, max int) ([]*wat.AgentGeneration, string, error) {
	var out []*wat.AgentGeneration
	err := s.store.View(ctx, func(tx wat.Tx) error {
		if _, err := s.agentProfileFor(ctx, tx, act("ListAgentRecommendationGenerations"), profileARN, false); err != nil {
			return err
		}
		all, err := tx.ListAgentGenerations(ctx, profileARN)
		for _, g := range all {
			if typ == "" || g.Type == typ {
				out = append(out, g)
			}
		}
		return err
	})
	if err != nil {
		return nil, "", fmt.Errorf("ListAgentRecommendationGenerations(%s): %w", profileARN, err)
	}
	return paginate(out, token, max, 50)
}
