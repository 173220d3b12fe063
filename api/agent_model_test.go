package api

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/wat-dev/wat"
)

// TestAgentGenerationContext checks that the model's record joins the
// caller's additionalContext without losing it.
func TestAgentGenerationContext(t *testing.T) {
	run := &wat.AgentModelRun{Model: "m", Outcome: wat.AgentModelApplied, Refined: 2, Discarded: 1}
	for _, tc := range []struct {
		name   string
		caller string
		model  *wat.AgentModelRun
		want   string // JSON; "" for none
	}{
		{"neither", "", nil, ""},
		{"the caller's alone", `{"budget":100}`, nil, `{"budget":100}`},
		{"the model's alone", "", run, `{"watAgentModel":{"model":"m","outcome":"APPLIED","refined":2,"merged":0,"discarded":1,"durationMs":0}}`},
		{"both", `{"budget":100}`, run, `{"budget":100,"watAgentModel":{"model":"m","outcome":"APPLIED","refined":2,"merged":0,"discarded":1,"durationMs":0}}`},
		{"a caller's array has no room", `[1,2]`, run, `[1,2]`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := agentGenerationContext(&wat.AgentGeneration{AdditionalContext: tc.caller, Model: tc.model})
			if tc.want == "" {
				if got != nil {
					t.Fatalf("got %s, want none", got)
				}
				return
			}
			var g, w any
			if err := json.Unmarshal(got, &g); err != nil {
				t.Fatalf("%s: %v", got, err)
			}
			json.Unmarshal([]byte(tc.want), &w)
			if diff := cmp.Diff(w, g); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}
