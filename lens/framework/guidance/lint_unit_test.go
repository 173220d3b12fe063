package guidance

import (
	"strings"
	"testing"
	"testing/fstest"
)

const okPillar = `pillar: security
questions:
  - id: q-one
    description: What this question is really asking, in enough words to matter.
    helpfulResource: How to approach answering it, in enough words to matter.
    practices:
      - id: SEC01-BP01
        description: What the practice is and why it matters to the workload.
        good: ["A first checkable sign of it", "A second checkable sign of it"]
        antiPatterns: ["A thing teams commonly do wrong"]
        steps: ["Do the first concrete thing", "Do the second concrete thing", "Do the third concrete thing"]
        effort: medium
        effortBasis: framework
`

var okFacts = []Fact{{PillarID: "security", QuestionID: "q-one", PracticeID: "SEC01-BP01", Risk: "HIGH", URL: "https://example.com/sec01"}}

func lintOf(t *testing.T, yaml string, facts []Fact) []string {
	t.Helper()
	set, err := LoadFS(fstest.MapFS{"d/security.yaml": {Data: []byte(yaml)}}, "d")
	if err != nil {
		t.Fatal(err)
	}
	return Lint(set, facts)
}

func TestLintCatches(t *testing.T) {
	if probs := lintOf(t, okPillar, okFacts); len(probs) != 0 {
		t.Fatalf("a complete entry has problems: %q", probs)
	}
	cases := []struct {
		name, yaml string
		facts      []Fact
		want       string
	}{
		{"missing practice", okPillar, append(okFacts, Fact{PillarID: "security", QuestionID: "q-one", PracticeID: "SEC01-BP02", URL: "https://example.com/x"}), "SEC01-BP02: practice has no guidance"},
		{"missing question", okPillar, append(okFacts, Fact{PillarID: "security", QuestionID: "q-two", PracticeID: "SEC02-BP01", URL: "https://example.com/x"}), "q-two: question has no guidance"},
		{"bad effort", strings.Replace(okPillar, "effort: medium", "effort: some", 1), okFacts, `effort "some"`},
		{"placeholder", strings.Replace(okPillar, "Do the third concrete thing", "TODO write the third step", 1), okFacts, "placeholder"},
		{"too few steps", strings.Replace(okPillar, `, "Do the third concrete thing"`, "", 1), okFacts, "steps: has 2 items"},
		{"missing description", strings.Replace(okPillar, "description: What the practice is and why it matters to the workload.", "", 1), okFacts, "SEC01-BP01 description: is missing"},
		{"bad link", okPillar, []Fact{{PillarID: "security", QuestionID: "q-one", PracticeID: "SEC01-BP01", URL: "http://example.com/a b"}}, "not a well-formed https URL"},
		{"unknown practice", okPillar, []Fact{{PillarID: "security", QuestionID: "q-one", PracticeID: "SEC09-BP09", URL: "https://example.com/a"}}, "SEC01-BP01: no such practice"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			probs := lintOf(t, c.yaml, c.facts)
			if c.want == "" {
				return
			}
			for _, p := range probs {
				if strings.Contains(p, c.want) {
					return
				}
			}
			t.Errorf("want a problem containing %q, got %q", c.want, probs)
		})
	}
}

func TestLintDuplicateDescriptions(t *testing.T) {
	two := okPillar + `      - id: SEC01-BP02
        description: What the practice is and why it matters to the workload.
        good: ["A first checkable sign of it", "A second checkable sign of it"]
        antiPatterns: ["A thing teams commonly do wrong"]
        steps: ["Do the first concrete thing", "Do the second concrete thing", "Do the third concrete thing"]
        effort: low
        effortBasis: framework
`
	facts := append(okFacts, Fact{PillarID: "security", QuestionID: "q-one", PracticeID: "SEC01-BP02", URL: "https://example.com/b"})
	probs := lintOf(t, two, facts)
	if len(probs) != 1 || !strings.Contains(probs[0], "repeats security.yaml SEC01-BP01") {
		t.Fatalf("got %q", probs)
	}
}

func TestLoadRefusesUnknownKeys(t *testing.T) {
	_, err := LoadFS(fstest.MapFS{"d/security.yaml": {Data: []byte(strings.Replace(okPillar, "effort:", "efort:", 1))}}, "d")
	if err == nil {
		t.Fatal("a misspelt key was accepted")
	}
}
