// Package framework is wat's built-in lens: the AWS Well-Architected
// Framework, with its 6 pillars, 57 questions and 307 best practices, as an
// ordinary lens document (wellarchitected.json) generated from the
// framework's facts (wa-framework.csv) and embedded in the binary.
//
// Its risk rules are wat's derivation from each practice's risk level, not
// rules published by AWS; README.md explains them.
package framework

//go:generate go run ./internal/gen

import (
	_ "embed"
	"fmt"
	"sync"

	"github.com/wat-dev/wat/lens"
	"github.com/wat-dev/wat/lens/framework/internal/wadata"
)

// Identity of the built-in lens.
const (
	Alias   = "wellarchitected"
	ARN     = "arn:aws:wellarchitected::aws:lens/wellarchitected"
	Version = "2026-05" // the date of the framework data snapshot
	Name    = wadata.Name
)

var (
	//go:embed wellarchitected.json
	document []byte

	//go:embed wa-framework.csv
	facts []byte

	//go:embed wa-none-of-these.csv
	noneFacts []byte
)

// Document returns the built-in lens document (JSON). The slice is shared;
// do not modify it.
func Document() []byte { return document }

// compiled is the lens with the former ids of its "None of these" choices
// as aliases, so that every lookup of a choice in the service accepts them.
var compiled = sync.OnceValue(func() *lens.Lens {
	doc, err := lens.ParseOfficialDocument(document)
	if err == nil {
		var l *lens.Lens
		if l, err = lens.CompileOfficial(doc, wadata.Aliases(nones())...); err == nil {
			return l
		}
	}
	panic(fmt.Sprintf("framework: the embedded lens document is broken: %v", err))
})

// Lens returns the compiled built-in lens. It is compiled on first use and
// shared afterwards. It panics only if the embedded document is invalid,
// which the package's tests rule out.
func Lens() *lens.Lens { return compiled() }

// PillarOrder returns the ids of the framework's pillars in framework order.
func PillarOrder() []string {
	pillars := Lens().Pillars
	ids := make([]string, len(pillars))
	for i, p := range pillars {
		ids[i] = p.ID
	}
	return ids
}

// Level is the risk a best practice exposes a workload to if it is not
// established.
type Level string

// The levels.
const (
	High   Level = wadata.High
	Medium Level = wadata.Medium
	Low    Level = wadata.Low
)

// BestPractice holds the framework's facts about one best practice, the
// practice behind one choice of the built-in lens.
type BestPractice struct {
	ID          string // e.g. "OPS01-BP01"
	Title       string
	Level       Level
	ChoiceID    string // e.g. "ops_priorities_ext_cust_needs"
	QuestionID  string // e.g. "priorities"
	QuestionRef string // e.g. "OPS 1"
	PillarID    string // e.g. "operationalExcellence"
	URL         string // the practice's public documentation page
}

// rows are the embedded framework facts.
var rows = sync.OnceValue(func() []wadata.Row {
	rows, err := wadata.Parse(facts)
	if err != nil {
		panic(fmt.Sprintf("framework: the embedded framework data is broken: %v", err))
	}
	return rows
})

var practices = sync.OnceValue(func() map[string]BestPractice {
	rows := rows()
	m := make(map[string]BestPractice, len(rows))
	for _, r := range rows {
		m[r.ChoiceID] = BestPractice{
			ID: r.BPID, Title: r.BPTitle, Level: Level(r.Level), ChoiceID: r.ChoiceID,
			QuestionID: r.QuestionID, QuestionRef: r.QuestionRef, PillarID: r.PillarID, URL: r.URL,
		}
	}
	return m
})

// Practice returns the best practice behind a choice of the built-in lens.
// A "None of these" choice, or an id that is no choice of the lens, has none.
func Practice(choiceID string) (BestPractice, bool) {
	p, ok := practices()[choiceID]
	return p, ok
}
