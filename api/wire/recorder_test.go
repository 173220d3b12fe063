package wire

import (
	"context"
	"net/url"
	"testing"
)

// recorder is a Handler that keeps the input of the last call and returns
// a canned output, for the operations the tests decode.
type recorder struct {
	Unimplemented
	in any
}

func (r *recorder) CreateWorkload(_ context.Context, in *CreateWorkloadInput) (*CreateWorkloadOutput, error) {
	r.in = in
	return &CreateWorkloadOutput{WorkloadId: ptr("0123456789abcdef0123456789abcdef")}, nil
}

func (r *recorder) UpdateAnswer(_ context.Context, in *UpdateAnswerInput) (*UpdateAnswerOutput, error) {
	r.in = in
	return nil, nil // a nil output must reach the caller as an empty one
}

func (r *recorder) ListWorkloads(_ context.Context, in *ListWorkloadsInput) (*ListWorkloadsOutput, error) {
	r.in = in
	return &ListWorkloadsOutput{}, nil
}

func (r *recorder) TagResource(_ context.Context, in *TagResourceInput) (*TagResourceOutput, error) {
	r.in = in
	return &TagResourceOutput{}, nil
}

func (r *recorder) UntagResource(_ context.Context, in *UntagResourceInput) (*UntagResourceOutput, error) {
	r.in = in
	return &UntagResourceOutput{}, nil
}

func (r *recorder) GetMilestone(_ context.Context, in *GetMilestoneInput) (*GetMilestoneOutput, error) {
	r.in = in
	return &GetMilestoneOutput{}, nil
}

func (r *recorder) ListAnswers(_ context.Context, in *ListAnswersInput) (*ListAnswersOutput, error) {
	r.in = in
	return &ListAnswersOutput{}, nil
}

func (r *recorder) GetConsolidatedReport(_ context.Context, in *GetConsolidatedReportInput) (*GetConsolidatedReportOutput, error) {
	r.in = in
	return &GetConsolidatedReportOutput{}, nil
}

func (r *recorder) GetGlobalSettings(_ context.Context, in *GetGlobalSettingsInput) (*GetGlobalSettingsOutput, error) {
	r.in = in
	return &GetGlobalSettingsOutput{}, nil
}

func (r *recorder) GetLensReview(_ context.Context, in *GetLensReviewInput) (*GetLensReviewOutput, error) {
	r.in = in
	return &GetLensReviewOutput{}, nil
}

func (r *recorder) DeleteWorkload(_ context.Context, in *DeleteWorkloadInput) (*DeleteWorkloadOutput, error) {
	r.in = in
	return &DeleteWorkloadOutput{}, nil
}

// record keeps in and returns an empty output, for the Agent's operations.
func record[O, I any](r *recorder, in *I) (*O, error) {
	r.in = in
	return new(O), nil
}

func (r *recorder) CreateAgentProfile(_ context.Context, in *CreateAgentProfileInput) (*CreateAgentProfileOutput, error) {
	return record[CreateAgentProfileOutput](r, in)
}

func (r *recorder) GetAgentProfile(_ context.Context, in *GetAgentProfileInput) (*GetAgentProfileOutput, error) {
	return record[GetAgentProfileOutput](r, in)
}

func (r *recorder) UpdateAgentProfile(_ context.Context, in *UpdateAgentProfileInput) (*UpdateAgentProfileOutput, error) {
	return record[UpdateAgentProfileOutput](r, in)
}

func (r *recorder) DeleteAgentProfile(_ context.Context, in *DeleteAgentProfileInput) (*DeleteAgentProfileOutput, error) {
	return record[DeleteAgentProfileOutput](r, in)
}

func (r *recorder) ListAgentProfiles(_ context.Context, in *ListAgentProfilesInput) (*ListAgentProfilesOutput, error) {
	return record[ListAgentProfilesOutput](r, in)
}

func (r *recorder) CreateAgentContext(_ context.Context, in *CreateAgentContextInput) (*CreateAgentContextOutput, error) {
	return record[CreateAgentContextOutput](r, in)
}

func (r *recorder) GetAgentContext(_ context.Context, in *GetAgentContextInput) (*GetAgentContextOutput, error) {
	return record[GetAgentContextOutput](r, in)
}

func (r *recorder) UpdateAgentContext(_ context.Context, in *UpdateAgentContextInput) (*UpdateAgentContextOutput, error) {
	return record[UpdateAgentContextOutput](r, in)
}

func (r *recorder) DeleteAgentContext(_ context.Context, in *DeleteAgentContextInput) (*DeleteAgentContextOutput, error) {
	return record[DeleteAgentContextOutput](r, in)
}

func (r *recorder) ListAgentContexts(_ context.Context, in *ListAgentContextsInput) (*ListAgentContextsOutput, error) {
	return record[ListAgentContextsOutput](r, in)
}

func (r *recorder) CreateAgentGoal(_ context.Context, in *CreateAgentGoalInput) (*CreateAgentGoalOutput, error) {
	return record[CreateAgentGoalOutput](r, in)
}

func (r *recorder) GetAgentGoal(_ context.Context, in *GetAgentGoalInput) (*GetAgentGoalOutput, error) {
	return record[GetAgentGoalOutput](r, in)
}

func (r *recorder) UpdateAgentGoal(_ context.Context, in *UpdateAgentGoalInput) (*UpdateAgentGoalOutput, error) {
	return record[UpdateAgentGoalOutput](r, in)
}

func (r *recorder) DeleteAgentGoal(_ context.Context, in *DeleteAgentGoalInput) (*DeleteAgentGoalOutput, error) {
	return record[DeleteAgentGoalOutput](r, in)
}

func (r *recorder) ListAgentGoals(_ context.Context, in *ListAgentGoalsInput) (*ListAgentGoalsOutput, error) {
	return record[ListAgentGoalsOutput](r, in)
}

func (r *recorder) StartAgentRecommendationGeneration(_ context.Context, in *StartAgentRecommendationGenerationInput) (*StartAgentRecommendationGenerationOutput, error) {
	return record[StartAgentRecommendationGenerationOutput](r, in)
}

func (r *recorder) GetAgentRecommendationGeneration(_ context.Context, in *GetAgentRecommendationGenerationInput) (*GetAgentRecommendationGenerationOutput, error) {
	return record[GetAgentRecommendationGenerationOutput](r, in)
}

func (r *recorder) ListAgentRecommendationGenerations(_ context.Context, in *ListAgentRecommendationGenerationsInput) (*ListAgentRecommendationGenerationsOutput, error) {
	return record[ListAgentRecommendationGenerationsOutput](r, in)
}

func (r *recorder) GetAgentRecommendation(_ context.Context, in *GetAgentRecommendationInput) (*GetAgentRecommendationOutput, error) {
	return record[GetAgentRecommendationOutput](r, in)
}

func (r *recorder) ListAgentRecommendations(_ context.Context, in *ListAgentRecommendationsInput) (*ListAgentRecommendationsOutput, error) {
	return record[ListAgentRecommendationsOutput](r, in)
}

func (r *recorder) ListAgentRecommendationItems(_ context.Context, in *ListAgentRecommendationItemsInput) (*ListAgentRecommendationItemsOutput, error) {
	return record[ListAgentRecommendationItemsOutput](r, in)
}

func (r *recorder) UpdateAgentRecommendationStatus(_ context.Context, in *UpdateAgentRecommendationStatusInput) (*UpdateAgentRecommendationStatusOutput, error) {
	return record[UpdateAgentRecommendationStatusOutput](r, in)
}

func (r *recorder) PutAgentRecommendationFeedback(_ context.Context, in *PutAgentRecommendationFeedbackInput) (*PutAgentRecommendationFeedbackOutput, error) {
	return record[PutAgentRecommendationFeedbackOutput](r, in)
}

func ptr[T any](v T) *T { return &v }

// request builds a Request from a raw query string.
func request(t testing.TB, labels map[string]string, query, body string) *Request {
	t.Helper()
	q, err := url.ParseQuery(query)
	if err != nil {
		t.Fatal(err)
	}
	return &Request{Labels: labels, Query: q, Body: []byte(body)}
}
