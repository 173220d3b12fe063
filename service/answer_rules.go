package service

import (
	"fmt"
	"sort"

	"github.com/wat-dev/wat"
	"github.com/wat-dev/wat/lens"
)

// The rules of choices, shared by every use case that changes an answer:
// UpdateAnswer, UpdateReviewTemplateAnswer and ApplySuggestedAnswers.

// applyAnswerUpdate merges an update into an answer, enforcing the rules of
// choices: known ids only, "None of these" excludes every other choice and
// cannot be marked not applicable, reasons only on not-applicable choices.
func applyAnswerUpdate(q *lens.Question, a *wat.Answer, in UpdateAnswerInput) error {
	var pr problems
	// Ids are kept as the lens names its choices now: a former id
	// (lens.ChoiceAlias), given or stored, is accepted but never stored.
	selected := map[string]bool{}
	for _, id := range a.SelectedChoices {
		selected[currentID(q, id)] = true
	}
	choices := make(map[string]wat.ChoiceAnswer, len(a.Choices))
	for id, c := range a.Choices {
		choices[currentID(q, id)] = c
	}
	if in.SelectedChoices != nil {
		selected = map[string]bool{}
		for i, given := range in.SelectedChoices {
			ch, ok := q.Choice(given)
			if !ok {
				pr.add(fmt.Sprintf("SelectedChoices[%d]", i), "Question %s has no choice %q", q.ID, given)
				continue
			}
			id := ch.ID
			selected[id] = true
			if c, ok := choices[id]; ok && c.Status == wat.ChoiceNotApplicable {
				c.Status, c.Reason = wat.ChoiceSelected, ""
				choices[id] = c
			}
		}
	}
	keys := make([]string, 0, len(in.ChoiceUpdates))
	for id := range in.ChoiceUpdates {
		keys = append(keys, id)
	}
	sort.Strings(keys)
	none, hasNone := q.NoneChoice()
	updated := map[string]string{} // choice id -> the key that updated it
	for _, given := range keys {
		u := in.ChoiceUpdates[given]
		field := "ChoiceUpdates." + given
		ch, ok := q.Choice(given)
		if !ok {
			pr.add(field, "Question %s has no choice %q", q.ID, given)
			continue
		}
		id := ch.ID
		if first, dup := updated[id]; dup {
			// A choice by its id and by a former one: which would win?
			pr.add(field, "names choice %s, which ChoiceUpdates.%s updates already", id, first)
			continue
		}
		updated[id] = given
		if hasNone && id == none.ID && u.Status == wat.ChoiceNotApplicable {
			pr.add(field+".Status", "The \"None of these\" choice cannot be marked not applicable")
			continue
		}
		if u.Reason != "" && u.Reason != "NONE" && u.Status != wat.ChoiceNotApplicable {
			pr.add(field+".Reason", "A reason can only be given for a choice marked NOT_APPLICABLE")
			continue
		}
		switch u.Status {
		case wat.ChoiceSelected:
			selected[id] = true
		case wat.ChoiceUnselected, wat.ChoiceNotApplicable:
			delete(selected, id)
		}
		choices[id] = u
	}
	if hasNone && selected[none.ID] && len(selected) > 1 {
		pr.add("SelectedChoices", "\"None of these\" (%s) cannot be selected together with other choices", none.ID)
	}
	if err := pr.err(); err != nil {
		return err
	}
	a.SelectedChoices = a.SelectedChoices[:0:0]
	for _, c := range q.Choices {
		if selected[c.ID] {
			a.SelectedChoices = append(a.SelectedChoices, c.ID)
		}
	}
	// Keep only choice states that say more than the selection does.
	for id, c := range choices {
		if selected[id] {
			c.Status = wat.ChoiceSelected
		} else if c.Status == wat.ChoiceSelected {
			c.Status = wat.ChoiceUnselected
		}
		if c.Status != wat.ChoiceNotApplicable {
			c.Reason = ""
		}
		if c.Status != wat.ChoiceNotApplicable && c.Notes == "" {
			delete(choices, id)
			continue
		}
		choices[id] = c
	}
	if len(choices) == 0 {
		choices = nil
	}
	a.Choices = choices
	if in.Notes != nil {
		a.Notes = *in.Notes
	}
	if in.IsApplicable != nil {
		a.IsApplicable = *in.IsApplicable
	}
	if in.Reason != nil {
		a.Reason = *in.Reason
	}
	if a.IsApplicable {
		a.Reason = ""
	}
	return nil
}

// currentID is the id of the choice of q that id names, by its id or a
// former one; an id naming no choice is returned as it is.
func currentID(q *lens.Question, id string) string {
	if c, ok := q.Choice(id); ok {
		return c.ID
	}
	return id
}
