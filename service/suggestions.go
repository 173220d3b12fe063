package service

import (
	"context"
	"fmt"
	"slices"

	"github.com/wat-dev/wat"
	"github.com/wat-dev/wat/lens"
)

// Suggestion is what a lens review's evidence proposes for one question:
// the choices whose evidence all passes, selected, and the resources that
// fail, in the notes. It only adds: a reviewer's selection is never
// undone, and a question marked not applicable or answered "None of these"
// is left as it is.
type Suggestion struct {
	Question *lens.Question
	// Answer is the current answer (an empty, applicable one when
	// unanswered) and Risk its risk.
	Answer *wat.Answer
	Risk   wat.Risk
	// Passing are the choices with evidence that all passes (a check OKAY,
	// none otherwise), Failing those with a check that is not OKAY; both
	// in lens order. Choices whose checks are all NOT_AVAILABLE are in
	// neither.
	Passing, Failing []string
	// SelectedChoices and Notes are the answer the suggestion proposes:
	// the current selection with Passing added (but for choices marked not
	// applicable), and the reviewer's notes followed by the evidence
	// against the Failing choices (see wat.EvidenceNotes). NewRisk is that
	// answer's risk.
	SelectedChoices []string
	Notes           string
	NewRisk         wat.Risk
	// Skipped tells why nothing is proposed; "" when something may be.
	Skipped string
}

// Changes reports whether applying the suggestion would change the answer.
func (g *Suggestion) Changes() bool {
	return g.Skipped == "" && (!slices.Equal(g.SelectedChoices, g.Answer.SelectedChoices) || g.Notes != g.Answer.Notes)
}

// Added returns the choices the suggestion would select.
func (g *Suggestion) Added() []string {
	var out []string
	for _, id := range g.SelectedChoices {
		if !slices.Contains(g.Answer.SelectedChoices, id) {
			out = append(out, id)
		}
	}
	return out
}

// SuggestionsView is the suggestions of a lens review's evidence, one per
// question with evidence, in lens order.
type SuggestionsView struct {
	Lens *LensInfo
	// Evidence is nil when none was uploaded: there are no suggestions.
	Evidence    *wat.Evidence
	Suggestions []*Suggestion
}

// GetSuggestedAnswers returns what the evidence of a lens review proposes,
// changing nothing. Readers of the workload may see it.
func (s *Service) GetSuggestedAnswers(ctx context.Context, workloadID, alias string) (*SuggestionsView, error) {
	var v *SuggestionsView
	err := s.store.View(ctx, func(tx wat.Tx) error {
		rv, err := s.evaluatedReview(ctx, tx, act("GetSuggestedAnswers"), workloadID, alias, 0)
		if err != nil {
			return err
		}
		v = &SuggestionsView{Lens: rv.Lens}
		ev, err := tx.GetEvidence(ctx, workloadID, rv.Lens.ARN, "")
		if wat.ErrorCodeOf(err) == wat.ENotFound {
			return nil
		} else if err != nil {
			return err
		}
		v.Evidence, v.Suggestions = ev, suggest(rv.Lens.Lens, rv.Answers, ev)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("GetSuggestedAnswers(%s, %s): %w", workloadID, alias, err)
	}
	return v, nil
}

// ApplySuggestedAnswers applies, in one transaction, the suggestions of a
// lens review's evidence for the given questions (all of them when
// questionIDs is empty) and returns those that changed an answer. It is
// an UpdateAnswer of each: the same role, action and rules.
func (s *Service) ApplySuggestedAnswers(ctx context.Context, workloadID, alias string, questionIDs []string) ([]*Suggestion, error) {
	var applied []*Suggestion
	err := s.store.Update(ctx, func(tx wat.Tx) error {
		applied = nil // a run again starts over (wat.Store.Update)
		w, r, li, err := s.lockedReview(ctx, tx, act("UpdateAnswer"), workloadID, alias)
		if err != nil {
			return err
		}
		for _, id := range questionIDs {
			if _, ok := li.Lens.Question(id); !ok {
				return wat.NotFound("QUESTION", id, "Lens %s has no question %q", alias, id)
			}
		}
		ev, err := tx.GetEvidence(ctx, w.ID, r.LensARN, "")
		if wat.ErrorCodeOf(err) == wat.ENotFound {
			return nil
		} else if err != nil {
			return err
		}
		stored, err := tx.ListAnswers(ctx, w.ID, r.LensARN)
		if err != nil {
			return err
		}
		answers := make(map[string]*wat.Answer, len(stored))
		for _, a := range stored {
			answers[a.QuestionID] = a
		}
		now := s.nowUTC()
		var changed []*wat.Answer
		for _, g := range suggest(li.Lens, answers, ev) {
			if !g.Changes() || len(questionIDs) > 0 && !slices.Contains(questionIDs, g.Question.ID) {
				continue
			}
			a := *g.Answer
			a.WorkloadID, a.LensARN = w.ID, r.LensARN
			if err := applyAnswerUpdate(g.Question, &a, UpdateAnswerInput{SelectedChoices: g.SelectedChoices, Notes: &g.Notes}); err != nil {
				return err
			}
			changed = append(changed, &a)
			applied = append(applied, g)
		}
		if len(applied) == 0 {
			return nil
		}
		if err := s.saveAnswers(ctx, tx, w, r, now, changed...); err != nil {
			return err
		}
		w.UpdatedAt = now
		if err := tx.UpdateWorkload(ctx, w); err != nil {
			return err
		}
		return s.enqueueJiraChange(ctx, tx, w)
	})
	if err != nil {
		return nil, fmt.Errorf("ApplySuggestedAnswers(%s, %s): %w", workloadID, alias, err)
	}
	return applied, nil
}

// suggest computes the suggestions of evidence over a lens's questions and
// their stored answers (by question id; a missing one is unanswered).
func suggest(l *lens.Lens, answers map[string]*wat.Answer, ev *wat.Evidence) []*Suggestion {
	byChoice := map[string][]*wat.Check{} // question id + " " + choice id
	for i := range ev.Checks {
		c := &ev.Checks[i]
		k := c.QuestionID + " " + c.ChoiceID
		byChoice[k] = append(byChoice[k], c)
	}
	var out []*Suggestion
	for _, q := range l.Questions() {
		g := &Suggestion{Question: q}
		var failing []wat.EvidenceFinding
		for _, ch := range q.Choices {
			var okay, other int
			for _, c := range byChoice[q.ID+" "+ch.ID] {
				switch c.Status() {
				case wat.CheckOkay:
					okay++
				case wat.CheckNotAvailable:
				default:
					other++
					failing = append(failing, wat.EvidenceFinding{ChoiceTitle: ch.Title, Check: c})
				}
			}
			switch {
			case other > 0:
				g.Failing = append(g.Failing, ch.ID)
			case okay > 0:
				g.Passing = append(g.Passing, ch.ID)
			}
		}
		if len(g.Passing)+len(g.Failing) == 0 {
			continue
		}
		a := answers[q.ID]
		if a == nil {
			a = &wat.Answer{QuestionID: q.ID, IsApplicable: true}
		}
		g.Answer, g.Risk = a, questionRisk(q, answers[q.ID])
		g.SelectedChoices, g.Notes, g.NewRisk = a.SelectedChoices, a.Notes, g.Risk
		none, hasNone := q.NoneChoice()
		switch {
		case !a.IsApplicable:
			g.Skipped = "the question is marked not applicable"
		case hasNone && slices.Contains(a.SelectedChoices, none.ID):
			g.Skipped = "\"" + none.Title + "\" is selected"
		}
		if g.Skipped != "" {
			out = append(out, g)
			continue
		}
		na := a.NotApplicableChoices()
		var selected []string
		for _, ch := range q.Choices {
			if slices.Contains(a.SelectedChoices, ch.ID) || slices.Contains(g.Passing, ch.ID) && !slices.Contains(na, ch.ID) {
				selected = append(selected, ch.ID)
			}
		}
		g.SelectedChoices = selected
		g.Notes = wat.EvidenceNotes(a.Notes, ev.UpdatedAt, failing)
		next := *a
		next.SelectedChoices = selected
		g.NewRisk = questionRisk(q, &next)
		if answers[q.ID] == nil && !g.Changes() {
			g.NewRisk = g.Risk // still unanswered
		}
		out = append(out, g)
	}
	return out
}
