package main

import (
	"bufio"
	"cmp"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/wat-dev/wat"
	"github.com/wat-dev/wat/lens"
)

// columns names a question's choices in the table of `wat lens risk`;
// a question has at most lens.MaxChoicesPerQuestion of them.
const columns = "abcdefghijklmnopqrstuvwxyz"

// lensRisk runs `wat lens risk`: the risk of every answer to each question,
// and the rules' likely mistakes.
func lensRisk(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("wat lens risk", flag.ContinueOnError)
	fs.SetOutput(stderr)
	only := fs.String("question", "", "explore only the question with this id")
	files, err := parseInterspersed(fs, args)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	} else if err != nil {
		return 2
	}
	if len(files) != 1 {
		fmt.Fprintf(stderr, "wat lens risk: give one lens file\n\n%s", lensUsage)
		return 2
	}
	file := files[0]
	data, err := os.ReadFile(file)
	if err != nil {
		fmt.Fprintf(stderr, "wat lens risk: %v\n", err)
		return 1
	}
	l, doc, ps := lens.Validate(data)
	if len(ps) > 0 {
		for _, p := range ps {
			fmt.Fprintln(stdout, asLintProblem(file, p).text())
		}
		return 1
	}
	questions := l.Questions()
	if *only != "" {
		q, ok := l.Question(*only)
		if !ok {
			fmt.Fprintf(stderr, "wat lens risk: %s has no question %q\n", file, *only)
			return 2
		}
		questions = []*lens.Question{q}
	}
	w := bufio.NewWriter(stdout)
	warnings := 0
	for i, q := range questions {
		if i > 0 {
			fmt.Fprintln(w)
		}
		x := lens.Explore(q)
		doc.Locate(x.Warnings)
		slices.SortStableFunc(x.Warnings, func(a, b lens.Problem) int {
			return cmp.Or(cmp.Compare(a.Line, b.Line), cmp.Compare(a.Col, b.Col))
		})
		writeExploration(w, x)
		for _, p := range x.Warnings {
			fmt.Fprintln(w, asWarning(file, p))
		}
		warnings += len(x.Warnings)
	}
	if len(questions) > 1 {
		fmt.Fprintf(w, "\n%d questions, %d %s\n", len(questions), warnings, plural(warnings, "warning"))
	}
	if err := w.Flush(); err != nil {
		fmt.Fprintf(stderr, "wat lens risk: %v\n", err)
		return 1
	}
	return 0
}

// asWarning formats a warning as lint formats a problem, marked as one.
func asWarning(file string, p lens.Problem) string {
	lp := asLintProblem(file, p)
	lp.Message = "warning: " + lp.Message
	return lp.text()
}

// writeExploration prints one question: its choices, its rules, a table of
// answers (x: the choice is selected or not applicable) with the risk each
// gets and the rule deciding it, and how many answers get each risk.
func writeExploration(w io.Writer, x *lens.Exploration) {
	q := x.Question
	fmt.Fprintf(w, "question %q (pillar %q): %s\n", q.ID, q.PillarID, q.Title)
	width := 0
	for _, c := range q.Choices {
		width = max(width, len(c.ID))
	}
	fmt.Fprintln(w, "  choices (x: selected or not applicable)")
	for i, c := range q.Choices {
		fmt.Fprintf(w, "    %c  %-*s  %s\n", columns[i], width, c.ID, c.Title)
	}
	fmt.Fprintln(w, "  rules, the first that holds decides")
	for i, r := range q.Rules() {
		fmt.Fprintf(w, "    %d  %-6s  %s\n", i+1, r.Risk, r.Condition)
	}
	if x.Sampled {
		fmt.Fprintf(w, "  %d of the %d answers, a sample\n", len(x.Outcomes), x.Total)
	}
	fmt.Fprintf(w, "  %s  risk    rule\n", columns[:len(q.Choices)])
	row := make([]byte, len(q.Choices))
	for _, o := range x.Outcomes {
		for i := range row {
			row[i] = '.'
			if o.Mask&(1<<i) != 0 {
				row[i] = 'x'
			}
		}
		fmt.Fprintf(w, "  %s  %-6s  %d\n", row, o.Risk, o.Rule+1)
	}
	var counts []string
	for _, r := range []wat.Risk{wat.RiskNone, wat.RiskMedium, wat.RiskHigh} {
		if n := x.Counts[r]; n > 0 {
			counts = append(counts, fmt.Sprintf("%s %d", r, n))
		}
	}
	fmt.Fprintf(w, "  %d %s: %s\n", x.Total, plural(x.Total, "answer"), strings.Join(counts, ", "))
}

func plural(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}
