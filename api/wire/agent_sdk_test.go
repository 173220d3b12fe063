package wire

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected/document"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected/types"
	"github.com/google/go-cmp/cmp"
)

// Samples of the Agent's identifiers; the model gives them no pattern.
const (
	agentProfile = "arn:aws:wellarchitected:us-east-1:123456789012:agent-profile/p-1"
	agentRec     = "arn:aws:wellarchitected:us-east-1:123456789012:agent-recommendation/r-1"
)

// agentRequests calls each of the Well-Architected Agent's 23 operations
// with the official SDK, filling every member, and gives the input the
// server must decode from what the SDK sent.
func agentRequests(ctx context.Context) map[string]struct {
	call func(*wellarchitected.Client) error
	want any
} {
	p, r := aws.String(agentProfile), aws.String(agentRec)
	sdkContent := &types.ContextContent{
		AccountIds: []string{"123456789012"}, Regions: []string{"eu-west-1"}, AwsServices: []string{"Amazon S3"},
		ResourceTypes: []string{"AWS::S3::Bucket"}, ResourceTags: []types.ContextResourceTag{{Key: aws.String("team"), Value: aws.String("")}},
		ApplicationOverview: aws.String("a shop"), Industry: aws.String("retail"), ApplicationType: types.ApplicationTypeSas,
		Criticality: types.CriticalityBusinessCritical, ArchitectureOverview: aws.String("3 tiers"), AdditionalContext: aws.String("ünïcode ✓"),
	}
	content := &ContextContent{
		AccountIds: []string{"123456789012"}, Regions: []string{"eu-west-1"}, AwsServices: []string{"Amazon S3"},
		ResourceTypes: []string{"AWS::S3::Bucket"}, ResourceTags: []ContextResourceTag{{Key: ptr("team"), Value: ptr("")}},
		ApplicationOverview: ptr("a shop"), Industry: ptr("retail"), ApplicationType: ApplicationTypeSas,
		Criticality: CriticalityBusinessCritical, ArchitectureOverview: ptr("3 tiers"), AdditionalContext: ptr("ünïcode ✓"),
	}
	sdkAgg := []types.AggregationConfiguration{{AccountId: aws.String("123456789012"), Regions: []string{"us-east-1", "eu-west-1"}, AccessRoleArn: aws.String("arn:aws:iam::123456789012:role/read")}}
	agg := []AggregationConfiguration{{AccountId: ptr("123456789012"), Regions: []string{"us-east-1", "eu-west-1"}, AccessRoleArn: ptr("arn:aws:iam::123456789012:role/read")}}
	type req = struct {
		call func(*wellarchitected.Client) error
		want any
	}
	call := func(f func(c *wellarchitected.Client) (any, error)) func(*wellarchitected.Client) error {
		return func(c *wellarchitected.Client) error { _, err := f(c); return err }
	}
	return map[string]req{
		"CreateAgentProfile": {call(func(c *wellarchitected.Client) (any, error) {
			return c.CreateAgentProfile(ctx, &wellarchitected.CreateAgentProfileInput{
				Name: aws.String("shop-profile"), Pillars: []types.Pillar{types.PillarSecurity, types.PillarCostOptimization},
				ExecutionRoleArn: aws.String("arn:aws:iam::123456789012:role/agent"), AggregationConfiguration: sdkAgg,
				DisplayName: aws.String("Shop"), Description: aws.String("the shop"), BusinessOverview: aws.String("sells"),
				DeletionProtection: aws.Bool(false), ClientToken: aws.String("tok-1"), Tags: []types.Tag{{Key: aws.String("team"), Value: aws.String("web")}},
			})
		}), &CreateAgentProfileInput{
			Name: ptr("shop-profile"), Pillars: []Pillar{PillarSecurity, PillarCostOptimization},
			ExecutionRoleArn: ptr("arn:aws:iam::123456789012:role/agent"), AggregationConfiguration: agg,
			DisplayName: ptr("Shop"), Description: ptr("the shop"), BusinessOverview: ptr("sells"),
			DeletionProtection: ptr(false), ClientToken: ptr("tok-1"), Tags: []Tag{{Key: ptr("team"), Value: ptr("web")}},
		}},
		"GetAgentProfile": {call(func(c *wellarchitected.Client) (any, error) {
			return c.GetAgentProfile(ctx, &wellarchitected.GetAgentProfileInput{ProfileArn: p})
		}), &GetAgentProfileInput{ProfileArn: ptr(agentProfile)}},
		"UpdateAgentProfile": {call(func(c *wellarchitected.Client) (any, error) {
			return c.UpdateAgentProfile(ctx, &wellarchitected.UpdateAgentProfileInput{
				ProfileArn: p, ClientToken: aws.String("tok-2"), DisplayName: aws.String("Shop 2"), Description: aws.String(""),
				ExecutionRoleArn: aws.String("arn:aws:iam::123456789012:role/agent2"), AggregationConfiguration: sdkAgg,
				BusinessOverview: aws.String("b"), Pillars: []types.Pillar{types.PillarOperationalExcellence}, DeletionProtection: aws.Bool(true),
			})
		}), &UpdateAgentProfileInput{
			ProfileArn: ptr(agentProfile), ClientToken: ptr("tok-2"), DisplayName: ptr("Shop 2"), Description: ptr(""),
			ExecutionRoleArn: ptr("arn:aws:iam::123456789012:role/agent2"), AggregationConfiguration: agg,
			BusinessOverview: ptr("b"), Pillars: []Pillar{PillarOperationalExcellence}, DeletionProtection: ptr(true),
		}},
		"DeleteAgentProfile": {call(func(c *wellarchitected.Client) (any, error) {
			return c.DeleteAgentProfile(ctx, &wellarchitected.DeleteAgentProfileInput{ProfileArn: p})
		}), &DeleteAgentProfileInput{ProfileArn: ptr(agentProfile)}},
		"ListAgentProfiles": {call(func(c *wellarchitected.Client) (any, error) {
			return c.ListAgentProfiles(ctx, &wellarchitected.ListAgentProfilesInput{MaxResults: aws.Int32(1000), NextToken: aws.String("n/1")})
		}), &ListAgentProfilesInput{MaxResults: ptr(int32(1000)), NextToken: ptr("n/1")}},
		"CreateAgentContext": {call(func(c *wellarchitected.Client) (any, error) {
			return c.CreateAgentContext(ctx, &wellarchitected.CreateAgentContextInput{ProfileArn: p, Title: aws.String("app"),
				ContextType: types.ContextTypeApplication, Content: sdkContent, ClientToken: aws.String("tok-3")})
		}), &CreateAgentContextInput{ProfileArn: ptr(agentProfile), Title: ptr("app"), ContextType: ContextTypeApplication, Content: content, ClientToken: ptr("tok-3")}},
		"GetAgentContext": {call(func(c *wellarchitected.Client) (any, error) {
			return c.GetAgentContext(ctx, &wellarchitected.GetAgentContextInput{ProfileArn: p, Id: aws.String("c 1")})
		}), &GetAgentContextInput{ProfileArn: ptr(agentProfile), Id: ptr("c 1")}},
		"UpdateAgentContext": {call(func(c *wellarchitected.Client) (any, error) {
			return c.UpdateAgentContext(ctx, &wellarchitected.UpdateAgentContextInput{ProfileArn: p, Id: aws.String("c1"), ClientToken: aws.String("tok-4"), Title: aws.String("t"), Content: sdkContent})
		}), &UpdateAgentContextInput{ProfileArn: ptr(agentProfile), Id: ptr("c1"), ClientToken: ptr("tok-4"), Title: ptr("t"), Content: content}},
		"DeleteAgentContext": {call(func(c *wellarchitected.Client) (any, error) {
			return c.DeleteAgentContext(ctx, &wellarchitected.DeleteAgentContextInput{ProfileArn: p, Id: aws.String("c1")})
		}), &DeleteAgentContextInput{ProfileArn: ptr(agentProfile), Id: ptr("c1")}},
		"ListAgentContexts": {call(func(c *wellarchitected.Client) (any, error) {
			return c.ListAgentContexts(ctx, &wellarchitected.ListAgentContextsInput{ProfileArn: p, MaxResults: aws.Int32(1), NextToken: aws.String("n")})
		}), &ListAgentContextsInput{ProfileArn: ptr(agentProfile), MaxResults: ptr(int32(1)), NextToken: ptr("n")}},
		"CreateAgentGoal": {call(func(c *wellarchitected.Client) (any, error) {
			return c.CreateAgentGoal(ctx, &wellarchitected.CreateAgentGoalInput{ProfileArn: p, Title: aws.String("cut cost"),
				Pillars: []types.Pillar{types.PillarCostOptimization}, Description: aws.String("by 10%"), ClientToken: aws.String("tok-5")})
		}), &CreateAgentGoalInput{ProfileArn: ptr(agentProfile), Title: ptr("cut cost"), Pillars: []Pillar{PillarCostOptimization}, Description: ptr("by 10%"), ClientToken: ptr("tok-5")}},
		"GetAgentGoal": {call(func(c *wellarchitected.Client) (any, error) {
			return c.GetAgentGoal(ctx, &wellarchitected.GetAgentGoalInput{ProfileArn: p, Id: aws.String("g1")})
		}), &GetAgentGoalInput{ProfileArn: ptr(agentProfile), Id: ptr("g1")}},
		"UpdateAgentGoal": {call(func(c *wellarchitected.Client) (any, error) {
			return c.UpdateAgentGoal(ctx, &wellarchitected.UpdateAgentGoalInput{ProfileArn: p, Id: aws.String("g1"), ClientToken: aws.String("tok-6"),
				Title: aws.String("t"), Description: aws.String("d"), Pillars: []types.Pillar{types.PillarResilience, types.PillarPerformance}})
		}), &UpdateAgentGoalInput{ProfileArn: ptr(agentProfile), Id: ptr("g1"), ClientToken: ptr("tok-6"), Title: ptr("t"), Description: ptr("d"), Pillars: []Pillar{PillarResilience, PillarPerformance}}},
		"DeleteAgentGoal": {call(func(c *wellarchitected.Client) (any, error) {
			return c.DeleteAgentGoal(ctx, &wellarchitected.DeleteAgentGoalInput{ProfileArn: p, Id: aws.String("g1")})
		}), &DeleteAgentGoalInput{ProfileArn: ptr(agentProfile), Id: ptr("g1")}},
		"ListAgentGoals": {call(func(c *wellarchitected.Client) (any, error) {
			return c.ListAgentGoals(ctx, &wellarchitected.ListAgentGoalsInput{ProfileArn: p, MaxResults: aws.Int32(5)})
		}), &ListAgentGoalsInput{ProfileArn: ptr(agentProfile), MaxResults: ptr(int32(5))}},
		"StartAgentRecommendationGeneration": {call(func(c *wellarchitected.Client) (any, error) {
			return c.StartAgentRecommendationGeneration(ctx, &wellarchitected.StartAgentRecommendationGenerationInput{ProfileArn: p,
				Types: []types.RecommendationType{types.RecommendationTypeArchitecture}, Name: aws.String("weekly"),
				Scope: &types.Scope{Pillars: []types.Pillar{types.PillarSecurity}, GoalIds: []string{"g1"},
					Items: []types.PillarItem{{Pillar: types.PillarSecurity, Ids: []string{"sec_1"}}}},
				AdditionalContext: document.NewLazyDocument(map[string]any{"budget": 100, "notes": []string{"x"}})})
		}), &StartAgentRecommendationGenerationInput{ProfileArn: ptr(agentProfile),
			Types: []RecommendationType{RecommendationTypeArchitecture}, Name: ptr("weekly"),
			Scope:             &Scope{Pillars: []Pillar{PillarSecurity}, GoalIds: []string{"g1"}, Items: []PillarItem{{Pillar: PillarSecurity, Ids: []string{"sec_1"}}}},
			AdditionalContext: Document(`{"budget":100,"notes":["x"]}`)}},
		"GetAgentRecommendationGeneration": {call(func(c *wellarchitected.Client) (any, error) {
			return c.GetAgentRecommendationGeneration(ctx, &wellarchitected.GetAgentRecommendationGenerationInput{ProfileArn: p, GenerationId: aws.String("gen-1")})
		}), &GetAgentRecommendationGenerationInput{ProfileArn: ptr(agentProfile), GenerationId: ptr("gen-1")}},
		"ListAgentRecommendationGenerations": {call(func(c *wellarchitected.Client) (any, error) {
			return c.ListAgentRecommendationGenerations(ctx, &wellarchitected.ListAgentRecommendationGenerationsInput{ProfileArn: p,
				RecommendationType: types.RecommendationTypeResource, MaxResults: aws.Int32(7), NextToken: aws.String("nt")})
		}), &ListAgentRecommendationGenerationsInput{ProfileArn: ptr(agentProfile), RecommendationType: RecommendationTypeResource, MaxResults: ptr(int32(7)), NextToken: ptr("nt")}},
		"GetAgentRecommendation": {call(func(c *wellarchitected.Client) (any, error) {
			return c.GetAgentRecommendation(ctx, &wellarchitected.GetAgentRecommendationInput{RecommendationArn: r, RemediationType: types.RemediationTypeIac})
		}), &GetAgentRecommendationInput{RecommendationArn: ptr(agentRec), RemediationType: RemediationTypeIac}},
		"ListAgentRecommendations": {call(func(c *wellarchitected.Client) (any, error) {
			return c.ListAgentRecommendations(ctx, &wellarchitected.ListAgentRecommendationsInput{ProfileArn: p, MaxResults: aws.Int32(2),
				NextToken: aws.String("x"), State: types.RecommendationStateOpen, Pillar: types.PillarSecurity})
		}), &ListAgentRecommendationsInput{ProfileArn: ptr(agentProfile), MaxResults: ptr(int32(2)), NextToken: ptr("x"), State: RecommendationStateOpen, Pillar: PillarSecurity}},
		"ListAgentRecommendationItems": {call(func(c *wellarchitected.Client) (any, error) {
			return c.ListAgentRecommendationItems(ctx, &wellarchitected.ListAgentRecommendationItemsInput{RecommendationArn: r,
				Type: types.RecommendationItemTypeAwsResource, MaxResults: aws.Int32(3), NextToken: aws.String("y")})
		}), &ListAgentRecommendationItemsInput{RecommendationArn: ptr(agentRec), Type: RecommendationItemTypeAwsResource, MaxResults: ptr(int32(3)), NextToken: ptr("y")}},
		"UpdateAgentRecommendationStatus": {call(func(c *wellarchitected.Client) (any, error) {
			return c.UpdateAgentRecommendationStatus(ctx, &wellarchitected.UpdateAgentRecommendationStatusInput{RecommendationArn: r,
				Status: types.RecommendationStatusSuppressed, UpdateReason: aws.String("not now")})
		}), &UpdateAgentRecommendationStatusInput{RecommendationArn: ptr(agentRec), Status: RecommendationStatusSuppressed, UpdateReason: ptr("not now")}},
		"PutAgentRecommendationFeedback": {call(func(c *wellarchitected.Client) (any, error) {
			return c.PutAgentRecommendationFeedback(ctx, &wellarchitected.PutAgentRecommendationFeedbackInput{RecommendationArn: r,
				Type: types.RecommendationFeedbackTypeNotUseful, FeedbackCategory: types.FeedbackCategoryRecommendationIncorrect, Comments: aws.String("wrong")})
		}), &PutAgentRecommendationFeedbackInput{RecommendationArn: ptr(agentRec), Type: RecommendationFeedbackTypeNotUseful,
			FeedbackCategory: FeedbackCategoryRecommendationIncorrect, Comments: ptr("wrong")}},
	}
}

// TestSDKAgentRequests sends every Agent operation through the official
// SDK and checks that the router finds it and the decoder reads back
// exactly what was passed: the HTTP bindings, member names and kinds the
// model was derived with agree with the SDK's serializers.
func TestSDKAgentRequests(t *testing.T) {
	reqs := agentRequests(context.Background())
	agent := 0
	for _, op := range Operations {
		if _, ok := reqs[op.Name]; ok {
			agent++
		}
	}
	if len(reqs) != 23 || agent != 23 {
		t.Fatalf("%d requests, %d of them operations of the model; want the Agent's 23", len(reqs), agent)
	}
	for name, tt := range reqs {
		t.Run(name, func(t *testing.T) {
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
