package scan

import (
	"testing"

	"github.com/wat-dev/wat/lens/framework"
)

func TestOutcomes(t *testing.T) {
	versioned := &Rule{ID: "versioned", Kinds: []string{"s3_bucket"}, Severity: "medium",
		Condition: Condition{Property: "versioning", Equals: true}, Choices: []string{"rel_backing_up_data_identified_backups_data"}}
	tables := &Rule{ID: "tables", Kinds: []string{"dynamodb_table"}, Severity: "low",
		Condition: Condition{Property: "pitr", Equals: true}, Choices: []string{"rel_backing_up_data_automated_backups_data"}}
	resources := []*Resource{
		{Kind: "s3_bucket", Name: "A", File: "a.yaml", Line: 3, Props: map[string]any{"versioning": true}},
		{Kind: "s3_bucket", Name: "B", File: "a.yaml", Line: 9, Props: map[string]any{"versioning": false}},
		{Kind: "s3_bucket", Name: "C", File: "b.yaml", Line: 2, Props: map[string]any{"versioning": Unknown{Why: "Ref to parameter V"}}},
		{Kind: "s3_bucket", Name: "D", File: "b.yaml", Line: 7, Props: map[string]any{"versioning": true}},
	}
	rep := Evaluate([]*Rule{versioned, tables}, resources, nil)
	out := rep.Outcomes([]*Rule{versioned, tables})
	if len(out) != 2 || out[0].Rule != versioned || out[1].Rule != tables {
		t.Fatalf("outcomes %+v: want one per rule, in order", out)
	}
	v := out[0]
	if v.Passed != 2 || len(v.Flagged) != 2 || v.Flagged[0].Resource.Name != "B" || v.Flagged[0].Status != Fail ||
		v.Flagged[1].Resource.Name != "C" || v.Flagged[1].Status != Undecided || v.Status() != Fail {
		t.Errorf("versioned: %+v", v)
	}
	if out[1].Passed != 0 || len(out[1].Flagged) != 0 || out[1].Status() != "" {
		t.Errorf("tables, which found no table: %+v", out[1])
	}
	if o := (Outcome{Passed: 1, Flagged: []Result{{Status: Undecided}}}); o.Status() != Undecided {
		t.Errorf("pass and unknown: %s", o.Status())
	}
	if o := (Outcome{Passed: 1}); o.Status() != Pass {
		t.Errorf("pass: %s", o.Status())
	}
}

// TestFailsAt checks the gate of --fail-on: it goes by the severity of the
// failing rule, not by the risk of the practices the rule is evidence for.
func TestFailsAt(t *testing.T) {
	rule := func(id, severity string, level framework.Level) *Rule {
		return &Rule{ID: id, Severity: severity, Practices: []framework.BestPractice{{ID: id + "-bp", Level: level}}}
	}
	for _, tc := range []struct {
		name    string
		rule    *Rule
		status  Status
		failsAt map[string]bool
	}{
		{"medium rule, HIGH practice", rule("m", "medium", framework.High), Fail, map[string]bool{"high": false, "medium": true, "low": true}},
		{"high rule, LOW practice", rule("h", "high", framework.Low), Fail, map[string]bool{"high": true, "medium": true, "low": true}},
		{"low rule, HIGH practice", rule("l", "low", framework.High), Fail, map[string]bool{"high": false, "medium": false, "low": true}},
		{"high rule passing", rule("p", "high", framework.High), Pass, map[string]bool{"high": false, "medium": false, "low": false}},
		{"high rule unknown", rule("u", "high", framework.High), Undecided, map[string]bool{"high": false, "medium": false, "low": false}},
		{"unknown gate", rule("x", "high", framework.High), Fail, map[string]bool{"": false, "HIGH": false, "critical": false}},
	} {
		rep := &Report{Results: []Result{{Rule: tc.rule, Resource: &Resource{Name: "R"}, Status: tc.status}}}
		for gate, want := range tc.failsAt {
			if got := rep.FailsAt(gate); got != want {
				t.Errorf("%s: FailsAt(%q) = %v, want %v", tc.name, gate, got, want)
			}
		}
	}
}
