package wat_test

import (
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/wat-dev/wat"
)

// engineInput is two workloads of one profile: both miss a HIGH-risk
// security practice, one has a template whose bucket fails its check.
func engineInput() *wat.AgentEngineInput {
	sec := wat.AgentPractice{LensAlias: "wellarchitected", QuestionID: "data-classification", ChoiceID: "sec_data_classification_identify_data",
		PillarID: "security", Title: "Understand your data classification", QuestionTitle: "How do you classify your data?",
		Risk: wat.RiskHigh, Effort: wat.AgentEffort("Level of effort: Low. Risk if not established: high."),
		Plan: "1. Identify data types\n2. Tag resources\n", URL: "https://example.com/sec"}
	cost := wat.AgentPractice{LensAlias: "wellarchitected", QuestionID: "cost-q", ChoiceID: "cost_c",
		PillarID: "costOptimization", Title: "Cost practice", Risk: wat.RiskMedium, Effort: wat.AgentLarge}
	sus := wat.AgentPractice{LensAlias: "wellarchitected", QuestionID: "sus-q", ChoiceID: "sus_c", PillarID: "sustainability", Risk: wat.RiskHigh}
	return &wat.AgentEngineInput{
		Profile: &wat.AgentProfile{ARN: "arn:aws:wellarchitected:us-east-1:111122223333:agent-profile/p", AccountID: "111122223333",
			Pillars: []wat.AgentPillar{wat.AgentPillarSecurity, wat.AgentPillarCostOptimization},
			Scope:   []wat.AgentScope{{AccountID: "111122223333", Regions: []string{"us-east-1"}}}},
		Workloads: []wat.AgentWorkload{
			{ID: "w1", Name: "shop", Unselected: []wat.AgentPractice{sec, cost, sus},
				Failing: []wat.AgentFinding{{Practice: &sec, CheckID: "s3-tags", Severity: wat.SeverityMedium,
					Resource: wat.FlaggedResource{Status: wat.FindingFail, Name: "Bucket", Type: "AWS::S3::Bucket", File: "app.yaml", Line: 12}}}},
			{ID: "w2", Name: "blog", Unselected: []wat.AgentPractice{sec}},
		},
	}
}

func TestGenerateAgentRecommendations(t *testing.T) {
	recs := wat.GenerateAgentRecommendations(engineInput())
	type row struct {
		Key, Pillar, Impact, Effort, Priority string
		Apps, Sources, Steps                  []string
		Items                                 int
	}
	var got []row
	for _, r := range recs {
		got = append(got, row{r.PracticeKey, string(r.Pillar), r.Impact, r.Effort, r.Priority, r.Applications, r.Sources, r.Steps, len(r.Items)})
	}
	want := []row{
		{"wellarchitected/data-classification/sec_data_classification_identify_data", "SECURITY", "HIGH", "SMALL", "HIGH",
			[]string{"blog", "shop"}, []string{"WELL_ARCHITECTED_TOOL", "CUSTOMER_IAC"}, []string{"Identify data types", "Tag resources"}, 1},
		{"wellarchitected/cost-q/cost_c", "COST_OPTIMIZATION", "MEDIUM", "LARGE", "LOW", []string{"shop"}, []string{"WELL_ARCHITECTED_TOOL"}, nil, 0},
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("recommendations (-want +got):\n%s", d)
	}
	it := recs[0].Items[0]
	if it.File != "app.yaml" || it.Line != 12 || it.ResourceType != "AWS::S3::Bucket" || it.WorkloadName != "shop" {
		t.Errorf("item = %+v", it)
	}
	// Same inputs, same output: ARNs and item ids included.
	if d := cmp.Diff(recs, wat.GenerateAgentRecommendations(engineInput())); d != "" {
		t.Errorf("second run differs (-first +second):\n%s", d)
	}
}

func TestAgentEffort(t *testing.T) {
	for in, want := range map[string]string{
		"What good looks like:\nLevel of effort: High. Risk if not established: high.": wat.AgentLarge,
		"Level of effort: medium.": wat.AgentMedium, "Level of effort: Low.": wat.AgentSmall, "no effort here": wat.AgentMedium,
	} {
		if got := wat.AgentEffort(in); got != want {
			t.Errorf("AgentEffort(%q) = %s, want %s", in, got, want)
		}
	}
}

// BenchmarkGenerateAgentRecommendations: 100 workloads, each missing 60
// practices and with 40 templates of 10 failing resources each.
func BenchmarkGenerateAgentRecommendations(b *testing.B) {
	in := engineInput()
	pillars := []string{"security", "costOptimization"}
	in.Workloads = nil
	for w := range 100 {
		wl := wat.AgentWorkload{ID: fmt.Sprint("w", w), Name: fmt.Sprint("workload-", w)}
		for p := range 60 {
			pr := wat.AgentPractice{LensAlias: "wellarchitected", QuestionID: fmt.Sprint("q", p/4), ChoiceID: fmt.Sprint("c", p),
				PillarID: pillars[p%2], Title: fmt.Sprint("practice ", p), Risk: wat.RiskHigh, Plan: "1. a\n2. b\n3. c"}
			wl.Unselected = append(wl.Unselected, pr)
			for f := range 40 {
				for r := range 10 {
					if (f+r)%60 == p {
						wl.Failing = append(wl.Failing, wat.AgentFinding{Practice: &pr, CheckID: fmt.Sprint("chk", p),
							Resource: wat.FlaggedResource{Name: fmt.Sprint("R", r), Type: "AWS::S3::Bucket", File: fmt.Sprintf("t%d.yaml", f), Line: r + 1}})
					}
				}
			}
		}
		in.Workloads = append(in.Workloads, wl)
	}
	b.ResetTimer()
	for b.Loop() {
		wat.GenerateAgentRecommendations(in)
	}
}
