package output

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
	"unicode/utf8"

	"github.com/wat-dev/wat/scan"
)

// Table writes `wat scan`'s default format: text in aligned columns, for
// people.
type Table struct{}

// WriteReport writes the table: per pillar its score, per practice its
// status and the rule results, aligned in columns within each practice as
// text/tabwriter aligns them. Names holding characters tabwriter reads as
// cell or line breaks (tab, newline, vertical tab, form feed, 0xff) go
// through tabwriter itself, so that the output is always its output.
func (Table) WriteReport(w io.Writer, _ []*scan.Rule, rep *scan.Report, sum Summary) error {
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

// pad appends n spaces.
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
func printReportTabwriter(w io.Writer, rep *scan.Report, sum Summary) error {
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

// WriteRules writes a row per rule: its id, severity, resource kinds and
// the ids of its best practices.
func (Table) WriteRules(w io.Writer, rules []*scan.Rule) error {
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
