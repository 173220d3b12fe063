package scan

import (
	"testing"

	"gopkg.in/yaml.v3"
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
	}
}
