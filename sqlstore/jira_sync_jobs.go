package sqlstore

import (
	"context"
	"time"

	"github.com/wat-dev/wat"
)

// The Jira sync's outbox: one row per workload, its work counted by
// requested and done, claimed under a lease (0019_jira_sync_jobs).

const jiraSyncColumns = `workload_id, requested, done, push, reason, not_before, attempts, lease_owner, lease_until,
	last_synced_at, last_error, last_error_at`

func jiraSyncNotFound(workloadID string) *wat.Error {
	return wat.NotFound("JIRA_SYNC", workloadID, "Nothing was ever asked of the Jira sync of workload %s", workloadID)
}

// EnqueueJiraSync bumps a workload's requested count, inserting its row
// the first time, and starts its waiting_since (the metrics' age) when
// nothing was pending. Every right-hand side reads the row as it was, on both
// databases: pending work that pushes keeps pushing, and a backoff under
// way (attempts > 0) keeps its time, so a burst of changes during a Jira
// outage does not hammer it.
func (t *tx) EnqueueJiraSync(ctx context.Context, workloadID string, push bool, reason string, now time.Time) error {
	zero := timeValue(time.Time{})
	_, err := t.exec(ctx, `INSERT INTO jira_sync_jobs (`+jiraSyncColumns+`, waiting_since)
		VALUES (?, 1, 0, ?, ?, ?, 0, '', ?, ?, '', ?, ?)
		ON CONFLICT (workload_id) DO UPDATE SET
			push = CASE WHEN jira_sync_jobs.requested > jira_sync_jobs.done THEN (jira_sync_jobs.push OR excluded.push)
				ELSE excluded.push END,
			requested = jira_sync_jobs.requested + 1,
			reason = excluded.reason,
			not_before = CASE WHEN jira_sync_jobs.attempts > 0 THEN jira_sync_jobs.not_before ELSE excluded.not_before END,
			waiting_since = CASE WHEN jira_sync_jobs.requested > jira_sync_jobs.done THEN jira_sync_jobs.waiting_since
				ELSE excluded.waiting_since END`,
		workloadID, push, reason, timeValue(now), zero, zero, zero, timeValue(now))
	if err != nil {
		return fail("EnqueueJiraSync", workloadID, err, outcomes{parent: workloadNotFound(workloadID)})
	}
	return nil
}

// ClaimJiraSync takes the work waiting longest. On PostgreSQL the row is
// locked with SKIP LOCKED, so that another replica looking at the same
// moment takes the next workload instead of waiting; on SQLite the
// transaction runs on the single writer, which serialises claims.
func (t *tx) ClaimJiraSync(ctx context.Context, owner string, now, leaseUntil time.Time) (*wat.JiraSyncJob, error) {
	q := `SELECT ` + jiraSyncColumns + ` FROM jira_sync_jobs
		WHERE requested > done AND not_before <= ? AND lease_until < ?
		ORDER BY not_before, workload_id LIMIT 1`
	if t.db.dialect.name == "postgres" {
		q += ` FOR UPDATE SKIP LOCKED`
	}
	j, err := scanJiraSync(t.queryRow(ctx, q, timeValue(now), timeValue(now)))
	if err != nil {
		return nil, fail("ClaimJiraSync", owner, err, outcomes{missing: wat.NotFound("JIRA_SYNC", "", "No Jira sync is waiting")})
	}
	j.LeaseOwner, j.LeaseUntil = owner, storedTime(leaseUntil)
	j.Attempts++
	if err := t.UpdateJiraSyncJob(ctx, j); err != nil {
		return nil, err
	}
	return j, nil
}

// LeaseJiraSync takes or extends a workload's lease. The row is created
// first when missing (ON CONFLICT DO NOTHING), then read locked (FOR
// UPDATE on PostgreSQL; SQLite's single writer serialises), so that two
// transactions asking at once see each other's lease.
func (t *tx) LeaseJiraSync(ctx context.Context, workloadID, owner string, now, leaseUntil time.Time) (*wat.JiraSyncJob, error) {
	zero := timeValue(time.Time{})
	_, err := t.exec(ctx, `INSERT INTO jira_sync_jobs (`+jiraSyncColumns+`)
		VALUES (?, 0, 0, ?, '', ?, 0, '', ?, ?, '', ?) ON CONFLICT (workload_id) DO NOTHING`,
		workloadID, false, zero, zero, zero, zero)
	if err != nil {
		return nil, fail("LeaseJiraSync", workloadID, err, outcomes{parent: workloadNotFound(workloadID)})
	}
	q := `SELECT ` + jiraSyncColumns + ` FROM jira_sync_jobs WHERE workload_id = ?`
	if t.db.dialect.name == "postgres" {
		q += ` FOR UPDATE`
	}
	j, err := scanJiraSync(t.queryRow(ctx, q, workloadID))
	if err != nil {
		return nil, fail("LeaseJiraSync", workloadID, err, outcomes{missing: jiraSyncNotFound(workloadID)})
	}
	if j.LeaseOwner != "" && j.LeaseOwner != owner && !j.LeaseUntil.Before(storedTime(now)) {
		return nil, wat.Conflict("JIRA_SYNC", workloadID, "A sync of workload %s with Jira is running: try again when it ends", workloadID)
	}
	j.LeaseOwner, j.LeaseUntil = owner, storedTime(leaseUntil)
	if err := t.UpdateJiraSyncJob(ctx, j); err != nil {
		return nil, err
	}
	return j, nil
}

// GetJiraSyncJob returns a workload's row.
func (t *tx) GetJiraSyncJob(ctx context.Context, workloadID string) (*wat.JiraSyncJob, error) {
	j, err := scanJiraSync(t.queryRow(ctx, `SELECT `+jiraSyncColumns+` FROM jira_sync_jobs WHERE workload_id = ?`, workloadID))
	if err != nil {
		return nil, fail("GetJiraSyncJob", workloadID, err, outcomes{missing: jiraSyncNotFound(workloadID)})
	}
	return j, nil
}

// UpdateJiraSyncJob writes a row back. Requested, push and reason are
// left alone: they are the requesters', and one may have asked for more
// while the sync ran. Work all done clears waiting_since, so that a
// request of an older binary (which does not set it) ages from not_before.
func (t *tx) UpdateJiraSyncJob(ctx context.Context, j *wat.JiraSyncJob) error {
	res, err := t.exec(ctx, `UPDATE jira_sync_jobs SET done = ?, not_before = ?, attempts = ?, lease_owner = ?,
			lease_until = ?, last_synced_at = ?, last_error = ?, last_error_at = ?,
			waiting_since = CASE WHEN requested > ? THEN waiting_since ELSE ? END
		WHERE workload_id = ?`,
		j.Done, timeValue(j.NotBefore), j.Attempts, j.LeaseOwner, timeValue(j.LeaseUntil), timeValue(j.LastSyncedAt),
		j.LastError, timeValue(j.LastErrorAt), j.Done, timeValue(time.Time{}), j.WorkloadID)
	if err == nil {
		err = mustAffect(res)
	}
	if err != nil {
		return fail("UpdateJiraSyncJob", j.WorkloadID, err, outcomes{missing: jiraSyncNotFound(j.WorkloadID)})
	}
	return nil
}

func scanJiraSync(s scanner) (*wat.JiraSyncJob, error) {
	var j wat.JiraSyncJob
	err := s.Scan(&j.WorkloadID, &j.Requested, &j.Done, &j.Push, &j.Reason, timeScanner{&j.NotBefore}, &j.Attempts,
		&j.LeaseOwner, timeScanner{&j.LeaseUntil}, timeScanner{&j.LastSyncedAt}, &j.LastError, timeScanner{&j.LastErrorAt})
	if err != nil {
		return nil, err
	}
	return &j, nil
}
