package api_test

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	wa "github.com/aws/aws-sdk-go-v2/service/wellarchitected"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected/document"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected/types"

	"github.com/wat-dev/wat/internal/testserver"
)

// generateFor starts and runs a generation of a new profile of the
// fixture's account with scope, and returns the recommendations read whole.
func (f *agentFixture) generateFor(t *testing.T, srv *testserver.Server, name string, scope *types.Scope, context document.Interface) []*wa.GetAgentRecommendationOutput {
	t.Helper()
	ctx := t.Context()
	p := createAgentProfile(t, f.c, agentProfileInput(name, srv.Admin.AccountID)).Arn
	g, err := f.c.StartAgentRecommendationGeneration(ctx, &wa.StartAgentRecommendationGenerationInput{ProfileArn: p,
		Types: []types.RecommendationType{types.RecommendationTypeArchitecture}, Scope: scope, AdditionalContext: context})
	if err != nil {
		t.Fatalf("StartAgentRecommendationGeneration(%s): %v", name, err)
	}
	if n := runGenerations(t, srv); n != 1 {
		t.Fatalf("%d generations ran, want 1", n)
	}
	got, err := f.c.GetAgentRecommendationGeneration(ctx, &wa.GetAgentRecommendationGenerationInput{ProfileArn: p, GenerationId: g.Id})
	if err != nil || got.Status != types.GenerationStatusCompleted {
		t.Fatalf("GetAgentRecommendationGeneration = %+v, %v; want COMPLETED", got, err)
	}
	if diff := slices.Compare(scopeItems(got.Scope), scopeItems(scope)); diff != 0 {
		t.Errorf("the generation's scope items read back as %v, want %v", scopeItems(got.Scope), scopeItems(scope))
	}
	if (got.AdditionalContext == nil) != (context == nil) {
		t.Errorf("the generation's additional context reads back as %v, sent %v", got.AdditionalContext, context)
	}
	list, err := f.c.ListAgentRecommendations(ctx, &wa.ListAgentRecommendationsInput{ProfileArn: p, MaxResults: aws.Int32(100)})
	if err != nil {
		t.Fatal(err)
	}
	var out []*wa.GetAgentRecommendationOutput
	for _, r := range list.Items {
		full, err := f.c.GetAgentRecommendation(ctx, &wa.GetAgentRecommendationInput{RecommendationArn: r.RecommendationArn})
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, full)
	}
	return out
}

func scopeItems(s *types.Scope) []string {
	var out []string
	for _, it := range s.Items {
		out = append(out, string(it.Pillar)+"="+strings.Join(it.Ids, ","))
	}
	return out
}

// TestAgentGenerationScopeItems: a generation's scope items narrow a pillar
// to the workloads or practices they name (the other pillars stay whole),
// IDs that name neither are refused by field, and the additional context
// raises what it mentions and says so.
func TestAgentGenerationScopeItems(t *testing.T) {
	t.Parallel()
	forEachBackend(t, func(t *testing.T, srv *testserver.Server) {
		f := newAgentFixture(t, srv)
		shop, blog := f.ws[0], f.ws[1]
		pillars := []types.Pillar{types.PillarSecurity, types.PillarResilience}
		apps := func(recs []*wa.GetAgentRecommendationOutput, pillar types.Pillar) (names []string, n int) {
			for _, r := range recs {
				if r.Pillar == pillar {
					n++
					for _, a := range r.Applications {
						if !slices.Contains(names, a) {
							names = append(names, a)
						}
					}
				}
			}
			slices.Sort(names)
			return names, n
		}

		whole := f.generateFor(t, srv, "whole", &types.Scope{Pillars: pillars}, nil)
		if names, _ := apps(whole, types.PillarSecurity); !slices.Equal(names, []string{"Agent blog", "Agent shop"}) {
			t.Fatalf("security recommendations of the whole scope concern %v, want both workloads", names)
		}
		wholeRel, nRel := apps(whole, types.PillarResilience)
		if nRel == 0 {
			t.Fatal("no reliability recommendation in the whole scope: the fixture's evidence should give some")
		}

		// Security narrowed to the blog (by ID) leaves reliability whole.
		blogOnly := f.generateFor(t, srv, "blog", &types.Scope{Pillars: pillars, Items: []types.PillarItem{{Pillar: types.PillarSecurity, Ids: []string{blog}}}}, nil)
		if names, n := apps(blogOnly, types.PillarSecurity); n == 0 || !slices.Equal(names, []string{"Agent blog"}) {
			t.Errorf("security narrowed to the blog: %d recommendations concerning %v, want some, of the blog only", n, names)
		}
		if names, n := apps(blogOnly, types.PillarResilience); n != nRel || !slices.Equal(names, wholeRel) {
			t.Errorf("reliability without items: %d recommendations concerning %v, want %d concerning %v", n, names, nRel, wholeRel)
		}

		// Security narrowed to one practice.
		practice := f.question.Choices[1]
		one := f.generateFor(t, srv, "practice", &types.Scope{Pillars: pillars, Items: []types.PillarItem{{Pillar: types.PillarSecurity, Ids: []string{practice.ID}}}}, nil)
		for _, r := range one {
			if r.Pillar == types.PillarSecurity && aws.ToString(r.Title) != practice.Title {
				t.Errorf("security narrowed to %q recommends %q", practice.Title, aws.ToString(r.Title))
			}
		}
		if _, n := apps(one, types.PillarSecurity); n != 1 {
			t.Errorf("security narrowed to one practice gives %d recommendations, want 1", n)
		}

		// The additional context names the shop: its recommendations say so
		// and rank no lower than without it; the blog's alone do not.
		mentioned := f.generateFor(t, srv, "context", &types.Scope{Pillars: pillars},
			document.NewLazyDocument(map[string]any{"notes": []string{"Agent shop takes the payments"}}))
		before := map[string]types.Priority{}
		for _, r := range whole {
			before[aws.ToString(r.Title)] = r.Priority
		}
		level := map[types.Priority]int{types.PriorityLow: 1, types.PriorityMedium: 2, types.PriorityHigh: 3}
		said := 0
		for _, r := range mentioned {
			says := slices.ContainsFunc(r.Highlights, func(h string) bool { return strings.Contains(h, "additional context mentions: Agent shop") })
			if says != slices.Contains(r.Applications, "Agent shop") {
				t.Errorf("%q (workloads %v): says the context mentions it = %v", aws.ToString(r.Title), r.Applications, says)
			}
			if says {
				said++
			}
			if level[r.Priority] < level[before[aws.ToString(r.Title)]] {
				t.Errorf("%q: priority %s with the context, %s without", aws.ToString(r.Title), r.Priority, before[aws.ToString(r.Title)])
			}
		}
		if said == 0 {
			t.Error("no recommendation says the additional context mentions it")
		}

		// The return is estimated from impact and effort, and says it is no sum of money.
		for _, r := range whole {
			est, detail := aws.ToString(r.Roi.Estimate), aws.ToString(r.Roi.Detail)
			want := "MEDIUM"
			switch ratio := float64(level[types.Priority(r.Impact)]) / float64(map[types.Effort]int{"SMALL": 1, "MEDIUM": 2, "LARGE": 3}[r.Effort]); {
			case ratio >= 1.5:
				want = "HIGH"
			case ratio < 1:
				want = "LOW"
			}
			if est != want || !strings.Contains(detail, "Not a monetary estimate") {
				t.Errorf("%q (impact %s, effort %s): ROI %q %q, want estimate %s", aws.ToString(r.Title), r.Impact, r.Effort, est, detail, want)
			}
		}

		// IDs of nothing, and a pillar the generation does not cover.
		ctx := context.Background()
		p := createAgentProfile(t, f.c, agentProfileInput("refused", srv.Admin.AccountID)).Arn
		for _, tc := range []struct {
			items []types.PillarItem
			field string
		}{
			{[]types.PillarItem{{Pillar: types.PillarSecurity, Ids: []string{blog, "no-such-thing"}}}, "scope.items[0].ids[1]"},
			{[]types.PillarItem{{Pillar: types.PillarSecurity, Ids: []string{shop}}, {Pillar: types.PillarCostOptimization, Ids: []string{blog}}}, "scope.items[1].pillar"},
			// A reliability practice is no item of security.
			{[]types.PillarItem{{Pillar: types.PillarSecurity, Ids: []string{f.failing + "x"}}}, "scope.items[0].ids[0]"},
		} {
			_, err := f.c.StartAgentRecommendationGeneration(ctx, &wa.StartAgentRecommendationGenerationInput{ProfileArn: p,
				Types: []types.RecommendationType{types.RecommendationTypeArchitecture}, Scope: &types.Scope{Pillars: pillars, Items: tc.items}})
			wantValidation(t, err, tc.field)
		}
		big, _ := json.Marshal(map[string]string{"notes": strings.Repeat("x", 10001)})
		var doc map[string]any
		_ = json.Unmarshal(big, &doc)
		_, err := f.c.StartAgentRecommendationGeneration(ctx, &wa.StartAgentRecommendationGenerationInput{ProfileArn: p,
			Types: []types.RecommendationType{types.RecommendationTypeArchitecture}, Scope: &types.Scope{Pillars: pillars}, AdditionalContext: document.NewLazyDocument(doc)})
		wantValidation(t, err, "additionalContext")
	})
}
