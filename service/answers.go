package service

import (
	"context"
	"fmt"

	"github.com/wat-dev/wat"
	"github.com/wat-dev/wat/lens"
)

// AnswerView is one question of a lens review with its answer and risk.
type AnswerView struct {
	Lens     *LensInfo
	Question *lens.Question
	// Answer is never nil: an unanswered question has an empty, applicable answer.
	Answer *wat.Answer
	Risk   wat.Risk
	// Prioritized tells that the workload's profile makes the question a
	// priority.
	Prioritized bool
	// Jira is the Jira Task the question is kept in; nil when none.
	Jira *wat.JiraIssueLink
}

// Improvements returns the choices still to put in place: unselected,
// applicable, not "None of these", with an improvement plan.
func (v *AnswerView) Improvements() []*lens.Choice {
	var out []*lens.Choice
	na := v.Answer.NotApplicableChoices()
	for _, c := range v.Question.Choices {
		if none, ok := v.Question.NoneChoice(); ok && none.ID == c.ID {
			continue
		}
		if c.ImprovementPlan.URL == "" && c.ImprovementPlan.DisplayText == "" {
			continue
		}
		if contains(v.Answer.SelectedChoices, c.ID) || contains(na, c.ID) {
			continue
		}
		out = append(out, c)
	}
	return out
}

// ImprovementPlanURL is the question's link to improve: that of its first
// practice still to put in place.
func (v *AnswerView) ImprovementPlanURL() string {
	if v.Risk != wat.RiskHigh && v.Risk != wat.RiskMedium {
		return ""
	}
	for _, c := range v.Improvements() {
		if c.ImprovementPlan.URL != "" {
			return c.ImprovementPlan.URL
		}
	}
	return ""
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

func answerView(rv *ReviewView, q *lens.Question, workloadID string) *AnswerView {
	a := rv.Answers[q.ID]
	if a == nil {
		a = &wat.Answer{WorkloadID: workloadID, LensARN: rv.Lens.ARN, QuestionID: q.ID, IsApplicable: true}
	}
	v := &AnswerView{Lens: rv.Lens, Question: q, Answer: a, Risk: rv.Risks[q.ID]}
	if rv.Priorities != nil {
		v.Prioritized = rv.Priorities.Questions[q.ID]
	}
	return v
}

// AnswerFilter narrows ListAnswers and ListLensReviewImprovements.
type AnswerFilter struct {
	PillarID         string
	QuestionPriority string // PRIORITIZED or NONE; questions are prioritised by a workload's profile
}

// ListAnswers returns a page of a lens review's questions with their answers.
func (s *Service) ListAnswers(ctx context.Context, id, alias string, milestone int, f AnswerFilter, token string, max int) ([]*AnswerView, *ReviewView, string, error) {
	var (
		out []*AnswerView
		rv  *ReviewView
	)
	err := s.store.View(ctx, func(tx wat.Tx) error {
		var err error
		rv, err = s.evaluatedReview(ctx, tx, act("ListAnswers"), id, alias, milestone)
		if err != nil {
			return err
		}
		if f.PillarID != "" {
			if _, ok := rv.Lens.Lens.Pillar(f.PillarID); !ok {
				return wat.Invalid("PillarId", "Lens %s has no pillar %q", alias, f.PillarID)
			}
		}
		for _, q := range rv.Lens.Lens.Questions() {
			if f.PillarID != "" && q.PillarID != f.PillarID {
				continue
			}
			v := answerView(rv, q, id)
			if f.QuestionPriority == "PRIORITIZED" && !v.Prioritized {
				continue
			}
			out = append(out, v)
		}
		return s.attachJira(ctx, tx, id, milestone, out...)
	})
	if err != nil {
		return nil, nil, "", err
	}
	page, next, err := paginate(out, token, max, 50)
	return page, rv, next, err
}

// evaluatedReview loads and evaluates a lens review, live or from a milestone.
func (s *Service) evaluatedReview(ctx context.Context, tx wat.Tx, a access, id, alias string, milestone int) (*ReviewView, error) {
	snap, arn, err := s.reviewSnapshot(ctx, tx, a, id, alias, milestone)
	if err != nil {
		return nil, err
	}
	rv := snap.review(ctx, s, arn)
	if rv == nil {
		return nil, wat.NotFound("LENS_REVIEW", alias, "Workload %s has no review of lens %s", id, alias)
	}
	return rv, nil
}

// GetAnswer returns one question with its answer.
func (s *Service) GetAnswer(ctx context.Context, id, alias, questionID string, milestone int) (*AnswerView, error) {
	var v *AnswerView
	err := s.store.View(ctx, func(tx wat.Tx) error {
		rv, err := s.evaluatedReview(ctx, tx, act("GetAnswer"), id, alias, milestone)
		if err != nil {
			return err
		}
		q, ok := rv.Lens.Lens.Question(questionID)
		if !ok {
			return wat.NotFound("QUESTION", questionID, "Lens %s has no question %q", alias, questionID)
		}
		v = answerView(rv, q, id)
		return s.attachJira(ctx, tx, id, milestone, v)
	})
	return v, err
}

// UpdateAnswerInput is what UpdateAnswer takes; nil fields keep their value.
type UpdateAnswerInput struct {
	WorkloadID      string
	LensAlias       string
	QuestionID      string
	SelectedChoices []string // nil keeps the selection; empty clears it
	ChoiceUpdates   map[string]wat.ChoiceAnswer
	Notes           *string
	IsApplicable    *bool
	Reason          *string
}

// UpdateAnswer changes the answer to one question.
func (s *Service) UpdateAnswer(ctx context.Context, in UpdateAnswerInput) (*AnswerView, error) {
	var v *AnswerView
	// Answers to one workload take turns on its row: a store may commit
	// those waiting together.
	err := s.store.Update(wat.WithWriteKey(ctx, in.WorkloadID), func(tx wat.Tx) error {
		w, c, li, err := s.lockedAnswer(ctx, tx, act("UpdateAnswer"), in.WorkloadID, in.LensAlias, in.QuestionID)
		if err != nil {
			return err
		}
		r := c.Review
		q, ok := li.Lens.Question(in.QuestionID)
		if !ok {
			return wat.NotFound("QUESTION", in.QuestionID, "Lens %s has no question %q", in.LensAlias, in.QuestionID)
		}
		a := c.Answer
		if a == nil {
			a = &wat.Answer{WorkloadID: w.ID, LensARN: r.LensARN, QuestionID: q.ID, IsApplicable: true}
		}
		if err := applyAnswerUpdate(q, a, in); err != nil {
			return err
		}
		now := s.nowUTC()
		if err := s.saveAnswerTouched(ctx, tx, w, r, now, c.Webhooks, a); err != nil {
			return err
		}
		w.UpdatedAt = now
		if err := s.enqueueJiraPlanned(ctx, tx, w, resolveJira(c.JiraAccount, c.JiraWorkload), c.JiraConnected); err != nil {
			return err
		}
		v = &AnswerView{Lens: li, Question: q, Answer: a, Risk: questionRisk(q, a)}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("UpdateAnswer(%s, %s, %s): %w", in.WorkloadID, in.LensAlias, in.QuestionID, err)
	}
	return v, nil
}

// lockedAnswer is lockedReview for a change of one answer: it loads, with
// the same checks in the same order, a workload of the caller's account
// (locked), what the change of its answer to questionID starts from
// (wat.AnswerChange, in one statement) and the lens version the review is
// pinned to.
func (s *Service) lockedAnswer(ctx context.Context, tx wat.Tx, a access, workloadID, alias, questionID string) (*wat.Workload, *wat.AnswerChange, *LensInfo, error) {
	w, _, err := s.workloadFor(ctx, tx, a, workloadID, roleContributor, true)
	if err != nil {
		return nil, nil, nil, err
	}
	arn, err := s.reviewLens(ctx, w, alias)
	if err != nil {
		return nil, nil, nil, err
	}
	c, err := tx.GetAnswerChange(ctx, w.ID, w.AccountID, arn, questionID)
	if err != nil {
		return nil, nil, nil, err
	}
	li, err := s.pinnedLens(ctx, tx, arn, c.Review.LensVersion)
	if err != nil {
		return nil, nil, nil, err
	}
	return w, c, li, nil
}
