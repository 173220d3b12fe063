package output

import (
	"encoding/json"
	"io"

	"github.com/wat-dev/wat/scan"
)

// JSON writes `wat scan --format json`: the report in the shape of
// JSONReport, the rules as a list of JSONRule.
type JSON struct{}

// The shapes of `wat scan --format json`, for programs that read it. The
// report is written as it goes (JSON.WriteReport), byte for byte what
// encoding/json would make of these.
type (
	// JSONReport is the whole report.
	JSONReport struct {
		Pillars  []JSONPillar  `json:"pillars"`
		Problems []JSONProblem `json:"problems"`
		Summary  Summary       `json:"summary"`
	}
	// JSONPillar is a pillar's score and its practices with evidence.
	JSONPillar struct {
		ID           string         `json:"pillarId"`
		Name         string         `json:"name"`
		Passing      int            `json:"passingPractices"`
		WithEvidence int            `json:"practicesWithEvidence"`
		Practices    []JSONPractice `json:"practices"`
	}
	// JSONPractice is a best practice, its status and its rule results.
	JSONPractice struct {
		PracticeRef
		Status  string       `json:"status"`
		Results []JSONResult `json:"results"`
	}
	// JSONResult is one rule's outcome on one resource.
	JSONResult struct {
		Rule     string `json:"rule"`
		Severity string `json:"severity"`
		Status   string `json:"status"`
		Resource string `json:"resource"`
		Kind     string `json:"kind"`
		Type     string `json:"type"`
		File     string `json:"file"`
		Line     int    `json:"line,omitempty"`
		Reason   string `json:"reason,omitempty"`
	}
	// JSONProblem is a file not read, or read but not as a template.
	JSONProblem struct {
		File    string `json:"file"`
		Line    int    `json:"line,omitempty"`
		Message string `json:"message"`
	}
	// JSONRule is a rule as --list-rules --format json lists it.
	JSONRule struct {
		ID          string        `json:"id"`
		Title       string        `json:"title"`
		Description string        `json:"description"`
		Kinds       []string      `json:"kinds"`
		Severity    string        `json:"severity"`
		Practices   []PracticeRef `json:"practices"`
	}
)

// WriteReport writes the report (the shapes of JSONReport) as it goes.
func (JSON) WriteReport(w io.Writer, _ []*scan.Rule, rep *scan.Report, sum Summary) error {
	count(rep, &sum)
	j := newJSONOut(w)
	j.open('{')
	j.key("pillars").open('[')
	for _, p := range rep.Pillars {
		j.next()
		j.open('{')
		j.key("pillarId").str(p.ID)
		j.key("name").str(p.Name)
		j.key("passingPractices").num(p.Passing)
		j.key("practicesWithEvidence").num(p.WithEvidence)
		j.key("practices")
		jsonList(j, p.Practices, writePracticeJSON)
		j.close('}')
	}
	j.close(']')
	j.key("problems").open('[')
	for _, p := range rep.Problems {
		j.next()
		j.value(JSONProblem{File: p.File, Line: p.Line, Message: p.Message})
	}
	j.close(']')
	j.key("summary").value(sum)
	j.close('}')
	return j.end()
}

// WriteRules writes the rules as an indented list of JSONRule.
func (JSON) WriteRules(w io.Writer, rules []*scan.Rule) error {
	out := []JSONRule{}
	for _, r := range rules {
		rj := JSONRule{ID: r.ID, Title: r.Title, Description: r.Description, Kinds: r.Kinds, Severity: r.Severity}
		for _, bp := range r.Practices {
			rj.Practices = append(rj.Practices, refOf(bp))
		}
		out = append(out, rj)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// jsonList writes a list as encoding/json does a slice: nil is null.
func jsonList[T any](j *jsonOut, list []T, write func(*jsonOut, *T)) {
	if list == nil {
		j.null()
		return
	}
	j.open('[')
	for i := range list {
		j.next()
		write(j, &list[i])
	}
	j.close(']')
}

// writePracticeJSON writes a JSONPractice.
func writePracticeJSON(j *jsonOut, e *scan.PracticeEvidence) {
	j.open('{')
	ref := refOf(e.Practice)
	j.key("bestPracticeId").str(ref.ID)
	j.key("title").str(ref.Title)
	j.key("risk").str(ref.Risk)
	j.key("choiceId").str(ref.ChoiceID)
	j.key("questionId").str(ref.QuestionID)
	j.key("pillarId").str(ref.PillarID)
	j.key("url").str(ref.URL)
	j.key("status").str(string(e.Status))
	j.key("results")
	jsonList(j, e.Results, writeResultJSON)
	j.close('}')
}

// writeResultJSON writes a JSONResult.
func writeResultJSON(j *jsonOut, r *scan.Result) {
	j.open('{')
	j.key("rule").str(r.Rule.ID)
	j.key("severity").str(r.Rule.Severity)
	j.key("status").str(string(r.Status))
	j.key("resource").str(r.Resource.Name)
	j.key("kind").str(r.Resource.Kind)
	j.key("type").str(r.Resource.Type)
	j.key("file").str(r.Resource.File)
	if r.Resource.Line != 0 {
		j.key("line").num(r.Resource.Line)
	}
	if r.Reason != "" {
		j.key("reason").str(r.Reason)
	}
	j.close('}')
}
