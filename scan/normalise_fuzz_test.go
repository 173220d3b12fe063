package scan

import (
	"os"
	"path/filepath"
	"testing"

	"go.yaml.in/yaml/v3"
)

// FuzzNormalise reads mutations of the rule fixtures, so that the fuzzer
// starts from every resource type the scanner normalises: no template or
// plan, however its properties are shaped, may make a normaliser or a rule
// panic.
func FuzzNormalise(f *testing.F) {
	for _, pattern := range []string{"testdata/cfn/*", "testdata/terraform/*.json"} {
		files, _ := filepath.Glob(pattern)
		for _, file := range files {
			data, err := os.ReadFile(file)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(data)
		}
	}
	rules, err := Rules()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) { readEvaluate(t, rules, data) })
}

// fixtureKeys returns every mapping key written in the fixtures (property
// and attribute names at any depth).
func fixtureKeys(t *testing.T) []string {
	t.Helper()
	seen := map[string]bool{}
	var walk func(v any)
	walk = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			for k, e := range x {
				seen[k] = true
				walk(e)
			}
		case []any:
			for _, e := range x {
				walk(e)
			}
		}
	}
	files, _ := filepath.Glob("testdata/cfn/*")
	more, _ := filepath.Glob("testdata/terraform/src/*.yaml")
	for _, file := range append(files, more...) {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		var doc any
		if err := yaml.Unmarshal(data, &doc); err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		walk(doc)
	}
	keys := make([]string, 0, len(seen))
	for k := range seen {
		keys = append(keys, k)
	}
	return keys
}

// TestNormalisersTolerateAnyShape gives every normaliser properties of
// unexpected shapes (unknown, references, wrong types, nested at every
// name the fixtures use) and expects no panic from it or from the rules.
func TestNormalisersTolerateAnyShape(t *testing.T) {
	rules, err := Rules()
	if err != nil {
		t.Fatal(err)
	}
	keys := fixtureKeys(t)
	nest := func(v any) map[string]any {
		m := map[string]any{}
		for _, k := range keys {
			m[k] = v
		}
		return m
	}
	var shapes []any
	for _, v := range []any{Unknown{"test"}, "x", "true", 1.0, -1.0, true, nil, ref{"Other"}, []any{}, map[string]any{}} {
		shapes = append(shapes, v, []any{v, Unknown{"test"}}, nest(v), []any{nest(v)})
	}
	all := map[string]kindNorm{}
	for name, n := range cfnKinds {
		all[name] = n
	}
	for name, n := range tfKinds {
		all[name] = n
	}
	for _, v := range shapes {
		for name, norm := range all {
			res := &Resource{Kind: norm.kind, Type: name, Name: "R", File: "f", Props: norm.fn(nest(v))}
			Evaluate(rules, []*Resource{res}, nil)
		}
	}
}

// readEvaluate reads data and evaluates the rules on what it holds, as a
// scan would, but without the nets that turn a panic into a problem of the
// file (Read's and Evaluate's): a fuzz target must see the panic itself.
func readEvaluate(t *testing.T, rules []*Rule, data []byte) {
	t.Helper()
	res, err := read("fuzz.yaml", data)
	if err != nil {
		return
	}
	if rep := Evaluate(rules, res, nil); len(rep.Problems) > 0 {
		t.Fatalf("evaluation failed: %v", rep.Problems)
	}
}
