// Package wadata turns the framework's facts (wa-framework.csv: pillars,
// questions, best practices and their risk levels; wa-none-of-these.csv:
// the ids of the "None of these" choices) into wat's built-in lens
// document. The generator (internal/gen) writes its output to
// wellarchitected.json; package framework reads the same CSVs for practice
// lookups and the former choice ids, and its tests regenerate the document
// to prove the file fresh.
package wadata

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/wat-dev/wat/lens"
	"github.com/wat-dev/wat/lens/framework/guidance"
)

// The built-in lens's name and description (package framework exports them).
const (
	Name        = "AWS Well-Architected Framework"
	Description = "The questions and best practices of the AWS Well-Architected Framework " +
		"(snapshot 2026-05), built into wat. Risk rules are wat's own derivation " +
		"from the risk level of each best practice."
)

// Risk levels of a best practice: the risk exposed if it is not established.
const (
	High   = "HIGH"
	Medium = "MEDIUM"
	Low    = "LOW"
)

// header is the CSV's expected first row.
var header = []string{"pillar_id", "pillar_name", "question_ref", "question_id", "question_title",
	"bp_id", "bp_title", "bp_risk", "choice_id", "url"}

// Row is one best practice, one row of the CSV.
type Row struct {
	PillarID, PillarName                   string
	QuestionRef, QuestionID, QuestionTitle string
	BPID, BPTitle, Level, ChoiceID, URL    string
}

// Parse reads the CSV. It checks the header, that every field is present,
// the levels, that choice ids are unique, and that each pillar's and each
// question's rows are contiguous (the order of the rows is the lens order).
func Parse(data []byte) ([]Row, error) {
	recs, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		return nil, err
	}
	if len(recs) == 0 || strings.Join(recs[0], ",") != strings.Join(header, ",") {
		return nil, fmt.Errorf("the header must be %s", strings.Join(header, ","))
	}
	var rows []Row
	choices := map[string]bool{}
	donePillars, doneQuestions := map[string]bool{}, map[string]bool{}
	for i, rec := range recs[1:] {
		line := i + 2
		for j, f := range rec {
			if strings.TrimSpace(f) == "" {
				return nil, fmt.Errorf("line %d: %s is empty", line, header[j])
			}
		}
		r := Row{rec[0], rec[1], rec[2], rec[3], rec[4], rec[5], rec[6], rec[7], rec[8], rec[9]}
		switch r.Level {
		case High, Medium, Low:
		default:
			return nil, fmt.Errorf("line %d: bp_risk %q is not HIGH, MEDIUM or LOW", line, r.Level)
		}
		if choices[r.ChoiceID] {
			return nil, fmt.Errorf("line %d: choice_id %q repeats", line, r.ChoiceID)
		}
		choices[r.ChoiceID] = true
		if len(rows) > 0 {
			prev := rows[len(rows)-1]
			if prev.PillarID != r.PillarID {
				donePillars[prev.PillarID] = true
			}
			if prev.QuestionID != r.QuestionID {
				doneQuestions[prev.QuestionID] = true
			}
		}
		if donePillars[r.PillarID] || doneQuestions[r.QuestionID] {
			return nil, fmt.Errorf("line %d: the rows of pillar %q or question %q are not contiguous", line, r.PillarID, r.QuestionID)
		}
		rows = append(rows, r)
	}
	return rows, nil
}

// Document builds the lens document: pillars, questions and practices in
// CSV order, a "None of these" choice per question with the id nones gives
// it (see ParseNone), and risk rules derived from the practices' levels
// (see RiskRules). The texts of questions and practices are wat's guidance
// (see question and choice).
func Document(rows []Row, nones map[string]None, g *guidance.Set) *lens.Document {
	doc := &lens.Document{SchemaVersion: lens.SchemaVersion, Name: Name, Description: Description}
	var p *lens.PillarDoc
	var q *lens.QuestionDoc
	var levels []string
	finish := func() {
		if q != nil {
			q.Choices = append(q.Choices, lens.ChoiceDoc{
				ID:          nones[q.ID].ChoiceID,
				Title:       "None of these",
				Description: "None of the best practices above is established for this workload.",
			})
			q.RiskRules = RiskRules(q.Choices, levels)
		}
	}
	for _, r := range rows {
		if p == nil || p.ID != r.PillarID {
			doc.Pillars = append(doc.Pillars, lens.PillarDoc{ID: r.PillarID, Name: r.PillarName})
			p = &doc.Pillars[len(doc.Pillars)-1]
		}
		if q == nil || q.ID != r.QuestionID {
			finish()
			p.Questions = append(p.Questions, question(r, g))
			q = &p.Questions[len(p.Questions)-1]
			levels = nil
		}
		q.Choices = append(q.Choices, choice(r, g))
		levels = append(levels, r.Level)
	}
	finish()
	return doc
}

// RiskRules derives a question's risk rules from its practices' levels
// (levels[i] is the level of choices[i]; later choices, such as "None of
// these", have none): the question is HIGH risk while any HIGH-level practice
// is not satisfied, else MEDIUM while any MEDIUM-level one is not, else NONE.
// LOW-level practices never raise the risk.
func RiskRules(choices []lens.ChoiceDoc, levels []string) []lens.RiskRuleDoc {
	var high, medium []string
	for i, lv := range levels {
		switch lv {
		case High:
			high = append(high, choices[i].ID)
		case Medium:
			medium = append(medium, choices[i].ID)
		}
	}
	all := func(ids []string) string { return strings.Join(ids, " && ") }
	var rules []lens.RiskRuleDoc
	switch {
	case len(high) > 0 && len(medium) > 0:
		rules = []lens.RiskRuleDoc{
			{Condition: all(append(append([]string{}, high...), medium...)), Risk: lens.NoRisk},
			{Condition: all(high), Risk: lens.MediumRisk},
			{Condition: lens.DefaultCondition, Risk: lens.HighRisk},
		}
	case len(high) > 0:
		rules = []lens.RiskRuleDoc{
			{Condition: all(high), Risk: lens.NoRisk},
			{Condition: lens.DefaultCondition, Risk: lens.HighRisk},
		}
	case len(medium) > 0:
		rules = []lens.RiskRuleDoc{
			{Condition: all(medium), Risk: lens.NoRisk},
			{Condition: lens.DefaultCondition, Risk: lens.MediumRisk},
		}
	default:
		rules = []lens.RiskRuleDoc{{Condition: lens.DefaultCondition, Risk: lens.NoRisk}}
	}
	return rules
}

// Marshal writes doc as indented JSON with a final newline, leaving '<',
// '>' and '&' unescaped so the file reads as written.
func Marshal(doc *lens.Document) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// Generate is the whole pipeline: the framework CSV, the "None of these"
// CSV and the guidance in, lens document JSON out. Guidance that does not
// pass its lint stops it, so the lens never ships a missing text.
func Generate(csvData, noneData []byte, g *guidance.Set) ([]byte, error) {
	rows, err := Parse(csvData)
	if err != nil {
		return nil, fmt.Errorf("the framework CSV: %w", err)
	}
	nones, err := ParseNone(noneData, rows)
	if err != nil {
		return nil, fmt.Errorf("the \"None of these\" CSV: %w", err)
	}
	if probs := guidance.Lint(g, Facts(rows)); len(probs) > 0 {
		return nil, fmt.Errorf("the guidance has %d problems, the first: %s", len(probs), probs[0])
	}
	return Marshal(Document(rows, nones, g))
}
