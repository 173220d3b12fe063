package output

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/wat-dev/wat/scan"
)

// Markdown writes `wat scan --format markdown`, meant for pull-request
// comments and job summaries.
type Markdown struct{}

// WriteReport writes the counts, then per pillar its score and the best
// practices with evidence, each with its rule results and FILE:LINE; then
// the files that were not read.
func (Markdown) WriteReport(w io.Writer, _ []*scan.Rule, rep *scan.Report, sum Summary) error {
	count(rep, &sum)
	b := bufio.NewWriterSize(w, 64<<10)
	b.WriteString("# Well-Architected evidence from wat scan\n\n")
	fmt.Fprintf(b, "%d files, %d resources: %d pass, %d fail, %d unknown.\n", sum.Files, sum.Resources, sum.Pass, sum.Fail, sum.Unknown)
	for _, p := range rep.Pillars {
		fmt.Fprintf(b, "\n## %s: %d/%d practices with evidence pass\n", p.Name, p.Passing, p.WithEvidence)
		for _, e := range p.Practices {
			bp := e.Practice
			fmt.Fprintf(b, "\n### %s %s: %s\n\n", bp.ID, mdEscape(bp.Title), e.Status)
			fmt.Fprintf(b, "%s risk. Choice `%s` of question `%s`. [Documentation](%s)\n\n",
				titleCase(strings.ToLower(string(bp.Level))), bp.ChoiceID, bp.QuestionID, bp.URL)
			b.WriteString("| Status | Rule | Resource | Location |\n|---|---|---|---|\n")
			for _, r := range e.Results {
				res := mdCell(r.Resource.Name)
				if r.Reason != "" {
					res += " (" + mdCell(r.Reason) + ")"
				}
				fmt.Fprintf(b, "| %s | %s | %s | %s |\n", r.Status, mdCode(r.Rule.ID), res, mdCode(r.Resource.Location()))
			}
		}
	}
	if len(rep.Problems) > 0 {
		b.WriteString("\n## Files not read\n\n")
		for _, p := range rep.Problems {
			loc := p.File
			if p.Line > 0 {
				loc = fmt.Sprintf("%s:%d", p.File, p.Line)
			}
			fmt.Fprintf(b, "- %s: %s\n", mdCode(loc), mdEscape(p.Message))
		}
	}
	return b.Flush()
}

// WriteRules writes a table of the rules, their severity, resource kinds
// and best practices, linked to their documentation.
func (Markdown) WriteRules(w io.Writer, rules []*scan.Rule) error {
	var b strings.Builder
	b.WriteString("| Rule | Severity | Kinds | Best practices |\n|---|---|---|---|\n")
	for _, r := range rules {
		var bps []string
		for _, bp := range r.Practices {
			bps = append(bps, fmt.Sprintf("[%s](%s) %s", bp.ID, bp.URL, mdCell(bp.Title)))
		}
		fmt.Fprintf(&b, "| %s: %s | %s | %s | %s |\n", mdCode(r.ID), mdCell(r.Title), r.Severity, mdCode(strings.Join(r.Kinds, ", ")), strings.Join(bps, "<br>"))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// mdEscape escapes the characters Markdown would read as formatting.
func mdEscape(s string) string {
	return mdEscaper.Replace(s)
}

var mdEscaper = strings.NewReplacer(`\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`, "<", "&lt;", ">", "&gt;", "|", `\|`, "#", `\#`)

// mdCell is text for a table cell: escaped, on one line.
func mdCell(s string) string {
	return strings.NewReplacer("\r", " ", "\n", " ").Replace(mdEscape(s))
}

// mdCode is s as inline code in a table cell. Backticks and pipes cannot
// be escaped inside code, so a value holding either is escaped text.
func mdCode(s string) string {
	if strings.ContainsAny(s, "`|\r\n") {
		return mdCell(s)
	}
	return "`" + s + "`"
}

// titleCase is s with its first byte upper-cased (s is ASCII: a risk level).
func titleCase(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
