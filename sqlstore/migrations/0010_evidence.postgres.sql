-- Evidence of scans (0010_evidence.sqlite.sql is the SQLite one: keep them
-- alike). Each lens review has at most one evidence, the latest scan
-- uploaded for it, replaced whole by the next; it goes with its review (and
-- so with its workload and account). The columns lists are ordered by use
-- COLLATE "C", as in 0001; those of the keys to lens_reviews are as there.
CREATE TABLE evidence (
	workload_id text NOT NULL,
	lens_arn    text NOT NULL,
	-- The account whose user uploaded it.
	account_id  text NOT NULL,
	tool        text NOT NULL,
	-- JSON array of {File, Line, Message}: files the scan could not read.
	problems    text NOT NULL,
	updated_at  timestamptz NOT NULL,
	PRIMARY KEY (workload_id, lens_arn),
	FOREIGN KEY (workload_id, lens_arn) REFERENCES lens_reviews (workload_id, lens_arn) ON DELETE CASCADE
);

-- One row per rule and choice it is evidence for, in the order
-- ListCheckSummaries pages through: by choice, then rule.
CREATE TABLE evidence_checks (
	workload_id text NOT NULL,
	lens_arn    text NOT NULL,
	choice_id   text COLLATE "C" NOT NULL,
	rule_id     text COLLATE "C" NOT NULL,
	pillar_id   text NOT NULL,
	question_id text NOT NULL,
	title       text NOT NULL,
	description text NOT NULL,
	severity    text NOT NULL,
	passed      integer NOT NULL,
	-- JSON array of {Status, Name, Type, File, Line, Reason}: the resources
	-- that fail the rule or whose outcome is unknown.
	flagged     text NOT NULL,
	PRIMARY KEY (workload_id, lens_arn, choice_id, rule_id),
	FOREIGN KEY (workload_id, lens_arn) REFERENCES evidence (workload_id, lens_arn) ON DELETE CASCADE
);
