package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
	"unicode/utf8"

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

// printReportTable writes the table: per pillar its score, per practice
// its status and the rule results, aligned in columns within each practice
// as text/tabwriter aligns them. Names holding characters tabwriter reads
// as cell or line breaks (tab, newline, vertical tab, form feed, 0xff) go
// through tabwriter itself, so that the output is always its output.
func printReportTable(w io.Writer, rep *scan.Report, sum summary) error {
	count(rep, &sum)
	if !tableSafe(rep) {
		return printReportTabwriter(w, rep, sum)
	}
	b := make([]byte, 0, 64<<10)
	flush := func(force bool) error {
		if force || len(b) >= 32<<10 {
			_, err := w.Write(b)
			b = b[:0]
			return err
		}
		return nil
	}
	var widths [3]int
	for _, p := range rep.Pillars {
		b = fmt.Appendf(b, "%s: %d/%d practices with evidence pass\n", p.Name, p.Passing, p.WithEvidence)
		for _, e := range p.Practices {
			b = fmt.Appendf(b, "  %s %s [%s risk]: %s\n", e.Practice.ID, e.Practice.Title, strings.ToLower(string(e.Practice.Level)), e.Status)
			widths = [3]int{}
			for _, r := range e.Results {
				widths[0] = max(widths[0], 4+utf8.RuneCountInString(string(r.Status)))
				widths[1] = max(widths[1], utf8.RuneCountInString(r.Rule.ID))
				widths[2] = max(widths[2], locationWidth(r.Resource))
			}
			for _, r := range e.Results {
				start := len(b)
				b = append(b, "    "...)
				b = append(b, r.Status...)
				b = pad(b, widths[0]+2-(len(b)-start))
				b = append(b, r.Rule.ID...)
				b = pad(b, widths[1]+2-utf8.RuneCountInString(r.Rule.ID))
				b = appendLocation(b, r.Resource)
				b = pad(b, widths[2]+2-locationWidth(r.Resource))
				b = append(b, r.Resource.Name...)
				if r.Reason != "" {
					b = append(b, " ("...)
					b = append(b, r.Reason...)
					b = append(b, ')')
				}
				b = append(b, '\n')
				if err := flush(false); err != nil {
					return err
				}
			}
		}
		b = append(b, '\n')
	}
	if len(rep.Problems) > 0 {
		b = append(b, "Files not read:\n"...)
		for _, p := range rep.Problems {
			b = append(b, "  "...)
			b = append(b, p.Error()...)
			b = append(b, '\n')
		}
		b = append(b, '\n')
	}
	b = fmt.Appendf(b, "%d files, %d resources: %d pass, %d fail, %d unknown\n", sum.Files, sum.Resources, sum.Pass, sum.Fail, sum.Unknown)
	return flush(true)
}

// appendLocation appends FILE:LINE as Resource.Location gives it.
func appendLocation(b []byte, r *scan.Resource) []byte {
	b = append(b, r.File...)
	if r.Line > 0 {
		b = append(b, ':')
		b = strconv.AppendInt(b, int64(r.Line), 10)
	}
	return b
}

// locationWidth is the width of FILE:LINE in characters.
func locationWidth(r *scan.Resource) int {
	n := utf8.RuneCountInString(r.File)
	if r.Line > 0 {
		n += 1 + len(strconv.Itoa(r.Line))
	}
	return n
}

func pad(b []byte, n int) []byte {
	for range n {
		b = append(b, ' ')
	}
	return b
}

// tableSafe tells whether no text of the table holds a character that
// text/tabwriter reads as a cell or line break or an escape.
func tableSafe(rep *scan.Report) bool {
	safe := func(s string) bool {
		for i := 0; i < len(s); i++ {
			switch s[i] {
			case '\t', '\n', '\v', '\f', tabwriter.Escape:
				return false
			}
		}
		return true
	}
	for _, p := range rep.Pillars {
		if !safe(p.Name) {
			return false
		}
		for _, e := range p.Practices {
			if !safe(e.Practice.ID) || !safe(e.Practice.Title) || !safe(string(e.Practice.Level)) {
				return false
			}
		}
	}
	for _, r := range rep.Results {
		if !safe(r.Rule.ID) || !safe(r.Resource.File) || !safe(r.Resource.Name) || !safe(r.Reason) {
			return false
		}
	}
	for _, p := range rep.Problems {
		if !safe(p.Error()) {
			return false
		}
	}
	return true
}

// printReportTabwriter writes the table through text/tabwriter.
func printReportTabwriter(w io.Writer, rep *scan.Report, sum summary) error {
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
