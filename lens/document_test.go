package lens

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/wat-dev/wat"
)

const minimalJSON = `{"schemaVersion":"2021-11-01","name":"L","pillars":[{"id":"pil","name":"P","questions":[
 {"id":"que","title":"Q?","choices":[{"id":"aaa","title":"A","improvementPlan":{"displayText":"Do A"}},{"id":"que_no","title":"None"}],
  "riskRules":[{"condition":"aaa","risk":"NO_RISK"},{"condition":"default","risk":"HIGH_RISK"}]}]}]}`

// ignoreSource compares documents by content, not by the text they came from.
var ignoreSource = cmpopts.IgnoreUnexported(Document{})

func TestParseDocument(t *testing.T) {
	doc, err := ParseDocument([]byte(minimalJSON))
	if err != nil {
		t.Fatal(err)
	}
	want := &Document{SchemaVersion: "2021-11-01", Name: "L", Pillars: []PillarDoc{{ID: "pil", Name: "P", Questions: []QuestionDoc{{
		ID: "que", Title: "Q?",
		Choices: []ChoiceDoc{
			{ID: "aaa", Title: "A", ImprovementPlan: &ResourceDoc{DisplayText: "Do A"}},
			{ID: "que_no", Title: "None"},
		},
		RiskRules: []RiskRuleDoc{{"aaa", NoRisk}, {"default", HighRisk}},
	}}}}}
	if diff := cmp.Diff(want, doc, ignoreSource); diff != "" {
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
		{"member names match exactly", `{"Name":"L","NAME":"M","pillars":[{"ID":"p"}]}`,
			&Document{Pillars: []PillarDoc{{}}}},
		{"escapes", `{"name":"\u00e9\"\\\/\b\f\n\r\t\ud83d\ude00\ud800x"}`,
			&Document{Name: "é\"\\/\b\f\n\r\t😀\ufffdx"}},
		{"a repeated list keeps its last value", `{"pillars":[{"id":"a"},{"id":"b"}],"pillars":[{"name":"c"}]}`,
			&Document{Pillars: []PillarDoc{{Name: "c"}}}},
	}
	for _, tt := range tests {
		got, err := ParseDocument([]byte(tt.in))
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if diff := cmp.Diff(tt.want, got, ignoreSource); diff != "" {
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
	}{
		{"empty", "", "the lens document is empty (line 1, column 1)"},
		{"blank", " \n ", "the lens document is empty (line 1, column 1)"},
		{"array", `[{"name":"L"}]`, "the lens document must be a JSON object, not an array (line 1, column 1)"},
		{"string", ` "lens"`, "the lens document must be a JSON object, not a string (line 1, column 2)"},
		{"null", "\n\nnull", "the lens document must be a JSON object, not null (line 3, column 1)"},
		{"number", `42`, "the lens document must be a JSON object, not a number (line 1, column 1)"},
		{"too large", big, "the lens document is 500011 bytes; at most 500000 are allowed (line 1, column 500001)"},
		// A byte order mark is ignored, and takes no column.
		{"byte order mark alone", "\xef\xbb\xbf", "the lens document is empty (line 1, column 1)"},
		{"byte order mark before an array", "\xef\xbb\xbf[]", "the lens document must be a JSON object, not an array (line 1, column 1)"},
		{"byte order mark before bad syntax", "\xef\xbb\xbf{x}", "the lens document is not valid JSON: invalid character 'x' looking for beginning of object key string (line 1, column 2)"},
		{"byte order mark before a second object", "\xef\xbb\xbf{}\r\n{}", "the lens document is not valid JSON: invalid character '{' after top-level value (line 2, column 1)"},
		// What other languages write and JSON has not is named.
		{"NaN", "{\r\n  \"name\": NaN}", "the lens document is not valid JSON: invalid character 'N' looking for beginning of value; NaN is not a JSON value: put the text in quotes, or leave the member out (line 2, column 11)"},
		{"Infinity", `{"name": -Infinity}`, "the lens document is not valid JSON: invalid character 'I' in numeric literal; Infinity is not a JSON value: put the text in quotes, or leave the member out (line 1, column 11)"},
		{"single quotes", `{"name": 'L'}`, "the lens document is not valid JSON: invalid character '\\'' looking for beginning of value; JSON strings are in double quotes (line 1, column 10)"},
		{"not UTF-8", "{\n \"name\": \"caf\xe9\"}", "the lens document is not valid UTF-8: byte 0xe9 cannot start or continue a character (line 2, column 14)"},
		{"trailing garbage", `{"name":"L"} x`, "the lens document is not valid JSON: invalid character 'x' after top-level value (line 1, column 14)"},
		{"two objects", `{"name":"L"}{"name":"M"}`, "the lens document is not valid JSON: invalid character '{' after top-level value (line 1, column 13)"},
		{"truncated", "{\"name\":\n\"L\"", "the lens document is not valid JSON: unexpected end of JSON input (line 2, column 4)"},
		{"bad syntax", `{"name" "L"}`, "the lens document is not valid JSON: invalid character '\"' after object key (line 1, column 9)"},
		{"trailing comma", "{\n  \"name\": \"L\",\n}", "the lens document is not valid JSON: invalid character '}' looking for beginning of object key string (line 3, column 1)"},
		{"comment", "{\n  // lens\n}", "the lens document is not valid JSON: invalid character '/' looking for beginning of object key string (line 2, column 3)"},
		{"column counts characters", `{"name": "é", x}`, "the lens document is not valid JSON: invalid character 'x' looking for beginning of object key string (line 1, column 15)"},
	}
	for _, tt := range tests {
		doc, err := ParseDocument([]byte(tt.in))
		if err == nil {
			t.Errorf("%s: ParseDocument = %+v, want an error", tt.name, doc)
			continue
		}
		var we *wat.Error
		if !errors.As(err, &we) || we.Code != wat.EInvalid || we.Reason != wat.ReasonCannotParse || we.Fields != nil {
			t.Errorf("%s: error %#v, want *wat.Error EInvalid CANNOT_PARSE without fields", tt.name, err)
			continue
		}
		if we.Message != tt.want {
			t.Errorf("%s: message\n got %q\nwant %q", tt.name, we.Message, tt.want)
		}
		_, vdoc, ps := Validate([]byte(tt.in))
		if vdoc != nil || len(ps) != 1 || ps[0].Detail() != tt.want || ps[0].Path != "" {
			t.Errorf("%s: Validate = %v, %+v; want the one problem %q", tt.name, vdoc, ps, tt.want)
		}
	}
}

// TestParseDocumentMismatches checks a value of the wrong JSON type is left
// for Compile to report, with every other problem.
func TestParseDocumentMismatches(t *testing.T) {
	in := `{"schemaVersion":"2021-11-01","name":7,"pillars":[{"id":"pil","name":"P","questions":[
 {"id":"que","title":["Q?"],"choices":{"id":"aaa"},"riskRules":[{"condition":"aaa","risk":"NO_RISK"},{"condition":"default","risk":"HIGH_RISK"}]}]},
 "pillar two"]}`
	doc, err := ParseDocument([]byte(in))
	if err != nil {
		t.Fatalf("ParseDocument: %v", err)
	}
	_, err = Compile(doc)
	var we *wat.Error
	if !errors.As(err, &we) || we.Reason != wat.ReasonFieldValidationFailed {
		t.Fatalf("Compile error = %v, want FIELD_VALIDATION_FAILED", err)
	}
	want := []field{
		{"name", "must be a string, not a number (line 1, column 38)"},
		{"pillars[0].questions[0].title", `must be a string, not an array (pillar "pil", question "que"; line 2, column 22)`},
		{"pillars[0].questions[0].choices", `must be an array, not an object (pillar "pil", question "que"; line 2, column 39)`},
		{"pillars[1]", "must be an object, not a string (line 3, column 2)"},
	}
	if diff := cmp.Diff(want, fields(we.Fields)); diff != "" {
		t.Errorf("Fields (-want +got):\n%s", diff)
	}
}
