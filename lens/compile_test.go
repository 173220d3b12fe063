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
			{ID: "pil_one", Name: "Pillar one", Questions: []QuestionDoc{
				{
					ID: "q_one", Title: "Question one?", Description: "First.",
					HelpfulResource: &ResourceDoc{DisplayText: "Read", URL: "https://example.com/q1"},
					Choices: []ChoiceDoc{
						{ID: "aaa", Title: "A", ImprovementPlan: plan("a")},
						{ID: "bbb", Title: "B", ImprovementPlan: plan("b"), HelpfulResource: &ResourceDoc{DisplayText: "B help", URL: "http://example.com/b"}},
						{ID: "ccc", Title: "C", ImprovementPlan: plan("c"), AdditionalResources: []AdditionalResourcesDoc{
							{Type: HelpfulResourceType, Content: []ResourceDoc{{DisplayText: "More", URL: "https://example.com/more"}}},
						}},
						{ID: "q_one_no", Title: "None of these"},
					},
					RiskRules: []RiskRuleDoc{
						{Condition: "aaa && bbb && ccc", Risk: NoRisk},
						{Condition: "aaa && (bbb || !ccc)", Risk: MediumRisk},
						{Condition: "default", Risk: HighRisk},
					},
				},
				{
					ID: "q_two", Title: "Question two?",
					Choices: []ChoiceDoc{
						{ID: "xxx", Title: "X", ImprovementPlan: plan("x")},
						{ID: "yyy", Title: "Y", ImprovementPlan: plan("y")},
					},
					RiskRules: []RiskRuleDoc{
						{Condition: "xxx || yyy", Risk: NoRisk},
						{Condition: "default", Risk: MediumRisk},
					},
				},
			}},
			{ID: "pil_two", Name: "Pillar two", Questions: []QuestionDoc{
				{
					ID: "q_three", Title: "Question three?",
					Choices:   []ChoiceDoc{{ID: "aaa", Title: "A again", ImprovementPlan: plan("a3")}},
					RiskRules: []RiskRuleDoc{{Condition: "default", Risk: NoRisk}},
				},
			}},
		},
	}
}

// field is a problem's path and message, which tables can spell without keys.
type field struct{ Name, Message string }

func fields(fes []wat.FieldError) []field {
	var out []field
	for _, fe := range fes {
		out = append(out, field(fe))
	}
	return out
}

// problemsOf compiles doc as a custom lens and returns its problems' paths
// and messages.
func problemsOf(doc *Document) []field {
	_, ps := compile(doc, customProfile)
	var out []field
	for _, p := range ps {
		out = append(out, field{p.Path, p.Message})
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
	if diff := cmp.Diff([]string{"pil_one/q_one", "pil_one/q_two", "pil_two/q_three"}, ids); diff != "" {
		t.Errorf("Questions (-want +got):\n%s", diff)
	}
	q, ok := l.Question("q_one")
	if !ok {
		t.Fatal(`Question("q_one") not found`)
	}
	if q.HelpfulResource != (Resource{"Read", "https://example.com/q1"}) || q.Description != "First." {
		t.Errorf("question fields = %+v", q)
	}
	if _, ok := l.Question("nope"); ok {
		t.Error(`Question("nope") found`)
	}
	p, ok := l.Pillar("pil_two")
	if !ok || p.Name != "Pillar two" || len(p.Questions) != 1 || p.Questions[0].ID != "q_three" {
		t.Errorf(`Pillar("pil_two") = %+v, %v`, p, ok)
	}
	if _, ok := l.Pillar("q_three"); ok {
		t.Error(`Pillar("q_three") found`)
	}
	c, ok := q.Choice("ccc")
	wantC := &Choice{ID: "ccc", Title: "C",
		ImprovementPlan:     Resource{"Do c", "https://example.com/c"},
		AdditionalResources: []AdditionalResources{{Type: HelpfulResourceType, Content: []Resource{{"More", "https://example.com/more"}}}}}
	if diff := cmp.Diff(wantC, c); !ok || diff != "" {
		t.Errorf("Choice(ccc) (-want +got):\n%s", diff)
	}
	if _, ok := q.Choice("xxx"); ok {
		t.Error("Choice(xxx) found in the wrong question")
	}
	none, ok := q.NoneChoice()
	if !ok || none.ID != "q_one_no" {
		t.Errorf("NoneChoice = %v, %v", none, ok)
	}
	q2, _ := l.Question("q_two")
	if none, ok := q2.NoneChoice(); ok {
		t.Errorf("q_two.NoneChoice = %v, want none", none)
	}
}

// TestCompileDoesNotAlias checks the Lens does not share memory with the
// document it came from.
func TestCompileDoesNotAlias(t *testing.T) {
	doc := testDoc()
	l := mustCompile(t, doc)
	doc.Pillars[0].Questions[0].Choices[2].AdditionalResources[0].Content[0].URL = "changed"
	doc.Pillars[0].Questions[0].Choices[0].Title = "changed"
	c, _ := l.Questions()[0].Choice("ccc")
	a, _ := l.Questions()[0].Choice("aaa")
	if c.AdditionalResources[0].Content[0].URL == "changed" || a.Title == "changed" {
		t.Error("the Lens changed with its document")
	}
}

// TestCompileReportsAllProblems checks that problems from all levels arrive
// together, in document order, with the ids on the way, and that the
// message summarizes them.
func TestCompileReportsAllProblems(t *testing.T) {
	doc := testDoc()
	doc.Name = ""
	doc.Pillars[0].Questions[0].RiskRules[0].Risk = "LOW_RISK"
	doc.Pillars[0].Questions[0].RiskRules[1].Condition = "aaa &&"
	doc.Pillars[1].ID = "pil_one"
	doc.Pillars[1].Questions[0].Choices[0].Title = ""
	_, err := Compile(doc)
	var we *wat.Error
	if !errors.As(err, &we) {
		t.Fatalf("Compile error = %v, want *wat.Error", err)
	}
	want := []field{
		{"name", "is required"},
		{"pillars[0].questions[0].riskRules[0].risk", `is "LOW_RISK"; use HIGH_RISK, MEDIUM_RISK or NO_RISK (pillar "pil_one", question "q_one")`},
		{"pillars[0].questions[0].riskRules[1].condition", `unexpected end of condition at offset 6; expected a choice id, '!' or '(' (pillar "pil_one", question "q_one")`},
		{"pillars[1].id", `duplicates the pillar id "pil_one" of pillars[0].id (pillar "pil_one")`},
		{"pillars[1].questions[0].choices[0].title", `is required (pillar "pil_one", question "q_three", choice "aaa")`},
	}
	if diff := cmp.Diff(want, fields(we.Fields)); diff != "" {
		t.Errorf("Fields (-want +got):\n%s", diff)
	}
	wantMsg := `invalid lens (5 problems): name: is required; ` +
		`pillars[0].questions[0].riskRules[0].risk: is "LOW_RISK"; use HIGH_RISK, MEDIUM_RISK or NO_RISK (pillar "pil_one", question "q_one"); ` +
		`pillars[0].questions[0].riskRules[1].condition: unexpected end of condition at offset 6; expected a choice id, '!' or '(' (pillar "pil_one", question "q_one"); and 2 more`
	if we.Message != wantMsg {
		t.Errorf("Message\n got %q\nwant %q", we.Message, wantMsg)
	}
	if we.Reason != wat.ReasonFieldValidationFailed || we.Code != wat.EInvalid {
		t.Errorf("Code, Reason = %q, %q", we.Code, we.Reason)
	}
}

// TestCompileFieldsAreCapped checks a hopeless document's error stays a
// reasonable size while its message counts every problem.
func TestCompileFieldsAreCapped(t *testing.T) {
	doc := testDoc()
	q := &doc.Pillars[0].Questions[0]
	for i := range 600 { // a short id, no title, no improvement plan: 3 problems each
		q.Choices = append(q.Choices, ChoiceDoc{ID: fmt.Sprintf("c%d", i)})
	}
	_, err := Compile(doc)
	var we *wat.Error
	if !errors.As(err, &we) {
		t.Fatalf("Compile error = %v, want *wat.Error", err)
	}
	_, ps := compile(doc, customProfile)
	if len(we.Fields) != MaxReportedProblems || len(ps) <= MaxReportedProblems {
		t.Fatalf("%d fields of %d problems", len(we.Fields), len(ps))
	}
	if want := fmt.Sprintf("invalid lens (%d problems; Fields lists the first %d): ", len(ps), MaxReportedProblems); !strings.HasPrefix(we.Message, want) {
		t.Errorf("Message = %q, want prefix %q", we.Message, want)
	}
}

func TestCompileNil(t *testing.T) {
	if _, err := Compile(nil); wat.ErrorCodeOf(err) != wat.EInvalid {
		t.Errorf("Compile(nil) error = %v, want EInvalid", err)
	}
	if _, err := CompileOfficial(nil); wat.ErrorCodeOf(err) != wat.EInvalid {
		t.Errorf("CompileOfficial(nil) error = %v, want EInvalid", err)
	}
}

// TestCompileOfficial checks the two rules an official lens is spared, and
// that it keeps every other.
func TestCompileOfficial(t *testing.T) {
	doc := testDoc()
	doc.Pillars[0].Questions[0].ID = "ops-model"
	doc.Pillars[0].Questions[0].Title = strings.Repeat("t", 512)
	doc.Pillars[0].Questions[0].Choices[0].Title = strings.Repeat("c", 512)
	if _, err := CompileOfficial(doc); err != nil {
		t.Fatalf("CompileOfficial: %v", err)
	}
	want := []field{
		{"pillars[0].questions[0].id", `"ops-model" contains '-' at offset 3; use only letters, digits and '_'`},
		{"pillars[0].questions[0].title", "is 512 characters long; at most 128 are allowed"},
		{"pillars[0].questions[0].choices[0].title", "is 512 characters long; at most 128 are allowed"},
	}
	if diff := cmp.Diff(want, problemsOf(doc)); diff != "" {
		t.Errorf("Compile (-want +got):\n%s", diff)
	}
	doc.Pillars[0].Questions[0].Title += "!"
	doc.Pillars[0].Questions[0].ID = "ops.model"
	_, err := CompileOfficial(doc)
	var we *wat.Error
	if !errors.As(err, &we) || len(we.Fields) != 2 ||
		we.Fields[0].Message != `"ops.model" contains '.' at offset 3; use only letters, digits, '_' and '-' (pillar "pil_one", question "ops.model")` ||
		we.Fields[1].Message != `is 513 characters long; at most 512 are allowed (the limit of the API's QuestionTitle) (pillar "pil_one", question "ops.model")` {
		t.Errorf("CompileOfficial error = %#v", err)
	}
}
