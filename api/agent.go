package api

import (
	"context"

	"github.com/wat-dev/wat/api/wire"
)

// The Well-Architected Agent's 23 operations (AWS added them to the model in
// August 2026) are routed, decoded and validated like every other, then
// refused: wat does not provide the Agent yet. Each is authorised first as
// wellarchitected:<Operation> on the resource it names (the profile or
// recommendation ARN of its URI; "*" for creating and listing profiles), so
// IAM policies decide as they will once the Agent lands, and the mutating
// ones are audited like any call. The answer is NotImplementedException
// (HTTP 501), which the SDKs read as a typed error.

// agentUnavailable authorises the caller for op on resource and refuses it.
func (h *handler) agentUnavailable(ctx context.Context, op string, resource *string) error {
	r := "*"
	if resource != nil {
		r = *resource
	}
	return h.svc.Unavailable(ctx, op, r)
}

func (h *handler) CreateAgentProfile(ctx context.Context, _ *wire.CreateAgentProfileInput) (*wire.CreateAgentProfileOutput, error) {
	return nil, h.agentUnavailable(ctx, "CreateAgentProfile", nil)
}

func (h *handler) GetAgentProfile(ctx context.Context, in *wire.GetAgentProfileInput) (*wire.GetAgentProfileOutput, error) {
	return nil, h.agentUnavailable(ctx, "GetAgentProfile", in.ProfileArn)
}

func (h *handler) UpdateAgentProfile(ctx context.Context, in *wire.UpdateAgentProfileInput) (*wire.UpdateAgentProfileOutput, error) {
	return nil, h.agentUnavailable(ctx, "UpdateAgentProfile", in.ProfileArn)
}

func (h *handler) DeleteAgentProfile(ctx context.Context, in *wire.DeleteAgentProfileInput) (*wire.DeleteAgentProfileOutput, error) {
	return nil, h.agentUnavailable(ctx, "DeleteAgentProfile", in.ProfileArn)
}

func (h *handler) ListAgentProfiles(ctx context.Context, _ *wire.ListAgentProfilesInput) (*wire.ListAgentProfilesOutput, error) {
	return nil, h.agentUnavailable(ctx, "ListAgentProfiles", nil)
}

func (h *handler) CreateAgentContext(ctx context.Context, in *wire.CreateAgentContextInput) (*wire.CreateAgentContextOutput, error) {
	return nil, h.agentUnavailable(ctx, "CreateAgentContext", in.ProfileArn)
}

func (h *handler) GetAgentContext(ctx context.Context, in *wire.GetAgentContextInput) (*wire.GetAgentContextOutput, error) {
	return nil, h.agentUnavailable(ctx, "GetAgentContext", in.ProfileArn)
}

func (h *handler) UpdateAgentContext(ctx context.Context, in *wire.UpdateAgentContextInput) (*wire.UpdateAgentContextOutput, error) {
	return nil, h.agentUnavailable(ctx, "UpdateAgentContext", in.ProfileArn)
}

func (h *handler) DeleteAgentContext(ctx context.Context, in *wire.DeleteAgentContextInput) (*wire.DeleteAgentContextOutput, error) {
	return nil, h.agentUnavailable(ctx, "DeleteAgentContext", in.ProfileArn)
}

func (h *handler) ListAgentContexts(ctx context.Context, in *wire.ListAgentContextsInput) (*wire.ListAgentContextsOutput, error) {
	return nil, h.agentUnavailable(ctx, "ListAgentContexts", in.ProfileArn)
}

func (h *handler) CreateAgentGoal(ctx context.Context, in *wire.CreateAgentGoalInput) (*wire.CreateAgentGoalOutput, error) {
	return nil, h.agentUnavailable(ctx, "CreateAgentGoal", in.ProfileArn)
}

func (h *handler) GetAgentGoal(ctx context.Context, in *wire.GetAgentGoalInput) (*wire.GetAgentGoalOutput, error) {
	return nil, h.agentUnavailable(ctx, "GetAgentGoal", in.ProfileArn)
}

func (h *handler) UpdateAgentGoal(ctx context.Context, in *wire.UpdateAgentGoalInput) (*wire.UpdateAgentGoalOutput, error) {
	return nil, h.agentUnavailable(ctx, "UpdateAgentGoal", in.ProfileArn)
}

func (h *handler) DeleteAgentGoal(ctx context.Context, in *wire.DeleteAgentGoalInput) (*wire.DeleteAgentGoalOutput, error) {
	return nil, h.agentUnavailable(ctx, "DeleteAgentGoal", in.ProfileArn)
}

func (h *handler) ListAgentGoals(ctx context.Context, in *wire.ListAgentGoalsInput) (*wire.ListAgentGoalsOutput, error) {
	return nil, h.agentUnavailable(ctx, "ListAgentGoals", in.ProfileArn)
}

func (h *handler) StartAgentRecommendationGeneration(ctx context.Context, in *wire.StartAgentRecommendationGenerationInput) (*wire.StartAgentRecommendationGenerationOutput, error) {
	return nil, h.agentUnavailable(ctx, "StartAgentRecommendationGeneration", in.ProfileArn)
}

func (h *handler) GetAgentRecommendationGeneration(ctx context.Context, in *wire.GetAgentRecommendationGenerationInput) (*wire.GetAgentRecommendationGenerationOutput, error) {
	return nil, h.agentUnavailable(ctx, "GetAgentRecommendationGeneration", in.ProfileArn)
}

func (h *handler) ListAgentRecommendationGenerations(ctx context.Context, in *wire.ListAgentRecommendationGenerationsInput) (*wire.ListAgentRecommendationGenerationsOutput, error) {
	return nil, h.agentUnavailable(ctx, "ListAgentRecommendationGenerations", in.ProfileArn)
}

func (h *handler) ListAgentRecommendations(ctx context.Context, in *wire.ListAgentRecommendationsInput) (*wire.ListAgentRecommendationsOutput, error) {
	return nil, h.agentUnavailable(ctx, "ListAgentRecommendations", in.ProfileArn)
}

func (h *handler) GetAgentRecommendation(ctx context.Context, in *wire.GetAgentRecommendationInput) (*wire.GetAgentRecommendationOutput, error) {
	return nil, h.agentUnavailable(ctx, "GetAgentRecommendation", in.RecommendationArn)
}

func (h *handler) ListAgentRecommendationItems(ctx context.Context, in *wire.ListAgentRecommendationItemsInput) (*wire.ListAgentRecommendationItemsOutput, error) {
	return nil, h.agentUnavailable(ctx, "ListAgentRecommendationItems", in.RecommendationArn)
}

func (h *handler) UpdateAgentRecommendationStatus(ctx context.Context, in *wire.UpdateAgentRecommendationStatusInput) (*wire.UpdateAgentRecommendationStatusOutput, error) {
	return nil, h.agentUnavailable(ctx, "UpdateAgentRecommendationStatus", in.RecommendationArn)
}

func (h *handler) PutAgentRecommendationFeedback(ctx context.Context, in *wire.PutAgentRecommendationFeedbackInput) (*wire.PutAgentRecommendationFeedbackOutput, error) {
	return nil, h.agentUnavailable(ctx, "PutAgentRecommendationFeedback", in.RecommendationArn)
}
