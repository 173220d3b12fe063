-- Evidence of scans (0010_evidence.postgres.sql is the PostgreSQL one: keep
-- them alike). Each lens review has at most one evidence, the latest scan
-- uploaded for it, replaced whole by the next; it goes with its review (and
-- so with its workload and account).
CREATE TABLE evidence (
	workload_id TEXT NOT NULL,
	lens_arn    TEXT NOT NULL,
	-- The account whose user uploaded it.
	account_id  TEXT NOT NULL,
	tool        TEXT NOT NULL,
	-- JSON array of {File, Line, Message}: files the scan could not read.
	problems    TEXT NOT NULL,
	updated_at  TEXT NOT NULL,
	PRIMARY KEY (workload_id, lens_arn),
	FOREIGN KEY (workload_id, lens_arn) REFERENCES lens_reviews (workload_id, lens_arn) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;

-- One row per rule and choice it is evidence for, in the order
-- ListCheckSummaries pages through: by choice, then rule.
CREATE TABLE evidence_checks (
	workload_id TEXT NOT NULL,
	lens_arn    TEXT NOT NULL,
	choice_id   TEXT NOT NULL,
	rule_id     TEXT NOT NULL,
	pillar_id   TEXT NOT NULL,
	question_id TEXT NOT NULL,
	title       TEXT NOT NULL,
	description TEXT NOT NULL,
	severity    TEXT NOT NULL,
	passed      INTEGER NOT NULL,
	-- JSON array of {Status, Name, Type, File, Line, Reason}: the resources
	-- that fail the rule or whose outcome is unknown.
	flagged     TEXT NOT NULL,
	PRIMARY KEY (workload_id, lens_arn, choice_id, rule_id),
	FOREIGN KEY (workload_id, lens_arn) REFERENCES evidence (workload_id, lens_arn) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;
