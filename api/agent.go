package api

import (
	"context"

	"github.com/wat-dev/wat/api/wire"
)

// The Well-Architected Agent's 23 operations (AWS added them to the model in
// August 2026). The 15 that configure it, Create/Get/Update/Delete/List of
// AgentProfile(s), AgentGoal(s) and AgentContext(s), are served by
// agent_profiles.go, agent_goals.go and agent_contexts.go.
//
// The 8 that generate and manage recommendations are routed, decoded and
// validated like every other, then refused: wat does not generate
// recommendations yet. Each is authorised first as
// wellarchitected:<Operation> on the profile or recommendation ARN of its
// URI, so IAM policies decide as they will once it does, and the mutating
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
