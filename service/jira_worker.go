package service

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/wat-dev/wat"
	"github.com/wat-dev/wat/jira"
)

// The worker that runs queued Jira syncs. It runs inside every `wat
// serve` (JiraWorkerLoop) and in tests synchronously (RunJiraSyncs). A
// workload's work is claimed under a lease in one transaction, synced
// with no transaction held, and ended in another: a worker killed in
// between leaves the work pending and leased, and once the lease runs out
// another worker claims it again. The sync itself is idempotent (every
// issue created is recorded at once), so a restart neither loses work nor
// doubles an issue.

// JiraWorker names a worker.
type JiraWorker struct {
	// ID tells the workers apart in leases: a replica's host and process.
	ID string
	// Lease is how long its claims hold without renewal (JiraSyncLease
	// when 0).
	Lease time.Duration
	// Jobs hears how each sync it ran ended (the metrics); nil for nobody.
	Jobs wat.JobCounter
}

// ended tells w.Jobs how a sync that returned err ended: a failure no
// retry mends leaves the queue, any other stays for a later try.
func (w JiraWorker) ended(err error) {
	switch {
	case w.Jobs == nil:
	case err == nil:
		w.Jobs.JobEnded(wat.QueueJiraSync, wat.JobCompleted)
	case unmendable(err):
		w.Jobs.JobEnded(wat.QueueJiraSync, wat.JobFailed)
	default:
		w.Jobs.JobEnded(wat.QueueJiraSync, wat.JobRetried)
	}
}

func (w JiraWorker) lease() time.Duration {
	if w.Lease > 0 {
		return w.Lease
	}
	return JiraSyncLease
}

// JiraSyncFailure is what a failed sync reports to JiraEvents.
type JiraSyncFailure struct {
	WorkloadID, AccountID string
	// Attempts counts the failed tries since the last success.
	Attempts int
	// Message says why, in words an operator can act on.
	Message string
	// NextAttempt is when the worker tries again; zero when it will not
	// (the work was dropped: issue management turned off, or a sync that
	// only reads Jira found issues deleted there).
	NextAttempt time.Time
	At          time.Time
}

// JiraEvents hears of the Jira sync's failures, inside the transaction
// that records one, so that an outbox of outgoing events can keep it with
// it (the "Jira sync failed" event). A failure it returns rolls the record
// back and is logged.
type JiraEvents interface {
	JiraSyncFailed(ctx context.Context, tx wat.Tx, f JiraSyncFailure) error
}

// SetJiraEvents sets who hears of the sync's failures: WireEvents sets
// the Service itself (the "Jira sync failed" event), as `wat serve` and
// internal/testserver do; a test may set its own. Nobody until then.
func (s *Service) SetJiraEvents(e JiraEvents) { s.jiraEvents = e }

// jiraBackoff is the wait before try attempts+1: 5 s doubled per failed
// try, at most an hour, and never less than a Retry-After Jira asked for.
func jiraBackoff(attempts int, err error) time.Duration {
	d := 5 * time.Second
	for i := 1; i < attempts && d < time.Hour; i++ {
		d *= 2
	}
	d = min(d, time.Hour)
	var je *jira.Error
	if errors.As(err, &je) && je.RetryAfter > d {
		d = min(je.RetryAfter, time.Hour)
	}
	return d
}

// RunJiraSyncs claims and runs queued syncs, and those whose lease ran
// out, until none is due; it returns how many it ran. A sync that fails
// is recorded and retried later, and does not stop the others.
func (s *Service) RunJiraSyncs(ctx context.Context, w JiraWorker) (int, error) {
	for n := 0; ; n++ {
		var job *wat.JiraSyncJob
		err := s.store.Update(ctx, func(tx wat.Tx) (err error) {
			now := s.nowUTC()
			job, err = tx.ClaimJiraSync(ctx, w.ID, now, now.Add(w.lease()))
			return err
		})
		if wat.ErrorCodeOf(err) == wat.ENotFound {
			return n, nil
		}
		if err != nil {
			return n, fmt.Errorf("RunJiraSyncs: %w", err)
		}
		run := syncRun{sys: true, push: job.Push}
		_, err = s.leasedSync(ctx, job, w.ID, w.lease(), run)
		if err != nil && ctx.Err() != nil {
			return n, ctx.Err()
		}
		w.ended(err)
	}
}

// JiraWorkerLoop runs RunJiraSyncs every interval, and ReconcileJira
// every reconcile (never when 0), until ctx ends, logging what fails.
func (s *Service) JiraWorkerLoop(ctx context.Context, w JiraWorker, every, reconcile time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	var nextReconcile time.Time
	if reconcile > 0 {
		nextReconcile = time.Now().Add(reconcile)
	}
	for {
		if reconcile > 0 && !time.Now().Before(nextReconcile) {
			if _, err := s.ReconcileJira(ctx, reconcile); err != nil && ctx.Err() == nil {
				s.log.Error("jira reconcile", "worker", w.ID, "err", err)
			}
			nextReconcile = time.Now().Add(reconcile)
		}
		if _, err := s.RunJiraSyncs(ctx, w); err != nil && ctx.Err() == nil {
			s.log.Error("jira sync worker", "worker", w.ID, "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// endJiraSync records how the sync of job under owner's lease ended and
// gives the lease back. Success covers the work requested up to the
// claim; a failure keeps it pending for a later try, except one that no
// try can mend (issue management off, no connection: the work is
// dropped, the reason kept). A sync that only reads and found issues
// deleted in Jira succeeds, and reports them as its error.
func (s *Service) endJiraSync(ctx context.Context, job *wat.JiraSyncJob, owner string, rep *JiraSyncReport, syncErr error) error {
	// The lease is given back even when the caller has gone or the server
	// is stopping, so that the next sync need not wait for it to run out;
	// a sync cut short that way is no failure of Jira's.
	cancelled := syncErr != nil && ctx.Err() != nil
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	return s.store.Update(ctx, func(tx wat.Tx) error {
		cur, err := tx.GetJiraSyncJob(ctx, job.WorkloadID)
		if wat.ErrorCodeOf(err) == wat.ENotFound {
			return nil // the workload was deleted meanwhile
		}
		if err != nil || cur.LeaseOwner != owner {
			return err // the lease was taken: the taker ends the work
		}
		now := s.nowUTC()
		cur.LeaseOwner, cur.LeaseUntil = "", time.Time{}
		f := JiraSyncFailure{WorkloadID: job.WorkloadID, At: now}
		switch {
		case cancelled:
			return tx.UpdateJiraSyncJob(ctx, cur)
		case syncErr == nil:
			cur.Done, cur.Attempts, cur.NotBefore, cur.LastSyncedAt = max(cur.Done, job.Requested), 0, time.Time{}, now
			cur.LastError, cur.LastErrorAt = "", time.Time{}
			if rep != nil && len(rep.Missing) > 0 {
				f.Message = fmt.Sprintf("issues deleted in Jira: %s; UpdateIntegration creates them again", strings.Join(rep.Missing, ", "))
			}
		case unmendable(syncErr):
			cur.Done, cur.Attempts, cur.NotBefore = max(cur.Done, job.Requested), 0, time.Time{}
			f.Message = syncMessage(syncErr)
		default:
			cur.Attempts = max(cur.Attempts, 1)
			cur.NotBefore = now.Add(jiraBackoff(cur.Attempts, syncErr))
			f.Message, f.NextAttempt = syncMessage(syncErr), cur.NotBefore
		}
		f.Attempts = cur.Attempts
		if f.Message != "" {
			cur.LastError, cur.LastErrorAt = f.Message, now
		}
		if err := tx.UpdateJiraSyncJob(ctx, cur); err != nil || f.Message == "" {
			return err
		}
		if syncErr != nil {
			s.log.Warn("jira sync failed", "workload", job.WorkloadID, "attempts", cur.Attempts, "next", cur.NotBefore, "err", syncErr)
		}
		return s.jiraSyncFailed(ctx, tx, f)
	})
}

// jiraSyncFailed publishes a failure: the hook of the "Jira sync failed"
// event (JiraEvents), inside the transaction that records it.
func (s *Service) jiraSyncFailed(ctx context.Context, tx wat.Tx, f JiraSyncFailure) error {
	if s.jiraEvents == nil {
		return nil
	}
	w, err := tx.GetWorkload(ctx, f.WorkloadID, false)
	if err != nil {
		return err
	}
	f.AccountID = w.AccountID
	return s.jiraEvents.JiraSyncFailed(ctx, tx, f)
}

// unmendable tells the errors of a sync no retry mends: the workload
// gone, or its settings refusing the sync (issue management off, the
// account not connected: loadSync's field errors, where Jira's refusals
// are ReasonOther). Work queued after they change is new work.
func unmendable(err error) bool {
	var we *wat.Error
	return errors.As(err, &we) && (we.Code == wat.ENotFound || we.Code == wat.EInvalid && we.Reason == wat.ReasonFieldValidationFailed)
}

// syncMessage is what the sync status shows of an error: a typed error's
// message (written for callers), a generic one otherwise.
func syncMessage(err error) string {
	var we *wat.Error
	if errors.As(err, &we) && we.Code != wat.EInternal {
		return we.Message
	}
	return "the sync failed; the server's log tells why"
}
