package wire

import (
	"context"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected/types"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// TestSDKReadsAgentOutputs marshals outputs of the Agent's operations as the
// server would and checks that the SDK reads every member: camelCase names,
// RFC 3339 date-times, documents, doubles, and the Tag list and field-error
// map the older shapes spell differently.
func TestSDKReadsAgentOutputs(t *testing.T) {
	ctx := context.Background()
	at := time.Date(2026, 8, 20, 10, 11, 12, 345_000_000, time.UTC)
	later := at.Add(90 * time.Minute)

	t.Run("GetAgentProfile", func(t *testing.T) {
		out := &GetAgentProfileOutput{
			Name: ptr("shop"), Arn: ptr(agentProfile), Pillars: []Pillar{PillarSecurity, PillarResilience},
			ExecutionRoleArn: ptr("arn:aws:iam::123456789012:role/agent"), CreatedBy: ptr("alice"), CreatedAt: NewDateTime(at),
			DisplayName: ptr("Shop"), DeletionProtection: ptr(true), EligibleForScheduledGeneration: ptr(false),
			FieldErrors: map[string]string{"executionRoleArn": "cannot be assumed"}, Tags: []Tag{{Key: ptr("team"), Value: ptr("web")}},
			LastModifiedBy: ptr("bob"), LastModifiedAt: NewDateTime(later),
			AggregationConfiguration: []AggregationConfiguration{{AccountId: ptr("123456789012"), Regions: []string{"eu-west-1"}, AccessRoleArn: ptr("arn:r")}},
		}
		got := sdkRoundTrip(t, out, func(c *wellarchitected.Client) (any, error) {
			return c.GetAgentProfile(ctx, &wellarchitected.GetAgentProfileInput{ProfileArn: aws.String(agentProfile)})
		}).(*wellarchitected.GetAgentProfileOutput)
		want := &wellarchitected.GetAgentProfileOutput{
			Name: aws.String("shop"), Arn: aws.String(agentProfile), Pillars: []types.Pillar{types.PillarSecurity, types.PillarResilience},
			ExecutionRoleArn: aws.String("arn:aws:iam::123456789012:role/agent"), CreatedBy: aws.String("alice"), CreatedAt: &at,
			DisplayName: aws.String("Shop"), DeletionProtection: aws.Bool(true), EligibleForScheduledGeneration: aws.Bool(false),
			FieldErrors: map[string]string{"executionRoleArn": "cannot be assumed"}, Tags: []types.Tag{{Key: aws.String("team"), Value: aws.String("web")}},
			LastModifiedBy: aws.String("bob"), LastModifiedAt: &later,
			AggregationConfiguration: []types.AggregationConfiguration{{AccountId: aws.String("123456789012"), Regions: []string{"eu-west-1"}, AccessRoleArn: aws.String("arn:r")}},
		}
		opts := cmp.Options{
			cmpopts.IgnoreFields(wellarchitected.GetAgentProfileOutput{}, "ResultMetadata"),
			cmp.AllowUnexported(wellarchitected.GetAgentProfileOutput{}, types.AggregationConfiguration{}, types.Tag{}),
		}
		if diff := cmp.Diff(want, got, opts); diff != "" {
			t.Errorf("SDK read (-want +got):\n%s", diff)
		}
	})

	t.Run("GetAgentRecommendationGeneration", func(t *testing.T) {
		out := &GetAgentRecommendationGenerationOutput{
			Id: ptr("gen-1"), ProfileArn: ptr(agentProfile), Status: GenerationStatusError, CreatedBy: ptr("alice"), CreatedAt: NewDateTime(at),
			AdditionalContext: Document(`{"budget":100,"tiers":["web","db"]}`),
			Scope:             &Scope{Pillars: []Pillar{PillarPerformance}, Items: []PillarItem{{Pillar: PillarPerformance, Ids: []string{"perf_1"}}}},
			Progress:          &Progress{StepsCompleted: ptr(int32(3)), TotalSteps: ptr(int32(8)), CompletionPercentage: ptr(37.5)},
			ErrorDetails:      &ErrorDetails{Code: ptr("AccessDenied"), Message: ptr("the role cannot be assumed")},
			StartedAt:         NewDateTime(at), EndedAt: NewDateTime(later),
		}
		got := sdkRoundTrip(t, out, func(c *wellarchitected.Client) (any, error) {
			return c.GetAgentRecommendationGeneration(ctx, &wellarchitected.GetAgentRecommendationGenerationInput{ProfileArn: aws.String(agentProfile), GenerationId: aws.String("gen-1")})
		}).(*wellarchitected.GetAgentRecommendationGenerationOutput)
		var ac struct {
			Budget int      `json:"budget"`
			Tiers  []string `json:"tiers"`
		}
		if got.AdditionalContext == nil || got.AdditionalContext.UnmarshalSmithyDocument(&ac) != nil || ac.Budget != 100 || len(ac.Tiers) != 2 {
			t.Errorf("additionalContext read as %+v", ac)
		}
		p := got.Progress
		if p == nil || aws.ToFloat64(p.CompletionPercentage) != 37.5 || aws.ToInt32(p.StepsCompleted) != 3 || aws.ToInt32(p.TotalSteps) != 8 {
			t.Errorf("progress read as %+v", p)
		}
		if got.Status != types.GenerationStatusError || aws.ToString(got.ErrorDetails.Code) != "AccessDenied" ||
			!aws.ToTime(got.EndedAt).Equal(later) || len(got.Scope.Items) != 1 || got.Scope.Items[0].Pillar != types.PillarPerformance {
			t.Errorf("SDK read %+v", got)
		}
	})

	t.Run("ListAgentRecommendationItems", func(t *testing.T) {
		out := &ListAgentRecommendationItemsOutput{NextToken: ptr("n2"), Items: []AgentRecommendationItemSummary{{
			Id: ptr("i1"), RecommendationArn: ptr(agentRec), Type: RecommendationItemTypeAwsResource,
			Metadata: Document(`{"arn":"arn:aws:s3:::shop"}`), CreatedBy: ptr("agent"), CreatedAt: NewDateTime(at),
		}}}
		got := sdkRoundTrip(t, out, func(c *wellarchitected.Client) (any, error) {
			return c.ListAgentRecommendationItems(ctx, &wellarchitected.ListAgentRecommendationItemsInput{RecommendationArn: aws.String(agentRec)})
		}).(*wellarchitected.ListAgentRecommendationItemsOutput)
		var meta map[string]string
		if len(got.Items) != 1 || got.Items[0].Metadata.UnmarshalSmithyDocument(&meta) != nil || meta["arn"] != "arn:aws:s3:::shop" ||
			got.Items[0].Type != types.RecommendationItemTypeAwsResource || !aws.ToTime(got.Items[0].CreatedAt).Equal(at) || aws.ToString(got.NextToken) != "n2" {
			t.Errorf("SDK read %+v (metadata %v)", got.Items, meta)
		}
	})
}
