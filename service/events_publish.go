package service

import (
	"context"

	"github.com/wat-dev/wat"
)

// wat's own events, published by the use cases in their transactions
// (events.go). Each goes to the account that owns what it is about: a
// workload's owner, whoever changed it.

// publishMilestone tells the workload's owner a milestone was recorded.
// The milestone's name is what users write, and like every name it stays
// out of events as it stays out of the audit log.
func (s *Service) publishMilestone(ctx context.Context, tx wat.WebhookTx, w *wat.Workload, m *wat.Milestone) error {
	return s.publish(ctx, tx, w.AccountID, wat.EventMilestoneCreated, []string{w.ARN}, map[string]any{
		"workloadId": w.ID, "workloadArn": w.ARN, "milestoneNumber": m.Number,
	})
}

// publishEvidence tells the workload's owner a scan's evidence was
// uploaded to one of its lens reviews.
func (s *Service) publishEvidence(ctx context.Context, tx wat.WebhookTx, w *wat.Workload, ev *wat.Evidence, rules int) error {
	flagged := 0
	for _, c := range ev.Checks {
		if len(c.Flagged) > 0 {
			flagged++
		}
	}
	return s.publish(ctx, tx, w.AccountID, wat.EventEvidenceUploaded, []string{w.ARN}, map[string]any{
		"workloadId": w.ID, "workloadArn": w.ARN, "lensArn": ev.LensARN, "tool": ev.Tool,
		"rules": rules, "checks": len(ev.Checks), "flaggedChecks": flagged, "problems": len(ev.Problems),
	})
}

// publishLensUpgrade tells the owner of every workload reviewing l below
// version (a new major version) that an upgrade is available.
func (s *Service) publishLensUpgrade(ctx context.Context, tx wat.WebhookTx, l *wat.CustomLens, version string) error {
	reviewers, err := tx.ListLensReviewers(ctx, l.ARN)
	if err != nil {
		return err
	}
	for _, r := range reviewers {
		if r.LensVersion == version {
			continue
		}
		err := s.publish(ctx, tx, r.AccountID, wat.EventLensUpgradeAvailable, []string{r.WorkloadARN, l.ARN}, map[string]any{
			"workloadId": r.WorkloadID, "workloadArn": r.WorkloadARN, "lensArn": l.ARN,
			"currentLensVersion": r.LensVersion, "latestLensVersion": version,
		})
		if err != nil {
			return err
		}
	}
	return nil
}
