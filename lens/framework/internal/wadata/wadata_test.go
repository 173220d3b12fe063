package wadata

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/wat-dev/wat/lens"
)

const head = "pillar_id,pillar_name,question_ref,question_id,question_title,bp_id,bp_title,bp_risk,choice_id,url\n"

func row(pillar, question, level, choice string) string {
	return strings.Join([]string{pillar, "P " + pillar, "REF 1", question, "Title?", "BP-" + choice, "T " + choice, level, choice, "https://example.com/" + choice}, ",") + "\n"
}

func TestParseErrors(t *testing.T) {
	tests := []struct{ name, csv, want string }{
		{"bad header", "a,b\n", "the header must be " + strings.TrimSpace(head)},
		{"empty field", head + "p,P,R,q,T,B,T,HIGH,,https://x\n", "line 2: choice_id is empty"},
		{"bad level", head + row("p", "q", "SEVERE", "a"), `line 2: bp_risk "SEVERE" is not HIGH, MEDIUM or LOW`},
		{"repeated choice", head + row("p", "q", "HIGH", "a") + row("p", "q2", "LOW", "a"), `line 3: choice_id "a" repeats`},
		{"question split", head + row("p", "q", "HIGH", "a") + row("p", "q2", "LOW", "b") + row("p", "q", "LOW", "c"),
			`line 4: the rows of pillar "p" or question "q" are not contiguous`},
		{"pillar split", head + row("p", "q", "HIGH", "a") + row("r", "q2", "LOW", "b") + row("p", "q3", "LOW", "c"),
			`line 4: the rows of pillar "p" or question "q3" are not contiguous`},
	}
	for _, tt := range tests {
		_, err := Parse([]byte(tt.csv))
		if err == nil || err.Error() != tt.want {
			t.Errorf("%s: error %v, want %q", tt.name, err, tt.want)
		}
	}
}

func TestRiskRules(t *testing.T) {
	choices := func(ids ...string) []lens.ChoiceDoc {
		var cs []lens.ChoiceDoc
		for _, id := range ids {
			cs = append(cs, lens.ChoiceDoc{ID: id})
		}
		return cs
	}
	tests := []struct {
		name   string
		levels []string
		want   []lens.RiskRuleDoc
	}{
		{"high, medium and low", []string{High, Low, Medium, High},
			[]lens.RiskRuleDoc{{Condition: "a && d && c", Risk: lens.NoRisk}, {Condition: "a && d", Risk: lens.MediumRisk}, {Condition: "default", Risk: lens.HighRisk}}},
		{"high only", []string{High, Low},
			[]lens.RiskRuleDoc{{Condition: "a", Risk: lens.NoRisk}, {Condition: "default", Risk: lens.HighRisk}}},
		{"medium only", []string{Low, Medium, Medium},
			[]lens.RiskRuleDoc{{Condition: "b && c", Risk: lens.NoRisk}, {Condition: "default", Risk: lens.MediumRisk}}},
		{"low only", []string{Low, Low},
			[]lens.RiskRuleDoc{{Condition: "default", Risk: lens.NoRisk}}},
	}
	for _, tt := range tests {
		// The extra choice e stands for "None of these": it has no level.
		got := RiskRules(choices("a", "b", "c", "d", "e")[:len(tt.levels)+1], tt.levels)
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.name, diff)
		}
	}
}
