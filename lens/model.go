package lens

import (
	"strings"

	"github.com/wat-dev/wat"
)

// NoneSuffix ends the id of a question's "None of these" choice.
const NoneSuffix = "_no"

// Lens is a compiled, validated lens. It is immutable: share it freely
// between goroutines, and treat every slice and pointer it hands out as
// read-only.
type Lens struct {
	Name        string
	Description string
	Pillars     []*Pillar

	questions []*Question          // in lens order
	byID      map[string]*Question // question id -> question
}

// Question returns the question with the given id, from any pillar.
func (l *Lens) Question(id string) (*Question, bool) {
	q, ok := l.byID[id]
	return q, ok
}

// Questions returns every question of the lens in lens order: pillar by
// pillar, each pillar's questions in order. The slice is shared; do not
// modify it.
func (l *Lens) Questions() []*Question { return l.questions }

// Pillar returns the pillar with the given id.
func (l *Lens) Pillar(id string) (*Pillar, bool) {
	for _, p := range l.Pillars {
		if p.ID == id {
			return p, true
		}
	}
	return nil, false
}

// Pillar is a group of questions.
type Pillar struct {
	ID        string
	Name      string
	Questions []*Question
}

// Question is one question of a lens with its choices and compiled risk
// rules.
type Question struct {
	ID              string
	Title           string
	Description     string
	PillarID        string
	HelpfulResource Resource
	Choices         []*Choice // at most 64 (MaxChoicesPerQuestion is lower)

	rules []rule
	none  int    // index of the "None of these" choice, -1 if none
	path  string // the question's JSON path in its document, for Explore
	// aliases maps former choice ids to the choices' positions; nil but for
	// an official lens compiled with aliases (see ChoiceAlias).
	aliases map[string]int
}

// rule is a compiled risk rule.
type rule struct {
	cond program
	risk wat.Risk
	text string // the condition as written
}

// Choice is one answer option of a question, usually a best practice.
type Choice struct {
	ID                  string
	Title               string
	Description         string
	HelpfulResource     Resource
	ImprovementPlan     Resource
	AdditionalResources []AdditionalResources
}

// Resource is a link with its display text. Either field may be empty.
type Resource struct {
	DisplayText string
	URL         string
}

// AdditionalResources are further links of one type (HelpfulResourceType or
// ImprovementPlanType) attached to a choice.
type AdditionalResources struct {
	Type    string
	Content []Resource
}

// Choice returns the question's choice with the given id, or with the
// given former id (see ChoiceAlias). Callers that keep or answer the id
// use the returned choice's ID, never the one they were given, so that a
// former id is never stored.
func (q *Question) Choice(id string) (*Choice, bool) {
	for _, c := range q.Choices {
		if c.ID == id {
			return c, true
		}
	}
	if i, ok := q.aliases[id]; ok {
		return q.Choices[i], true
	}
	return nil, false
}

// NoneChoice returns the question's "None of these" choice (the one whose id
// ends in NoneSuffix), if it has one.
func (q *Question) NoneChoice() (*Choice, bool) {
	if q.none < 0 {
		return nil, false
	}
	return q.Choices[q.none], true
}

// Mask returns the bitmask of the given choice ids: bit i is set when the
// question's i-th choice is among ids, by its id or a former one. Ids that
// are not choices of q are ignored.
func (q *Question) Mask(ids []string) uint64 {
	var m uint64
ids:
	for _, id := range ids {
		for i, c := range q.Choices {
			if c.ID == id {
				m |= 1 << uint(i)
				continue ids
			}
		}
		if i, ok := q.aliases[id]; ok {
			m |= 1 << uint(i)
		}
	}
	return m
}

// Risk evaluates the question's risk for an answer.
//
// A question that is not applicable is NOT_APPLICABLE. Otherwise a question
// with neither selected nor not-applicable choices is UNANSWERED. Otherwise
// the risk is that of the first risk rule, in document order, whose
// condition holds, where a choice counts as true when it is selected or
// marked not applicable. Ids that are not choices of q are ignored: an answer
// naming only unknown ids is UNANSWERED. Risk does not allocate.
func (q *Question) Risk(selected, notApplicable []string, applicable bool) wat.Risk {
	if !applicable {
		return wat.RiskNotApplicable
	}
	m := q.Mask(selected) | q.Mask(notApplicable)
	return q.RiskOfMask(m, m != 0, true)
}

// RiskOfMask is Risk over a precomputed mask (see Mask) of the choices that
// are selected or not applicable; answered reports whether the answer names
// any choice at all.
func (q *Question) RiskOfMask(mask uint64, answered, applicable bool) wat.Risk {
	switch {
	case !applicable:
		return wat.RiskNotApplicable
	case !answered:
		return wat.RiskUnanswered
	}
	for i := range q.rules {
		if q.rules[i].cond.eval(mask) {
			return q.rules[i].risk
		}
	}
	// Compile guarantees a default rule; a zero Question has no rules.
	return wat.RiskUnanswered
}

func isNoneID(id string) bool { return strings.HasSuffix(id, NoneSuffix) }
