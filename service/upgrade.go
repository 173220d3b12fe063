package service

import (
	"context"
	"fmt"

	"github.com/wat-dev/wat"
	"github.com/wat-dev/wat/lens"
)

// UpgradeLensReview moves a workload's review of a custom lens to the
// lens's latest version. It first saves a milestone named milestoneName,
// so the review as it was stays readable; then it keeps the answers of
// questions and choices whose ids still exist and drops the rest. It
// cannot be undone.
func (s *Service) UpgradeLensReview(ctx context.Context, workloadID, alias, milestoneName, token string) error {
	fp := fingerprint("UpgradeLensReview", workloadID, alias, milestoneName)
	err := s.store.Update(ctx, func(tx wat.Tx) error {
		w, err := s.ownWorkload(ctx, tx, act("UpgradeLensReview"), workloadID, true)
		if err != nil {
			return err
		}
		if done, err := s.replay(ctx, tx, w.AccountID, "UpgradeLensReview", token, fp); err != nil || done != "" {
			return err
		}
		arn, err := s.reviewLens(ctx, w, alias)
		if err != nil {
			return err
		}
		r, err := tx.GetLensReview(ctx, w.ID, arn)
		if err != nil {
			return err
		}
		latest, err := s.upgradeTarget(ctx, tx, arn, r.LensVersion)
		if err != nil {
			return err
		}
		if _, err := s.saveMilestone(ctx, tx, w, milestoneName); err != nil {
			return err
		}
		before, err := s.riskStateOf(ctx, tx, w, arn)
		if err != nil {
			return err
		}
		answers, err := tx.ListAnswers(ctx, w.ID, arn)
		if err != nil {
			return err
		}
		now := s.nowUTC()
		for _, a := range answers {
			q, ok := latest.Lens.Question(a.QuestionID)
			if !ok {
				continue // no longer asked: ignored by every read of the new version
			}
			if keepChoices(q, a) {
				a.UpdatedAt = now
				if err := tx.PutAnswer(ctx, a); err != nil {
					return err
				}
			}
		}
		r.LensVersion, r.UpdatedAt = latest.Version, now
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
		if err := s.enqueueJiraChange(ctx, tx, w); err != nil {
			return err
		}
		return s.remember(ctx, tx, w.AccountID, "UpgradeLensReview", token, fp, latest.Version)
	})
	if err != nil {
		return fmt.Errorf("UpgradeLensReview(%s, %s): %w", workloadID, alias, err)
	}
	return nil
}

// upgradeTarget is the version a review of lensARN on version current is
// upgraded to: the lens's latest. A deleted lens, or a review already on
// the latest version, has nothing to upgrade to.
func (s *Service) upgradeTarget(ctx context.Context, tx wat.Tx, lensARN, current string) (*LensInfo, error) {
	latest, err := s.pinnedLens(ctx, tx, lensARN, "")
	if err != nil {
		return nil, err
	}
	if latest.Deleted {
		return nil, wat.Invalid("LensAlias", "Lens %s was deleted: there is no version to upgrade to", lensARN)
	}
	if latest.Version == current {
		return nil, wat.Invalid("LensAlias", "The review of lens %s is already on its latest version %s", lensARN, current)
	}
	return latest, nil
}

// keepChoices drops from a the choices q no longer has and reports
// whether it changed anything.
func keepChoices(q *lens.Question, a *wat.Answer) bool {
	changed := false
	kept := a.SelectedChoices[:0:0]
	for _, id := range a.SelectedChoices {
		if _, ok := q.Choice(id); ok {
			kept = append(kept, id)
		} else {
			changed = true
		}
	}
	a.SelectedChoices = kept
	for id := range a.Choices {
		if _, ok := q.Choice(id); !ok {
			delete(a.Choices, id)
			changed = true
		}
	}
	return changed
}
