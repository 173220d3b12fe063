package main

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected/types"

	"github.com/wat-dev/wat/openaicompat/openaicompattest"
)

// The Agent's model settings of `wat serve`. The model endpoint in these
// tests is a fake (openaicompattest), not a model.

func TestServeAgentConfig(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		env  map[string]string
		want string // an error naming it; "" for none
	}{
		{"no model", nil, nil, ""},
		{"a model", []string{"--agent-model-url", "http://localhost:11434", "--agent-model", "llama3.2"}, nil, ""},
		{"a model from the environment", nil, map[string]string{"WAT_AGENT_MODEL_URL": "https://llm.example/v1", "WAT_AGENT_MODEL": "m"}, ""},
		{"a URL without a model", []string{"--agent-model-url", "http://localhost:11434"}, nil, "--agent-model"},
		{"not an http URL", []string{"--agent-model-url", "localhost:11434", "--agent-model", "m"}, nil, "--agent-model-url"},
		{"a timeout past the lease", []string{"--agent-model-url", "http://h", "--agent-model", "m", "--agent-model-timeout", "5m", "--agent-lease", "1m"}, nil, "shorter than --agent-lease"},
		{"a bad timeout in the environment", nil, map[string]string{"WAT_AGENT_MODEL_TIMEOUT": "soon"}, "WAT_AGENT_MODEL_TIMEOUT"},
		{"a lease too short", []string{"--agent-lease", "10ms"}, nil, "--agent-lease"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := parseServeConfig(append([]string{"--data-dir", t.TempDir()}, tc.args...), func(k string) string { return tc.env[k] }, io.Discard)
			if tc.want == "" && err != nil || tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)) {
				t.Errorf("error %v, want one naming %q", err, tc.want)
			}
		})
	}
	env := map[string]string{"WAT_AGENT_MODEL": "m", "WAT_AGENT_MODEL_KEY": "sk-1", "OTHER_KEY": "sk-2"}
	c, err := parseServeConfig([]string{"--agent-model-url", "http://h", "--agent-model-key-env", "OTHER_KEY", "--agent-lease", "30s", "--agent-model-timeout", "10s"},
		func(k string) string { return env[k] }, io.Discard)
	if err != nil || c.Agent.modelKey != "sk-2" || c.Agent.Lease != 30*time.Second || c.Agent.Model != "m" {
		t.Errorf("config %+v, %v: want the key from OTHER_KEY and a 30s lease", c.Agent, err)
	}
	// A model name and a key alone ask nothing of anyone.
	c, err = parseServeConfig(nil, func(k string) string { return env[k] }, io.Discard)
	if err != nil || c.Agent.refiner(slog.New(slog.DiscardHandler)) != nil {
		t.Errorf("without a URL: refiner %v, %v; want none", c.Agent.refiner(slog.New(slog.DiscardHandler)), err)
	}
}

// agentRun is a profile of a running wat whose scope is its default
// account's us-east-1, with one workload there whose first security
// question is answered with one of its choices: the others are the
// practices the Agent recommends.
type agentRun struct {
	c       *wellarchitected.Client
	profile *string
}

// newAgentRun creates the workload and the profile through c.
func newAgentRun(t *testing.T, c *wellarchitected.Client) *agentRun {
	t.Helper()
	ctx := context.Background()
	w, err := c.CreateWorkload(ctx, &wellarchitected.CreateWorkloadInput{
		WorkloadName: aws.String("Agent shop"), Description: aws.String("made by a test"),
		Environment: types.WorkloadEnvironmentProduction, AwsRegions: []string{"us-east-1"},
		ReviewOwner: aws.String("owner@example.com"), Lenses: []string{"wellarchitected"},
	})
	if err != nil {
		t.Fatalf("CreateWorkload: %v", err)
	}
	if _, err := c.UpdateAnswer(ctx, &wellarchitected.UpdateAnswerInput{WorkloadId: w.WorkloadId, LensAlias: aws.String("wellarchitected"),
		QuestionId: aws.String("securely-operate"), SelectedChoices: []string{"sec_securely_operate_multi_accounts"}}); err != nil {
		t.Fatalf("UpdateAnswer: %v", err)
	}
	account := strings.Split(aws.ToString(w.WorkloadArn), ":")[4]
	p, err := c.CreateAgentProfile(ctx, &wellarchitected.CreateAgentProfileInput{
		Name: aws.String("shop"), BusinessOverview: aws.String("Sells garden tools online"),
		Pillars:          []types.Pillar{types.PillarSecurity, types.PillarResilience},
		ExecutionRoleArn: aws.String("arn:aws:iam::" + account + ":role/agent"),
		AggregationConfiguration: []types.AggregationConfiguration{{AccountId: aws.String(account), Regions: []string{"us-east-1"},
			AccessRoleArn: aws.String("arn:aws:iam::" + account + ":role/read")}},
	})
	if err != nil {
		t.Fatalf("CreateAgentProfile: %v", err)
	}
	return &agentRun{c: c, profile: p.Arn}
}

// start queues a generation and returns its id.
func (a *agentRun) start(t *testing.T) *string {
	t.Helper()
	g, err := a.c.StartAgentRecommendationGeneration(context.Background(), &wellarchitected.StartAgentRecommendationGenerationInput{
		ProfileArn: a.profile, Types: []types.RecommendationType{types.RecommendationTypeArchitecture},
		Scope: &types.Scope{Pillars: []types.Pillar{types.PillarSecurity, types.PillarResilience}}})
	if err != nil {
		t.Fatalf("StartAgentRecommendationGeneration: %v", err)
	}
	return g.Id
}

// wait polls generation id through c until it ends or within is over.
func (a *agentRun) wait(t *testing.T, c *wellarchitected.Client, id *string, within time.Duration) *wellarchitected.GetAgentRecommendationGenerationOutput {
	t.Helper()
	deadline := time.Now().Add(within)
	for {
		g, err := c.GetAgentRecommendationGeneration(context.Background(), &wellarchitected.GetAgentRecommendationGenerationInput{ProfileArn: a.profile, GenerationId: id})
		if err != nil {
			t.Fatalf("GetAgentRecommendationGeneration: %v", err)
		}
		if g.Status == types.GenerationStatusCompleted || g.Status == types.GenerationStatusError {
			return g
		}
		if time.Now().After(deadline) {
			t.Fatalf("the generation is still %s after %v", g.Status, within)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// modelOutcome is the outcome the generation records for its model; ""
// for none.
func modelOutcome(t *testing.T, g *wellarchitected.GetAgentRecommendationGenerationOutput) string {
	t.Helper()
	if g.AdditionalContext == nil {
		return ""
	}
	var doc struct{ WatAgentModel struct{ Outcome string } }
	if err := g.AdditionalContext.UnmarshalSmithyDocument(&doc); err != nil {
		t.Fatal(err)
	}
	return doc.WatAgentModel.Outcome
}

// TestServeAgentModel runs `wat serve` with and without a model URL, the
// rest of the settings alike: the fake endpoint hears from wat only when
// the URL is set, with the key as a bearer token, and neither the key nor
// the prompt reaches the log.
func TestServeAgentModel(t *testing.T) {
	fake := openaicompattest.Start(t, func(_ context.Context, r *openaicompattest.Request) (int, string) {
		first := r.Prompt.Recommendations[0]
		return http.StatusOK, openaicompattest.Refinement(openaicompattest.Item{ID: first.ID, Description: "Tailored", Citations: []string{first.PracticeID}})
	})
	env := map[string]string{"WAT_AGENT_MODEL": "fake-model", "WAT_AGENT_MODEL_KEY": "sk-never-logged"}
	for _, withURL := range []bool{false, true} {
		dir := t.TempDir()
		if withURL {
			env["WAT_AGENT_MODEL_URL"] = fake.URL
		}
		w := MustRunMain(t, env, "--listen", "127.0.0.1:0", "--data-dir", dir)
		creds := readCredentials(t, dir)
		a := newAgentRun(t, sdkClient(w.Endpoint, creds[0], creds[1]))
		g := a.wait(t, a.c, a.start(t), 30*time.Second)
		w.Stop()
		calls := fake.Requests()
		if !withURL {
			if len(calls) != 0 || modelOutcome(t, g) != "" || g.Status != types.GenerationStatusCompleted {
				t.Fatalf("without a URL: %d calls to the model, outcome %q, status %s", len(calls), modelOutcome(t, g), g.Status)
			}
			continue
		}
		if len(calls) != 1 || calls[0].Authorization != "Bearer sk-never-logged" || calls[0].Model != "fake-model" || calls[0].Path != "/v1/chat/completions" {
			t.Fatalf("with a URL: calls %+v", calls)
		}
		if o := modelOutcome(t, g); o != "APPLIED" {
			t.Errorf("outcome %q, want APPLIED", o)
		}
		log := w.Stderr.String()
		if !strings.Contains(log, "agent model call") || !strings.Contains(log, "outcome=APPLIED") {
			t.Errorf("the log does not tell of the model call:\n%s", log)
		}
		if strings.Contains(log, "sk-never-logged") || strings.Contains(log, "garden tools") {
			t.Errorf("the log shows the key or the prompt:\n%s", log)
		}
	}
}
