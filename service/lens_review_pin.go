package service

import (
	"context"
	"fmt"
	"slices"

	"github.com/wat-dev/wat"
	"github.com/wat-dev/wat/lens"
)

// PinnedReview is what PinLensReviewVersion did to a lens review.
type PinnedReview struct {
	LensARN         string
	Version         string // the version the review is on now
	PreviousVersion string
	Changed         bool // false when the review was already on Version
}

// PinLensReviewVersion puts a workload's live review of a custom lens of
// the caller's account on a published version of that lens, older or
// newer, recording no milestone: `wat import` copies a review that the
// source left on an older version, which AssociateLenses (always the
// latest) and UpgradeLensReview (to the latest, with a milestone) cannot
// reproduce. Since the review keeps its answers as they are, the version
// must ask every answered question with each of its choices; a review
// with no answers beyond the defaults can therefore always be pinned. It
// is authorised as UpgradeLensReview, the action that moves a review
// between versions: it writes nothing an upgrade could not but the
// choice of version, and unlike an upgrade never drops an answer.
func (s *Service) PinLensReviewVersion(ctx context.Context, workloadID, alias, version string) (*PinnedReview, error) {
	if version == "" {
		return nil, wat.Invalid("LensVersion", "LensVersion must name a published version of the lens")
	}
	var out *PinnedReview
	err := s.store.Update(ctx, func(tx wat.Tx) error {
		w, err := s.ownWorkload(ctx, tx, act("UpgradeLensReview"), workloadID, true)
		if err != nil {
			return err
		}
		if _, ok := s.lenses.Builtin(alias); ok {
			return wat.Invalid("LensAlias", "LensAlias must be the ARN of a custom lens: %s is a built-in lens, whose reviews are on its one version", alias)
		}
		if !isCustomLensARN(alias) {
			return wat.Invalid("LensAlias", "LensAlias must be the ARN of a custom lens, not %q", alias)
		}
		arn, err := s.reviewLens(ctx, w, alias)
		if err != nil {
			return err
		}
		l, err := tx.GetCustomLens(ctx, arn, false)
		if err != nil {
			return err
		}
		if l.AccountID != w.AccountID {
			return wat.Invalid("LensAlias", "Lens %s is shared with account %s by account %s: only a review of the account's own lens can be pinned", arn, w.AccountID, l.AccountID)
		}
		if l.Deleted {
			return wat.Invalid("LensAlias", "Lens %s was deleted: its reviews stay on the versions they are on", arn)
		}
		target, err := s.pinnedLens(ctx, tx, arn, version)
		if err != nil {
			return err
		}
		r, err := tx.GetLensReview(ctx, w.ID, arn)
		if err != nil {
			return err
		}
		out = &PinnedReview{LensARN: arn, Version: version, PreviousVersion: r.LensVersion}
		if r.LensVersion == version {
			return nil
		}
		answers, err := tx.ListAnswers(ctx, w.ID, arn)
		if err != nil {
			return err
		}
		for _, a := range answers {
			if err := keepsAnswer(target.Lens, version, a); err != nil {
				return err
			}
		}
		before, err := s.riskStateOf(ctx, tx, w, arn)
		if err != nil {
			return err
		}
		now := s.nowUTC()
		r.LensVersion, r.UpdatedAt = version, now
		r.Revision++
		if err := tx.PutLensReview(ctx, r); err != nil {
			return err
		}
		if err := s.publishUpgradeRisk(ctx, tx, w, arn, before); err != nil {
			return err
		}
		w.UpdatedAt = now
		if err := tx.UpdateWorkload(ctx, w); err != nil {
			return err
		}
		out.Changed = true
		return s.enqueueJiraChange(ctx, tx, w)
	})
	if err != nil {
		return nil, fmt.Errorf("PinLensReviewVersion(%s, %s, %s): %w", workloadID, alias, version, err)
	}
	return out, nil
}

// keepsAnswer says why the lens version l cannot hold the answer a as it
// is: a question it does not ask, or a choice its question lacks. An
// answer left at its defaults holds on any version.
func keepsAnswer(l *lens.Lens, version string, a *wat.Answer) error {
	if len(a.SelectedChoices) == 0 && len(a.Choices) == 0 && a.IsApplicable && a.Notes == "" {
		return nil
	}
	q, ok := l.Question(a.QuestionID)
	if !ok {
		return wat.Conflict("LENS_REVIEW", a.QuestionID, "Question %s is answered, and version %s of the lens does not ask it", a.QuestionID, version)
	}
	ids := slices.Clone(a.SelectedChoices)
	for id := range a.Choices {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		if _, ok := q.Choice(id); !ok {
			return wat.Conflict("LENS_REVIEW", a.QuestionID, "The answer to question %s uses choice %s, which version %s of the lens does not have", a.QuestionID, id, version)
		}
	}
	return nil
}
