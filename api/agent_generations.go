package api

import (
	"context"
	"time"

	"github.com/wat-dev/wat"
	"github.com/wat-dev/wat/api/wire"
	"github.com/wat-dev/wat/service"
)

// Generations of Agent recommendations on the wire.

func agentGenerationOut(g *wat.AgentGeneration) *wire.AgentRecommendationGenerationSummary {
	return &wire.AgentRecommendationGenerationSummary{
		ProfileArn: ptr(g.ProfileARN), Id: ptr(g.ID), Name: str(g.Name), Status: wire.GenerationStatus(g.Status),
		EstimatedCompletionTime: dateTime(g.EstimatedCompletion),
		CreatedAt:               dateTime(g.CreatedAt), CreatedBy: ptr(g.CreatedBy),
		LastModifiedAt: dateTime(g.UpdatedAt), LastModifiedBy: ptr(g.UpdatedBy),
	}
}

// optionalTime is nil for a time not set yet.
func optionalTime(t time.Time) *wire.DateTime {
	if t.IsZero() {
		return nil
	}
	return dateTime(t)
}

func (h *handler) StartAgentRecommendationGeneration(ctx context.Context, in *wire.StartAgentRecommendationGenerationInput) (*wire.StartAgentRecommendationGenerationOutput, error) {
	sin := service.AgentGenerationInput{Name: val(in.Name)}
	if len(in.Types) > 0 {
		sin.Type = string(in.Types[0])
	}
	if in.Scope != nil {
		sin.Pillars, sin.GoalIDs = agentPillarsIn(in.Scope.Pillars), in.Scope.GoalIds
		for _, it := range in.Scope.Items {
			sin.Items = append(sin.Items, wat.AgentPillarItems{Pillar: wat.AgentPillar(it.Pillar), IDs: it.Ids})
		}
	}
	if len(in.AdditionalContext) > 0 {
		sin.AdditionalContext = string(in.AdditionalContext)
	}
	g, err := h.svc.StartAgentRecommendationGeneration(ctx, val(in.ProfileArn), sin)
	if err != nil {
		return nil, err
	}
	s := agentGenerationOut(g)
	return &wire.StartAgentRecommendationGenerationOutput{
		ProfileArn: s.ProfileArn, Id: s.Id, Name: s.Name, Status: s.Status, EstimatedCompletionTime: s.EstimatedCompletionTime,
		CreatedAt: s.CreatedAt, CreatedBy: s.CreatedBy, LastModifiedAt: s.LastModifiedAt, LastModifiedBy: s.LastModifiedBy,
	}, nil
}

func (h *handler) GetAgentRecommendationGeneration(ctx context.Context, in *wire.GetAgentRecommendationGenerationInput) (*wire.GetAgentRecommendationGenerationOutput, error) {
	g, err := h.svc.GetAgentRecommendationGeneration(ctx, val(in.ProfileArn), val(in.GenerationId))
	if err != nil {
		return nil, err
	}
	s := agentGenerationOut(g)
	out := &wire.GetAgentRecommendationGenerationOutput{
		ProfileArn: s.ProfileArn, Id: s.Id, Name: s.Name, Status: s.Status, EstimatedCompletionTime: s.EstimatedCompletionTime,
		CreatedAt: s.CreatedAt, CreatedBy: s.CreatedBy, LastModifiedAt: s.LastModifiedAt, LastModifiedBy: s.LastModifiedBy,
		StartedAt: optionalTime(g.StartedAt), EndedAt: optionalTime(g.EndedAt),
		Scope: &wire.Scope{Pillars: agentPillarsOut(g.Pillars), GoalIds: g.GoalIDs, Items: agentItemsOut(g.Items)},
	}
	// A generation is one step: computing and writing are one transaction.
	done := int32(0)
	if !g.Active() {
		done = 1
	}
	out.Progress = &wire.Progress{CompletionPercentage: ptr(float64(done) * 100), StepsCompleted: ptr(done), TotalSteps: ptr(int32(1))}
	out.AdditionalContext = agentGenerationContext(g)
	if g.Status == wat.AgentGenerationError {
		out.ErrorDetails = &wire.ErrorDetails{Code: ptr(g.ErrorCode), Message: ptr(g.ErrorMessage)}
	}
	return out, nil
}

func (h *handler) ListAgentRecommendationGenerations(ctx context.Context, in *wire.ListAgentRecommendationGenerationsInput) (*wire.ListAgentRecommendationGenerationsOutput, error) {
	gs, next, err := h.svc.ListAgentRecommendationGenerations(ctx, val(in.ProfileArn), string(in.RecommendationType), val(in.NextToken), intOf(in.MaxResults))
	if err != nil {
		return nil, err
	}
	out := &wire.ListAgentRecommendationGenerationsOutput{Items: []wire.AgentRecommendationGenerationSummary{}, NextToken: str(next)}
	for _, g := range gs {
		out.Items = append(out.Items, *agentGenerationOut(g))
	}
	return out, nil
}

// agentItemsOut is a generation's scope items on the wire; nil for none.
func agentItemsOut(items []wat.AgentPillarItems) []wire.PillarItem {
	var out []wire.PillarItem
	for _, it := range items {
		out = append(out, wire.PillarItem{Pillar: wire.Pillar(it.Pillar), Ids: it.IDs})
	}
	return out
}
