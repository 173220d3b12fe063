package service

import (
	"context"
	"fmt"
	"time"

	"github.com/wat-dev/wat"
)

// Who asks for sync work, as jira_sync_jobs.reason records it.
const (
	jiraReasonChange    = "change"
	jiraReasonWebhook   = "webhook"
	jiraReasonReconcile = "reconcile"
)

// jiraPlanOf resolves w's Jira settings over its account's and tells
// whether the account is connected, in one statement: every write of
// answers asks (jiraQueuePlan), on SQLite on the one writer goroutine.
func jiraPlanOf(ctx context.Context, tx wat.Tx, w *wat.Workload) (plan jiraPlan, connected bool, err error) {
	ws, as, connected, err := tx.GetJiraPlanSettings(ctx, w.ID, w.AccountID)
	if err != nil {
		return jiraPlan{}, false, err
	}
	return resolveJira(as, ws), connected, nil
}

// jiraQueuePlan is what a workload's settings say of queued work: none
// (off, or its account not connected), a push (AUTO) or a read of Jira's
// changes alone (MANUAL).
func (s *Service) jiraQueuePlan(ctx context.Context, tx wat.Tx, w *wat.Workload) (queue, push bool, err error) {
	plan, connected, err := jiraPlanOf(ctx, tx, w)
	if err != nil {
		return false, false, err
	}
	queue, push = jiraQueueOf(plan, connected)
	return queue, push, nil
}

// jiraQueueOf is what jiraQueuePlan says of a plan already read.
func jiraQueueOf(plan jiraPlan, connected bool) (queue, push bool) {
	if !connected || !plan.enabled {
		return false, false
	}
	return true, plan.syncType == wat.JiraAuto
}

// enqueueJiraChange queues a sync of w after a change made in tx (its
// answers, notes, Jira selection, name, lens reviews), when w syncs
// AUTO: in the change's own transaction, so that a change committed is a
// change synced, whatever crashes after.
func (s *Service) enqueueJiraChange(ctx context.Context, tx wat.Tx, w *wat.Workload) error {
	plan, connected, err := jiraPlanOf(ctx, tx, w)
	if err != nil {
		return err
	}
	return s.enqueueJiraPlanned(ctx, tx, w, plan, connected)
}

// enqueueJiraPlanned is enqueueJiraChange for a caller that read w's plan
// with the rest of its change (wat.AnswerChange): the change writes none
// of w's Jira settings, so the plan read before its writes is the plan
// after them.
func (s *Service) enqueueJiraPlanned(ctx context.Context, tx wat.Tx, w *wat.Workload, plan jiraPlan, connected bool) error {
	if queue, push := jiraQueueOf(plan, connected); !queue || !push {
		return nil
	}
	return tx.EnqueueJiraSync(ctx, w.ID, true, jiraReasonChange, s.nowUTC())
}

// ReconcileJira queues a sync of every workload kept in Jira that no sync
// covered for half of every (so that the replicas, each reconciling, do
// not add up): a push for AUTO workloads, a read of Jira's changes for
// MANUAL ones. It catches what webhooks missed, and issues deleted in
// Jira (created again by a push, reported by a read). It returns how many
// it queued.
func (s *Service) ReconcileJira(ctx context.Context, every time.Duration) (int, error) {
	var ids []string
	err := s.store.View(ctx, func(tx wat.Tx) (err error) {
		ids, err = tx.ListJiraLinkedWorkloads(ctx)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("ReconcileJira: %w", err)
	}
	n := 0
	for _, id := range ids {
		queued := false
		err := s.store.Update(ctx, func(tx wat.Tx) error {
			queued = false
			now := s.nowUTC()
			switch j, err := tx.GetJiraSyncJob(ctx, id); {
			case err == nil && (j.Pending() || now.Sub(j.LastSyncedAt) < every/2):
				return nil
			case err != nil && wat.ErrorCodeOf(err) != wat.ENotFound:
				return err
			}
			w, err := tx.GetWorkload(ctx, id, false)
			if wat.ErrorCodeOf(err) == wat.ENotFound {
				return nil
			}
			if err != nil {
				return err
			}
			queue, push, err := s.jiraQueuePlan(ctx, tx, w)
			if err != nil || !queue {
				return err
			}
			queued = true
			return tx.EnqueueJiraSync(ctx, id, push, jiraReasonReconcile, now)
		})
		if err != nil {
			return n, fmt.Errorf("ReconcileJira(%s): %w", id, err)
		}
		if queued {
			n++
		}
	}
	return n, nil
}

// JiraSyncStatus returns a workload's sync status — when a sync last
// succeeded, the last failure, work pending and its next try — to a
// caller who may read the workload (GetJiraSyncStatus); a zero status when no
// sync was ever asked of it.
func (s *Service) JiraSyncStatus(ctx context.Context, workloadID string) (*wat.JiraSyncJob, error) {
	var j *wat.JiraSyncJob
	err := s.store.View(ctx, func(tx wat.Tx) error {
		w, err := s.readableWorkload(ctx, tx, act("GetJiraSyncStatus"), workloadID)
		if err != nil {
			return err
		}
		j, err = tx.GetJiraSyncJob(ctx, w.ID)
		if wat.ErrorCodeOf(err) == wat.ENotFound {
			j, err = &wat.JiraSyncJob{WorkloadID: w.ID}, nil
		}
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("JiraSyncStatus(%s): %w", workloadID, err)
	}
	return j, nil
}
