package service

import (
	"context"
	"fmt"
	"time"

	"github.com/wat-dev/wat"
)

// ChecksInput names the choice of a lens review whose checks
// ListCheckSummaries and ListCheckDetails list.
type ChecksInput struct {
	WorkloadID string
	LensARN    string // the lens's ARN (or a built-in lens's alias)
	PillarID   string
	QuestionID string
	ChoiceID   string
	NextToken  string
	MaxResults int
}

// CheckView is one check of a choice: a rule of the latest scan uploaded
// for the lens review, with when and by which account it was uploaded.
type CheckView struct {
	wat.Check
	Status    wat.CheckStatus
	LensARN   string
	AccountID string
	UpdatedAt time.Time
}

// ListCheckSummaries returns a page of the checks of one choice: one per
// rule of the workload's evidence that is evidence for it, by rule id.
// Readers of the workload may list them.
func (s *Service) ListCheckSummaries(ctx context.Context, in ChecksInput) ([]*CheckView, string, error) {
	return s.listChecks(ctx, "ListCheckSummaries", in)
}

// ListCheckDetails returns a page of the checks of one choice, per account
// that uploaded evidence: the account whose user uploaded the latest scan.
func (s *Service) ListCheckDetails(ctx context.Context, in ChecksInput) ([]*CheckView, string, error) {
	return s.listChecks(ctx, "ListCheckDetails", in)
}

// listChecks resolves the choice as GetAnswer resolves a question — a lens
// not applied to the workload or a question the lens does not have is not
// found — and refuses a pillar or choice that does not go with the
// question as invalid. A choice without evidence has no checks.
func (s *Service) listChecks(ctx context.Context, op string, in ChecksInput) ([]*CheckView, string, error) {
	var out []*CheckView
	err := s.store.View(ctx, func(tx wat.Tx) error {
		w, err := s.readableWorkload(ctx, tx, act(op), in.WorkloadID)
		if err != nil {
			return err
		}
		arn, err := s.reviewLens(ctx, w, in.LensARN)
		if err != nil {
			return err
		}
		r, err := tx.GetLensReview(ctx, w.ID, arn)
		if err != nil {
			return err
		}
		li, err := s.pinnedLens(ctx, tx, arn, r.LensVersion)
		if err != nil {
			return err
		}
		q, ok := li.Lens.Question(in.QuestionID)
		if !ok {
			return wat.NotFound("QUESTION", in.QuestionID, "Lens %s has no question %q", in.LensARN, in.QuestionID)
		}
		if q.PillarID != in.PillarID {
			if _, ok := li.Lens.Pillar(in.PillarID); !ok {
				return wat.Invalid("PillarId", "Lens %s has no pillar %q", in.LensARN, in.PillarID)
			}
			return wat.Invalid("PillarId", "Question %s is in pillar %s, not %s", q.ID, q.PillarID, in.PillarID)
		}
		ch, ok := q.Choice(in.ChoiceID)
		if !ok {
			return wat.Invalid("ChoiceId", "Question %s has no choice %q", q.ID, in.ChoiceID)
		}
		// By the choice's id: it may have been named by a former one.
		ev, err := tx.GetEvidence(ctx, w.ID, arn, ch.ID)
		if wat.ErrorCodeOf(err) == wat.ENotFound {
			return nil
		} else if err != nil {
			return err
		}
		for _, c := range ev.Checks {
			if c.QuestionID != q.ID {
				continue
			}
			out = append(out, &CheckView{Check: c, Status: c.Status(), LensARN: arn, AccountID: ev.AccountID, UpdatedAt: ev.UpdatedAt})
		}
		return nil
	})
	if err != nil {
		return nil, "", fmt.Errorf("%s(%s, %s): %w", op, in.WorkloadID, in.ChoiceID, err)
	}
	return paginate(out, in.NextToken, in.MaxResults, 50)
}

// GetLensReviewEvidence returns the evidence of a lens review with all its
// checks (Evidence nil when none was uploaded), for a page showing the
// evidence beside each practice. Reading it is reading check details: the
// reader role and the wellarchitected:ListCheckDetails action.
func (s *Service) GetLensReviewEvidence(ctx context.Context, workloadID, alias string) (*EvidenceView, error) {
	var v *EvidenceView
	err := s.store.View(ctx, func(tx wat.Tx) error {
		w, err := s.readableWorkload(ctx, tx, act("ListCheckDetails"), workloadID)
		if err != nil {
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
		li, err := s.pinnedLens(ctx, tx, arn, r.LensVersion)
		if err != nil {
			return err
		}
		v = &EvidenceView{Lens: li, RuleStatus: map[wat.CheckStatus]int{}}
		ev, err := tx.GetEvidence(ctx, w.ID, arn, "")
		if wat.ErrorCodeOf(err) == wat.ENotFound {
			return nil
		} else if err != nil {
			return err
		}
		v.Evidence = ev
		seen := map[string]bool{}
		for i := range ev.Checks {
			if c := &ev.Checks[i]; !seen[c.RuleID] {
				seen[c.RuleID] = true
				v.RuleStatus[c.Status()]++
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("GetLensReviewEvidence(%s, %s): %w", workloadID, alias, err)
	}
	return v, nil
}
