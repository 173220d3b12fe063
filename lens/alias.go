package lens

import (
	"fmt"
	"strconv"
)

// ChoiceAlias names a choice of an official lens by an id the choice had
// before: wat's built-in framework lens once gave its "None of these"
// choices ids of its own making ("priorities_no") where AWS's are
// "ops_priorities_no". Data and scripts written against the old ids keep
// working: the compiled lens resolves an alias to its choice on input,
// and always answers with the choice's own id.
//
// Aliases are no part of the custom-lens format, which has no member for
// them; only CompileOfficial takes them, from the official lens's own data.
type ChoiceAlias struct {
	QuestionID string // the question of the choice
	Alias      string // the former id
	ChoiceID   string // the id of the choice now
}

// aliases attaches as to the questions of l, or reports every alias that
// does not name a choice unambiguously. l is newly compiled and not yet
// shared, so it may still be changed.
func (l *Lens) aliases(as []ChoiceAlias) error {
	var ps []Problem
	add := func(i int, a ChoiceAlias, format string, args ...any) {
		ps = append(ps, Problem{Path: "aliases[" + strconv.Itoa(i) + "]", QuestionID: a.QuestionID, ChoiceID: a.ChoiceID,
			Message: fmt.Sprintf("alias %q: ", a.Alias) + fmt.Sprintf(format, args...)})
	}
	for i, a := range as {
		q, ok := l.byID[a.QuestionID]
		if !ok {
			add(i, a, "the lens has no question %q", a.QuestionID)
			continue
		}
		target := q.index(a.ChoiceID)
		switch {
		case target < 0:
			add(i, a, "question %s has no choice %q", q.ID, a.ChoiceID)
			continue
		case q.index(a.Alias) >= 0:
			// An alias shadowing a choice would make an id mean two things.
			add(i, a, "is the id of a choice of question %s", q.ID)
			continue
		}
		if _, dup := q.aliases[a.Alias]; dup {
			add(i, a, "is given twice for question %s", q.ID)
			continue
		}
		if q.aliases == nil {
			q.aliases = map[string]int{}
		}
		q.aliases[a.Alias] = target
	}
	return problemsError(ps)
}

// index returns the position of the choice with the given id, or -1.
func (q *Question) index(id string) int {
	for i, c := range q.Choices {
		if c.ID == id {
			return i
		}
	}
	return -1
}

// Aliases returns the former ids of the question's choices, each with the
// id of the choice it names now; nil for a question without any (every
// question of a custom lens). The map is the caller's.
func (q *Question) Aliases() map[string]string {
	if len(q.aliases) == 0 {
		return nil
	}
	out := make(map[string]string, len(q.aliases))
	for alias, i := range q.aliases {
		out[alias] = q.Choices[i].ID
	}
	return out
}
