package lens

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/wat-dev/wat"
)

const minimalJSON = `{"schemaVersion":"2021-11-01","name":"L","pillars":[{"id":"p","name":"P","questions":[
 {"id":"q","title":"Q?","choices":[{"id":"a","title":"A","improvementPlan":{"displayText":"Do A"}},{"id":"q_no","title":"None"}],
  "riskRules":[{"condition":"a","risk":"NO_RISK"},{"condition":"default","risk":"HIGH_RISK"}]}]}]}`

func TestParseDocument(t *testing.T) {
	doc, err := ParseDocument([]byte(minimalJSON))
	if err != nil {
		t.Fatal(err)
	}
	want := &Document{SchemaVersion: "2021-11-01", Name: "L", Pillars: []PillarDoc{{ID: "p", Name: "P", Questions: []QuestionDoc{{
		ID: "q", Title: "Q?",
		Choices: []ChoiceDoc{
			{ID: "a", Title: "A", ImprovementPlan: &ResourceDoc{DisplayText: "Do A"}},
			{ID: "q_no", Title: "None"},
		},
		RiskRules: []RiskRuleDoc{{"a", NoRisk}, {"default", HighRisk}},
	}}}}}
	if diff := cmp.Diff(want, doc); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if _, err := Compile(doc); err != nil {
		t.Errorf("Compile: %v", err)
	}
}

func TestParseDocumentLenient(t *testing.T) {
	tests := []struct {
		name, in string
		want     *Document
	}{
		{"unknown members are dropped", `{"name":"L","x-extra":{"deep":[1,2]},"pillars":[{"id":"p","owner":"me"}]}`,
			&Document{Name: "L", Pillars: []PillarDoc{{ID: "p"}}}},
		{"a repeated member keeps its last value", `{"name":"first","name":"second"}`,
			&Document{Name: "second"}},
		{"surrounding whitespace", " \n\t{\"name\":\"L\"}\r\n ",
			&Document{Name: "L"}},
		{"null members", `{"name":null,"pillars":null}`,
			&Document{}},
	}
	for _, tt := range tests {
		got, err := ParseDocument([]byte(tt.in))
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.name, diff)
		}
	}
}

func TestParseDocumentErrors(t *testing.T) {
	big := `{"name":"` + strings.Repeat("x", MaxDocumentSize) + `"}`
	atLimit := `{"name":"` + strings.Repeat("x", MaxDocumentSize-11) + `"}`
	if len(atLimit) != MaxDocumentSize {
		t.Fatalf("atLimit is %d bytes", len(atLimit))
	}
	if _, err := ParseDocument([]byte(atLimit)); err != nil {
		t.Errorf("a document of exactly MaxDocumentSize bytes: %v", err)
	}
	tests := []struct {
		name, in, want string
		fields         []field
	}{
		{"empty", "", "the lens document is empty", nil},
		{"blank", " \n ", "the lens document is empty", nil},
		{"array", `[{"name":"L"}]`, "the lens document must be a JSON object", nil},
		{"string", `"lens"`, "the lens document must be a JSON object", nil},
		{"null", `null`, "the lens document must be a JSON object", nil},
		{"number", `42`, "the lens document must be a JSON object", nil},
		{"too large", big, "the lens document is 500011 bytes; at most 500000 are allowed", nil},
		{"trailing garbage", `{"name":"L"} x`, "the lens document is not valid JSON: invalid character 'x' after top-level value (at byte offset 14)", nil},
		{"two objects", `{"name":"L"}{"name":"M"}`, "the lens document is not valid JSON: invalid character '{' after top-level value (at byte offset 13)", nil},
		{"truncated", `{"name":"L"`, "the lens document is not valid JSON: unexpected end of JSON input (at byte offset 11)", nil},
		{"bad syntax", `{"name" "L"}`, "the lens document is not valid JSON: invalid character '\"' after object key (at byte offset 9)", nil},
		{"wrong type", `{"pillars":[{"questions":[{"title":7}]}]}`,
			"the lens document is invalid: pillars.questions.title: expected a string, found a JSON number (at byte offset 36)",
			[]field{{"pillars.questions.title", "expected a string, found a JSON number (at byte offset 36)"}}},
		{"object for array", `{"pillars":{}}`,
			"the lens document is invalid: pillars: expected an array, found a JSON object (at byte offset 12)",
			[]field{{"pillars", "expected an array, found a JSON object (at byte offset 12)"}}},
	}
	for _, tt := range tests {
		doc, err := ParseDocument([]byte(tt.in))
		if err == nil {
			t.Errorf("%s: ParseDocument = %+v, want an error", tt.name, doc)
			continue
		}
		var we *wat.Error
		if !errors.As(err, &we) || we.Code != wat.EInvalid || we.Reason != wat.ReasonCannotParse {
			t.Errorf("%s: error %#v, want *wat.Error EInvalid CANNOT_PARSE", tt.name, err)
			continue
		}
		if we.Message != tt.want {
			t.Errorf("%s: message\n got %q\nwant %q", tt.name, we.Message, tt.want)
		}
		if diff := cmp.Diff(tt.fields, fields(we.Fields)); diff != "" {
			t.Errorf("%s: Fields (-want +got):\n%s", tt.name, diff)
		}
	}
}

// FuzzDocument feeds arbitrary bytes through ParseDocument and Compile: they
// never panic, fail only with EInvalid, and a compiled lens answers every
// question consistently.
func FuzzDocument(f *testing.F) {
	f.Add([]byte(minimalJSON))
	good, err := json.Marshal(testDoc())
	if err != nil {
		f.Fatal(err)
	}
	f.Add(good)
	f.Add([]byte(`{"pillars":[{"questions":[{"choices":[{"id":"a-b"}],"riskRules":[{"condition":"(a"}]}]}]}`))
	f.Add([]byte(`{}`))
	f.Add([]byte(`[`))
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := ParseDocument(data)
		if err != nil {
			if wat.ErrorCodeOf(err) != wat.EInvalid {
				t.Fatalf("ParseDocument error %v is not EInvalid", err)
			}
			return
		}
		l, err := Compile(doc)
		if err != nil {
			var we *wat.Error
			if !errors.As(err, &we) || we.Code != wat.EInvalid || len(we.Fields) == 0 {
				t.Fatalf("Compile error %#v is not EInvalid with fields", err)
			}
			return
		}
		for _, q := range l.Questions() {
			all := make([]string, len(q.Choices))
			for i, c := range q.Choices {
				all[i] = c.ID
			}
			if got := q.Risk(nil, nil, true); got != wat.RiskUnanswered {
				t.Fatalf("%s: empty answer is %s", q.ID, got)
			}
			switch got := q.Risk(all, nil, true); got {
			case wat.RiskHigh, wat.RiskMedium, wat.RiskNone:
			default:
				t.Fatalf("%s: full answer is %s", q.ID, got)
			}
		}
	})
}
