package service

import (
	"context"
	"fmt"

	"github.com/wat-dev/wat"
	"github.com/wat-dev/wat/lens"
)

// TemplateReviewView is a template's review of one lens with its question
// counts, per pillar and for the lens.
type TemplateReviewView struct {
	Lens           *LensInfo
	Review         *wat.TemplateLensReview
	Answers        map[string]*wat.TemplateAnswer // by question id; missing means unanswered
	QuestionCounts QuestionCounts
	Pillars        []TemplatePillarView
}

// TemplatePillarView is one pillar's part of a template's lens review.
type TemplatePillarView struct {
	ID, Name, Notes string
	QuestionCounts  QuestionCounts
}

// notCurrent reports whether the lens has a newer version than the review's.
func (v *TemplateReviewView) notCurrent() bool {
	return v.Lens.LatestVersion != "" && v.Lens.LatestVersion != v.Review.LensVersion
}

// TemplateAnswerView is one question of a template's lens review with its
// answer.
type TemplateAnswerView struct {
	Lens     *LensInfo
	Question *lens.Question
	// Answer is never nil: an unanswered question has an empty, applicable
	// answer.
	Answer *wat.Answer
}

// Answered reports whether the template answers the question: choices
// are selected, or the question is marked not applicable.
func (v *TemplateAnswerView) Answered() bool { return answered(v.Answer) }

func answered(a *wat.Answer) bool {
	return a != nil && (len(a.SelectedChoices) > 0 || !a.IsApplicable)
}

// templateSnap holds a template's lens reviews and answers, read in one
// transaction.
type templateSnap struct {
	tx       wat.Tx
	template *wat.ReviewTemplate
	reviews  map[string]*wat.TemplateLensReview
	answers  map[string]map[string]*wat.TemplateAnswer
}

// loadTemplate reads a template's lens reviews and the answers of lensARN
// (of every lens when "").
func (s *Service) loadTemplate(ctx context.Context, tx wat.Tx, rt *wat.ReviewTemplate, lensARN string) (*templateSnap, error) {
	reviews, err := tx.ListTemplateLensReviews(ctx, rt.ARN)
	if err != nil {
		return nil, err
	}
	answers, err := tx.ListTemplateAnswers(ctx, rt.ARN, lensARN)
	if err != nil {
		return nil, err
	}
	snap := &templateSnap{tx: tx, template: rt, reviews: map[string]*wat.TemplateLensReview{}, answers: map[string]map[string]*wat.TemplateAnswer{}}
	for _, r := range reviews {
		snap.reviews[r.LensARN] = r
	}
	for _, a := range answers {
		m := snap.answers[a.LensARN]
		if m == nil {
			m = map[string]*wat.TemplateAnswer{}
			snap.answers[a.LensARN] = m
		}
		m[a.QuestionID] = a
	}
	return snap, nil
}

// review evaluates the template's review of arn.
func (snap *templateSnap) review(ctx context.Context, s *Service, arn string) (*TemplateReviewView, error) {
	r := snap.reviews[arn]
	if r == nil {
		return nil, wat.NotFound("LENS_REVIEW", arn, "Review template %s has no review of lens %s", snap.template.ARN, arn)
	}
	li, err := s.pinnedLens(ctx, snap.tx, arn, r.LensVersion)
	if err != nil {
		return nil, err
	}
	return evaluateTemplate(li, r, snap.answers[arn]), nil
}

func evaluateTemplate(li *LensInfo, r *wat.TemplateLensReview, answers map[string]*wat.TemplateAnswer) *TemplateReviewView {
	v := &TemplateReviewView{Lens: li, Review: r, Answers: answers}
	for _, p := range li.Lens.Pillars {
		pv := TemplatePillarView{ID: p.ID, Name: p.Name, Notes: r.PillarNotes[p.ID]}
		for _, q := range p.Questions {
			var a *wat.Answer
			if ta := answers[q.ID]; ta != nil {
				a = &ta.Answer
			}
			if answered(a) {
				pv.QuestionCounts.Answered++
			} else {
				pv.QuestionCounts.Unanswered++
			}
		}
		v.QuestionCounts.add(pv.QuestionCounts)
		v.Pillars = append(v.Pillars, pv)
	}
	return v
}

func (v *TemplateReviewView) answerView(q *lens.Question) *TemplateAnswerView {
	if ta := v.Answers[q.ID]; ta != nil {
		return &TemplateAnswerView{Lens: v.Lens, Question: q, Answer: &ta.Answer}
	}
	return &TemplateAnswerView{Lens: v.Lens, Question: q, Answer: &wat.Answer{LensARN: v.Lens.ARN, QuestionID: q.ID, IsApplicable: true}}
}

// templateLens resolves alias among the lenses applied to rt.
func (s *Service) templateLens(rt *wat.ReviewTemplate, alias string) (string, error) {
	arn := alias
	if li, ok := s.lenses.Builtin(alias); ok {
		arn = li.ARN
	}
	if !rt.HasLens(arn) {
		return "", wat.NotFound("LENS_REVIEW", alias, "Lens %s is not applied to review template %s", alias, rt.ARN)
	}
	return arn, nil
}

// templateReview loads, authorises a on, and evaluates a template's lens
// review.
func (s *Service) templateReview(ctx context.Context, tx wat.Tx, a access, arn, alias string, lock bool) (*wat.ReviewTemplate, *TemplateReviewView, error) {
	rt, err := s.ownTemplate(ctx, tx, a, arn, lock)
	if err != nil {
		return nil, nil, err
	}
	lensARN, err := s.templateLens(rt, alias)
	if err != nil {
		return nil, nil, err
	}
	snap, err := s.loadTemplate(ctx, tx, rt, lensARN)
	if err != nil {
		return nil, nil, err
	}
	rv, err := snap.review(ctx, s, lensARN)
	return rt, rv, err
}

// GetReviewTemplateLensReview returns a template's review of one lens.
func (s *Service) GetReviewTemplateLensReview(ctx context.Context, arn, alias string) (*TemplateReviewView, error) {
	var v *TemplateReviewView
	err := s.store.View(ctx, func(tx wat.Tx) (err error) {
		_, v, err = s.templateReview(ctx, tx, act("GetReviewTemplateLensReview"), arn, alias, false)
		return err
	})
	return v, err
}

// UpdateReviewTemplateLensReview changes the notes of a template's lens
// review and of its pillars.
func (s *Service) UpdateReviewTemplateLensReview(ctx context.Context, arn, alias string, lensNotes *string, pillarNotes map[string]string) (*TemplateReviewView, error) {
	var v *TemplateReviewView
	err := s.store.Update(ctx, func(tx wat.Tx) error {
		rt, rv, err := s.templateReview(ctx, tx, act("UpdateReviewTemplateLensReview"), arn, alias, true)
		if err != nil {
			return err
		}
		var pr problems
		for pid := range pillarNotes {
			if _, ok := rv.Lens.Lens.Pillar(pid); !ok {
				pr.add("PillarNotes."+pid, "Lens %s has no pillar %q", alias, pid)
			}
		}
		if err := pr.err(); err != nil {
			return err
		}
		r := rv.Review
		setStr(&r.Notes, lensNotes)
		if len(pillarNotes) > 0 {
			notes := make(map[string]string, len(r.PillarNotes)+len(pillarNotes))
			for k, n := range r.PillarNotes {
				notes[k] = n
			}
			for k, n := range pillarNotes {
				notes[k] = n
			}
			r.PillarNotes = notes
		}
		now := s.nowUTC()
		r.UpdatedAt = now
		if err := tx.PutTemplateLensReview(ctx, r); err != nil {
			return err
		}
		rt.UpdatedAt = now
		if err := tx.UpdateReviewTemplate(ctx, rt); err != nil {
			return err
		}
		v = evaluateTemplate(rv.Lens, r, rv.Answers)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("UpdateReviewTemplateLensReview(%s, %s): %w", arn, alias, err)
	}
	return v, nil
}

// ListReviewTemplateAnswers returns a page of the questions of a
// template's lens review with their answers, of one pillar when pillarID
// is set.
func (s *Service) ListReviewTemplateAnswers(ctx context.Context, arn, alias, pillarID, token string, max int) ([]*TemplateAnswerView, *TemplateReviewView, string, error) {
	var (
		out []*TemplateAnswerView
		rv  *TemplateReviewView
	)
	err := s.store.View(ctx, func(tx wat.Tx) (err error) {
		_, rv, err = s.templateReview(ctx, tx, act("ListReviewTemplateAnswers"), arn, alias, false)
		if err != nil {
			return err
		}
		if pillarID != "" {
			if _, ok := rv.Lens.Lens.Pillar(pillarID); !ok {
				return wat.Invalid("PillarId", "Lens %s has no pillar %q", alias, pillarID)
			}
		}
		for _, q := range rv.Lens.Lens.Questions() {
			if pillarID == "" || q.PillarID == pillarID {
				out = append(out, rv.answerView(q))
			}
		}
		return nil
	})
	if err != nil {
		return nil, nil, "", err
	}
	page, next, err := paginate(out, token, max, 50)
	return page, rv, next, err
}

// GetReviewTemplateAnswer returns one question of a template's lens review
// with its answer.
func (s *Service) GetReviewTemplateAnswer(ctx context.Context, arn, alias, questionID string) (*TemplateAnswerView, error) {
	var v *TemplateAnswerView
	err := s.store.View(ctx, func(tx wat.Tx) error {
		_, rv, err := s.templateReview(ctx, tx, act("GetReviewTemplateAnswer"), arn, alias, false)
		if err != nil {
			return err
		}
		q, ok := rv.Lens.Lens.Question(questionID)
		if !ok {
			return wat.NotFound("QUESTION", questionID, "Lens %s has no question %q", alias, questionID)
		}
		v = rv.answerView(q)
		return nil
	})
	return v, err
}

// UpdateReviewTemplateAnswer changes a template's answer to one question,
// under the same rules of choices as UpdateAnswer. in.WorkloadID is the
// template's ARN.
func (s *Service) UpdateReviewTemplateAnswer(ctx context.Context, in UpdateAnswerInput) (*TemplateAnswerView, error) {
	arn := in.WorkloadID
	var v *TemplateAnswerView
	err := s.store.Update(ctx, func(tx wat.Tx) error {
		rt, err := s.ownTemplate(ctx, tx, act("UpdateReviewTemplateAnswer"), arn, true)
		if err != nil {
			return err
		}
		lensARN, err := s.templateLens(rt, in.LensAlias)
		if err != nil {
			return err
		}
		r, err := tx.GetTemplateLensReview(ctx, rt.ARN, lensARN)
		if err != nil {
			return err
		}
		li, err := s.pinnedLens(ctx, tx, lensARN, r.LensVersion)
		if err != nil {
			return err
		}
		q, ok := li.Lens.Question(in.QuestionID)
		if !ok {
			return wat.NotFound("QUESTION", in.QuestionID, "Lens %s has no question %q", in.LensAlias, in.QuestionID)
		}
		ta, err := tx.GetTemplateAnswer(ctx, rt.ARN, lensARN, q.ID)
		switch {
		case wat.ErrorCodeOf(err) == wat.ENotFound:
			ta = &wat.TemplateAnswer{TemplateARN: rt.ARN, Answer: wat.Answer{LensARN: lensARN, QuestionID: q.ID, IsApplicable: true}}
		case err != nil:
			return err
		}
		if err := applyAnswerUpdate(q, &ta.Answer, in); err != nil {
			return err
		}
		now := s.nowUTC()
		ta.UpdatedAt = now
		if err := tx.PutTemplateAnswer(ctx, ta); err != nil {
			return err
		}
		r.UpdatedAt = now
		if err := tx.PutTemplateLensReview(ctx, r); err != nil {
			return err
		}
		rt.UpdatedAt = now
		if err := tx.UpdateReviewTemplate(ctx, rt); err != nil {
			return err
		}
		v = &TemplateAnswerView{Lens: li, Question: q, Answer: &ta.Answer}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("UpdateReviewTemplateAnswer(%s, %s, %s): %w", arn, in.LensAlias, in.QuestionID, err)
	}
	return v, nil
}

// UpgradeReviewTemplateLensReview moves a template's review of a custom
// lens to the lens's latest version, keeping the answers of questions and
// choices that still exist.
func (s *Service) UpgradeReviewTemplateLensReview(ctx context.Context, arn, alias, token string) error {
	fp := fingerprint("UpgradeReviewTemplateLensReview", arn, alias)
	err := s.store.Update(ctx, func(tx wat.Tx) error {
		rt, err := s.ownTemplate(ctx, tx, act("UpgradeReviewTemplateLensReview"), arn, true)
		if err != nil {
			return err
		}
		if done, err := s.replay(ctx, tx, rt.AccountID, "UpgradeReviewTemplateLensReview", token, fp); err != nil || done != "" {
			return err
		}
		lensARN, err := s.templateLens(rt, alias)
		if err != nil {
			return err
		}
		r, err := tx.GetTemplateLensReview(ctx, rt.ARN, lensARN)
		if err != nil {
			return err
		}
		latest, err := s.upgradeTarget(ctx, tx, lensARN, r.LensVersion)
		if err != nil {
			return err
		}
		answers, err := tx.ListTemplateAnswers(ctx, rt.ARN, lensARN)
		if err != nil {
			return err
		}
		now := s.nowUTC()
		for _, a := range answers {
			q, ok := latest.Lens.Question(a.QuestionID)
			if !ok {
				continue // no longer asked: ignored by every read of the new version
			}
			if keepChoices(q, &a.Answer) {
				a.UpdatedAt = now
				if err := tx.PutTemplateAnswer(ctx, a); err != nil {
					return err
				}
			}
		}
		r.LensVersion, r.UpdatedAt = latest.Version, now
		if err := tx.PutTemplateLensReview(ctx, r); err != nil {
			return err
		}
		rt.UpdatedAt = now
		if err := tx.UpdateReviewTemplate(ctx, rt); err != nil {
			return err
		}
		return s.remember(ctx, tx, rt.AccountID, "UpgradeReviewTemplateLensReview", token, fp, latest.Version)
	})
	if err != nil {
		return fmt.Errorf("UpgradeReviewTemplateLensReview(%s, %s): %w", arn, alias, err)
	}
	return nil
}
