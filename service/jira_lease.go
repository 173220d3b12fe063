package service

import (
	"context"
	"fmt"
	"time"

	"github.com/wat-dev/wat"
)

// One sync of a workload at a time: whoever syncs — UpdateIntegration or
// the worker, on any replica — holds the lease of the workload's
// jira_sync_jobs row for the sync's length, renewed while it runs. Two
// syncs of a workload at once could both find an issue missing and both
// create it.

// JiraSyncLease is how long a sync's lease holds without renewal; a sync
// renews it every third of that, so only a process that died (or lost the
// database) loses it, and another takes the workload after it runs out.
const JiraSyncLease = 2 * time.Minute

// jiraLeaseWait bounds how long UpdateIntegration waits for another sync
// of the workload to end before answering ConflictException.
const jiraLeaseWait = 50 * time.Second

// UpdateIntegration runs a sync of a workload with Jira (IntegratingService
// JIRA): Jira's changes are read first and applied to wat (a Sub-task done
// selects its practice), then wat's state is written to Jira (the Epic,
// a Task per question at risk in the selected pillars, a Sub-task per
// practice still to put in place, closing those now in place). A sync is
// idempotent: run again, it finds its issues and creates nothing twice,
// so the client request token needs no record. No transaction is held
// while Jira is called; each issue created is recorded at once, so a sync
// cut short leaves nothing a rerun would duplicate. It waits for a sync
// of the workload already running (the worker's, another call's) to end,
// and covers the AUTO work queued before it started.
func (s *Service) UpdateIntegration(ctx context.Context, workloadID string) (*JiraSyncReport, error) {
	run := syncRun{push: true}
	err := s.store.View(ctx, func(tx wat.Tx) error {
		_, err := s.syncWorkload(ctx, tx, workloadID, run, false)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("UpdateIntegration(%s): %w", workloadID, err)
	}
	owner := "UpdateIntegration/" + newID(8)
	job, err := s.waitJiraLease(ctx, workloadID, owner)
	if err != nil {
		return nil, fmt.Errorf("UpdateIntegration(%s): %w", workloadID, err)
	}
	rep, err := s.leasedSync(ctx, job, owner, JiraSyncLease, run)
	if err != nil {
		return nil, fmt.Errorf("UpdateIntegration(%s): %w", workloadID, err)
	}
	s.log.Info("jira sync", "workload", workloadID, "created", len(rep.Created), "recreated", rep.Recreated,
		"closed", len(rep.Closed), "reopened", len(rep.Reopened), "selected", rep.Selected, "unselected", rep.Unselected)
	return rep, nil
}

// waitJiraLease takes a workload's lease for owner, waiting while another
// sync holds it, up to jiraLeaseWait.
func (s *Service) waitJiraLease(ctx context.Context, workloadID, owner string) (*wat.JiraSyncJob, error) {
	deadline := time.Now().Add(jiraLeaseWait)
	pause := 50 * time.Millisecond
	for {
		var job *wat.JiraSyncJob
		err := s.store.Update(ctx, func(tx wat.Tx) (err error) {
			now := s.nowUTC()
			job, err = tx.LeaseJiraSync(ctx, workloadID, owner, now, now.Add(JiraSyncLease))
			return err
		})
		if wat.ErrorCodeOf(err) != wat.EConflict || time.Now().After(deadline) {
			return job, err
		}
		t := time.NewTimer(pause)
		select {
		case <-ctx.Done():
			t.Stop()
			return nil, ctx.Err()
		case <-t.C:
		}
		pause = min(2*pause, time.Second)
	}
}

// leasedSync runs a sync under the lease owner holds on job's workload,
// renewing it meanwhile, and ends it: the work job had asked for is done
// on success; on failure the next try waits (backoff) and the error is
// recorded, and published (jiraSyncFailed). The lease is given back either
// way. A sync whose lease was taken from it (its renewals failed past the
// lease) is cancelled.
func (s *Service) leasedSync(ctx context.Context, job *wat.JiraSyncJob, owner string, lease time.Duration, run syncRun) (*JiraSyncReport, error) {
	sctx, cancel := context.WithCancel(ctx)
	defer cancel()
	renewed := make(chan struct{})
	go func() {
		defer close(renewed)
		s.renewJiraLease(sctx, cancel, job.WorkloadID, owner, lease)
	}()
	rep, err := s.syncJira(sctx, job.WorkloadID, run)
	cancel()
	<-renewed
	if ferr := s.endJiraSync(ctx, job, owner, rep, err); ferr != nil && err == nil {
		err = ferr
	}
	return rep, err
}

// renewJiraLease extends a lease every third of its length until ctx
// ends; when the lease cannot be kept (another owner has it, or the
// database stayed unreachable until it ran out), it cancels the sync.
func (s *Service) renewJiraLease(ctx context.Context, cancel context.CancelFunc, workloadID, owner string, lease time.Duration) {
	t := time.NewTicker(lease / 3)
	defer t.Stop()
	held := time.Now().Add(lease)
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		err := s.store.Update(ctx, func(tx wat.Tx) error {
			now := s.nowUTC()
			_, err := tx.LeaseJiraSync(ctx, workloadID, owner, now, now.Add(lease))
			return err
		})
		switch {
		case err == nil:
			held = time.Now().Add(lease)
		case ctx.Err() != nil:
			return
		case wat.ErrorCodeOf(err) == wat.EConflict || time.Now().After(held):
			s.log.Error("jira sync: lost the workload's lease; stopping the sync", "workload", workloadID, "owner", owner, "err", err)
			cancel()
			return
		default:
			s.log.Warn("jira sync: renewing the workload's lease", "workload", workloadID, "err", err)
		}
	}
}
