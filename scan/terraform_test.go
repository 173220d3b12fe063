package scan

import (
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"os"
	"slices"
	"strings"
	"testing"
)

// shapedPlan is a plan of one bucket, aws_s3_bucket.b with one tag, whose
// resource_changes are changes (JSON).
func shapedPlan(changes string) string {
	return `{"format_version":"1.2","planned_values":{"root_module":{"resources":[` +
		`{"address":"aws_s3_bucket.b","mode":"managed","type":"aws_s3_bucket","values":{"bucket":"b","tags":{"a":"b"}}}]}},` +
		`"resource_changes":` + changes + `}`
}

// readUnguarded reads data without Read's net, turning a panic into an
// error of the test, so that every case shows whether it panics.
func readUnguarded(t *testing.T, data string) (res []*Resource, err error) {
	t.Helper()
	defer func() {
		if v := recover(); v != nil {
			t.Errorf("read panics: %v", v)
		}
	}()
	return read("plan.json", []byte(data))
}

// TestPlanOfAnyShape reads plans whose parts are missing, null or of the
// wrong type, as a hand-written, truncated or hostile plan may have them:
// each is read as far as it makes sense, without a panic.
func TestPlanOfAnyShape(t *testing.T) {
	const bucket = `{"address":"aws_s3_bucket.b","mode":"managed","type":"aws_s3_bucket","values":{"bucket":"b"}}`
	for _, tc := range []struct {
		name, plan string
		buckets    int // how many buckets are read
		tagsKnown  bool
	}{
		{"change missing", shapedPlan(`[{"address":"aws_s3_bucket.b"}]`), 1, true},
		{"change null", shapedPlan(`[{"address":"aws_s3_bucket.b","change":null}]`), 1, true},
		{"change empty", shapedPlan(`[{"address":"aws_s3_bucket.b","change":{}}]`), 1, true},
		{"change a string", shapedPlan(`[{"address":"aws_s3_bucket.b","change":"x"}]`), 1, true},
		{"change a list", shapedPlan(`[{"address":"aws_s3_bucket.b","change":[{"after_unknown":{"tags":true}}]}]`), 1, true},
		{"after_unknown null", shapedPlan(`[{"address":"aws_s3_bucket.b","change":{"after_unknown":null}}]`), 1, true},
		{"after_unknown a list", shapedPlan(`[{"address":"aws_s3_bucket.b","change":{"after_unknown":[true]}}]`), 1, true},
		{"after_unknown a number", shapedPlan(`[{"address":"aws_s3_bucket.b","change":{"after_unknown":{"tags":1}}}]`), 1, true},
		{"after_unknown marks tags", shapedPlan(`[{"address":"aws_s3_bucket.b","change":{"after_unknown":{"tags":true}}}]`), 1, false},
		{"address null", shapedPlan(`[{"address":null,"change":{"after_unknown":{"tags":true}}}]`), 1, true},
		{"address a list", shapedPlan(`[{"address":["aws_s3_bucket.b"],"change":{"after_unknown":{"tags":true}}}]`), 1, true},
		{"change entry null", shapedPlan(`[null, 1, "x", []]`), 1, true},
		{"resource_changes a mapping", shapedPlan(`{"address":"aws_s3_bucket.b"}`), 1, true},
		{"resource_changes null", shapedPlan(`null`), 1, true},
		{"planned_values null", `{"format_version":"1.2","planned_values":null,"resource_changes":[{"address":"x"}]}`, 0, false},
		{"format_version null", `{"format_version":null,"planned_values":{"root_module":{"resources":[` + bucket + `]}}}`, 1, true},
		{"root_module a string", `{"format_version":"1.2","planned_values":{"root_module":"x"}}`, 0, false},
		{"resources a mapping", `{"format_version":"1.2","planned_values":{"root_module":{"resources":{"a":1}}}}`, 0, false},
		{"resource null", `{"format_version":"1.2","planned_values":{"root_module":{"resources":[null,1,[],` + bucket + `]}}}`, 1, true},
		{"address of a resource a list", `{"format_version":"1.2","planned_values":{"root_module":{"resources":[{"address":["a"],"type":"aws_s3_bucket"}]}}}`, 0, false},
		{"type null", `{"format_version":"1.2","planned_values":{"root_module":{"resources":[{"address":"a","type":null}]}}}`, 0, false},
		{"values a list", `{"format_version":"1.2","planned_values":{"root_module":{"resources":[{"address":"a","type":"aws_s3_bucket","values":[1]}]}}}`, 1, true},
		{"values null", `{"format_version":"1.2","planned_values":{"root_module":{"resources":[{"address":"a","type":"aws_s3_bucket","values":null}]}}}`, 1, true},
		{"child_modules of nulls", `{"format_version":"1.2","planned_values":{"root_module":{"child_modules":[null,{"resources":null},{"child_modules":"x"}]}}}`, 0, false},
		{"configuration of the wrong shapes", `{"format_version":"1.2","planned_values":{"root_module":{"resources":[` + bucket + `]}},` +
			`"configuration":{"root_module":{"resources":[null,{"expressions":null},{"expressions":{"bucket":{"references":"x"}}}],"module_calls":{"m":null,"n":{"module":[]}}}}}`, 1, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := readUnguarded(t, tc.plan)
			if err != nil {
				t.Fatalf("error %v, want the plan read", err)
			}
			if len(res) != tc.buckets {
				t.Fatalf("%d resources, want %d", len(res), tc.buckets)
			}
			if tc.buckets == 0 || !strings.Contains(tc.plan, `"tags"`) {
				return
			}
			_, unknown := res[0].Props["tag_count"].(Unknown)
			if unknown == tc.tagsKnown {
				t.Errorf("tag_count %#v, want it known: %v", res[0].Props["tag_count"], tc.tagsKnown)
			}
		})
	}
}

// TestPlanSkeletonOfAnyShape takes a real plan and, one at a time, leaves
// out or replaces by a value of every other type each part of its
// skeleton: the mappings and lists that lead to resources, changes and the
// configuration (in the first two elements of each list), and the
// attribute mappings themselves, whose contents the normalisers' own test
// varies. No variant may make the reader panic.
func TestPlanSkeletonOfAnyShape(t *testing.T) {
	data, err := os.ReadFile("testdata/terraform/plan.json")
	if err != nil {
		t.Fatal(err)
	}
	var plan map[string]any
	if err := json.Unmarshal(data, &plan); err != nil {
		t.Fatal(err)
	}
	attributes := map[string]bool{"values": true, "after": true, "before": true, "after_unknown": true,
		"before_sensitive": true, "after_sensitive": true, "sensitive_values": true, "expressions": true}
	// Only the first two elements of each list are varied: the others are
	// cut, so that each variant is quick to write and read.
	var cut func(v any) any
	cut = func(v any) any {
		switch x := v.(type) {
		case map[string]any:
			for k, e := range x {
				if !attributes[k] {
					x[k] = cut(e)
				}
			}
		case []any:
			x = x[:min(len(x), 2)]
			for i, e := range x {
				x[i] = cut(e)
			}
			return x
		}
		return v
	}
	cut(plan)
	type leftOut struct{} // the key is left out
	shapes := []any{leftOut{}, nil, "x", 1.0, true, []any{}, map[string]any{}, []any{nil}}
	variants := 0
	// vary tries every shape at each part under v, then restores it.
	var vary func(v any, path string)
	vary = func(v any, path string) {
		try := func(set func(any), restore func(), at string) {
			for _, shape := range shapes {
				set(shape)
				doc, err := json.Marshal(plan)
				if err != nil {
					t.Fatal(err)
				}
				variants++
				func() {
					defer func() {
						if v := recover(); v != nil {
							t.Errorf("%s as %#v: read panics: %v", at, shape, v)
						}
					}()
					_, _ = read("plan.json", doc)
				}()
			}
			restore()
		}
		switch x := v.(type) {
		case map[string]any:
			for _, k := range slices.Sorted(maps.Keys(x)) {
				old := x[k]
				try(func(s any) {
					if s == (leftOut{}) {
						delete(x, k)
					} else {
						x[k] = s
					}
				}, func() { x[k] = old }, path+"."+k)
				if !attributes[k] {
					vary(old, path+"."+k)
				}
			}
		case []any:
			for i := range x {
				old := x[i]
				try(func(s any) {
					if s != (leftOut{}) {
						x[i] = s
					}
				}, func() { x[i] = old }, fmt.Sprintf("%s[%d]", path, i))
				vary(old, fmt.Sprintf("%s[%d]", path, i))
			}
		}
	}
	vary(plan, "")
	if variants < 500 {
		t.Errorf("%d variants, want the plan's skeleton varied", variants)
	}
}

// TestReadReportsPanic checks Read's net: a reader that panics on a file
// costs that file, reported as a problem naming it, not the scan.
func TestReadReportsPanic(t *testing.T) {
	tfKinds["aws_wat_test_panics"] = kindNorm{"test", func(map[string]any) map[string]any { panic("boom") }}
	t.Cleanup(func() { delete(tfKinds, "aws_wat_test_panics") })
	plan := `{"format_version":"1.2","planned_values":{"root_module":{"resources":[{"address":"a","type":"aws_wat_test_panics"}]}}}`
	res, err := Read("hostile.json", []byte(plan))
	var p *Problem
	if !errors.As(err, &p) || res != nil {
		t.Fatalf("Read gives %v, %v; want no resources and a *Problem", res, err)
	}
	if p.File != "hostile.json" || !strings.Contains(p.Message, "boom") {
		t.Errorf("problem %q, want one of hostile.json saying why", p.Error())
	}
}

// TestEvaluateReportsPanic checks Evaluate's net: a rule that panics on a
// resource drops that resource's results, which become a problem of its
// file; the other resources are evaluated as ever.
func TestEvaluateReportsPanic(t *testing.T) {
	fine := &compiledRule{Rule: &Rule{ID: "fine"}, condition: func(map[string]any) Tri { return True }}
	fragile := &compiledRule{Rule: &Rule{ID: "fragile"}, condition: func(p map[string]any) Tri {
		if p["bad"] == true {
			panic(fmt.Sprintf("bad value %v", p["bad"]))
		}
		return False
	}}
	good := &Resource{Kind: "k", Name: "Good", File: "a.yaml", Line: 3, Props: map[string]any{}}
	bad := &Resource{Kind: "k", Name: "Bad", File: "b.yaml", Line: 7, Props: map[string]any{"bad": true}}
	results, problems := evaluateChunk(map[string][]*compiledRule{"k": {fine, fragile}}, []*Resource{bad, good})
	if len(results) != 2 || results[0].Resource != good || results[1].Resource != good {
		t.Errorf("results %+v, want fine and fragile on Good only", results)
	}
	if len(problems) != 1 || problems[0].File != "b.yaml" || problems[0].Line != 7 ||
		!strings.Contains(problems[0].Message, "Bad") || !strings.Contains(problems[0].Message, "bad value true") {
		t.Errorf("problems %v, want one of b.yaml:7 naming Bad and the panic", problems)
	}
}
