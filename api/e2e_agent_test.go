package api_test

import (
	"context"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	wa "github.com/aws/aws-sdk-go-v2/service/wellarchitected"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected/document"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected/types"
	"github.com/aws/smithy-go/middleware"

	"github.com/wat-dev/wat/service"
)

// Identifiers of the Agent's resources; wat has none yet, and the model
// gives them no pattern.
const (
	agentProfileARN = "arn:aws:wellarchitected:us-east-1:123456789012:agent-profile/p-1"
	agentRecARN     = "arn:aws:wellarchitected:us-east-1:123456789012:agent-recommendation/r-1"
)

// agentCalls calls each of the Well-Architected Agent's 23 operations with
// a minimal valid input.
func agentCalls(c *wa.Client) map[string]func(ctx context.Context) error {
	p, r := aws.String(agentProfileARN), aws.String(agentRecARN)
	pillars := []types.Pillar{types.PillarSecurity}
	agg := []types.AggregationConfiguration{{AccountId: aws.String("123456789012"), Regions: []string{"us-east-1"}, AccessRoleArn: aws.String("arn:aws:iam::123456789012:role/read")}}
	content := &types.ContextContent{ApplicationOverview: aws.String("a shop"), Criticality: types.CriticalityMissionCritical}
	return map[string]func(ctx context.Context) error{
		"CreateAgentProfile": probe(c.CreateAgentProfile, &wa.CreateAgentProfileInput{Name: aws.String("shop"), Pillars: pillars,
			ExecutionRoleArn: aws.String("arn:aws:iam::123456789012:role/agent"), AggregationConfiguration: agg}),
		"GetAgentProfile":    probe(c.GetAgentProfile, &wa.GetAgentProfileInput{ProfileArn: p}),
		"UpdateAgentProfile": probe(c.UpdateAgentProfile, &wa.UpdateAgentProfileInput{ProfileArn: p}),
		"DeleteAgentProfile": probe(c.DeleteAgentProfile, &wa.DeleteAgentProfileInput{ProfileArn: p}),
		"ListAgentProfiles":  probe(c.ListAgentProfiles, &wa.ListAgentProfilesInput{}),
		"CreateAgentContext": probe(c.CreateAgentContext, &wa.CreateAgentContextInput{ProfileArn: p, Title: aws.String("app"),
			ContextType: types.ContextTypeApplication, Content: content}),
		"GetAgentContext":    probe(c.GetAgentContext, &wa.GetAgentContextInput{ProfileArn: p, Id: aws.String("c1")}),
		"UpdateAgentContext": probe(c.UpdateAgentContext, &wa.UpdateAgentContextInput{ProfileArn: p, Id: aws.String("c1")}),
		"DeleteAgentContext": probe(c.DeleteAgentContext, &wa.DeleteAgentContextInput{ProfileArn: p, Id: aws.String("c1")}),
		"ListAgentContexts":  probe(c.ListAgentContexts, &wa.ListAgentContextsInput{ProfileArn: p}),
		"CreateAgentGoal":    probe(c.CreateAgentGoal, &wa.CreateAgentGoalInput{ProfileArn: p, Title: aws.String("cut cost"), Pillars: pillars}),
		"GetAgentGoal":       probe(c.GetAgentGoal, &wa.GetAgentGoalInput{ProfileArn: p, Id: aws.String("g1")}),
		"UpdateAgentGoal":    probe(c.UpdateAgentGoal, &wa.UpdateAgentGoalInput{ProfileArn: p, Id: aws.String("g1")}),
		"DeleteAgentGoal":    probe(c.DeleteAgentGoal, &wa.DeleteAgentGoalInput{ProfileArn: p, Id: aws.String("g1")}),
		"ListAgentGoals":     probe(c.ListAgentGoals, &wa.ListAgentGoalsInput{ProfileArn: p}),
		"StartAgentRecommendationGeneration": probe(c.StartAgentRecommendationGeneration, &wa.StartAgentRecommendationGenerationInput{ProfileArn: p,
			Types: []types.RecommendationType{types.RecommendationTypeResource}, Scope: &types.Scope{Pillars: pillars},
			AdditionalContext: document.NewLazyDocument(map[string]string{"budget": "low"})}),
		"GetAgentRecommendationGeneration":   probe(c.GetAgentRecommendationGeneration, &wa.GetAgentRecommendationGenerationInput{ProfileArn: p, GenerationId: aws.String("g-1")}),
		"ListAgentRecommendationGenerations": probe(c.ListAgentRecommendationGenerations, &wa.ListAgentRecommendationGenerationsInput{ProfileArn: p}),
		"ListAgentRecommendations":           probe(c.ListAgentRecommendations, &wa.ListAgentRecommendationsInput{ProfileArn: p}),
		"GetAgentRecommendation":             probe(c.GetAgentRecommendation, &wa.GetAgentRecommendationInput{RecommendationArn: r}),
		"ListAgentRecommendationItems":       probe(c.ListAgentRecommendationItems, &wa.ListAgentRecommendationItemsInput{RecommendationArn: r}),
		"UpdateAgentRecommendationStatus": probe(c.UpdateAgentRecommendationStatus, &wa.UpdateAgentRecommendationStatusInput{RecommendationArn: r,
			Status: types.RecommendationStatusCompleted}),
		"PutAgentRecommendationFeedback": probe(c.PutAgentRecommendationFeedback, &wa.PutAgentRecommendationFeedbackInput{RecommendationArn: r,
			Type: types.RecommendationFeedbackTypeUseful}),
	}
}

// TestAgentOperationsAnswerNotImplemented calls every Agent operation with
// the SDK as the account's admin: each is routed and validated, and answers
// 501 NotImplementedException, which the SDK reads as a typed error.
func TestAgentOperationsAnswerNotImplemented(t *testing.T) {
	t.Parallel()
	srv := startSQLite(t)
	calls := agentCalls(srv.Client)
	if len(calls) != 23 {
		t.Fatalf("%d Agent operations, want 23", len(calls))
	}
	for name, call := range calls {
		t.Run(name, func(t *testing.T) {
			wantAPIError(t, call(context.Background()), "NotImplementedException", 501)
		})
	}
}

// withoutClientValidation makes the SDK send inputs it would refuse itself,
// so that the server's own checks of required members are reached.
func withoutClientValidation(o *wa.Options) {
	o.APIOptions = append(o.APIOptions, func(st *middleware.Stack) error {
		_, err := st.Initialize.Remove("OperationInputValidation")
		return err
	})
}

// TestAgentOperationsValidate checks that the model's constraints on the
// Agent's inputs are enforced before the 501: required members, lengths,
// ranges and enums, each named in the ValidationException.
func TestAgentOperationsValidate(t *testing.T) {
	t.Parallel()
	srv := startSQLite(t)
	c := srv.Client
	ctx := context.Background()
	p := aws.String(agentProfileARN)
	tests := []struct {
		name   string
		call   func() error
		fields []string
	}{
		{"CreateAgentProfile required", func() error {
			_, err := c.CreateAgentProfile(ctx, &wa.CreateAgentProfileInput{DisplayName: aws.String("Shop")}, withoutClientValidation)
			return err
		}, []string{"name", "pillars", "executionRoleArn", "aggregationConfiguration"}},
		{"CreateAgentProfile nested required", func() error {
			_, err := c.CreateAgentProfile(ctx, &wa.CreateAgentProfileInput{Name: aws.String("shop"), Pillars: []types.Pillar{types.PillarSecurity},
				ExecutionRoleArn: aws.String("arn:r"), AggregationConfiguration: []types.AggregationConfiguration{{Regions: []string{"us-east-1"}}}}, withoutClientValidation)
			return err
		}, []string{"aggregationConfiguration[0].accountId", "aggregationConfiguration[0].accessRoleArn"}},
		{"CreateAgentProfile lengths and enums", func() error {
			_, err := c.CreateAgentProfile(ctx, &wa.CreateAgentProfileInput{Name: aws.String("ab"), Pillars: []types.Pillar{"SPEED"},
				ExecutionRoleArn: aws.String("arn:r"), AggregationConfiguration: []types.AggregationConfiguration{},
				DisplayName: aws.String(strings.Repeat("d", 129)), Tags: []types.Tag{{Key: aws.String(""), Value: aws.String("v")}}})
			return err
		}, []string{"name", "pillars[0]", "displayName", "tags[0].key"}},
		{"CreateAgentContext required", func() error {
			_, err := c.CreateAgentContext(ctx, &wa.CreateAgentContextInput{ProfileArn: p}, withoutClientValidation)
			return err
		}, []string{"title", "contextType", "content"}},
		{"CreateAgentGoal required", func() error {
			_, err := c.CreateAgentGoal(ctx, &wa.CreateAgentGoalInput{ProfileArn: p}, withoutClientValidation)
			return err
		}, []string{"pillars", "title"}},
		{"StartAgentRecommendationGeneration required", func() error {
			_, err := c.StartAgentRecommendationGeneration(ctx, &wa.StartAgentRecommendationGenerationInput{ProfileArn: p}, withoutClientValidation)
			return err
		}, []string{"types", "scope"}},
		{"StartAgentRecommendationGeneration one type only", func() error {
			_, err := c.StartAgentRecommendationGeneration(ctx, &wa.StartAgentRecommendationGenerationInput{ProfileArn: p,
				Types: []types.RecommendationType{types.RecommendationTypeResource, types.RecommendationTypeApplication}, Scope: &types.Scope{Pillars: []types.Pillar{}}})
			return err
		}, []string{"types", "scope.pillars"}},
		{"UpdateAgentRecommendationStatus required", func() error {
			_, err := c.UpdateAgentRecommendationStatus(ctx, &wa.UpdateAgentRecommendationStatusInput{RecommendationArn: aws.String(agentRecARN)}, withoutClientValidation)
			return err
		}, []string{"status"}},
		{"PutAgentRecommendationFeedback required", func() error {
			_, err := c.PutAgentRecommendationFeedback(ctx, &wa.PutAgentRecommendationFeedbackInput{RecommendationArn: aws.String(agentRecARN)}, withoutClientValidation)
			return err
		}, []string{"type"}},
		{"ListAgentProfiles range", func() error {
			_, err := c.ListAgentProfiles(ctx, &wa.ListAgentProfilesInput{MaxResults: aws.Int32(1001)})
			return err
		}, []string{"maxResults"}},
		{"ListAgentRecommendations enum query", func() error {
			_, err := c.ListAgentRecommendations(ctx, &wa.ListAgentRecommendationsInput{ProfileArn: p, State: "MAYBE"})
			return err
		}, []string{"state"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.call()
			for _, f := range tt.fields {
				wantValidation(t, err, f)
			}
		})
	}
}

// TestAgentOperationsAreAuthorized checks that the Agent's operations are
// authorised as any other before they are refused: a caller whose policies
// do not allow wellarchitected:<Operation> on the resource is denied, one
// they allow learns that the operation is not available.
func TestAgentOperationsAreAuthorized(t *testing.T) {
	t.Parallel()
	srv := startSQLite(t)
	ctx := context.Background()

	nobody, nobodyARN := newUser(t, srv, "nobody", nil)
	calls := agentCalls(nobody)
	wantDenied(t, calls["CreateAgentProfile"](ctx), nobodyARN, "CreateAgentProfile", "*")
	wantDenied(t, calls["GetAgentProfile"](ctx), nobodyARN, "GetAgentProfile", agentProfileARN)
	wantDenied(t, calls["PutAgentRecommendationFeedback"](ctx), nobodyARN, "PutAgentRecommendationFeedback", agentRecARN)

	reader, readerARN := newUser(t, srv, "reader", &service.PolicyInput{Managed: "WellArchitectedConsoleReadOnlyAccess"})
	calls = agentCalls(reader)
	wantAPIError(t, calls["ListAgentProfiles"](ctx), "NotImplementedException", 501)
	wantAPIError(t, calls["GetAgentRecommendation"](ctx), "NotImplementedException", 501)
	wantDenied(t, calls["DeleteAgentProfile"](ctx), readerARN, "DeleteAgentProfile", agentProfileARN)

	// A resource-scoped policy decides on the ARN the request names.
	scoped, scopedARN := newUser(t, srv, "scoped", &service.PolicyInput{Name: "one-profile", Document: []byte(`{"Version":"2012-10-17","Statement":[
		{"Effect":"Allow","Action":"wellarchitected:*AgentGoal*","Resource":"` + agentProfileARN + `"}]}`)})
	calls = agentCalls(scoped)
	wantAPIError(t, calls["CreateAgentGoal"](ctx), "NotImplementedException", 501)
	wantDenied(t, calls["CreateAgentContext"](ctx), scopedARN, "CreateAgentContext", agentProfileARN)
	other := aws.String(strings.Replace(agentProfileARN, "p-1", "p-2", 1))
	_, err := scoped.ListAgentGoals(ctx, &wa.ListAgentGoalsInput{ProfileArn: other})
	wantDenied(t, err, scopedARN, "ListAgentGoals", *other)
}

// TestAgentCallsAreAudited checks that the Agent's mutating calls are
// recorded like any other, with what the model marks sensitive masked, and
// its reads are not.
func TestAgentCallsAreAudited(t *testing.T) {
	t.Parallel()
	srv := startSQLite(t)
	ctx := context.Background()
	_, err := srv.Client.CreateAgentProfile(ctx, &wa.CreateAgentProfileInput{Name: aws.String("secret-shop"), Pillars: []types.Pillar{types.PillarSecurity},
		ExecutionRoleArn: aws.String("arn:aws:iam::123456789012:role/agent"), DisplayName: aws.String("Secret Shop"),
		Description: aws.String("our secret plans"), BusinessOverview: aws.String("sells secrets"),
		AggregationConfiguration: []types.AggregationConfiguration{{AccountId: aws.String("123456789012"), Regions: []string{"us-east-1"}, AccessRoleArn: aws.String("arn:r")}}})
	wantAPIError(t, err, "NotImplementedException", 501)
	wantAPIError(t, agentCalls(srv.Client)["GetAgentProfile"](ctx), "NotImplementedException", 501)

	var created int
	for _, e := range auditEvents(t, srv.Store) {
		switch e.EventName {
		case "GetAgentProfile":
			t.Errorf("a read was audited: %+v", e)
		case "CreateAgentProfile":
			created++
			if e.ErrorCode != "NotImplementedException" {
				t.Errorf("CreateAgentProfile recorded with error code %q", e.ErrorCode)
			}
			for _, clear := range []string{"secret-shop", "Secret Shop", "our secret plans", "sells secrets"} {
				if strings.Contains(e.RequestParameters, clear) {
					t.Errorf("the audit log holds %q in clear: %s", clear, e.RequestParameters)
				}
			}
			if !strings.Contains(e.RequestParameters, `"executionRoleArn":"arn:aws:iam::123456789012:role/agent"`) {
				t.Errorf("requestParameters lack what is not sensitive: %s", e.RequestParameters)
			}
		}
	}
	if created != 1 {
		t.Errorf("%d CreateAgentProfile events, want 1", created)
	}
}
