package scan

import (
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"
)

// camel turns a rule id such as "s3-versioning" into "S3Versioning", the
// way fixtures name their resources.
func camel(id string) string {
	var b strings.Builder
	for _, part := range strings.Split(id, "-") {
		r := []rune(part)
		r[0] = unicode.ToUpper(r[0])
		b.WriteString(string(r))
	}
	return b.String()
}

// expected reads what a fixture resource's name asks of a rule: CloudFormation
// PassRULE / FailRULE / UnknownRULE (optionally followed by Sam or Cdk),
// Terraform pass_RULE / fail_RULE / unknown_RULE.
func expected(res *Resource, rule string) (Status, bool) {
	name := res.Name
	if i := strings.LastIndex(name, "."); i >= 0 {
		name = name[i+1:]
	}
	for _, s := range []struct {
		prefix string
		status Status
	}{{"Pass", Pass}, {"Fail", Fail}, {"Unknown", Undecided}} {
		cfn := s.prefix + camel(rule)
		if name == cfn || name == cfn+"Sam" || name == cfn+"Cdk" {
			return s.status, true
		}
		if name == strings.ToLower(s.prefix)+"_"+strings.ReplaceAll(rule, "-", "_") {
			return s.status, true
		}
	}
	return "", false
}

func readFixtures(t *testing.T, pattern string) []*Resource {
	t.Helper()
	files, _ := filepath.Glob(pattern)
	if len(files) == 0 {
		t.Fatalf("no fixtures match %s", pattern)
	}
	var all []*Resource
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		res, err := Read(f, data)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		all = append(all, res...)
	}
	return all
}

// fixtureResults evaluates every rule on the fixtures of one source ("cfn"
// or "terraform"), reports each resource named for a rule that does not get
// the status its name says, and returns the statuses seen per rule.
func fixtureResults(t *testing.T, rules []*Rule, source string) map[string]map[Status]bool {
	t.Helper()
	resources := readFixtures(t, filepath.Join("testdata", source, "*"+map[string]string{"cfn": "", "terraform": ".json"}[source]))
	seen := map[string]map[Status]bool{}
	rep := Evaluate(rules, resources, nil)
	for _, r := range rep.Results {
		want, ok := expected(r.Resource, r.Rule.ID)
		if !ok {
			continue
		}
		if seen[r.Rule.ID] == nil {
			seen[r.Rule.ID] = map[Status]bool{}
		}
		seen[r.Rule.ID][want] = true
		if r.Status != want {
			t.Errorf("%s %s at %s: %s, want %s (%s)", r.Rule.ID, r.Resource.Name, r.Resource.Location(), r.Status, want, r.Reason)
		}
	}
	return seen
}

// tfUndecided are the rules a Terraform plan cannot give a failing (or,
// for some, a passing) resource for, with the reason.
var tfUndecided = map[string]string{
	"secret-value-not-in-template": "the value is on aws_secretsmanager_secret_version, and a plan does not show whether it is a literal",
	"db-no-plaintext-password":     "a plan does not show whether a password is a literal, a variable or a secret",
	"lambda-gradual-deployment":    "deployment preferences are SAM's; Terraform deploys gradually through CodeDeploy deployment groups",
}

// TestRuleFixtures checks every rule on the fixtures: each resource named
// for a rule gets the status its name says; every rule has a passing and a
// failing CloudFormation fixture, and a passing and a failing Terraform one
// when one of its kinds has a Terraform type.
func TestRuleFixtures(t *testing.T) {
	rules, err := Rules()
	if err != nil {
		t.Fatal(err)
	}
	cfn, tf := fixtureResults(t, rules, "cfn"), fixtureResults(t, rules, "terraform")
	tfKind := map[string]bool{}
	for _, n := range tfKinds {
		tfKind[n.kind] = true
	}
	for _, rule := range rules {
		if !cfn[rule.ID][Pass] || !cfn[rule.ID][Fail] {
			t.Errorf("rule %s lacks a passing or failing CloudFormation fixture", rule.ID)
		}
		if !slices.ContainsFunc(rule.Kinds, func(k string) bool { return tfKind[k] }) {
			continue
		}
		if _, exempt := tfUndecided[rule.ID]; exempt {
			continue
		}
		if !tf[rule.ID][Pass] || !tf[rule.ID][Fail] {
			t.Errorf("rule %s lacks a passing or failing Terraform fixture", rule.ID)
		}
	}
}

// TestRulesMapToFramework checks every rule's choices against the
// framework's facts (the same CSV the built-in lens is generated from) and
// the spread of the rules over the pillars.
func TestRulesMapToFramework(t *testing.T) {
	f, err := os.Open("../lens/framework/wa-framework.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	pillarOf := map[string]string{}
	for _, row := range rows[1:] {
		pillarOf[row[8]] = row[0]
	}
	rules, err := Rules()
	if err != nil {
		t.Fatal(err)
	}
	if len(rules) < 150 {
		t.Errorf("%d rules, want at least 150", len(rules))
	}
	practices := map[string]map[string]bool{} // pillar -> choice ids
	for _, r := range rules {
		if slices.Contains(r.Choices[1:], r.Choices[0]) {
			t.Errorf("rule %s names a choice twice", r.ID)
		}
		for _, c := range r.Choices {
			p, ok := pillarOf[c]
			if !ok {
				t.Errorf("rule %s: choice %q is not in wa-framework.csv", r.ID, c)
				continue
			}
			if practices[p] == nil {
				practices[p] = map[string]bool{}
			}
			practices[p][c] = true
		}
	}
	total := 0
	for _, p := range []string{"operationalExcellence", "security", "reliability", "performance", "costOptimization", "sustainability"} {
		total += len(practices[p])
		if len(practices[p]) < 8 {
			t.Errorf("pillar %s has evidence for %d best practices, want at least 8", p, len(practices[p]))
		}
		t.Logf("%s: %d best practices", p, len(practices[p]))
	}
	if total < 80 {
		t.Errorf("evidence for %d best practices, want at least 80", total)
	}
	t.Logf("%d rules, %d best practices", len(rules), total)
}

// TestRulesAreDistinct checks that no two rules make the same check: the
// same condition (and applicability) on the same kinds.
func TestRulesAreDistinct(t *testing.T) {
	rules, err := Rules()
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]string{}
	for _, r := range rules {
		key := fmt.Sprintf("%v|%#v|%#v", r.Kinds, r.When, r.Condition)
		if other, dup := seen[key]; dup {
			t.Errorf("rules %s and %s make the same check", other, r.ID)
		}
		seen[key] = r.ID
	}
}

func TestParseRuleRejects(t *testing.T) {
	base := "id: x\ntitle: T\ndescription: D\nkinds: [s3_bucket]\nseverity: high\nchoices: [sec_protect_data_rest_encrypt]\n"
	for name, doc := range map[string]string{
		"unknown choice":     strings.Replace(base, "sec_protect_data_rest_encrypt", "sec_nope", 1) + "condition: {property: a, exists: true}\n",
		"no condition":       base,
		"two operators":      base + "condition: {property: a, equals: 1, gte: 2}\n",
		"operator, no prop":  base + "condition: {equals: 1}\n",
		"all and property":   base + "condition: {property: a, exists: true, all: [{property: b, exists: true}]}\n",
		"bad nested":         base + "condition: {any: [{property: b}]}\n",
		"bad severity":       strings.Replace(base, "high", "urgent", 1) + "condition: {property: a, exists: true}\n",
		"unknown field":      base + "condition: {property: a, exists: true}\nextra: 1\n",
		"missing kinds":      strings.Replace(base, "kinds: [s3_bucket]\n", "", 1) + "condition: {property: a, exists: true}\n",
		"choice-less rule":   strings.Replace(base, "choices: [sec_protect_data_rest_encrypt]\n", "", 1) + "condition: {property: a, exists: true}\n",
		"not a mapping":      "- 1\n",
		"invalid when":       base + "condition: {property: a, exists: true}\nwhen: {property: b}\n",
		"unknown op in leaf": base + "condition: {property: a, matches: x}\n",
	} {
		if _, err := ParseRule([]byte(doc)); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}
