package scan

import (
	"testing"

	"go.yaml.in/yaml/v3"
)

func TestConditionEval(t *testing.T) {
	props := map[string]any{
		"on": true, "off": false, "n": 7.0, "s": "gp3", "u": Unknown{"Ref to parameter P"}, "r": ref{"Other"},
	}
	for _, tc := range []struct {
		cond string
		want Tri
	}{
		{"{property: on, equals: true}", True},
		{"{property: off, equals: true}", False},
		{"{property: missing, equals: false}", False},
		{"{property: missing, notEquals: gp2}", True},
		{"{property: s, notEquals: gp2}", True},
		{"{property: s, in: [gp3, io2]}", True},
		{"{property: s, notIn: [gp3, io2]}", False},
		{"{property: n, gte: 7}", True},
		{"{property: n, gte: 8}", False},
		{"{property: n, lte: 7}", True},
		{"{property: n, equals: 7}", True},
		{"{property: s, gte: 1}", False},
		{"{property: missing, exists: false}", True},
		{"{property: r, exists: true}", True},
		{"{property: u, equals: true}", Undetermined},
		{"{property: u, exists: true}", Undetermined},
		{"{not: {property: u, exists: true}}", Undetermined},
		{"{not: {property: on, equals: true}}", False},
		{"{all: [{property: on, equals: true}, {property: u, equals: 1}]}", Undetermined},
		{"{all: [{property: off, equals: true}, {property: u, equals: 1}]}", False},
		{"{any: [{property: on, equals: true}, {property: u, equals: 1}]}", True},
		{"{any: [{property: off, equals: true}, {property: u, equals: 1}]}", Undetermined},
		{"{any: [{property: off, equals: true}, {property: n, lte: 1}]}", False},
	} {
		var c Condition
		if err := yaml.Unmarshal([]byte(tc.cond), &c); err != nil {
			t.Fatal(err)
		}
		if err := c.check("c"); err != nil {
			t.Fatalf("%s: %v", tc.cond, err)
		}
		if got := c.Eval(props); got != tc.want {
			t.Errorf("%s = %v, want %v", tc.cond, got, tc.want)
		}
		if got := compileCondition(&c)(props); got != tc.want {
			t.Errorf("%s compiled = %v, want %v", tc.cond, got, tc.want)
		}
	}
}

func TestConditionListEval(t *testing.T) {
	props := map[string]any{
		"arns":  []any{"arn:a", "arn:b"},
		"mixed": []any{"arn:a", Unknown{"Ref to parameter P"}},
		"u":     Unknown{"known after apply"},
		"one":   "arn:a",
		"rules": []any{
			map[string]any{"open": true, "from": 443.0, "to": 443.0},
			map[string]any{"open": false, "from": 22.0, "to": 22.0},
		},
		"urules": []any{
			map[string]any{"open": true, "from": 443.0, "to": 443.0},
			map[string]any{"open": Unknown{"Ref to parameter Cidr"}, "from": 22.0, "to": 22.0},
		},
		"badrules": []any{map[string]any{"open": true, "from": 0.0, "to": 65535.0}, Unknown{"known after apply"}},
		"empty":    []any{},
	}
	ssh := "{all: [{property: open, equals: true}, {property: from, lte: 22}, {property: to, gte: 22}]}"
	for _, tc := range []struct {
		cond string
		want Tri
	}{
		{"{property: arns, contains: arn:b}", True},
		{"{property: arns, contains: arn:c}", False},
		{"{property: mixed, contains: arn:a}", True},
		{"{property: mixed, contains: arn:c}", Undetermined},
		{"{property: u, contains: arn:a}", Undetermined},
		{"{property: missing, contains: arn:a}", False},
		{"{property: one, contains: arn:a}", True},
		{"{property: arns, some: {property: value, equals: arn:a}}", True},
		{"{property: arns, every: {property: value, equals: arn:a}}", False},
		{"{property: rules, some: " + ssh + "}", False},
		{"{property: rules, some: {property: open, equals: true}}", True},
		{"{property: rules, every: {property: open, equals: true}}", False},
		{"{property: urules, some: " + ssh + "}", Undetermined},
		{"{not: {property: urules, some: " + ssh + "}}", Undetermined},
		{"{property: urules, every: {property: to, gte: 22}}", True},
		{"{property: badrules, some: " + ssh + "}", True},
		{"{property: badrules, every: {property: open, equals: true}}", Undetermined},
		{"{property: empty, some: {property: open, equals: true}}", False},
		{"{property: empty, every: {property: open, equals: true}}", True},
		{"{property: missing, every: {property: open, equals: true}}", True},
		{"{property: u, every: {property: open, equals: true}}", Undetermined},
	} {
		var c Condition
		if err := yaml.Unmarshal([]byte(tc.cond), &c); err != nil {
			t.Fatal(err)
		}
		if err := c.check("c"); err != nil {
			t.Fatalf("%s: %v", tc.cond, err)
		}
		if got := c.Eval(props); got != tc.want {
			t.Errorf("%s = %v, want %v", tc.cond, got, tc.want)
		}
		if got := compileCondition(&c)(props); got != tc.want {
			t.Errorf("%s compiled = %v, want %v", tc.cond, got, tc.want)
		}
		if tc.want == Undetermined && c.unknownWhy(props) == "" {
			t.Errorf("%s: unknown without a reason", tc.cond)
		}
	}
}

func TestConditionListCheck(t *testing.T) {
	for _, doc := range []string{
		"{property: a, some: {property: b}}",
		"{property: a, every: {equals: 1}}",
		"{property: a, contains: 1, some: {property: b, equals: 1}}",
		"{contains: 1}",
	} {
		var c Condition
		if err := yaml.Unmarshal([]byte(doc), &c); err != nil {
			t.Fatal(err)
		}
		if err := c.check("c"); err == nil {
			t.Errorf("%s: accepted", doc)
		}
	}
}
