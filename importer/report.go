package importer

import (
	"fmt"
	"io"
	"strings"
	"sync"
)

// Outcome is what an import did with one resource.
type Outcome string

// The outcomes, in the order the summary counts them.
const (
	Created   Outcome = "created"
	Updated   Outcome = "updated"
	Unchanged Outcome = "unchanged"
	Skipped   Outcome = "skipped"
	Failed    Outcome = "failed"
)

var outcomes = []Outcome{Created, Updated, Unchanged, Skipped, Failed}

// Kind names a kind of resource the import copies.
type Kind string

// The kinds, in the order they are copied.
const (
	KindLens      Kind = "lens"
	KindProfile   Kind = "profile"
	KindTemplate  Kind = "review template"
	KindWorkload  Kind = "workload"
	KindAnswers   Kind = "lens review"
	KindMilestone Kind = "milestone"
)

// plural is the kind's name for several.
func (k Kind) plural() string {
	if k == KindLens {
		return "lenses"
	}
	return string(k) + "s"
}

var kinds = []Kind{KindLens, KindProfile, KindTemplate, KindWorkload, KindAnswers, KindMilestone}

// Entry is one resource's outcome; Detail says why for Skipped and Failed,
// and what for Updated.
type Entry struct {
	Kind    Kind
	Name    string
	Outcome Outcome
	Detail  string
}

// Summary is everything an import did.
type Summary struct {
	Entries []Entry
}

// Failed reports whether anything could not be copied.
func (s *Summary) Failed() bool {
	for _, e := range s.Entries {
		if e.Outcome == Failed {
			return true
		}
	}
	return false
}

// Count is how many entries of kind had outcome o.
func (s *Summary) Count(k Kind, o Outcome) int {
	n := 0
	for _, e := range s.Entries {
		if e.Kind == k && e.Outcome == o {
			n++
		}
	}
	return n
}

// Write prints the summary: a line per kind with its counts, then every
// resource skipped or not copied, with the reason.
func (s *Summary) Write(w io.Writer) {
	fmt.Fprintln(w, "Summary:")
	for _, k := range kinds {
		var parts []string
		total := 0
		for _, o := range outcomes {
			if n := s.Count(k, o); n > 0 {
				parts = append(parts, fmt.Sprintf("%d %s", n, o))
				total += n
			}
		}
		if total > 0 {
			fmt.Fprintf(w, "  %-17s %s\n", k.plural()+":", strings.Join(parts, ", "))
		}
	}
	for _, o := range []Outcome{Skipped, Failed} {
		for _, e := range s.Entries {
			if e.Outcome == o {
				fmt.Fprintf(w, "  %s %s %q: %s\n", strings.ToUpper(string(o)), e.Kind, e.Name, e.Detail)
			}
		}
	}
}

// Progress shows the import as it goes: a line per resource, or on a
// terminal one line redrawn with a bar of the workloads done.
type Progress struct {
	mu       sync.Mutex
	w        io.Writer
	terminal bool
	done     int
	total    int
	current  string
}

// NewProgress writes progress to w, as a redrawn bar when terminal.
func NewProgress(w io.Writer, terminal bool) *Progress {
	return &Progress{w: w, terminal: terminal}
}

// record shows one entry.
func (p *Progress) record(e Entry) {
	if p == nil || p.w == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if !p.terminal {
		line := fmt.Sprintf("%-9s %s %q", e.Outcome, e.Kind, e.Name)
		if e.Detail != "" {
			line += ": " + e.Detail
		}
		fmt.Fprintln(p.w, line)
		return
	}
	if e.Outcome == Failed {
		fmt.Fprintf(p.w, "\r\033[K%s %s %q: %s\n", e.Outcome, e.Kind, e.Name, e.Detail)
	}
	p.draw()
}

// step sets how many of total resources are done and which is in hand.
func (p *Progress) step(done, total int, current string) {
	if p == nil || p.w == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.done, p.total, p.current = done, total, current
	if p.terminal {
		p.draw()
	}
}

// finish ends the redrawn line.
func (p *Progress) finish() {
	if p != nil && p.w != nil && p.terminal {
		fmt.Fprintln(p.w)
	}
}

func (p *Progress) draw() {
	const width = 30
	filled := 0
	if p.total > 0 {
		filled = width * p.done / p.total
	}
	name := p.current
	if r := []rune(name); len(r) > 40 {
		name = string(r[:39]) + "…"
	}
	fmt.Fprintf(p.w, "\r\033[K[%s%s] %d/%d %s", strings.Repeat("#", filled), strings.Repeat(" ", width-filled), p.done, p.total, name)
}
