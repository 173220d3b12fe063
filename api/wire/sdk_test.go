package wire

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected/types"
	"github.com/google/go-cmp/cmp"
)

// capture is an HTTP client for the SDK that keeps the request it is given
// and answers 200 with a canned body.
type capture struct {
	req      *http.Request
	body     []byte
	response []byte
}

func (c *capture) Do(r *http.Request) (*http.Response, error) {
	c.req = r
	c.body = nil
	if r.Body != nil {
		b, err := io.ReadAll(r.Body)
		if err != nil {
			return nil, err
		}
		c.body = b
	}
	resp := c.response
	if resp == nil {
		resp = []byte(`{}`)
	}
	return &http.Response{
		StatusCode: 200, Status: "200 OK", Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
		Header:  http.Header{"Content-Type": {"application/json"}, "X-Amzn-Requestid": {"req-1"}},
		Body:    io.NopCloser(bytes.NewReader(resp)),
		Request: r, ContentLength: int64(len(resp)),
	}, nil
}

func sdkClient(c *capture) *wellarchitected.Client {
	return wellarchitected.New(wellarchitected.Options{
		Region:       "us-east-1",
		BaseEndpoint: aws.String("https://wat.example"),
		Credentials:  aws.AnonymousCredentials{},
		HTTPClient:   c,
	})
}

// serve runs what the SDK sent through the router and Invoke, as the server
// would, and returns the input the handler saw.
func serve(t *testing.T, c *capture) any {
	t.Helper()
	if c.req == nil {
		t.Fatal("the SDK sent no request")
	}
	op, labels, err := NewRouter().Match(c.req.Method, c.req.URL.EscapedPath())
	if err != nil {
		t.Fatalf("Match(%s %s): %v", c.req.Method, c.req.URL.EscapedPath(), err)
	}
	var rec recorder
	if _, err := op.Invoke(context.Background(), &rec, &Request{Labels: labels, Query: c.req.URL.Query(), Body: c.body}); err != nil {
		t.Fatalf("%s Invoke(%s %s %s): %v", op.Name, c.req.Method, c.req.URL, c.body, err)
	}
	return rec.in
}

// TestSDKRequests sends requests with the official AWS SDK for Go and checks
// that the server decodes exactly what was passed to the SDK.
func TestSDKRequests(t *testing.T) {
	ctx := context.Background()
	wlArn := "arn:aws:wellarchitected:us-east-1:123456789012:workload/" + wid
	lensArn := "arn:aws:wellarchitected:us-east-1:123456789012:lens/abc123"
	tests := []struct {
		name string
		call func(*wellarchitected.Client) error
		want any
	}{
		{
			name: "CreateWorkload",
			call: func(c *wellarchitected.Client) error {
				_, err := c.CreateWorkload(ctx, &wellarchitected.CreateWorkloadInput{
					ClientRequestToken: aws.String("tok-1"), WorkloadName: aws.String("shop"), Description: aws.String("the shop"),
					Environment: types.WorkloadEnvironmentPreproduction, Lenses: []string{"wellarchitected", lensArn},
					AwsRegions: []string{"eu-west-1"}, PillarPriorities: []string{"security", "reliability"},
					Tags:            map[string]string{"team": "web"},
					DiscoveryConfig: &types.WorkloadDiscoveryConfig{TrustedAdvisorIntegrationStatus: types.TrustedAdvisorIntegrationStatusEnabled, WorkloadResourceDefinition: []types.DefinitionType{types.DefinitionTypeAppRegistry}},
				})
				return err
			},
			want: &CreateWorkloadInput{
				ClientRequestToken: ptr("tok-1"), WorkloadName: ptr("shop"), Description: ptr("the shop"),
				Environment: WorkloadEnvironmentPreproduction, Lenses: []string{"wellarchitected", lensArn},
				AwsRegions: []string{"eu-west-1"}, PillarPriorities: []string{"security", "reliability"},
				Tags:            map[string]string{"team": "web"},
				DiscoveryConfig: &WorkloadDiscoveryConfig{TrustedAdvisorIntegrationStatus: TrustedAdvisorIntegrationStatusEnabled, WorkloadResourceDefinition: []DefinitionType{DefinitionTypeAppRegistry}},
			},
		},
		{
			name: "UpdateAnswer",
			call: func(c *wellarchitected.Client) error {
				_, err := c.UpdateAnswer(ctx, &wellarchitected.UpdateAnswerInput{
					WorkloadId: aws.String(wid), LensAlias: aws.String(lensArn), QuestionId: aws.String("sec-1"),
					SelectedChoices: []string{"sec_1_a"}, IsApplicable: aws.Bool(true), Notes: aws.String("ünïcode ✓"),
					Reason: types.AnswerReasonBusinessPriorities,
					ChoiceUpdates: map[string]types.ChoiceUpdate{
						"sec_1_b": {Status: types.ChoiceStatusNotApplicable, Reason: types.ChoiceReasonOutOfScope, Notes: aws.String("n/a")},
					},
				})
				return err
			},
			want: &UpdateAnswerInput{
				WorkloadId: ptr(wid), LensAlias: ptr(lensArn), QuestionId: ptr("sec-1"),
				SelectedChoices: []string{"sec_1_a"}, IsApplicable: ptr(true), Notes: ptr("ünïcode ✓"),
				Reason:        AnswerReasonBusinessPriorities,
				ChoiceUpdates: map[string]ChoiceUpdate{"sec_1_b": {Status: ChoiceStatusNotApplicable, Reason: ChoiceReasonOutOfScope, Notes: ptr("n/a")}},
			},
		},
		{
			name: "ListWorkloads",
			call: func(c *wellarchitected.Client) error {
				_, err := c.ListWorkloads(ctx, &wellarchitected.ListWorkloadsInput{MaxResults: aws.Int32(25), NextToken: aws.String("t=="), WorkloadNamePrefix: aws.String("sh")})
				return err
			},
			want: &ListWorkloadsInput{MaxResults: ptr(int32(25)), NextToken: ptr("t=="), WorkloadNamePrefix: ptr("sh")},
		},
		{
			name: "TagResource",
			call: func(c *wellarchitected.Client) error {
				_, err := c.TagResource(ctx, &wellarchitected.TagResourceInput{WorkloadArn: aws.String(wlArn), Tags: map[string]string{"a": "1", "b c": "2/3"}})
				return err
			},
			want: &TagResourceInput{WorkloadArn: ptr(wlArn), Tags: map[string]string{"a": "1", "b c": "2/3"}},
		},
		{
			name: "UntagResource",
			call: func(c *wellarchitected.Client) error {
				_, err := c.UntagResource(ctx, &wellarchitected.UntagResourceInput{WorkloadArn: aws.String(wlArn), TagKeys: []string{"a", "b c", "x&y=z"}})
				return err
			},
			want: &UntagResourceInput{WorkloadArn: ptr(wlArn), TagKeys: []string{"a", "b c", "x&y=z"}},
		},
		{
			name: "GetMilestone",
			call: func(c *wellarchitected.Client) error {
				_, err := c.GetMilestone(ctx, &wellarchitected.GetMilestoneInput{WorkloadId: aws.String(wid), MilestoneNumber: aws.Int32(12)})
				return err
			},
			want: &GetMilestoneInput{WorkloadId: ptr(wid), MilestoneNumber: ptr(int32(12))},
		},
		{
			name: "ListAnswers",
			call: func(c *wellarchitected.Client) error {
				_, err := c.ListAnswers(ctx, &wellarchitected.ListAnswersInput{
					WorkloadId: aws.String(wid), LensAlias: aws.String(lensArn), PillarId: aws.String("security"),
					MaxResults: aws.Int32(50), MilestoneNumber: aws.Int32(1), NextToken: aws.String("a b&c"),
					QuestionPriority: types.QuestionPriorityPrioritized,
				})
				return err
			},
			want: &ListAnswersInput{
				WorkloadId: ptr(wid), LensAlias: ptr(lensArn), PillarId: ptr("security"),
				MaxResults: ptr(int32(50)), MilestoneNumber: ptr(int32(1)), NextToken: ptr("a b&c"),
				QuestionPriority: QuestionPriorityPrioritized,
			},
		},
		{
			name: "GetConsolidatedReport",
			call: func(c *wellarchitected.Client) error {
				_, err := c.GetConsolidatedReport(ctx, &wellarchitected.GetConsolidatedReportInput{Format: types.ReportFormatPdf, IncludeSharedResources: aws.Bool(false)})
				return err
			},
			want: &GetConsolidatedReportInput{Format: ReportFormatPdf, IncludeSharedResources: ptr(false)},
		},
		{
			name: "DeleteWorkload, with the token the SDK generates",
			call: func(c *wellarchitected.Client) error {
				_, err := c.DeleteWorkload(ctx, &wellarchitected.DeleteWorkloadInput{WorkloadId: aws.String(wid), ClientRequestToken: aws.String("tok-2")})
				return err
			},
			want: &DeleteWorkloadInput{WorkloadId: ptr(wid), ClientRequestToken: ptr("tok-2")},
		},
		{
			name: "GetGlobalSettings",
			call: func(c *wellarchitected.Client) error {
				_, err := c.GetGlobalSettings(ctx, &wellarchitected.GetGlobalSettingsInput{})
				return err
			},
			want: &GetGlobalSettingsInput{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var c capture
			if err := tt.call(sdkClient(&c)); err != nil {
				t.Fatalf("SDK call: %v", err)
			}
			if diff := cmp.Diff(tt.want, serve(t, &c)); diff != "" {
				t.Errorf("decoded input (-want +got):\n%s", diff)
			}
		})
	}
}

// TestSDKFillsIdempotencyToken checks that the token the SDK generates when
// the caller sets none passes validation.
func TestSDKFillsIdempotencyToken(t *testing.T) {
	var c capture
	_, err := sdkClient(&c).CreateMilestone(context.Background(), &wellarchitected.CreateMilestoneInput{WorkloadId: aws.String(wid), MilestoneName: aws.String("milestone 1")})
	if err != nil {
		t.Fatal(err)
	}
	op, labels, err := NewRouter().Match(c.req.Method, c.req.URL.EscapedPath())
	if err != nil {
		t.Fatal(err)
	}
	_, err = op.Invoke(context.Background(), Unimplemented{}, &Request{Labels: labels, Query: c.req.URL.Query(), Body: c.body})
	if err == nil || err.Error() != "not_implemented: CreateMilestone is not available yet in wat" {
		t.Fatalf("Invoke = %v, want the request to pass validation", err)
	}
}

// TestSDKReadsOutputs marshals generated outputs with encoding/json, as the
// server does, and checks that the SDK's deserializers read every field.
func TestSDKReadsOutputs(t *testing.T) {
	ctx := context.Background()
	updated := time.Date(2024, 5, 6, 7, 8, 9, 123_000_000, time.UTC)

	t.Run("GetLensReview", func(t *testing.T) {
		out := &GetLensReviewOutput{
			WorkloadId: ptr(wid), MilestoneNumber: ptr(int32(3)),
			LensReview: &LensReview{
				LensAlias: ptr("wellarchitected"), LensName: ptr("AWS Well-Architected Framework"), LensStatus: LensStatusCurrent,
				LensVersion: ptr("2024-06-27"), UpdatedAt: NewTimestamp(updated), NextToken: ptr("n1"),
				RiskCounts:            map[string]int32{"HIGH": 2, "MEDIUM": 0, "UNANSWERED": 40},
				PrioritizedRiskCounts: map[string]int32{"HIGH": 1},
				PillarReviewSummaries: []PillarReviewSummary{{PillarId: ptr("security"), PillarName: ptr("Security"), RiskCounts: map[string]int32{"NONE": 5}}},
			},
		}
		got := sdkRoundTrip(t, out, func(c *wellarchitected.Client) (any, error) {
			return c.GetLensReview(ctx, &wellarchitected.GetLensReviewInput{WorkloadId: aws.String(wid), LensAlias: aws.String("wellarchitected")})
		}).(*wellarchitected.GetLensReviewOutput)
		want := &types.LensReview{
			LensAlias: aws.String("wellarchitected"), LensName: aws.String("AWS Well-Architected Framework"), LensStatus: types.LensStatusCurrent,
			LensVersion: aws.String("2024-06-27"), UpdatedAt: &updated, NextToken: aws.String("n1"),
			RiskCounts:            map[string]int32{"HIGH": 2, "MEDIUM": 0, "UNANSWERED": 40},
			PrioritizedRiskCounts: map[string]int32{"HIGH": 1},
			PillarReviewSummaries: []types.PillarReviewSummary{{PillarId: aws.String("security"), PillarName: aws.String("Security"), RiskCounts: map[string]int32{"NONE": 5}}},
		}
		if diff := cmp.Diff(want, got.LensReview, cmp.AllowUnexported(types.LensReview{}, types.PillarReviewSummary{})); diff != "" {
			t.Errorf("LensReview (-want +got):\n%s", diff)
		}
		if aws.ToString(got.WorkloadId) != wid || aws.ToInt32(got.MilestoneNumber) != 3 {
			t.Errorf("WorkloadId, MilestoneNumber = %v, %v", aws.ToString(got.WorkloadId), aws.ToInt32(got.MilestoneNumber))
		}
	})

	t.Run("ListWorkloads", func(t *testing.T) {
		out := &ListWorkloadsOutput{
			NextToken: ptr("next"),
			WorkloadSummaries: []WorkloadSummary{{
				WorkloadId: ptr(wid), WorkloadName: ptr("shop"), Owner: ptr("123456789012"), UpdatedAt: NewTimestamp(updated),
				Lenses: []string{"wellarchitected"}, RiskCounts: map[string]int32{"HIGH": 1}, ImprovementStatus: WorkloadImprovementStatusInProgress,
				Profiles: []WorkloadProfile{{ProfileArn: ptr("arn:p"), ProfileVersion: ptr("1")}},
			}},
		}
		got := sdkRoundTrip(t, out, func(c *wellarchitected.Client) (any, error) {
			return c.ListWorkloads(ctx, &wellarchitected.ListWorkloadsInput{})
		}).(*wellarchitected.ListWorkloadsOutput)
		want := []types.WorkloadSummary{{
			WorkloadId: aws.String(wid), WorkloadName: aws.String("shop"), Owner: aws.String("123456789012"), UpdatedAt: &updated,
			Lenses: []string{"wellarchitected"}, RiskCounts: map[string]int32{"HIGH": 1}, ImprovementStatus: types.WorkloadImprovementStatusInProgress,
			Profiles: []types.WorkloadProfile{{ProfileArn: aws.String("arn:p"), ProfileVersion: aws.String("1")}},
		}}
		if diff := cmp.Diff(want, got.WorkloadSummaries, cmp.AllowUnexported(types.WorkloadSummary{}, types.WorkloadProfile{})); diff != "" {
			t.Errorf("WorkloadSummaries (-want +got):\n%s", diff)
		}
		if aws.ToString(got.NextToken) != "next" {
			t.Errorf("NextToken = %q", aws.ToString(got.NextToken))
		}
	})

	t.Run("GetAnswer", func(t *testing.T) {
		out := &GetAnswerOutput{
			WorkloadId: ptr(wid), LensAlias: ptr("wellarchitected"), LensArn: ptr("arn:l"),
			Answer: &Answer{
				QuestionId: ptr("sec-1"), PillarId: ptr("security"), Risk: RiskHigh, IsApplicable: ptr(true), Reason: AnswerReasonNone,
				SelectedChoices: []string{"a"},
				Choices:         []Choice{{ChoiceId: ptr("a"), Title: ptr("A"), AdditionalResources: []AdditionalResources{{Type: AdditionalResourceTypeHelpfulResource, Content: []ChoiceContent{{DisplayText: ptr("doc"), Url: ptr("https://x")}}}}}},
				ChoiceAnswers:   []ChoiceAnswer{{ChoiceId: ptr("a"), Status: ChoiceStatusSelected}},
			},
		}
		got := sdkRoundTrip(t, out, func(c *wellarchitected.Client) (any, error) {
			return c.GetAnswer(ctx, &wellarchitected.GetAnswerInput{WorkloadId: aws.String(wid), LensAlias: aws.String("l"), QuestionId: aws.String("q")})
		}).(*wellarchitected.GetAnswerOutput)
		a := got.Answer
		if a == nil || aws.ToString(a.QuestionId) != "sec-1" || a.Risk != types.RiskHigh || !aws.ToBool(a.IsApplicable) ||
			len(a.Choices) != 1 || len(a.Choices[0].AdditionalResources) != 1 || aws.ToString(a.Choices[0].AdditionalResources[0].Content[0].Url) != "https://x" ||
			len(a.ChoiceAnswers) != 1 || a.ChoiceAnswers[0].Status != types.ChoiceStatusSelected || aws.ToString(got.LensArn) != "arn:l" {
			t.Errorf("SDK read %+v", a)
		}
	})
}

// sdkRoundTrip serves out as the response to the SDK call and returns what
// the SDK decoded.
func sdkRoundTrip(t *testing.T, out any, call func(*wellarchitected.Client) (any, error)) any {
	t.Helper()
	body, err := json.Marshal(out)
	if err != nil {
		t.Fatal(err)
	}
	c := capture{response: body}
	got, err := call(sdkClient(&c))
	if err != nil {
		t.Fatalf("SDK could not read %s: %v", body, err)
	}
	return got
}
