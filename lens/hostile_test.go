package lens

import (
	"strings"
	"testing"
	"time"
)

// hostile are documents of MaxDocumentSize built to be slow: huge counts,
// huge conditions, deep nesting, a problem in every value.
func hostile() map[string][]byte {
	fill := func(prefix, elem, suffix string) []byte {
		sep := ","
		if strings.HasSuffix(prefix, `"`) { // inside a string
			sep = ""
		}
		n := (MaxDocumentSize - len(prefix) - len(suffix)) / (len(elem) + len(sep))
		return []byte(prefix + strings.TrimSuffix(strings.Repeat(elem+sep, n), sep) + suffix)
	}
	q := `{"schemaVersion":"2021-11-01","name":"H","pillars":[{"id":"pil","name":"P","questions":[{"id":"que","title":"Q",`
	return map[string][]byte{
		"many pillars":       fill(`{"pillars":[`, `1`, `]}`),
		"many empty pillars": fill(`{"pillars":[`, `{}`, `]}`),
		"many choices":       fill(q+`"riskRules":[{"condition":"default","risk":"NO_RISK"}],"choices":[`, `{"id":"a"}`, `]}]}]}`),
		"long condition": fill(q+`"choices":[{"id":"aaa","title":"A","improvementPlan":{"displayText":"x"}}],"riskRules":[{"risk":"NO_RISK","condition":"`,
			`aaa&&`, `aaa"},{"condition":"default","risk":"HIGH_RISK"}]}]}]}`),
		"unknown ids in a condition": fill(q+`"choices":[{"id":"aaa","title":"A","improvementPlan":{"displayText":"x"}}],"riskRules":[{"risk":"NO_RISK","condition":"`,
			`zzz||`, `zzz"},{"condition":"default","risk":"HIGH_RISK"}]}]}]}`),
		"deep nesting":  []byte(`{"x":` + strings.Repeat("[", 9000) + strings.Repeat("]", 9000) + `,"name":5}`),
		"many members":  fill(`{`, `"name":1`, `}`),
		"many rules":    fill(q+`"choices":[{"id":"aaa","title":"A"}],"riskRules":[`, `{"condition":"(aaa","risk":"x"}`, `]}]}]}`),
		"many unknowns": fill(`{"pillar":[],`, `"Pillars":1`, `}`),
	}
}

// TestHostileDocuments checks no document of the allowed size takes long
// to validate, however it is built. (Each takes well under 200 ms; the
// bound leaves room for the race detector, and still catches the
// quadratic flattening of a long "a && a && ..." that once took a minute.)
func TestHostileDocuments(t *testing.T) {
	for name, data := range hostile() {
		start := time.Now()
		l, _, ps := Validate(data)
		d := time.Since(start)
		t.Logf("%s: %d bytes, %d problems in %v", name, len(data), len(ps), d)
		if d > 5*time.Second {
			t.Errorf("%s: took %v", name, d)
		}
		if valid := name == "long condition"; valid != (l != nil) {
			t.Errorf("%s: lens %v, %d problems", name, l != nil, len(ps))
		}
		if len(ps) > MaxProblems+1 {
			t.Errorf("%s: %d problems, more than MaxProblems", name, len(ps))
		}
		if len(ps) == MaxProblems+1 && !strings.HasPrefix(ps[MaxProblems].Message, "and ") {
			t.Errorf("%s: the last problem is %v", name, ps[MaxProblems])
		}
	}
}
