package wat_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/wat-dev/wat"
)

// TestAgentPillarsAreFrameworkPillars: each of the Agent's five pillars is
// one of the framework's, RESILIENCE its reliability.
func TestAgentPillarsAreFrameworkPillars(t *testing.T) {
	want := map[wat.AgentPillar]string{
		"OPERATIONAL_EXCELLENCE": "operationalExcellence",
		"SECURITY":               "security",
		"RESILIENCE":             "reliability",
		"PERFORMANCE":            "performance",
		"COST_OPTIMIZATION":      "costOptimization",
	}
	for p, id := range want {
		if got, ok := p.FrameworkPillarID(); !ok || got != id {
			t.Errorf("%s.FrameworkPillarID() = %q, %v; want %q", p, got, ok, id)
		}
	}
	if id, ok := wat.AgentPillar("SUSTAINABILITY").FrameworkPillarID(); ok {
		t.Errorf("SUSTAINABILITY is %q; the Agent has no such pillar", id)
	}
}

// TestAgentProfileMissing: a profile lacking what the model lets be empty
// says which fields, by their wire paths.
func TestAgentProfileMissing(t *testing.T) {
	complete := wat.AgentProfile{ExecutionRoleARN: "arn:aws:iam::111111111111:role/agent", Pillars: []wat.AgentPillar{wat.AgentPillarSecurity},
		Scope: []wat.AgentScope{{AccountID: "111111111111", Regions: []string{"us-east-1"}, AccessRoleARN: "arn:aws:iam::111111111111:role/read"}}}
	if got := complete.Missing(); got != nil {
		t.Errorf("a complete profile misses %v", got)
	}
	empty := wat.AgentProfile{Scope: []wat.AgentScope{complete.Scope[0], {}}}
	var names []string
	for _, f := range empty.Missing() {
		names = append(names, f.Name)
	}
	want := []string{"executionRoleArn", "pillars", "aggregationConfiguration[1].accountId",
		"aggregationConfiguration[1].regions", "aggregationConfiguration[1].accessRoleArn"}
	if diff := cmp.Diff(want, names); diff != "" {
		t.Errorf("Missing (-want +got):\n%s", diff)
	}
	noScope := complete
	noScope.Scope = nil
	if got := noScope.Missing(); len(got) != 1 || got[0].Name != "aggregationConfiguration" {
		t.Errorf("a profile without scope misses %v, want aggregationConfiguration", got)
	}
}

// TestAgentProfileSelects: a scope entry selects the workloads of its
// account (listed, or the owner when none is) in one of its Regions.
func TestAgentProfileSelects(t *testing.T) {
	p := wat.AgentProfile{Scope: []wat.AgentScope{
		{AccountID: "111111111111", Regions: []string{"us-east-1", "eu-west-1"}},
		{AccountID: "222222222222", Regions: []string{"ap-south-1"}},
	}}
	tests := []struct {
		name string
		w    wat.Workload
		want bool
	}{
		{"owner account, listed Region", wat.Workload{AccountID: "111111111111", AWSRegions: []string{"eu-west-1"}}, true},
		{"owner account, other Region", wat.Workload{AccountID: "111111111111", AWSRegions: []string{"us-west-2"}}, false},
		{"listed account", wat.Workload{AccountID: "999999999999", AccountIDs: []string{"222222222222"}, AWSRegions: []string{"us-east-1", "ap-south-1"}}, true},
		{"listed accounts replace the owner", wat.Workload{AccountID: "111111111111", AccountIDs: []string{"333333333333"}, AWSRegions: []string{"us-east-1"}}, false},
		{"a Region of another entry", wat.Workload{AccountID: "222222222222", AWSRegions: []string{"us-east-1"}}, false},
		{"no AWS Region", wat.Workload{AccountID: "111111111111", NonAWSRegions: []string{"on premises"}}, false},
	}
	for _, tt := range tests {
		if got := p.Selects(&tt.w); got != tt.want {
			t.Errorf("%s: Selects = %v, want %v", tt.name, got, tt.want)
		}
	}
}
