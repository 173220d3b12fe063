-- The Jira sync's durable work (0019_jira_sync_jobs.postgres.sql is the
-- other dialect's: keep them alike).

-- The secret a Jira webhook proves itself with, sealed with the master
-- key as the token is; empty for connections made before it existed
-- (their webhook is refused until `wat admin jira-connect` runs again).
ALTER TABLE jira_connections ADD COLUMN webhook_secret BLOB NOT NULL DEFAULT x'';

-- One row per workload: the outbox of its sync work and its sync status.
-- A change of an AUTO workload bumps requested in the change's own
-- transaction; a worker claims the row under a lease (on PostgreSQL with
-- FOR UPDATE SKIP LOCKED), syncs, and sets done to the requested it
-- claimed, so a change made while it synced is synced again. The lease is
-- also what keeps two syncs of one workload apart, whoever runs them
-- (the worker or UpdateIntegration, on any replica). Times never set are
-- the zero time, as the domain's zero time.Time.
CREATE TABLE jira_sync_jobs (
	workload_id    TEXT NOT NULL PRIMARY KEY REFERENCES workloads (id) ON DELETE CASCADE,
	requested      INTEGER NOT NULL,
	done           INTEGER NOT NULL,
	-- 1 when the work writes to Jira (AUTO), 0 when it only reads Jira's
	-- changes into wat (a webhook or reconcile of a MANUAL workload).
	push           INTEGER NOT NULL,
	reason         TEXT NOT NULL,
	-- Backoff: no worker claims the work before then.
	not_before     TEXT NOT NULL,
	attempts       INTEGER NOT NULL,
	lease_owner    TEXT NOT NULL,
	lease_until    TEXT NOT NULL,
	last_synced_at TEXT NOT NULL,
	last_error     TEXT NOT NULL,
	last_error_at  TEXT NOT NULL
) STRICT;
-- The workers' search for work.
CREATE INDEX jira_sync_jobs_work ON jira_sync_jobs (not_before) WHERE requested > done;

-- A webhook names an issue: its workload is found by key.
CREATE INDEX jira_issues_key ON jira_issues (issue_key);
