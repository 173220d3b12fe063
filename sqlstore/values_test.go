package sqlstore

import (
	"encoding/json"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

// FuzzSplitList checks the fast path of decoder.list against encoding/json:
// whatever it accepts, json reads alike, and what listText writes it reads
// back. Invalid UTF-8 is left to json.
func FuzzSplitList(f *testing.F) {
	for _, seed := range []string{`[""]`, `["a"]`, `["a","b"]`, `["a\"","b"]`, `["x","y"`, `["a", "b"]`, `["é","\u0000"]`, "[\"\x01\"]"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if got, ok := splitList(text); ok {
			var want []string
			if err := json.Unmarshal([]byte(text), &want); err != nil {
				t.Fatalf("splitList(%q) = %q, but it is not JSON: %v", text, got, err)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Fatalf("splitList(%q) (-json +got):\n%s", text, diff)
			}
		}
		// The same text as a list element comes back through listText
		// (when it is UTF-8: encoding/json replaces invalid bytes).
		if !utf8.ValidString(text) {
			return
		}
		l := []string{text, "x"}
		var d decoder
		if diff := cmp.Diff(l, d.list(listText(l))); diff != "" || d.err != nil {
			t.Fatalf("list(listText(%q)): %v (-want +got):\n%s", l, d.err, diff)
		}
	})
}
