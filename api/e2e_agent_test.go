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

// Identifiers of Agent resources that do not exist, for the validation
// tests, which refuse before anything is read.
const (
	agentProfileARN = "arn:aws:wellarchitected:us-east-1:123456789012:agent-profile/p-1"
	agentRecARN     = "arn:aws:wellarchitected:us-east-1:123456789012:agent-recommendation/r-1"
)

// agentOperations are the Agent's 23 operations, all served: its
// configuration (e2e_agent_profiles_test.go, e2e_agent_goals_test.go) and
// its generations and recommendations (e2e_agent_recommendations_test.go).
var agentOperations = []string{
	"CreateAgentProfile", "GetAgentProfile", "UpdateAgentProfile", "DeleteAgentProfile", "ListAgentProfiles",
	"CreateAgentGoal", "GetAgentGoal", "UpdateAgentGoal", "DeleteAgentGoal", "ListAgentGoals",
	"CreateAgentContext", "GetAgentContext", "UpdateAgentContext", "DeleteAgentContext", "ListAgentContexts",
	"StartAgentRecommendationGeneration", "GetAgentRecommendationGeneration", "ListAgentRecommendationGenerations",
	"ListAgentRecommendations", "GetAgentRecommendation", "ListAgentRecommendationItems",
	"UpdateAgentRecommendationStatus", "PutAgentRecommendationFeedback",
}

// agentCalls calls each of the Agent's 8 recommendation operations with a
// minimal valid input on profile p and recommendation r.
func agentCalls(c *wa.Client, p, r, generation string) map[string]func(ctx context.Context) error {
	pillars := []types.Pillar{types.PillarSecurity}
	return map[string]func(ctx context.Context) error{
		"StartAgentRecommendationGeneration": probe(c.StartAgentRecommendationGeneration, &wa.StartAgentRecommendationGenerationInput{ProfileArn: &p,
			Types: []types.RecommendationType{types.RecommendationTypeResource}, Scope: &types.Scope{Pillars: pillars},
			AdditionalContext: document.NewLazyDocument(map[string]string{"budget": "low"})}),
		"GetAgentRecommendationGeneration":   probe(c.GetAgentRecommendationGeneration, &wa.GetAgentRecommendationGenerationInput{ProfileArn: &p, GenerationId: &generation}),
		"ListAgentRecommendationGenerations": probe(c.ListAgentRecommendationGenerations, &wa.ListAgentRecommendationGenerationsInput{ProfileArn: &p}),
		"ListAgentRecommendations":           probe(c.ListAgentRecommendations, &wa.ListAgentRecommendationsInput{ProfileArn: &p}),
		"GetAgentRecommendation":             probe(c.GetAgentRecommendation, &wa.GetAgentRecommendationInput{RecommendationArn: &r}),
		"ListAgentRecommendationItems":       probe(c.ListAgentRecommendationItems, &wa.ListAgentRecommendationItemsInput{RecommendationArn: &r}),
		"UpdateAgentRecommendationStatus": probe(c.UpdateAgentRecommendationStatus, &wa.UpdateAgentRecommendationStatusInput{RecommendationArn: &r,
			Status: types.RecommendationStatusCompleted}),
		"PutAgentRecommendationFeedback": probe(c.PutAgentRecommendationFeedback, &wa.PutAgentRecommendationFeedbackInput{RecommendationArn: &r,
			Type: types.RecommendationFeedbackTypeUseful}),
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

// TestAgentOperationsAreAuthorized checks that the Agent's recommendation
// operations are authorised as wellarchitected:<Operation> on the profile
// or recommendation ARN: a caller whose policies do not allow it is
// denied, one they allow is served.
func TestAgentOperationsAreAuthorized(t *testing.T) {
	t.Parallel()
	srv := startSQLite(t)
	ctx := context.Background()
	f := newAgentFixture(t, srv)
	g := f.start(t)
	runGenerations(t, srv)
	var rec string
	for _, r := range f.recommendations(t) {
		rec = aws.ToString(r.RecommendationArn)
		break
	}
	p, gen := aws.ToString(f.profile), aws.ToString(g.Id)

	nobody, nobodyARN := newUser(t, srv, "nobody", nil)
	calls := agentCalls(nobody, p, rec, gen)
	wantDenied(t, calls["StartAgentRecommendationGeneration"](ctx), nobodyARN, "StartAgentRecommendationGeneration", p)
	wantDenied(t, calls["PutAgentRecommendationFeedback"](ctx), nobodyARN, "PutAgentRecommendationFeedback", rec)

	reader, readerARN := newUser(t, srv, "reader", &service.PolicyInput{Managed: "WellArchitectedConsoleReadOnlyAccess"})
	calls = agentCalls(reader, p, rec, gen)
	for _, op := range []string{"ListAgentRecommendations", "GetAgentRecommendation", "ListAgentRecommendationItems", "GetAgentRecommendationGeneration", "ListAgentRecommendationGenerations"} {
		if err := calls[op](ctx); err != nil {
			t.Errorf("%s as a reader: %v", op, err)
		}
	}
	wantDenied(t, calls["UpdateAgentRecommendationStatus"](ctx), readerARN, "UpdateAgentRecommendationStatus", rec)

	// A resource-scoped policy decides on the ARN the request names.
	scoped, scopedARN := newUser(t, srv, "scoped", &service.PolicyInput{Name: "one-profile", Document: []byte(`{"Version":"2012-10-17","Statement":[
		{"Effect":"Allow","Action":"wellarchitected:*AgentRecommendationGeneration*","Resource":"` + p + `"}]}`)})
	calls = agentCalls(scoped, p, rec, gen)
	if err := calls["ListAgentRecommendationGenerations"](ctx); err != nil {
		t.Errorf("ListAgentRecommendationGenerations as allowed: %v", err)
	}
	wantDenied(t, calls["ListAgentRecommendations"](ctx), scopedARN, "ListAgentRecommendations", p)
	wantDenied(t, calls["GetAgentRecommendation"](ctx), scopedARN, "GetAgentRecommendation", rec)
}

// TestAgentCallsAreAudited checks that the Agent's mutating calls are
// recorded like any other, with what the model marks sensitive masked in
// their parameters and responses, and its reads are not.
func TestAgentCallsAreAudited(t *testing.T) {
	t.Parallel()
	srv := startSQLite(t)
	ctx := context.Background()
	in := agentProfileInput("secret-shop", srv.Admin.AccountID)
	in.DisplayName, in.Description, in.BusinessOverview = aws.String("Secret Shop"), aws.String("our secret plans"), aws.String("sells secrets")
	p := createAgentProfile(t, srv.Client, in).Arn
	getAgentProfile(t, srv.Client, p)
	if _, err := srv.Client.CreateAgentGoal(ctx, &wa.CreateAgentGoalInput{ProfileArn: p, Title: aws.String("secret goal"),
		Pillars: []types.Pillar{types.PillarSecurity}}); err != nil {
		t.Fatal(err)
	}

	events := map[string]int{}
	for _, e := range auditEvents(t, srv.Store) {
		events[e.EventName]++
		switch e.EventName {
		case "GetAgentProfile":
			t.Errorf("a read was audited: %+v", e)
		case "CreateAgentProfile", "CreateAgentGoal":
			if e.ErrorCode != "" || e.ResponseElements == "" {
				t.Errorf("%s recorded with error code %q and response %q", e.EventName, e.ErrorCode, e.ResponseElements)
			}
			for _, clear := range []string{"secret-shop", "Secret Shop", "our secret plans", "sells secrets", "secret goal"} {
				if strings.Contains(e.RequestParameters+e.ResponseElements, clear) {
					t.Errorf("the audit log holds %q in clear: %s %s", clear, e.RequestParameters, e.ResponseElements)
				}
			}
		}
	}
	if events["CreateAgentProfile"] != 1 || events["CreateAgentGoal"] != 1 {
		t.Errorf("audit events %v, want one CreateAgentProfile and one CreateAgentGoal", events)
	}
	for _, e := range auditEvents(t, srv.Store) {
		if e.EventName == "CreateAgentProfile" && !strings.Contains(e.ResponseElements, `"arn":"`+*p+`"`) {
			t.Errorf("the response elements lack the new profile's ARN: %s", e.ResponseElements)
		}
	}
}
