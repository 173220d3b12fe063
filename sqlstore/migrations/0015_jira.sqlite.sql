-- The Jira integration (0015_jira.postgres.sql is the PostgreSQL one: keep
-- them alike). An account connects at most one Jira site; its settings,
-- and its workloads' own, say whether and where their issues are kept;
-- jira_issues remembers which issue each part of a workload is kept in, so
-- a sync finds them again instead of creating them twice.
CREATE TABLE jira_connections (
	account_id TEXT NOT NULL PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
	url        TEXT NOT NULL,
	-- CLOUD or DATA_CENTER.
	flavor     TEXT NOT NULL,
	email      TEXT NOT NULL,
	-- The token sealed with the master key, as access_keys.secret is.
	token      BLOB NOT NULL,
	created_at TEXT NOT NULL
) STRICT;

CREATE TABLE jira_account_settings (
	account_id       TEXT NOT NULL PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
	issue_management TEXT NOT NULL,
	sync_type        TEXT NOT NULL,
	project_key      TEXT NOT NULL,
	updated_at       TEXT NOT NULL
) STRICT;

CREATE TABLE jira_workload_settings (
	workload_id      TEXT NOT NULL PRIMARY KEY REFERENCES workloads (id) ON DELETE CASCADE,
	issue_management TEXT NOT NULL,
	-- '' follows the account's.
	sync_type        TEXT NOT NULL,
	project_key      TEXT NOT NULL,
	updated_at       TEXT NOT NULL
) STRICT;

-- A lens review's selected pillars and questions: JSON array of
-- {PillarID, QuestionIDs}.
CREATE TABLE jira_selections (
	workload_id TEXT NOT NULL,
	lens_arn    TEXT NOT NULL,
	pillars     TEXT NOT NULL,
	PRIMARY KEY (workload_id, lens_arn),
	FOREIGN KEY (workload_id, lens_arn) REFERENCES lens_reviews (workload_id, lens_arn) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;

-- lens_arn, question_id and choice_id are '' above the level the row is
-- for: all three for the workload's Epic, choice_id for a question's Task.
CREATE TABLE jira_issues (
	workload_id TEXT NOT NULL REFERENCES workloads (id) ON DELETE CASCADE,
	lens_arn    TEXT NOT NULL,
	question_id TEXT NOT NULL,
	choice_id   TEXT NOT NULL,
	project_key TEXT NOT NULL,
	issue_key   TEXT NOT NULL,
	issue_id    TEXT NOT NULL,
	url         TEXT NOT NULL,
	done        INTEGER NOT NULL,
	fingerprint TEXT NOT NULL,
	synced_at   TEXT NOT NULL,
	PRIMARY KEY (workload_id, lens_arn, question_id, choice_id)
) STRICT, WITHOUT ROWID;
