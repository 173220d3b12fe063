package scan

import (
	"path/filepath"
	"testing"
)

// TestCompiledConditions checks that every rule's compiled conditions give
// what Condition.Eval gives, on the fixtures' resources and on properties
// of every shape at every name the fixtures use.
func TestCompiledConditions(t *testing.T) {
	rules, err := Rules()
	if err != nil {
		t.Fatal(err)
	}
	var props []map[string]any
	for _, pattern := range []string{"testdata/cfn/*", "testdata/terraform/*.json"} {
		for _, r := range readFixtures(t, filepath.Join(pattern)) {
			props = append(props, r.Props)
		}
	}
	keys := fixtureKeys(t)
	for _, r := range rules {
		// the properties the rules read, set to each shape
		keys = append(keys, conditionProperties(&r.Condition)...)
		if r.When != nil {
			keys = append(keys, conditionProperties(r.When)...)
		}
	}
	for _, v := range []any{Unknown{"test"}, "x", "gp3", "true", 1.0, 0.0, 7.0, 90.0, true, false, nil, ref{"Other"}, []any{}, map[string]any{},
		[]any{"x", Unknown{"u"}}, []any{map[string]any{"value": "x"}}, []any{1.0, true}} {
		m := map[string]any{}
		for _, k := range keys {
			m[k] = v
		}
		props = append(props, m, map[string]any{})
	}
	for _, r := range rules {
		c := compileRule(r)
		for _, p := range props {
			if got, want := c.condition(p), r.Condition.Eval(p); got != want {
				t.Errorf("%s: compiled condition gives %v, Eval %v, on %v", r.ID, got, want, p)
			}
			if r.When != nil {
				if got, want := c.when(p), r.When.Eval(p); got != want {
					t.Errorf("%s: compiled when gives %v, Eval %v, on %v", r.ID, got, want, p)
				}
			}
		}
	}
}

// conditionProperties lists the properties a condition reads.
func conditionProperties(c *Condition) []string {
	var out []string
	for _, list := range [][]Condition{c.All, c.Any} {
		for i := range list {
			out = append(out, conditionProperties(&list[i])...)
		}
	}
	for _, sub := range []*Condition{c.Not, c.Some, c.Every} {
		if sub != nil {
			out = append(out, conditionProperties(sub)...)
		}
	}
	if c.Property != "" {
		out = append(out, c.Property)
	}
	return out
}
