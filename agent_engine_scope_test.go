package wat_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/wat-dev/wat"
)

// TestAgentEngineScope: items narrow a pillar to workloads or practices,
// Covers says which recommendations a narrowed generation looked at, and
// the additional context raises what it mentions and says so.
func TestAgentEngineScope(t *testing.T) {
	keys := func(recs []*wat.AgentRecommendation) (out []string) {
		for _, r := range recs {
			out = append(out, r.PracticeKey+" "+r.Priority+" "+strings.Join(r.Applications, ""))
		}
		return out
	}
	secKey := "wellarchitected/data-classification/sec_data_classification_identify_data"
	costKey := "wellarchitected/cost-q/cost_c"

	in := engineInput()
	in.Items = []wat.AgentPillarItems{{Pillar: wat.AgentPillarSecurity, IDs: []string{"arn:aws:wellarchitected:us-east-1:111122223333:workload/w2"}}}
	recs := wat.GenerateAgentRecommendations(in)
	if got, want := keys(recs), []string{secKey + " HIGH blog", costKey + " LOW shop"}; !slices.Equal(got, want) {
		t.Errorf("security narrowed to the blog by ARN: %q, want %q", got, want)
	}
	if len(recs[0].Items) != 0 {
		t.Errorf("the blog's security recommendation cites the shop's resources: %+v", recs[0].Items)
	}
	blogOnly := &wat.AgentRecommendation{Pillar: wat.AgentPillarSecurity, PracticeKey: secKey, Applications: []string{"blog"}}
	both := &wat.AgentRecommendation{Pillar: wat.AgentPillarSecurity, PracticeKey: secKey, Applications: []string{"blog", "shop"}}
	if !in.Covers(blogOnly) || in.Covers(both) {
		t.Errorf("narrowed to the blog, Covers(blog's, blog's and shop's) = %v, %v; want true, false", in.Covers(blogOnly), in.Covers(both))
	}

	in = engineInput()
	in.Items = []wat.AgentPillarItems{{Pillar: wat.AgentPillarCostOptimization, IDs: []string{"some-other-practice"}}}
	recs = wat.GenerateAgentRecommendations(in)
	if got, want := keys(recs), []string{secKey + " HIGH blogshop"}; !slices.Equal(got, want) {
		t.Errorf("cost narrowed to another practice: %q, want %q", got, want)
	}
	sec := &wat.AgentRecommendation{Pillar: wat.AgentPillarSecurity, PracticeKey: secKey}
	cost := &wat.AgentRecommendation{Pillar: wat.AgentPillarCostOptimization, PracticeKey: costKey}
	perf := &wat.AgentRecommendation{Pillar: wat.AgentPillarPerformance, PracticeKey: "wellarchitected/p/p_c"}
	if !in.Covers(sec) || in.Covers(cost) || in.Covers(perf) {
		t.Errorf("Covers(security, cost, performance) = %v, %v, %v; want true, false, false", in.Covers(sec), in.Covers(cost), in.Covers(perf))
	}
	in.Items[0].IDs = []string{"cost-q"}
	if !in.Covers(cost) {
		t.Error("Covers(cost) = false for a generation narrowed to its question")
	}

	// The context names the shop: its cost recommendation (of MEDIUM
	// effort here) rises from LOW, as a goal on its pillar would raise it.
	in = engineInput()
	in.Workloads[0].Unselected[1].Effort = wat.AgentMedium
	if got, want := keys(wat.GenerateAgentRecommendations(in)), []string{secKey + " HIGH blogshop", costKey + " LOW shop"}; !slices.Equal(got, want) {
		t.Fatalf("without a context: %q, want %q", got, want)
	}
	in.AdditionalContext = `{"critical": ["The SHOP takes payments"]}`
	recs = wat.GenerateAgentRecommendations(in)
	if got, want := keys(recs), []string{secKey + " HIGH blogshop", costKey + " MEDIUM shop"}; !slices.Equal(got, want) {
		t.Errorf("with a context naming the shop: %q, want %q", got, want)
	}
	if h := recs[1].Highlights; !slices.Contains(h, "The generation's additional context mentions: shop") {
		t.Errorf("highlights %q do not say what the context mentions", h)
	}
}
