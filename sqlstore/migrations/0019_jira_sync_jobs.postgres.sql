-- The Jira sync's durable work (0019_jira_sync_jobs.sqlite.sql is the
-- other dialect's: keep them alike).

-- The secret a Jira webhook proves itself with, sealed with the master
-- key as the token is; empty for connections made before it existed
-- (their webhook is refused until `wat admin jira-connect` runs again).
ALTER TABLE jira_connections ADD COLUMN webhook_secret bytea NOT NULL DEFAULT ''::bytea;

-- One row per workload: the outbox of its sync work and its sync status.
-- A change of an AUTO workload bumps requested in the change's own
-- transaction; a worker claims the row under a lease (on PostgreSQL with
-- FOR UPDATE SKIP LOCKED), syncs, and sets done to the requested it
-- claimed, so a change made while it synced is synced again. The lease is
-- also what keeps two syncs of one workload apart, whoever runs them
-- (the worker or UpdateIntegration, on any replica). Times never set are
-- the zero time, as the domain's zero time.Time.
CREATE TABLE jira_sync_jobs (
	workload_id    text NOT NULL PRIMARY KEY REFERENCES workloads (id) ON DELETE CASCADE,
	requested      integer NOT NULL,
	done           integer NOT NULL,
	-- true when the work writes to Jira (AUTO), false when it only reads Jira's
	-- changes into wat (a webhook or reconcile of a MANUAL workload).
	push           boolean NOT NULL,
	reason         text NOT NULL,
	-- Backoff: no worker claims the work before then.
	not_before     timestamptz NOT NULL,
	attempts       integer NOT NULL,
	lease_owner    text NOT NULL,
	lease_until    timestamptz NOT NULL,
	last_synced_at timestamptz NOT NULL,
	last_error     text NOT NULL,
	last_error_at  timestamptz NOT NULL
);
-- The workers' search for work.
CREATE INDEX jira_sync_jobs_work ON jira_sync_jobs (not_before) WHERE requested > done;

-- A webhook names an issue: its workload is found by key.
CREATE INDEX jira_issues_key ON jira_issues (issue_key);
