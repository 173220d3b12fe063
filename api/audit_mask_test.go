package api

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

// maskedReference is maskedOwnJSON's general path: decode, mask, encode.
func maskedReference(b []byte) string {
	var m map[string]any
	if json.Unmarshal(b, &m) != nil {
		return ""
	}
	mask(m)
	out, _ := json.Marshal(m)
	return string(out)
}

// maskResponse is maskValid for any input: ok is false for anything but a
// valid JSON object, which maskValid must not be given.
func maskResponse(b []byte) (out string, ok bool) {
	if len(b) == 0 || b[0] != '{' || !json.Valid(b) {
		return "", false
	}
	return maskValid(b)
}

var maskCases = []string{
	`{}`,
	`{"WorkloadId":"w1","Answer":{"QuestionId":"q","Notes":"secret <b>","SelectedChoices":["a","b"],"Choices":[{"ChoiceId":"a","Title":"t","Description":"d"}],"IsApplicable":true,"Risk":"HIGH"}}`,
	`{"WorkloadName":"n","Notes":null,"Rules":[{"a":1},{"b":[2,3]}],"Problems":[],"Tags":{"team":"x"},"PillarNotes":{"security":"s","x":null}}`,
	`{"LensReview":{"Notes":{"k":[1,2.5e-7,"x",{"y":false}]},"RiskCounts":{"HIGH":3}},"n":-0.5,"b":false}`,
	`{"name":"agent","description":"d","title":"x","Rules":"not a list","ReviewOwner":12}`,
	`{"a":"esc \" \\ \u00e9 \u2028","Notes":"esc \" \\"}`,
	`{"Url":"https://hooks.example.com/services/T0/B0/tok?token=x","WebhookSubscriptions":[{"Url":"http://h:8080/a\u0026b"},{"Url":null},{"Url":7}]}`,
	`{"Url":"not a url","x":{"Url":"https://h.example/"}}`,
}

// TestMaskResponse: the one-pass copy masks what the decoding path masks,
// member for member (the values decode to the same thing).
func TestMaskResponse(t *testing.T) {
	for _, in := range maskCases {
		got, ok := maskResponse([]byte(in))
		if !ok {
			t.Errorf("maskResponse(%s) fell back", in)
			continue
		}
		sameJSON(t, in, got, maskedReference([]byte(in)))
	}
	for _, in := range []string{``, `[]`, `null`, `{"a":1`, `{ "a": 1 }`, `{"a\"b":1}`, `"x"`} {
		if got, ok := maskResponse([]byte(in)); ok {
			t.Errorf("maskResponse(%q) = %q, want a fall back to the decoding path", in, got)
		}
	}
}

// TestMaskedOwnJSON: a response this server encoded is masked without
// being checked again, as the decoding path masks it; one the copy does
// not expect (spaces, an escaped key) still falls back to that path.
func TestMaskedOwnJSON(t *testing.T) {
	for _, in := range append(maskCases, `{ "a": 1 }`, `{"a\"b":1,"Notes":"n"}`) {
		sameJSON(t, in, maskedOwnJSON([]byte(in)), maskedReference([]byte(in)))
	}
}

// TestMaskedOwnJSONUserKeys: keys users write (tags, pillar ids of custom
// lenses) in accents, CJK or with characters json.Marshal escapes are masked
// as the decoding path masks them.
func TestMaskedOwnJSONUserKeys(t *testing.T) {
	b, err := json.Marshal(map[string]any{
		"Tags":         map[string]string{"équipe 团队": "bleu", "a<b&c": "x"},
		"PillarNotes":  map[string]string{"sécurité": "clés", "信頼性": "メモ"},
		"WorkloadName": "Café 日本",
	})
	if err != nil {
		t.Fatal(err)
	}
	sameJSON(t, string(b), maskedOwnJSON(b), maskedReference(b))
}

// FuzzMaskResponse: whatever JSON object the fast path accepts, it masks
// as the decoding path does.
func FuzzMaskResponse(f *testing.F) {
	for _, in := range maskCases {
		f.Add(in)
	}
	f.Fuzz(func(t *testing.T, in string) {
		got, ok := maskResponse([]byte(in))
		if !ok {
			return
		}
		var dup map[string]json.RawMessage
		if hasDuplicateKeys(in) || json.Unmarshal([]byte(in), &dup) != nil {
			return // not what json.Marshal writes
		}
		sameJSON(t, in, got, maskedReference([]byte(in)))
	})
}

func sameJSON(t *testing.T, in, got, want string) {
	t.Helper()
	var g, w any
	if err := json.Unmarshal([]byte(got), &g); err != nil {
		t.Fatalf("maskResponse(%s) = %s: not JSON: %v", in, got, err)
	}
	json.Unmarshal([]byte(want), &w)
	if !reflect.DeepEqual(g, w) {
		t.Errorf("maskResponse(%s)\n = %s\nwant %s", in, got, want)
	}
}

// hasDuplicateKeys reports whether an object anywhere in in names a key twice.
func hasDuplicateKeys(in string) bool {
	dec := json.NewDecoder(strings.NewReader(in))
	type frame struct {
		obj  bool
		keys map[string]bool
		key  bool // the next string token is a key
	}
	var stack []*frame
	for {
		tok, err := dec.Token()
		if err != nil {
			return false
		}
		var top *frame
		if len(stack) > 0 {
			top = stack[len(stack)-1]
		}
		switch v := tok.(type) {
		case json.Delim:
			switch v {
			case '{', '[':
				if top != nil && top.obj {
					top.key = true
				}
				stack = append(stack, &frame{obj: v == '{', keys: map[string]bool{}, key: v == '{'})
			default:
				stack = stack[:len(stack)-1]
			}
			continue
		case string:
			if top != nil && top.obj && top.key {
				if top.keys[v] {
					return true
				}
				top.keys[v] = true
				top.key = false
				continue
			}
		}
		if top != nil && top.obj {
			top.key = true
		}
	}
}

func BenchmarkMaskedJSON(b *testing.B) {
	in := []byte(maskCases[1])
	for range b.N {
		maskedOwnJSON(in)
	}
}

func BenchmarkMaskedJSONReference(b *testing.B) {
	in := []byte(maskCases[1])
	for range b.N {
		maskedReference(in)
	}
}
