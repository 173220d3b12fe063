// Package output writes what `wat scan` found, in each of its formats: a
// table for people, JSON for programs, SARIF 2.1.0 for code-scanning UIs
// and Markdown for pull requests. Each format also lists the rules
// (wat scan --list-rules).
//
// The writers stream: a report of any size is written as it is walked,
// never built in memory whole first.
package output

import (
	"io"

	"github.com/wat-dev/wat/lens/framework"
	"github.com/wat-dev/wat/scan"
)

// Writer writes a scan in one format.
type Writer interface {
	// WriteReport writes the report of a scan that ran rules over what
	// sum counts (files and resources; the writer counts the results).
	WriteReport(w io.Writer, rules []*scan.Rule, rep *scan.Report, sum Summary) error
	// WriteRules writes the rules and the best practices they give
	// evidence for.
	WriteRules(w io.Writer, rules []*scan.Rule) error
}

// Formats are the names of the formats, the default first.
var Formats = []string{"table", "json", "sarif", "markdown"}

// ByFormat is the writer of the format named, or false when there is none.
// toolVersion is the version of wat that SARIF names as the driver's.
func ByFormat(name, toolVersion string) (Writer, bool) {
	switch name {
	case "table":
		return Table{}, true
	case "json":
		return JSON{}, true
	case "sarif":
		return SARIF{ToolVersion: toolVersion}, true
	case "markdown":
		return Markdown{}, true
	}
	return nil, false
}

// Summary counts what a scan read and what its rules found.
type Summary struct {
	Files     int `json:"files"`
	Resources int `json:"resources"`
	Pass      int `json:"pass"`
	Fail      int `json:"fail"`
	Unknown   int `json:"unknown"`
}

// count adds the report's results to sum.
func count(rep *scan.Report, sum *Summary) {
	for _, r := range rep.Results {
		switch r.Status {
		case scan.Pass:
			sum.Pass++
		case scan.Fail:
			sum.Fail++
		default:
			sum.Unknown++
		}
	}
}

// PracticeRef names a best practice a rule gives evidence for, as the JSON
// output and SARIF's rule properties give it.
type PracticeRef struct {
	ID         string `json:"bestPracticeId"`
	Title      string `json:"title"`
	Risk       string `json:"risk"`
	ChoiceID   string `json:"choiceId"`
	QuestionID string `json:"questionId"`
	PillarID   string `json:"pillarId"`
	URL        string `json:"url"`
}

func refOf(bp framework.BestPractice) PracticeRef {
	return PracticeRef{ID: bp.ID, Title: bp.Title, Risk: string(bp.Level), ChoiceID: bp.ChoiceID,
		QuestionID: bp.QuestionID, PillarID: bp.PillarID, URL: bp.URL}
}
