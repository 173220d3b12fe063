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
