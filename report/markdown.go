package report

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/wat-dev/wat"
)

// Markdown renders the lens review report as CommonMark (with a GitHub
// table): the same sections as the PDF. Every user text is escaped, so
// that nothing in it becomes markup, a link or raw HTML.
func (r *LensReview) Markdown() []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s — %s\n\n", mdLine(r.Workload.Name), mdLine(r.Lens.Name))
	fmt.Fprintf(&b, "Lens review report of %s, version %s.  \n", mdLine(r.Lens.Name), mdLine(r.Lens.Version))
	if m := r.Milestone; m != nil {
		fmt.Fprintf(&b, "**Milestone %d: %s** (recorded %s).  \n", m.Number, mdLine(m.Name), m.RecordedAt.Format(dateFormat))
	}
	fmt.Fprintf(&b, "Generated %s.\n\n", r.GeneratedAt.Format(dateFormat))
	b.WriteString("| Property | Value |\n| --- | --- |\n")
	for _, f := range append(r.Workload.fields(), field{"Lens review updated", date(r.UpdatedAt)}) {
		if f.Value != "" {
			fmt.Fprintf(&b, "| %s | %s |\n", f.Label, mdLine(f.Value))
		}
	}

	answered, total := r.answeredCount()
	fmt.Fprintf(&b, "\n## Risk summary\n\nQuestions answered: %d of %d.\n\n", answered, total)
	b.WriteString("| Pillar | High | Medium | No improvements | Not applicable | Unanswered |\n| --- | ---: | ---: | ---: | ---: | ---: |\n")
	row := func(name string, c wat.RiskCounts) {
		fmt.Fprintf(&b, "| %s | %d | %d | %d | %d | %d |\n", name,
			c[wat.RiskHigh], c[wat.RiskMedium], c[wat.RiskNone], c[wat.RiskNotApplicable], c[wat.RiskUnanswered])
	}
	for _, p := range r.Pillars {
		row(mdLine(p.Name), p.RiskCounts)
	}
	row("**Total**", r.RiskCounts)

	for _, p := range r.Pillars {
		fmt.Fprintf(&b, "\n## %s\n", mdLine(p.Name))
		if strings.TrimSpace(p.Notes) != "" {
			fmt.Fprintf(&b, "\n**Pillar notes:**\n\n%s\n", mdBlock(p.Notes, "> "))
		}
		for i, q := range p.Questions {
			fmt.Fprintf(&b, "\n### %d. %s\n\n**%s**\n", i+1, mdLine(q.Title), riskLabels[q.Risk])
			if q.Prioritized {
				b.WriteString("\n*Prioritized by the workload's profile*\n")
			}
			mdAnswer(&b, q)
		}
	}

	b.WriteString("\n## Improvement plan\n")
	if len(r.Improvements) == 0 {
		b.WriteString("\nNo question is at high or medium risk: there is nothing to improve.\n")
	}
	for i, im := range r.Improvements {
		n := strconv.Itoa(i+1) + ". "
		// What belongs to an item is indented to its text's column, which
		// grows with the number ("10. "): less, and it would leave the list.
		in := strings.Repeat(" ", len(n))
		fmt.Fprintf(&b, "\n%s**%s** (%s · %s)\n", n, mdLine(im.QuestionTitle), riskLabels[im.Risk], mdLine(im.PillarName))
		if strings.TrimSpace(im.QuestionDescription) != "" {
			fmt.Fprintf(&b, "\n%s\n", mdBlock(im.QuestionDescription, in))
		}
		for _, p := range im.Practices {
			mdPractice(&b, p, in)
		}
	}

	b.WriteString("\n## Lens notes\n\n")
	if strings.TrimSpace(r.Notes) == "" {
		b.WriteString("*This lens review has no notes.*\n")
	} else {
		b.WriteString(mdBlock(r.Notes, "> ") + "\n")
	}
	return []byte(b.String())
}

// mdAnswer writes what was answered to a question.
func mdAnswer(b *strings.Builder, q Question) {
	switch {
	case !q.Applicable:
		fmt.Fprintf(b, "\n*Question not applicable. Reason: %s.*\n", reason(q.Reason))
	case !q.Answered():
		b.WriteString("\n*Not answered.*\n")
	case q.NoneOfThese:
		b.WriteString("\n**None of these.**\n")
	}
	if len(q.Selected) > 0 {
		b.WriteString("\nSelected practices:\n\n")
		for _, c := range q.Selected {
			fmt.Fprintf(b, "- %s\n", mdLine(c.Title))
			if strings.TrimSpace(c.Notes) != "" {
				fmt.Fprintf(b, "\n%s\n", mdBlock(c.Notes, "  > "))
			}
		}
	}
	if len(q.NotApplicable) > 0 {
		b.WriteString("\nPractices not applicable:\n\n")
		for _, c := range q.NotApplicable {
			fmt.Fprintf(b, "- %s (reason: %s)\n", mdLine(c.Title), reason(c.Reason))
			if strings.TrimSpace(c.Notes) != "" {
				fmt.Fprintf(b, "\n%s\n", mdBlock(c.Notes, "  > "))
			}
		}
	}
	if strings.TrimSpace(q.Notes) != "" {
		fmt.Fprintf(b, "\nNotes:\n\n%s\n", mdBlock(q.Notes, "> "))
	}
}

// mdPractice writes a practice of the improvement plan as an item of a
// list indented by in: its title, and under it its description, its steps
// (a nested numbered list when the lens numbered them, its lines as
// written otherwise) and a link to learn more.
func mdPractice(b *strings.Builder, p Practice, in string) {
	fmt.Fprintf(b, "\n%s- **%s**\n", in, mdLine(p.Title))
	in += "  "
	if strings.TrimSpace(p.Description) != "" {
		fmt.Fprintf(b, "\n%s\n", mdBlock(p.Description, in))
	}
	switch {
	case p.Numbered:
		b.WriteString("\n")
		for i, l := range p.stepLabels() {
			fmt.Fprintf(b, "%s%s %s\n", in, l, mdLine(p.Steps[i]))
		}
	case len(p.Steps) > 0:
		fmt.Fprintf(b, "\n%s\n", mdBlock(strings.Join(p.Steps, "\n"), in))
	}
	if u := mdURL(p.URL); u != "" {
		fmt.Fprintf(b, "\n%s[Learn more](<%s>)\n", in, u)
	}
}

// mdURL is url when a Markdown link can hold it: a web address without
// the characters that would end the link early; "" otherwise.
func mdURL(url string) string {
	u := webURL(url)
	if strings.ContainsAny(u, "<> \t\n") {
		return ""
	}
	return u
}

// mdLine is user text on one line, escaped.
func mdLine(s string) string {
	return mdEscape(strings.Join(strings.Fields(plain(s)), " "))
}

// mdBlock is multi-line user text, each line escaped and prefixed (a
// blockquote, for instance), kept in one block.
func mdBlock(s, prefix string) string {
	lines := strings.Split(strings.TrimSpace(plain(s)), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(prefix+mdEscape(strings.TrimSpace(l)), " ")
		if i < len(lines)-1 && strings.TrimSpace(l) != "" && strings.TrimSpace(lines[i+1]) != "" {
			lines[i] += "\\" // a hard line break
		}
	}
	return strings.Join(lines, "\n")
}

// mdSpecial are the characters that can start markup anywhere in a line:
// emphasis, code, links, raw HTML and entities, tables, strikethrough.
const mdSpecial = "\\`*_[]<>&|~"

// mdEscape backslash-escapes what could become markup in one line of text:
// the characters of mdSpecial, and a leading character that would make a
// heading, list, quote, rule or setext underline.
func mdEscape(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i, r := range s {
		lead := i == 0 && strings.ContainsRune("#+-=>", r)
		if lead || strings.ContainsRune(mdSpecial, r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	out := b.String()
	// "1." and "1)" start an ordered list.
	if d := strings.IndexFunc(out, func(r rune) bool { return r < '0' || r > '9' }); d > 0 && (out[d] == '.' || out[d] == ')') {
		out = out[:d] + "\\" + out[d:]
	}
	return out
}
