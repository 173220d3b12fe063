package main

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"slices"
	"sync"

	"github.com/wat-dev/wat/lens"
)

const lensUsage = `wat lens: check custom lens documents offline, by the rules ImportLens applies

Usage:
  wat lens lint [--json] FILE...
  wat lens risk [--question ID] FILE
  wat lens catalog list|show|install ...  (wat lens catalog --help)

lint validates each lens document and prints every problem as
  FILE:LINE:COL: PATH: MESSAGE (IDS)
where PATH is the JSON path of the value and IDS the pillar, question and
choice it lies in; columns count characters. What ImportLens accepts but
an author may want to change (a text longer than the API response that
returns it, a URL wat stores percent-encoded) is printed the same way,
as FILE:LINE:COL: PATH: warning: MESSAGE (IDS). --json prints one JSON
array of problems instead, each with its severity. The exit status is 1
if there is any error; warnings alone do not fail.

risk shows, for each question (or only question ID), the risk of every
combination of its choices, a sample of 4096 when there are more, and
warns about rules that never apply, questions that keep a risk when every
best practice is established, and "None of these" choices that do not give
HIGH risk. The exit status is 1 if the lens is invalid.
`

// lensCmd runs `wat lens`: tools for lens authors that need no server.
func lensCmd(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, lensUsage)
		return 2
	}
	switch args[0] {
	case "lint":
		return lensLint(args[1:], stdout, stderr)
	case "risk":
		return lensRisk(args[1:], stdout, stderr)
	case "catalog":
		// install works through the server's API, or on its database as
		// wat admin does.
		return lensCatalogCmd(ctx, args[1:], getenv, stdout, stderr)
	case "-h", "--help", "help":
		fmt.Fprint(stdout, lensUsage)
		return 0
	}
	fmt.Fprintf(stderr, "wat lens: unknown command %q\n\n%s", args[0], lensUsage)
	return 2
}

// parseInterspersed parses flags that may come before, between or after
// the file names, and returns the file names; after "--" every argument is
// a file name.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var files, rest []string
	if i := slices.Index(args, "--"); i >= 0 {
		args, rest = args[:i], args[i+1:]
	}
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		if fs.NArg() == 0 {
			return append(files, rest...), nil
		}
		files = append(files, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

// Severities of lint problems: an error makes ImportLens refuse the lens,
// a warning does not.
const (
	severityError   = "error"
	severityWarning = "warning"
)

// lintProblem is one problem as `wat lens lint --json` prints it.
type lintProblem struct {
	File       string `json:"file"`
	Severity   string `json:"severity"`
	Line       int    `json:"line,omitempty"`
	Column     int    `json:"column,omitempty"`
	Path       string `json:"path,omitempty"`
	PillarID   string `json:"pillarId,omitempty"`
	QuestionID string `json:"questionId,omitempty"`
	ChoiceID   string `json:"choiceId,omitempty"`
	Message    string `json:"message"`
}

func lensLint(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("wat lens lint", flag.ContinueOnError)
	fs.SetOutput(stderr)
	asJSON := fs.Bool("json", false, "print the problems as one JSON array")
	files, err := parseInterspersed(fs, args)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	} else if err != nil {
		return 2
	}
	if len(files) == 0 {
		fmt.Fprintf(stderr, "wat lens lint: no lens files given\n\n%s", lensUsage)
		return 2
	}
	all, failed := []lintProblem{}, false
	for _, ps := range lintFiles(files) {
		for _, p := range ps {
			failed = failed || p.Severity == severityError
		}
		all = append(all, ps...)
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(all); err != nil {
			fmt.Fprintf(stderr, "wat lens lint: %v\n", err)
			return 1
		}
	} else {
		for _, p := range all {
			fmt.Fprintln(stdout, p.text())
		}
	}
	if failed {
		return 1
	}
	return 0
}

// lintFiles validates the files on every core, returning their problems in
// the order of the files.
func lintFiles(files []string) [][]lintProblem {
	out := make([][]lintProblem, len(files))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(files)) {
		wg.Go(func() {
			for i := range next {
				out[i] = lintFile(files[i])
			}
		})
	}
	for i := range files {
		next <- i
	}
	close(next)
	wg.Wait()
	return out
}

// lintFile validates one file; a file that cannot be read is one problem.
// Errors and warnings come in the order of the document, an error first
// where both are about one place.
func lintFile(file string) []lintProblem {
	data, err := os.ReadFile(file)
	if err != nil {
		return []lintProblem{{File: file, Severity: severityError, Message: "cannot read the file: " + err.Error()}}
	}
	_, doc, ps := lens.Validate(data)
	out := make([]lintProblem, 0, len(ps))
	for _, p := range ps {
		out = append(out, asLintProblem(file, p))
	}
	for _, p := range lens.Warnings(doc) {
		w := asLintProblem(file, p)
		w.Severity = severityWarning
		out = append(out, w)
	}
	slices.SortStableFunc(out, func(a, b lintProblem) int {
		return cmp.Or(cmp.Compare(a.Line, b.Line), cmp.Compare(a.Column, b.Column))
	})
	return out
}

// asLintProblem is p, an error, as lint prints it.
func asLintProblem(file string, p lens.Problem) lintProblem {
	return lintProblem{File: file, Severity: severityError, Line: p.Line, Column: p.Col, Path: p.Path,
		PillarID: p.PillarID, QuestionID: p.QuestionID, ChoiceID: p.ChoiceID, Message: p.Message}
}

// text formats a problem as FILE:LINE:COL: PATH: MESSAGE (IDS), the form
// editors and CI annotate files from.
func (p lintProblem) text() string {
	s := p.File
	if p.Line > 0 {
		s += fmt.Sprintf(":%d:%d", p.Line, p.Column)
	}
	s += ": "
	if p.Path != "" {
		s += p.Path + ": "
	}
	if p.Severity == severityWarning {
		s += "warning: " // where `wat lens risk` marks its warnings
	}
	s += p.Message
	if ctx := (lens.Problem{PillarID: p.PillarID, QuestionID: p.QuestionID, ChoiceID: p.ChoiceID}).Context(); ctx != "" {
		s += " (" + ctx + ")"
	}
	return s
}
