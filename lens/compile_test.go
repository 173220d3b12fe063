package lens

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/wat-dev/wat"
)

// testDoc returns a small valid document: two pillars, three questions.
func testDoc() *Document {
	plan := func(s string) *ResourceDoc {
		return &ResourceDoc{DisplayText: "Do " + s, URL: "https://example.com/" + s}
	}
	return &Document{
		SchemaVersion: SchemaVersion,
		Name:          "Test lens",
		Description:   "A lens for tests.",
		Pillars: []PillarDoc{
			{ID: "p1", Name: "Pillar one", Questions: []QuestionDoc{
				{
					ID: "q-one", Title: "Question one?", Description: "First.",
					HelpfulResource: &ResourceDoc{DisplayText: "Read", URL: "https://example.com/q1"},
					Choices: []ChoiceDoc{
						{ID: "a", Title: "A", ImprovementPlan: plan("a")},
						{ID: "b", Title: "B", ImprovementPlan: plan("b"), HelpfulResource: &ResourceDoc{DisplayText: "B help", URL: "http://example.com/b"}},
						{ID: "c", Title: "C", ImprovementPlan: plan("c"), AdditionalResources: []AdditionalResourcesDoc{
							{Type: HelpfulResourceType, Content: []ResourceDoc{{DisplayText: "More", URL: "https://example.com/more"}}},
						}},
						{ID: "q_one_no", Title: "None of these"},
					},
					RiskRules: []RiskRuleDoc{
						{Condition: "a && b && c", Risk: NoRisk},
						{Condition: "a && (b || !c)", Risk: MediumRisk},
						{Condition: "default", Risk: HighRisk},
					},
				},
				{
					ID: "q2", Title: "Question two?",
					Choices: []ChoiceDoc{
						{ID: "x", Title: "X", ImprovementPlan: plan("x")},
						{ID: "y", Title: "Y", ImprovementPlan: plan("y")},
					},
					RiskRules: []RiskRuleDoc{
						{Condition: "x || y", Risk: NoRisk},
						{Condition: "default", Risk: MediumRisk},
					},
				},
			}},
			{ID: "p2", Name: "Pillar two", Questions: []QuestionDoc{
				{
					ID: "q3", Title: "Question three?",
					Choices:   []ChoiceDoc{{ID: "a", Title: "A again", ImprovementPlan: plan("a3")}},
					RiskRules: []RiskRuleDoc{{Condition: "default", Risk: NoRisk}},
				},
			}},
		},
	}
}

// field is a wat.FieldError that tables can spell without keys.
type field struct{ Name, Message string }

func fields(fes []wat.FieldError) []field {
	var out []field
	for _, fe := range fes {
		out = append(out, field(fe))
	}
	return out
}

func mustCompile(t testing.TB, doc *Document) *Lens {
	t.Helper()
	l, err := Compile(doc)
	if err != nil {
		t.Fatalf("Compile: %v", err)
	}
	return l
}

func TestCompileModel(t *testing.T) {
	l := mustCompile(t, testDoc())
	if l.Name != "Test lens" || l.Description != "A lens for tests." {
		t.Errorf("Name, Description = %q, %q", l.Name, l.Description)
	}
	var ids []string
	for _, q := range l.Questions() {
		ids = append(ids, q.PillarID+"/"+q.ID)
	}
	if diff := cmp.Diff([]string{"p1/q-one", "p1/q2", "p2/q3"}, ids); diff != "" {
		t.Errorf("Questions (-want +got):\n%s", diff)
	}
	q, ok := l.Question("q-one")
	if !ok {
		t.Fatal(`Question("q-one") not found`)
	}
	if q.HelpfulResource != (Resource{"Read", "https://example.com/q1"}) || q.Description != "First." {
		t.Errorf("question fields = %+v", q)
	}
	if _, ok := l.Question("nope"); ok {
		t.Error(`Question("nope") found`)
	}
	p, ok := l.Pillar("p2")
	if !ok || p.Name != "Pillar two" || len(p.Questions) != 1 || p.Questions[0].ID != "q3" {
		t.Errorf(`Pillar("p2") = %+v, %v`, p, ok)
	}
	if _, ok := l.Pillar("q3"); ok {
		t.Error(`Pillar("q3") found`)
	}
	c, ok := q.Choice("c")
	wantC := &Choice{ID: "c", Title: "C",
		ImprovementPlan:     Resource{"Do c", "https://example.com/c"},
		AdditionalResources: []AdditionalResources{{Type: HelpfulResourceType, Content: []Resource{{"More", "https://example.com/more"}}}}}
	if diff := cmp.Diff(wantC, c); !ok || diff != "" {
		t.Errorf("Choice(c) (-want +got):\n%s", diff)
	}
	if _, ok := q.Choice("x"); ok {
		t.Error("Choice(x) found in the wrong question")
	}
	none, ok := q.NoneChoice()
	if !ok || none.ID != "q_one_no" {
		t.Errorf("NoneChoice = %v, %v", none, ok)
	}
	q2, _ := l.Question("q2")
	if none, ok := q2.NoneChoice(); ok {
		t.Errorf("q2.NoneChoice = %v, want none", none)
	}
}

// TestCompileDoesNotAlias checks the Lens does not share memory with the
// document it came from.
func TestCompileDoesNotAlias(t *testing.T) {
	doc := testDoc()
	l := mustCompile(t, doc)
	doc.Pillars[0].Questions[0].Choices[2].AdditionalResources[0].Content[0].URL = "changed"
	doc.Pillars[0].Questions[0].Choices[0].Title = "changed"
	c, _ := l.Questions()[0].Choice("c")
	a, _ := l.Questions()[0].Choice("a")
	if c.AdditionalResources[0].Content[0].URL == "changed" || a.Title == "changed" {
		t.Error("the Lens changed with its document")
	}
}

func TestCompileProblems(t *testing.T) {
	const q0 = "pillars[0].questions[0]"
	long := func(n int) string { return strings.Repeat("x", n) }
	tests := []struct {
		name   string
		change func(d *Document)
		want   []field
	}{
		{"schema version missing", func(d *Document) { d.SchemaVersion = "" },
			[]field{{"schemaVersion", `is required; use "2021-11-01"`}}},
		{"schema version wrong", func(d *Document) { d.SchemaVersion = "2020-01-01" },
			[]field{{"schemaVersion", `is "2020-01-01"; wat reads only "2021-11-01"`}}},
		{"name missing", func(d *Document) { d.Name = " " },
			[]field{{"name", "is required"}}},
		{"name too long", func(d *Document) { d.Name = strings.Repeat("é", 129) },
			[]field{{"name", "is 129 characters long; at most 128 are allowed"}}},
		{"description too long", func(d *Document) { d.Description = long(1025) },
			[]field{{"description", "is 1025 characters long; at most 1024 are allowed"}}},
		{"no pillars", func(d *Document) { d.Pillars = nil },
			[]field{{"pillars", "needs at least one pillar"}}},
		{"too many pillars", func(d *Document) {
			for i := len(d.Pillars); i < 11; i++ {
				p := PillarDoc{ID: fmt.Sprintf("px%d", i), Name: "P", Questions: d.Pillars[1].Questions}
				p.Questions = []QuestionDoc{d.Pillars[1].Questions[0]}
				p.Questions[0].ID = fmt.Sprintf("qx%d", i)
				d.Pillars = append(d.Pillars, p)
			}
		}, []field{{"pillars", "has 11 pillars; at most 10 are allowed"}}},
		{"pillar id missing", func(d *Document) { d.Pillars[1].ID = "" },
			[]field{{"pillars[1].id", "is required"}}},
		{"pillar id with dash", func(d *Document) { d.Pillars[1].ID = "p-2" },
			[]field{{"pillars[1].id", `"p-2" contains '-' at offset 1; use only letters, digits and '_'`}}},
		{"pillar id too long", func(d *Document) { d.Pillars[1].ID = long(65) },
			[]field{{"pillars[1].id", "is 65 characters long; at most 64 are allowed"}}},
		{"pillar id duplicate", func(d *Document) { d.Pillars[1].ID = "p1" },
			[]field{{"pillars[1].id", `duplicates the pillar id "p1" of pillars[0].id`}}},
		{"pillar name missing", func(d *Document) { d.Pillars[0].Name = "" },
			[]field{{"pillars[0].name", "is required"}}},
		{"pillar without questions", func(d *Document) { d.Pillars[1].Questions = nil },
			[]field{{"pillars[1].questions", "needs at least one question"}}},
		{"too many questions", func(d *Document) {
			for i := 1; i < 21; i++ {
				q := d.Pillars[1].Questions[0]
				q.ID = fmt.Sprintf("q3_%d", i)
				d.Pillars[1].Questions = append(d.Pillars[1].Questions, q)
			}
		}, []field{{"pillars[1].questions", "has 21 questions; at most 20 are allowed"}}},
		{"question id missing", func(d *Document) { d.Pillars[0].Questions[1].ID = "" },
			[]field{{"pillars[0].questions[1].id", "is required"}}},
		{"question id bad character", func(d *Document) { d.Pillars[0].Questions[1].ID = "q.2" },
			[]field{{"pillars[0].questions[1].id", `"q.2" contains '.' at offset 1; use only letters, digits, '_' and '-'`}}},
		{"question id too long", func(d *Document) { d.Pillars[0].Questions[1].ID = long(129) },
			[]field{{"pillars[0].questions[1].id", "is 129 characters long; at most 128 are allowed"}}},
		{"question id duplicate across pillars", func(d *Document) { d.Pillars[1].Questions[0].ID = "q-one" },
			[]field{{"pillars[1].questions[0].id", `duplicates the question id "q-one" of pillars[0].questions[0].id`}}},
		{"question title missing", func(d *Document) { d.Pillars[0].Questions[1].Title = "" },
			[]field{{"pillars[0].questions[1].title", "is required"}}},
		{"question title too long", func(d *Document) { d.Pillars[0].Questions[1].Title = long(513) },
			[]field{{"pillars[0].questions[1].title", "is 513 characters long; at most 512 are allowed"}}},
		{"question description too long", func(d *Document) { d.Pillars[0].Questions[1].Description = long(1025) },
			[]field{{"pillars[0].questions[1].description", "is 1025 characters long; at most 1024 are allowed"}}},
		{"question helpful url not http", func(d *Document) { d.Pillars[0].Questions[0].HelpfulResource.URL = "javascript:alert(1)" },
			[]field{{q0 + ".helpfulResource.url", `"javascript:alert(1)" is not an absolute http:// or https:// URL`}}},
		{"question without choices", func(d *Document) {
			d.Pillars[0].Questions[1].Choices = nil
			d.Pillars[0].Questions[1].RiskRules = []RiskRuleDoc{{Condition: "default", Risk: NoRisk}}
		}, []field{{"pillars[0].questions[1].choices", "needs at least one choice"}}},
		{"too many choices", func(d *Document) {
			q := &d.Pillars[0].Questions[1]
			for i := len(q.Choices); i < 16; i++ {
				q.Choices = append(q.Choices, ChoiceDoc{ID: fmt.Sprintf("z%d", i), Title: "Z", ImprovementPlan: &ResourceDoc{DisplayText: "Z"}})
			}
		}, []field{{"pillars[0].questions[1].choices", "has 16 choices; at most 15 are allowed"}}},
		{"choice id missing", func(d *Document) {
			d.Pillars[0].Questions[1].Choices[1].ID = ""
			d.Pillars[0].Questions[1].RiskRules[0].Condition = "x"
		},
			[]field{{"pillars[0].questions[1].choices[1].id", "is required"}}},
		{"choice id with dash", func(d *Document) {
			d.Pillars[0].Questions[1].Choices[1].ID = "y-1"
			d.Pillars[0].Questions[1].RiskRules[0].Condition = "x"
		}, []field{{"pillars[0].questions[1].choices[1].id", `"y-1" contains '-' at offset 1; use only letters, digits and '_'`}}},
		{"choice id too long", func(d *Document) {
			d.Pillars[0].Questions[1].Choices[1].ID = long(65)
			d.Pillars[0].Questions[1].RiskRules[0].Condition = "x"
		}, []field{{"pillars[0].questions[1].choices[1].id", "is 65 characters long; at most 64 are allowed"}}},
		{"choice id duplicate in question", func(d *Document) { d.Pillars[0].Questions[1].Choices[1].ID = "x" },
			[]field{{"pillars[0].questions[1].choices[1].id", `duplicates the choice id "x" of pillars[0].questions[1].choices[0].id`},
				{"pillars[0].questions[1].riskRules[0].condition", `names "y" at offset 5, which is not a choice of this question`}}},
		{"choice id default", func(d *Document) {
			d.Pillars[0].Questions[1].Choices[1].ID = "default"
			d.Pillars[0].Questions[1].RiskRules[0].Condition = "x"
		}, []field{{"pillars[0].questions[1].choices[1].id", `"default" is reserved for the default risk rule`}}},
		{"two none choices", func(d *Document) {
			d.Pillars[0].Questions[0].Choices[0].ID = "a_no"
			d.Pillars[0].Questions[0].RiskRules[0].Condition = "a_no"
			d.Pillars[0].Questions[0].RiskRules[1].Condition = "b"
		}, []field{{q0 + ".choices[3].id", `is a second "None of these" choice (id ending in "_no"); pillars[0].questions[0].choices[0] is the first`}}},
		{"choice title missing", func(d *Document) { d.Pillars[0].Questions[0].Choices[2].Title = "" },
			[]field{{q0 + ".choices[2].title", "is required"}}},
		{"choice title too long", func(d *Document) { d.Pillars[0].Questions[0].Choices[2].Title = long(513) },
			[]field{{q0 + ".choices[2].title", "is 513 characters long; at most 512 are allowed"}}},
		{"choice description too long", func(d *Document) { d.Pillars[0].Questions[0].Choices[2].Description = long(1025) },
			[]field{{q0 + ".choices[2].description", "is 1025 characters long; at most 1024 are allowed"}}},
		{"improvement plan missing", func(d *Document) { d.Pillars[0].Questions[0].Choices[1].ImprovementPlan = nil },
			[]field{{q0 + ".choices[1].improvementPlan", `is required (displayText); only a "None of these" choice, whose id ends in "_no", may omit it`}}},
		{"improvement plan without text", func(d *Document) { d.Pillars[0].Questions[0].Choices[1].ImprovementPlan.DisplayText = "" },
			[]field{{q0 + ".choices[1].improvementPlan", `is required (displayText); only a "None of these" choice, whose id ends in "_no", may omit it`}}},
		{"improvement plan relative url", func(d *Document) { d.Pillars[0].Questions[0].Choices[1].ImprovementPlan.URL = "/docs" },
			[]field{{q0 + ".choices[1].improvementPlan.url", `"/docs" is not an absolute http:// or https:// URL`}}},
		{"helpful resource url with host missing", func(d *Document) { d.Pillars[0].Questions[0].Choices[1].HelpfulResource.URL = "https:///x" },
			[]field{{q0 + ".choices[1].helpfulResource.url", `"https:///x" is not an absolute http:// or https:// URL`}}},
		{"helpful resource url with space", func(d *Document) { d.Pillars[0].Questions[0].Choices[1].HelpfulResource.URL = "https://a.b/c d" },
			[]field{{q0 + ".choices[1].helpfulResource.url", "contains a space or control character at offset 13"}}},
		{"helpful resource url too long", func(d *Document) { d.Pillars[0].Questions[0].Choices[1].HelpfulResource.URL = "https://" + long(2041) },
			[]field{{q0 + ".choices[1].helpfulResource.url", "is 2049 characters long; at most 2048 are allowed"}}},
		{"additional resource type wrong", func(d *Document) { d.Pillars[0].Questions[0].Choices[2].AdditionalResources[0].Type = "LINK" },
			[]field{{q0 + ".choices[2].additionalResources[0].type", `is "LINK"; use HELPFUL_RESOURCE or IMPROVEMENT_PLAN`}}},
		{"additional resource type missing", func(d *Document) { d.Pillars[0].Questions[0].Choices[2].AdditionalResources[0].Type = "" },
			[]field{{q0 + ".choices[2].additionalResources[0].type", "is required; use HELPFUL_RESOURCE or IMPROVEMENT_PLAN"}}},
		{"additional resource bad url", func(d *Document) {
			d.Pillars[0].Questions[0].Choices[2].AdditionalResources[0].Content[0].URL = "ftp://x"
		}, []field{{q0 + ".choices[2].additionalResources[0].content[0].url", `"ftp://x" is not an absolute http:// or https:// URL`}}},
		{"no risk rules", func(d *Document) { d.Pillars[0].Questions[1].RiskRules = nil },
			[]field{{"pillars[0].questions[1].riskRules", "needs at least one risk rule"},
				{"pillars[0].questions[1].riskRules", `needs a default rule: {"condition": "default", "risk": ...}`}}},
		{"no default rule", func(d *Document) { d.Pillars[0].Questions[1].RiskRules[1].Condition = "!x" },
			[]field{{"pillars[0].questions[1].riskRules", `needs a default rule: {"condition": "default", "risk": ...}`}}},
		{"two default rules", func(d *Document) { d.Pillars[0].Questions[1].RiskRules[0].Condition = " default" },
			[]field{{"pillars[0].questions[1].riskRules[1].condition", "is a second default rule; pillars[0].questions[1].riskRules[0] is the default"}}},
		{"default rule not last", func(d *Document) {
			r := d.Pillars[0].Questions[1].RiskRules
			r[0], r[1] = r[1], r[0]
		}, []field{{"pillars[0].questions[1].riskRules[0].condition", "the default rule must be the last rule; rules after it would never apply"}}},
		{"too many risk rules", func(d *Document) {
			q := &d.Pillars[0].Questions[0]
			q.RiskRules = append([]RiskRuleDoc{{Condition: "c", Risk: MediumRisk}}, q.RiskRules...)
		}, []field{{q0 + ".riskRules", "has 4 risk rules; at most 3 are allowed"}}},
		{"risk missing", func(d *Document) { d.Pillars[0].Questions[0].RiskRules[1].Risk = "" },
			[]field{{q0 + ".riskRules[1].risk", "is required; use HIGH_RISK, MEDIUM_RISK or NO_RISK"}}},
		{"risk wrong", func(d *Document) { d.Pillars[0].Questions[0].RiskRules[2].Risk = "HIGH" },
			[]field{{q0 + ".riskRules[2].risk", `is "HIGH"; use HIGH_RISK, MEDIUM_RISK or NO_RISK`}}},
		{"condition does not parse", func(d *Document) { d.Pillars[0].Questions[0].RiskRules[1].Condition = "a && (b || )" },
			[]field{{q0 + ".riskRules[1].condition", "unexpected ')' at offset 11; expected a choice id, '!' or '('"}}},
		{"condition empty", func(d *Document) { d.Pillars[0].Questions[0].RiskRules[1].Condition = "" },
			[]field{{q0 + ".riskRules[1].condition", "unexpected end of condition at offset 0; expected a choice id, '!' or '('"}}},
		{"condition names another question's choice", func(d *Document) {
			d.Pillars[0].Questions[0].RiskRules[1].Condition = "a && x || !zz"
		}, []field{
			{q0 + ".riskRules[1].condition", `names "x" at offset 5, which is not a choice of this question`},
			{q0 + ".riskRules[1].condition", `names "zz" at offset 11, which is not a choice of this question`},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := testDoc()
			tt.change(doc)
			l, err := Compile(doc)
			if err == nil {
				t.Fatalf("Compile = %v, want an error", l)
			}
			var we *wat.Error
			if !errors.As(err, &we) || we.Code != wat.EInvalid {
				t.Fatalf("Compile error = %#v, want a *wat.Error with code EInvalid", err)
			}
			if diff := cmp.Diff(tt.want, fields(we.Fields)); diff != "" {
				t.Errorf("Fields (-want +got):\n%s", diff)
			}
		})
	}
}

// TestCompileReportsAllProblems checks that problems from all levels arrive
// together, in document order, and that the message summarizes them.
func TestCompileReportsAllProblems(t *testing.T) {
	doc := testDoc()
	doc.Name = ""
	doc.Pillars[0].Questions[0].RiskRules[0].Risk = "LOW_RISK"
	doc.Pillars[0].Questions[0].RiskRules[1].Condition = "a &&"
	doc.Pillars[1].ID = "p1"
	doc.Pillars[1].Questions[0].Choices[0].Title = ""
	_, err := Compile(doc)
	var we *wat.Error
	if !errors.As(err, &we) {
		t.Fatalf("Compile error = %v, want *wat.Error", err)
	}
	want := []field{
		{"name", "is required"},
		{"pillars[0].questions[0].riskRules[0].risk", `is "LOW_RISK"; use HIGH_RISK, MEDIUM_RISK or NO_RISK`},
		{"pillars[0].questions[0].riskRules[1].condition", "unexpected end of condition at offset 4; expected a choice id, '!' or '('"},
		{"pillars[1].id", `duplicates the pillar id "p1" of pillars[0].id`},
		{"pillars[1].questions[0].choices[0].title", "is required"},
	}
	if diff := cmp.Diff(want, fields(we.Fields)); diff != "" {
		t.Errorf("Fields (-want +got):\n%s", diff)
	}
	wantMsg := `invalid lens (5 problems): name: is required; ` +
		`pillars[0].questions[0].riskRules[0].risk: is "LOW_RISK"; use HIGH_RISK, MEDIUM_RISK or NO_RISK; ` +
		`pillars[0].questions[0].riskRules[1].condition: unexpected end of condition at offset 4; expected a choice id, '!' or '('; and 2 more`
	if we.Message != wantMsg {
		t.Errorf("Message\n got %q\nwant %q", we.Message, wantMsg)
	}
	if we.Reason != wat.ReasonFieldValidationFailed {
		t.Errorf("Reason = %q", we.Reason)
	}
}

func TestCompileNil(t *testing.T) {
	if _, err := Compile(nil); wat.ErrorCodeOf(err) != wat.EInvalid {
		t.Errorf("Compile(nil) error = %v, want EInvalid", err)
	}
}
