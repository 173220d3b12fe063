package lens

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

// bigDoc returns a lens at every count limit of the format, 10 pillars of
// 20 questions of 15 choices (the last a "None of these"), each question
// with three risk rules, padded with descriptions until its compact JSON
// is just under MaxDocumentSize.
func bigDoc(tb testing.TB) *Document {
	tb.Helper()
	doc := &Document{SchemaVersion: SchemaVersion, Name: "Every limit at once"}
	for p := range MaxPillars {
		pd := PillarDoc{ID: fmt.Sprintf("pillar_%02d", p), Name: fmt.Sprintf("Pillar %d", p)}
		for q := range MaxQuestionsPerPillar {
			qid := fmt.Sprintf("p%02d_q%02d", p, q)
			qd := QuestionDoc{ID: qid, Title: fmt.Sprintf("Question %d of pillar %d?", q, p),
				HelpfulResource: &ResourceDoc{DisplayText: "Read more", URL: "https://example.com/" + qid}}
			var ids []string
			for c := range MaxChoicesPerQuestion - 1 {
				id := fmt.Sprintf("c%02d", c)
				ids = append(ids, id)
				qd.Choices = append(qd.Choices, ChoiceDoc{ID: id, Title: "Practice " + id,
					ImprovementPlan: &ResourceDoc{DisplayText: "Establish " + id}})
			}
			qd.Choices = append(qd.Choices, ChoiceDoc{ID: qid + NoneSuffix, Title: "None of these"})
			qd.RiskRules = []RiskRuleDoc{
				{Condition: strings.Join(ids, " && "), Risk: NoRisk},
				{Condition: "(" + ids[0] + " || " + ids[1] + ") && !" + ids[2], Risk: MediumRisk},
				{Condition: DefaultCondition, Risk: HighRisk},
			}
			pd.Questions = append(pd.Questions, qd)
		}
		doc.Pillars = append(doc.Pillars, pd)
	}
	// Spread the room left over the choices' descriptions.
	size := len(mustMarshal(tb, doc))
	const empty = len(`,"description":""`)
	n := MaxPillars * MaxQuestionsPerPillar * MaxChoicesPerQuestion
	each := (MaxDocumentSize-size)/n - empty - 1
	for p := range doc.Pillars {
		for q := range doc.Pillars[p].Questions {
			for c := range doc.Pillars[p].Questions[q].Choices {
				doc.Pillars[p].Questions[q].Choices[c].Description = strings.Repeat("d", each)
			}
		}
	}
	return doc
}

func mustMarshal(tb testing.TB, v any) []byte {
	tb.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// bigJSON is bigDoc as the text an author submits.
func bigJSON(tb testing.TB) []byte {
	data := mustMarshal(tb, bigDoc(tb))
	if len(data) > MaxDocumentSize || len(data) < MaxDocumentSize-5000 {
		tb.Fatalf("the big lens is %d bytes, not just under %d", len(data), MaxDocumentSize)
	}
	return data
}

func TestValidateAtEveryLimit(t *testing.T) {
	data := bigJSON(t)
	l, doc, ps := Validate(data)
	if len(ps) > 0 {
		t.Fatalf("Validate: %d problems, the first: %v", len(ps), ps[0])
	}
	if n := len(l.Questions()); n != MaxPillars*MaxQuestionsPerPillar {
		t.Errorf("%d questions", n)
	}
	q := l.Questions()[len(l.Questions())-1]
	if got := q.Risk([]string{"c00"}, nil, true); got != "MEDIUM" {
		t.Errorf("risk of c00 alone = %s", got)
	}
	norm, err := doc.Normalize()
	if err != nil {
		t.Fatal(err)
	}
	if _, _, ps := Validate(norm); len(ps) > 0 {
		t.Errorf("the normalized big lens: %v", ps[0])
	}
	// One more choice in any question is one too many.
	doc.Pillars[9].Questions[19].Choices = append(doc.Pillars[9].Questions[19].Choices, ChoiceDoc{ID: "extra", Title: "X", ImprovementPlan: &ResourceDoc{DisplayText: "X"}})
	if _, err := Compile(doc); err == nil {
		t.Error("Compile accepted 16 choices")
	}
}

// brokenBigJSON is the big lens with a problem in every choice.
func brokenBigJSON(tb testing.TB) []byte {
	doc := bigDoc(tb)
	for p := range doc.Pillars {
		for q := range doc.Pillars[p].Questions {
			for c := range doc.Pillars[p].Questions[q].Choices {
				doc.Pillars[p].Questions[q].Choices[c].Title = ""
			}
		}
	}
	return mustMarshal(tb, doc)
}

func TestValidateManyProblems(t *testing.T) {
	data := brokenBigJSON(t)
	_, _, ps := Validate(data)
	if want := MaxPillars * MaxQuestionsPerPillar * MaxChoicesPerQuestion; len(ps) != want {
		t.Fatalf("%d problems, want %d", len(ps), want)
	}
	last := ps[len(ps)-1]
	col := bytes.LastIndex(data, []byte(`"title":""`)) + len(`"title":`) + 1
	if last.Path != "pillars[9].questions[19].choices[14].title" || last.Line != 1 || last.Col != col {
		t.Errorf("last problem %+v", last)
	}
}

func BenchmarkValidate500KB(b *testing.B) {
	data := bigJSON(b)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, _, ps := Validate(data); len(ps) > 0 {
			b.Fatal(ps[0])
		}
	}
}

func BenchmarkParseDocument500KB(b *testing.B) {
	data := bigJSON(b)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParseDocument(data); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCompile500KB(b *testing.B) {
	doc, err := ParseDocument(bigJSON(b))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Compile(doc); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkValidate500KBInvalid measures the path of a lens with 3,000
// problems, each placed in the text.
func BenchmarkValidate500KBInvalid(b *testing.B) {
	data := brokenBigJSON(b)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, _, ps := Validate(data); len(ps) == 0 {
			b.Fatal("no problems")
		}
	}
}

func BenchmarkNormalize500KB(b *testing.B) {
	doc, err := ParseDocument(bigJSON(b))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := doc.Normalize(); err != nil {
			b.Fatal(err)
		}
	}
}
