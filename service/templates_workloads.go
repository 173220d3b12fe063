package service

import (
	"context"
	"maps"
	"slices"
	"time"

	"github.com/wat-dev/wat"
)

// copyTemplate gives a new workload the template's lens reviews (their
// lens versions and notes) and answers, in the transaction creating the
// workload. The copy is the workload's own: later changes to the template
// do not reach it, and its risks are evaluated as for any answer.
func (s *Service) copyTemplate(ctx context.Context, tx wat.Tx, rt *wat.ReviewTemplate, workloadID string, now time.Time) error {
	reviews, err := tx.ListTemplateLensReviews(ctx, rt.ARN)
	if err != nil {
		return err
	}
	answers, err := tx.ListTemplateAnswers(ctx, rt.ARN, "")
	if err != nil {
		return err
	}
	for _, r := range reviews {
		if !rt.HasLens(r.LensARN) {
			continue
		}
		err := tx.PutLensReview(ctx, &wat.LensReview{
			WorkloadID: workloadID, LensARN: r.LensARN, LensVersion: r.LensVersion,
			Notes: r.Notes, PillarNotes: maps.Clone(r.PillarNotes), UpdatedAt: now,
		})
		if err != nil {
			return err
		}
	}
	for _, ta := range answers {
		if !rt.HasLens(ta.LensARN) {
			continue
		}
		a := ta.Answer
		a.WorkloadID = workloadID
		a.SelectedChoices = slices.Clone(a.SelectedChoices)
		a.Choices = maps.Clone(a.Choices)
		a.UpdatedAt = now
		if err := tx.PutAnswer(ctx, &a); err != nil {
			return err
		}
	}
	return nil
}
