package report

import (
	"strconv"
	"strings"
)

// The improvement plan shows, for each practice to put in place, the lens's
// guidance: the practice's description and its improvement plan's text,
// one step a line. Lenses write that text two ways. The built-in lens
// numbers its first steps ("1. …\n2. …"); public custom lenses break prose
// or a list of their own bullets across lines, or write one sentence. The
// report numbers steps only where the lens did, so that a paragraph broken
// in two never reads as two steps.

// planSteps splits the text of a practice's improvement plan into the lines
// the report shows: trimmed, blank ones left out. When every line starts
// with a number ("1. ", "2) "), the numbers are taken off and numbered is
// true: each format numbers the steps its own way (an <ol>, a Markdown
// list, a hanging indent), which keeps them aligned however long they are.
// Otherwise the lines are kept as written.
func planSteps(text string) (steps []string, numbered bool) {
	for _, l := range strings.FieldsFunc(text, lineBreak) {
		if l = strings.TrimSpace(l); l != "" {
			steps = append(steps, l)
		}
	}
	if len(steps) == 0 {
		return nil, false
	}
	for _, l := range steps {
		if stepNumber(l) == 0 {
			return steps, false
		}
	}
	for i, l := range steps {
		steps[i] = strings.TrimSpace(l[stepNumber(l):])
	}
	return steps, true
}

// lineBreak tells whether r ends a line of a lens's text.
func lineBreak(r rune) bool {
	return r == '\n' || r == '\r' || r == '\u2028' || r == '\u2029'
}

// stepNumber is the length of the number, with its "." or ")" and the
// space after it, that line l starts with; 0 when l starts with none. A
// year or a version ("2024 targets", "3.5 GHz") is no step number.
func stepNumber(l string) int {
	i := 0
	for i < len(l) && i < 3 && l[i] >= '0' && l[i] <= '9' {
		i++
	}
	if i == 0 || i+1 >= len(l) || (l[i] != '.' && l[i] != ')') || (l[i+1] != ' ' && l[i+1] != '\t') {
		return 0
	}
	return i + 2
}

// stepLabels are the markers of p's steps as the text formats show them:
// "1.", "2.", … when the lens numbered them, none otherwise (the lines
// are shown as written).
func (p *Practice) stepLabels() []string {
	out := make([]string, len(p.Steps))
	if p.Numbered {
		for i := range out {
			out[i] = strconv.Itoa(i+1) + "."
		}
	}
	return out
}

// stepsText is p's steps as one text, one a line, numbered as the lens
// numbered them: what a spreadsheet cell holds.
func (p *Practice) stepsText() string {
	labels := p.stepLabels()
	lines := make([]string, len(p.Steps))
	for i, s := range p.Steps {
		lines[i] = strings.TrimSpace(labels[i] + " " + s)
	}
	return strings.Join(lines, "\n")
}
