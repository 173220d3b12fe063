package api_test

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	wa "github.com/aws/aws-sdk-go-v2/service/wellarchitected"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected/types"

	"github.com/wat-dev/wat/internal/testserver"
	"github.com/wat-dev/wat/openaicompat"
	"github.com/wat-dev/wat/openaicompat/openaicompattest"
)

// The Agent's optional language model, driven through the server and the
// SDK. The model is a fake (openaicompattest): an httptest server speaking
// the OpenAI-compatible chat completions API, answering what each case
// writes.

// modelRecord is what a generation says of its model run
// (additionalContext.watAgentModel).
type modelRecord struct {
	Model                      string
	Outcome                    string
	Refined, Merged, Discarded int
}

// generateWithModel runs one generation of a fresh fixture with the model
// at fake and returns its record and the recommendations, whole, by title
// (each server has its own account, so ARNs differ between servers).
func generateWithModel(t *testing.T, opts testserver.Options, fake *openaicompattest.Server) (*modelRecord, map[string]*wa.GetAgentRecommendationOutput) {
	t.Helper()
	ctx := context.Background()
	if fake != nil {
		opts.AgentRefiner = openaicompat.New(fake.URL, "fake-model", "", nil)
	}
	srv := testserver.Start(t, opts)
	f := newAgentFixture(t, srv)
	g := f.start(t)
	if n := runGenerations(t, srv); n != 1 {
		t.Fatalf("the worker ended %d generations, want 1", n)
	}
	got, err := f.c.GetAgentRecommendationGeneration(ctx, &wa.GetAgentRecommendationGenerationInput{ProfileArn: f.profile, GenerationId: g.Id})
	if err != nil || got.Status != types.GenerationStatusCompleted {
		t.Fatalf("generation = %+v, %v; a generation never fails because of its model", got, err)
	}
	var rec *modelRecord
	if got.AdditionalContext != nil {
		var doc struct{ WatAgentModel *modelRecord }
		if err := got.AdditionalContext.UnmarshalSmithyDocument(&doc); err != nil {
			t.Fatalf("additionalContext: %v", err)
		}
		rec = doc.WatAgentModel
	}
	recs := map[string]*wa.GetAgentRecommendationOutput{}
	for _, s := range f.recommendations(t) {
		r, err := f.c.GetAgentRecommendation(ctx, &wa.GetAgentRecommendationInput{RecommendationArn: s.RecommendationArn})
		if err != nil {
			t.Fatal(err)
		}
		recs[aws.ToString(r.Title)] = r
	}
	return rec, recs
}

// fromModel reports whether r carries the model's text.
func fromModel(r *wa.GetAgentRecommendationOutput) bool {
	return slices.Contains(r.Sources, types.RecommendationSourceWellArchitectedAgent)
}

func TestAgentModelRefines(t *testing.T) {
	t.Parallel()
	_, baseline := generateWithModel(t, testserver.Options{}, nil)
	var target string // the ARN of the recommendation refined
	fake := openaicompattest.Start(t, func(_ context.Context, r *openaicompattest.Request) (int, string) {
		first := r.Prompt.Recommendations[0]
		cite := first.PracticeID
		target = first.ID
		return http.StatusOK, openaicompattest.Refinement(
			openaicompattest.Item{ID: first.ID, Description: "For a shop that sells things online: " + first.ID, Citations: []string{cite},
				TradeOffs: []openaicompattest.TradeOff{{Pillar: "PERFORMANCE", Title: "Slower checkout", Description: "More checks",
					Risk: "LOW", Mitigation: "Cache", Citations: []string{cite}}}},
			// An id the input does not hold: discarded and counted.
			openaicompattest.Item{ID: "0123456789abcdef0123456789abcdef", Description: "Invented", Citations: []string{cite}},
		)
	})
	rec, recs := generateWithModel(t, testserver.Options{}, fake)
	want := modelRecord{Model: "fake-model", Outcome: "APPLIED", Refined: 1, Discarded: 1}
	if rec == nil || rec.Model != want.Model || rec.Outcome != want.Outcome || rec.Refined != want.Refined || rec.Discarded != want.Discarded {
		t.Errorf("model record %+v, want %+v", rec, want)
	}
	calls := fake.Requests()
	if len(calls) != 1 || calls[0].ResponseFormat != "json_schema" || calls[0].Prompt.BusinessOverview != "Sells things online" {
		t.Fatalf("calls to the model: %+v", calls)
	}
	if len(recs) != len(baseline) {
		t.Errorf("%d recommendations with the model, %d without", len(recs), len(baseline))
	}
	refined := 0
	for _, r := range recs {
		arn := aws.ToString(r.RecommendationArn)
		if !strings.HasSuffix(arn, "/"+target) {
			if fromModel(r) || len(r.TradeOffs) > 0 {
				t.Errorf("%s carries model text it was not given", arn)
			}
			continue
		}
		refined++
		if !fromModel(r) || aws.ToString(r.Description) != "For a shop that sells things online: "+target {
			t.Errorf("the refined recommendation: sources %v, description %q", r.Sources, aws.ToString(r.Description))
		}
		if len(r.TradeOffs) != 1 || r.TradeOffs[0].Risk != types.RiskRatingLow || !strings.Contains(aws.ToString(r.TradeOffs[0].RiskExplanation), "wellarchitected/") {
			t.Errorf("trade-offs %+v", r.TradeOffs)
		}
	}
	if refined != 1 {
		t.Errorf("%d recommendations are %s, want 1", refined, target)
	}
}

// TestAgentModelFallsBack checks that a model that fails leaves the
// deterministic text, and says how it failed.
func TestAgentModelFallsBack(t *testing.T) {
	t.Parallel()
	_, baseline := generateWithModel(t, testserver.Options{}, nil)
	for _, tc := range []struct {
		name, outcome string
		answer        openaicompattest.Answer
	}{
		{"invalid JSON", "INVALID", func(context.Context, *openaicompattest.Request) (int, string) {
			return http.StatusOK, openaicompattest.Completion(`{"items": [{"id": "x", "description": "unterminated`)
		}},
		{"refusal", "REFUSED", func(context.Context, *openaicompattest.Request) (int, string) {
			return http.StatusOK, openaicompattest.Refusal()
		}},
		{"HTTP error", "HTTP_ERROR", func(context.Context, *openaicompattest.Request) (int, string) {
			return http.StatusServiceUnavailable, `{"error":{"message":"overloaded"}}`
		}},
		{"slow", "TIMEOUT", func(ctx context.Context, _ *openaicompattest.Request) (int, string) {
			<-ctx.Done() // until wat gives up
			return http.StatusOK, openaicompattest.Refinement()
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			fake := openaicompattest.Start(t, tc.answer)
			start := time.Now()
			rec, recs := generateWithModel(t, testserver.Options{AgentModelTimeout: 300 * time.Millisecond}, fake)
			if rec == nil || rec.Outcome != tc.outcome || rec.Refined != 0 {
				t.Errorf("model record %+v, want outcome %s", rec, tc.outcome)
			}
			if len(fake.Requests()) != 1 {
				t.Errorf("%d calls to the model, want 1", len(fake.Requests()))
			}
			if len(recs) != len(baseline) {
				t.Fatalf("%d recommendations, want the %d of the engine", len(recs), len(baseline))
			}
			for title, r := range recs {
				b := baseline[title]
				if b == nil || fromModel(r) || aws.ToString(r.Description) != aws.ToString(b.Description) {
					t.Errorf("%s is not the engine's: %q", title, aws.ToString(r.Description))
				}
			}
			if tc.outcome == "TIMEOUT" && time.Since(start) > 20*time.Second {
				t.Errorf("the generation waited %v on a model given 300ms", time.Since(start))
			}
		})
	}
}
