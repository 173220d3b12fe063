-- The Jira integration (0015_jira.sqlite.sql is the SQLite one: keep them
-- alike). An account connects at most one Jira site; its settings, and its
-- workloads' own, say whether and where their issues are kept; jira_issues
-- remembers which issue each part of a workload is kept in, so a sync
-- finds them again instead of creating them twice. Keys are COLLATE "C",
-- as in 0001, so rows list in the same order on both databases.
CREATE TABLE jira_connections (
	account_id text NOT NULL PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
	url        text NOT NULL,
	-- CLOUD or DATA_CENTER.
	flavor     text NOT NULL,
	email      text NOT NULL,
	-- The token sealed with the master key, as access_keys.secret is.
	token      bytea NOT NULL,
	created_at timestamptz NOT NULL
);

CREATE TABLE jira_account_settings (
	account_id       text NOT NULL PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
	issue_management text NOT NULL,
	sync_type        text NOT NULL,
	project_key      text NOT NULL,
	updated_at       timestamptz NOT NULL
);

CREATE TABLE jira_workload_settings (
	workload_id      text NOT NULL PRIMARY KEY REFERENCES workloads (id) ON DELETE CASCADE,
	issue_management text NOT NULL,
	-- '' follows the account's.
	sync_type        text NOT NULL,
	project_key      text NOT NULL,
	updated_at       timestamptz NOT NULL
);

-- A lens review's selected pillars and questions: JSON array of
-- {PillarID, QuestionIDs}.
CREATE TABLE jira_selections (
	workload_id text NOT NULL,
	lens_arn    text NOT NULL,
	pillars     text NOT NULL,
	PRIMARY KEY (workload_id, lens_arn),
	FOREIGN KEY (workload_id, lens_arn) REFERENCES lens_reviews (workload_id, lens_arn) ON DELETE CASCADE
);

-- lens_arn, question_id and choice_id are '' above the level the row is
-- for: all three for the workload's Epic, choice_id for a question's Task.
CREATE TABLE jira_issues (
	workload_id text NOT NULL REFERENCES workloads (id) ON DELETE CASCADE,
	lens_arn    text COLLATE "C" NOT NULL,
	question_id text COLLATE "C" NOT NULL,
	choice_id   text COLLATE "C" NOT NULL,
	project_key text NOT NULL,
	issue_key   text NOT NULL,
	issue_id    text NOT NULL,
	url         text NOT NULL,
	done        boolean NOT NULL,
	fingerprint text NOT NULL,
	synced_at   timestamptz NOT NULL,
	PRIMARY KEY (workload_id, lens_arn, question_id, choice_id)
);
