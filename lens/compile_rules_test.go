package lens

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// ruleCase breaks one rule of the lens format in testDoc.
type ruleCase struct {
	name   string
	change func(d *Document)
	want   []field
}

// TestCompileRules checks each rule of the format on its own: the change
// breaks it, and Compile reports exactly that problem.
func TestCompileRules(t *testing.T) {
	cases := append(append(lensRuleCases(), choiceRuleCases()...), riskRuleCases()...)
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			doc := testDoc()
			tt.change(doc)
			if diff := cmp.Diff(tt.want, problemsOf(doc)); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
			if _, err := Compile(doc); err == nil {
				t.Error("Compile accepted the document")
			}
		})
	}
}

const (
	q0 = "pillars[0].questions[0]"
	q1 = "pillars[0].questions[1]"
)

func long(n int) string { return strings.Repeat("x", n) }

func lensRuleCases() []ruleCase {
	return []ruleCase{
		{"schema version missing", func(d *Document) { d.SchemaVersion = "" },
			[]field{{"schemaVersion", `is required; use "2021-11-01"`}}},
		{"schema version wrong", func(d *Document) { d.SchemaVersion = "2020-01-01" },
			[]field{{"schemaVersion", `is "2020-01-01"; wat reads only "2021-11-01"`}}},
		{"name missing", func(d *Document) { d.Name = " " },
			[]field{{"name", "is required"}}},
		{"name too long", func(d *Document) { d.Name = strings.Repeat("é", 129) },
			[]field{{"name", "is 129 characters long; at most 128 are allowed"}}},
		{"description too long", func(d *Document) { d.Description = long(2049) },
			[]field{{"description", "is 2049 characters long; at most 2048 are allowed"}}},
		{"no pillars", func(d *Document) { d.Pillars = nil },
			[]field{{"pillars", "needs at least one pillar"}}},
		{"too many pillars", func(d *Document) {
			for i := len(d.Pillars); i < 11; i++ {
				p := PillarDoc{ID: fmt.Sprintf("pil_x%d", i), Name: "P", Questions: []QuestionDoc{d.Pillars[1].Questions[0]}}
				p.Questions[0].ID = fmt.Sprintf("q_x%d", i)
				d.Pillars = append(d.Pillars, p)
			}
		}, []field{{"pillars", "has 11 pillars; at most 10 are allowed"}}},
		{"pillar id missing", func(d *Document) { d.Pillars[1].ID = "" },
			[]field{{"pillars[1].id", "is required"}}},
		{"pillar id with dash", func(d *Document) { d.Pillars[1].ID = "pil-2" },
			[]field{{"pillars[1].id", `"pil-2" contains '-' at offset 3; use only letters, digits and '_'`}}},
		{"pillar id with a letter from elsewhere", func(d *Document) { d.Pillars[1].ID = "pilé" },
			[]field{{"pillars[1].id", `"pilé" contains 'é' at offset 3; use only letters, digits and '_'`}}},
		{"pillar id too short", func(d *Document) { d.Pillars[1].ID = "p2" },
			[]field{{"pillars[1].id", `"p2" is too short: an id has at least 3 characters`}}},
		{"pillar id too long for the API", func(d *Document) { d.Pillars[1].ID = long(65) },
			[]field{{"pillars[1].id", "is 65 characters long; at most 64 are allowed (the limit of the API's PillarId; the lens format alone allows 128)"}}},
		{"pillar id duplicate", func(d *Document) { d.Pillars[1].ID = "pil_one" },
			[]field{{"pillars[1].id", `duplicates the pillar id "pil_one" of pillars[0].id`}}},
		{"pillar name missing", func(d *Document) { d.Pillars[0].Name = "" },
			[]field{{"pillars[0].name", "is required"}}},
		{"pillar name too long", func(d *Document) { d.Pillars[0].Name = long(129) },
			[]field{{"pillars[0].name", "is 129 characters long; at most 128 are allowed"}}},
		{"pillar without questions", func(d *Document) { d.Pillars[1].Questions = nil },
			[]field{{"pillars[1].questions", "needs at least one question"}}},
		{"too many questions", func(d *Document) {
			for i := 1; i < 21; i++ {
				q := d.Pillars[1].Questions[0]
				q.ID = fmt.Sprintf("q_three_%d", i)
				d.Pillars[1].Questions = append(d.Pillars[1].Questions, q)
			}
		}, []field{{"pillars[1].questions", "has 21 questions; at most 20 are allowed"}}},
		{"question id missing", func(d *Document) { d.Pillars[0].Questions[1].ID = "" },
			[]field{{q1 + ".id", "is required"}}},
		{"question id bad character", func(d *Document) { d.Pillars[0].Questions[1].ID = "q.2" },
			[]field{{q1 + ".id", `"q.2" contains '.' at offset 1; use only letters, digits and '_'`}}},
		{"question id with dash", func(d *Document) { d.Pillars[0].Questions[1].ID = "q-two" },
			[]field{{q1 + ".id", `"q-two" contains '-' at offset 1; use only letters, digits and '_'`}}},
		{"question id too short", func(d *Document) { d.Pillars[0].Questions[1].ID = "q2" },
			[]field{{q1 + ".id", `"q2" is too short: an id has at least 3 characters`}}},
		{"question id too long", func(d *Document) { d.Pillars[0].Questions[1].ID = long(129) },
			[]field{{q1 + ".id", "is 129 characters long; at most 128 are allowed"}}},
		{"question id duplicate across pillars", func(d *Document) { d.Pillars[1].Questions[0].ID = "q_one" },
			[]field{{"pillars[1].questions[0].id", `duplicates the question id "q_one" of pillars[0].questions[0].id`}}},
		{"question title missing", func(d *Document) { d.Pillars[0].Questions[1].Title = "" },
			[]field{{q1 + ".title", "is required"}}},
		{"question title too long", func(d *Document) { d.Pillars[0].Questions[1].Title = long(129) },
			[]field{{q1 + ".title", "is 129 characters long; at most 128 are allowed"}}},
		{"question description too long", func(d *Document) { d.Pillars[0].Questions[1].Description = long(2049) },
			[]field{{q1 + ".description", "is 2049 characters long; at most 2048 are allowed"}}},
		{"question helpful url not http", func(d *Document) { d.Pillars[0].Questions[0].HelpfulResource.URL = "javascript:alert(1)" },
			[]field{{q0 + ".helpfulResource.url", `"javascript:alert(1)" is not an absolute http:// or https:// URL`}}},
		{"question helpful url without text", func(d *Document) { d.Pillars[0].Questions[0].HelpfulResource.DisplayText = "" },
			[]field{{q0 + ".helpfulResource.displayText", "is required when a url is given"}}},
		{"question helpful text too long", func(d *Document) { d.Pillars[0].Questions[0].HelpfulResource.DisplayText = strings.Repeat("文", 2049) },
			[]field{{q0 + ".helpfulResource.displayText", "is 2049 characters long; at most 2048 are allowed"}}},
		{"question helpful url too long", func(d *Document) { d.Pillars[0].Questions[0].HelpfulResource.URL = "https://" + long(2041) },
			[]field{{q0 + ".helpfulResource.url", "is 2049 characters long; at most 2048 are allowed"}}},
		{"question helpful url too long once percent-encoded", func(d *Document) {
			d.Pillars[0].Questions[0].HelpfulResource.URL = "https://a.b/" + long(2030) + "  é"
		},
			[]field{{q0 + ".helpfulResource.url", "is 2054 characters long; at most 2048 are allowed"}}},
		{"question without choices", func(d *Document) {
			d.Pillars[0].Questions[1].Choices = nil
			d.Pillars[0].Questions[1].RiskRules = []RiskRuleDoc{{Condition: "default", Risk: NoRisk}}
		}, []field{{q1 + ".choices", "needs at least one choice"}}},
		{"too many choices", func(d *Document) {
			q := &d.Pillars[0].Questions[1]
			for i := len(q.Choices); i < 16; i++ {
				q.Choices = append(q.Choices, ChoiceDoc{ID: fmt.Sprintf("zz%d", i), Title: "Z", ImprovementPlan: &ResourceDoc{DisplayText: "Z"}})
			}
		}, []field{{q1 + ".choices", "has 16 choices; at most 15 are allowed"}}},
	}
}
