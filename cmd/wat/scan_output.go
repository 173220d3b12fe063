package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/wat-dev/wat/lens/framework"
	"github.com/wat-dev/wat/scan"
)

// summary counts what a scan read.
type summary struct {
	Files     int `json:"files"`
	Resources int `json:"resources"`
	Pass      int `json:"pass"`
	Fail      int `json:"fail"`
	Unknown   int `json:"unknown"`
}

// The JSON shapes of `wat scan --format json`.
type (
	scanJSON struct {
		Pillars  []pillarJSON  `json:"pillars"`
		Problems []problemJSON `json:"problems"`
		Summary  summary       `json:"summary"`
	}
	pillarJSON struct {
		ID           string         `json:"pillarId"`
		Name         string         `json:"name"`
		Passing      int            `json:"passingPractices"`
		WithEvidence int            `json:"practicesWithEvidence"`
		Practices    []practiceJSON `json:"practices"`
	}
	practiceJSON struct {
		practiceRef
		Status  string       `json:"status"`
		Results []resultJSON `json:"results"`
	}
	practiceRef struct {
		ID         string `json:"bestPracticeId"`
		Title      string `json:"title"`
		Risk       string `json:"risk"`
		ChoiceID   string `json:"choiceId"`
		QuestionID string `json:"questionId"`
		PillarID   string `json:"pillarId"`
		URL        string `json:"url"`
	}
	resultJSON struct {
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
	problemJSON struct {
		File    string `json:"file"`
		Line    int    `json:"line,omitempty"`
		Message string `json:"message"`
	}
	ruleJSON struct {
		ID          string        `json:"id"`
		Title       string        `json:"title"`
		Description string        `json:"description"`
		Kinds       []string      `json:"kinds"`
		Severity    string        `json:"severity"`
		Practices   []practiceRef `json:"practices"`
	}
)

func count(rep *scan.Report, sum *summary) {
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

func printReportJSON(w io.Writer, rep *scan.Report, sum summary) error {
	count(rep, &sum)
	out := scanJSON{Pillars: []pillarJSON{}, Problems: []problemJSON{}, Summary: sum}
	for _, p := range rep.Pillars {
		pj := pillarJSON{ID: p.ID, Name: p.Name, Passing: p.Passing, WithEvidence: p.WithEvidence}
		for _, e := range p.Practices {
			pr := practiceJSON{practiceRef: refOf(e.Practice), Status: string(e.Status)}
			for _, r := range e.Results {
				pr.Results = append(pr.Results, resultJSON{
					Rule: r.Rule.ID, Severity: r.Rule.Severity, Status: string(r.Status), Resource: r.Resource.Name,
					Kind: r.Resource.Kind, Type: r.Resource.Type, File: r.Resource.File, Line: r.Resource.Line, Reason: r.Reason,
				})
			}
			pj.Practices = append(pj.Practices, pr)
		}
		out.Pillars = append(out.Pillars, pj)
	}
	for _, p := range rep.Problems {
		out.Problems = append(out.Problems, problemJSON{File: p.File, Line: p.Line, Message: p.Message})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

func printReportTable(w io.Writer, rep *scan.Report, sum summary) error {
	count(rep, &sum)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, p := range rep.Pillars {
		fmt.Fprintf(tw, "%s: %d/%d practices with evidence pass\n", p.Name, p.Passing, p.WithEvidence)
		for _, e := range p.Practices {
			fmt.Fprintf(tw, "  %s %s [%s risk]: %s\n", e.Practice.ID, e.Practice.Title, strings.ToLower(string(e.Practice.Level)), e.Status)
			for _, r := range e.Results {
				reason := ""
				if r.Reason != "" {
					reason = " (" + r.Reason + ")"
				}
				fmt.Fprintf(tw, "    %s\t%s\t%s\t%s%s\n", r.Status, r.Rule.ID, r.Resource.Location(), r.Resource.Name, reason)
			}
		}
		fmt.Fprintln(tw)
	}
	if len(rep.Problems) > 0 {
		fmt.Fprintln(tw, "Files not read:")
		for _, p := range rep.Problems {
			fmt.Fprintf(tw, "  %s\n", p.Error())
		}
		fmt.Fprintln(tw)
	}
	fmt.Fprintf(tw, "%d files, %d resources: %d pass, %d fail, %d unknown\n", sum.Files, sum.Resources, sum.Pass, sum.Fail, sum.Unknown)
	return tw.Flush()
}

func refOf(bp framework.BestPractice) practiceRef {
	return practiceRef{ID: bp.ID, Title: bp.Title, Risk: string(bp.Level), ChoiceID: bp.ChoiceID,
		QuestionID: bp.QuestionID, PillarID: bp.PillarID, URL: bp.URL}
}

func printRules(w io.Writer, rules []*scan.Rule, format string) error {
	switch format {
	case "sarif":
		return printReportSARIF(w, rules, nil)
	case "markdown":
		return printRulesMarkdown(w, rules)
	case "json":
		out := []ruleJSON{}
		for _, r := range rules {
			rj := ruleJSON{ID: r.ID, Title: r.Title, Description: r.Description, Kinds: r.Kinds, Severity: r.Severity}
			for _, bp := range r.Practices {
				rj.Practices = append(rj.Practices, refOf(bp))
			}
			out = append(out, rj)
		}
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "RULE\tSEVERITY\tKINDS\tBEST PRACTICES")
	for _, r := range rules {
		ids := make([]string, len(r.Practices))
		for i, bp := range r.Practices {
			ids[i] = bp.ID
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", r.ID, r.Severity, strings.Join(r.Kinds, ","), strings.Join(ids, " "))
	}
	return tw.Flush()
}
