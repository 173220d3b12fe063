-- wat's tables, SQLite edition (0001_create_tables.postgres.sql is the
-- PostgreSQL one: keep them alike).
--
-- Times are UTC text 'YYYY-MM-DDTHH:MM:SS.ffffffZ': fixed width, so they sort.
-- Lists and maps are JSON text; empty ones are '[]' and '{}'.
-- Child rows go with their parent (ON DELETE CASCADE), and every foreign key
-- leads its table's primary key or an index, so a cascade never scans.

CREATE TABLE accounts (
	id         TEXT NOT NULL PRIMARY KEY,
	name       TEXT NOT NULL,
	created_at TEXT NOT NULL
) STRICT;

CREATE TABLE users (
	account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
	name       TEXT NOT NULL,
	arn        TEXT NOT NULL,
	is_admin   INTEGER NOT NULL,
	created_at TEXT NOT NULL,
	PRIMARY KEY (account_id, name)
) STRICT;

CREATE TABLE access_keys (
	id         TEXT NOT NULL PRIMARY KEY,
	account_id TEXT NOT NULL,
	user_name  TEXT NOT NULL,
	-- AES-256-GCM under the master key: version byte, nonce, ciphertext, tag.
	secret     BLOB NOT NULL,
	active     INTEGER NOT NULL,
	created_at TEXT NOT NULL,
	FOREIGN KEY (account_id, user_name) REFERENCES users (account_id, name) ON DELETE CASCADE
) STRICT;

CREATE INDEX access_keys_user ON access_keys (account_id, user_name);

CREATE TABLE workloads (
	id                   TEXT NOT NULL PRIMARY KEY,
	account_id           TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
	arn                  TEXT NOT NULL,
	name                 TEXT NOT NULL,
	-- wat.NameKey(name): what name uniqueness and list order go by.
	name_key             TEXT NOT NULL,
	-- The name lowercased in Go, for prefix search: the same on both
	-- databases whatever their locale.
	name_lower           TEXT NOT NULL,
	description          TEXT NOT NULL,
	environment          TEXT NOT NULL,
	account_ids          TEXT NOT NULL,
	aws_regions          TEXT NOT NULL,
	non_aws_regions      TEXT NOT NULL,
	architectural_design TEXT NOT NULL,
	review_owner         TEXT NOT NULL,
	is_review_owner_update_acknowledged INTEGER NOT NULL,
	industry_type        TEXT NOT NULL,
	industry             TEXT NOT NULL,
	pillar_priorities    TEXT NOT NULL,
	notes                TEXT NOT NULL,
	improvement_status   TEXT NOT NULL,
	applications         TEXT NOT NULL,
	-- JSON object, or 'null' when the workload has none.
	discovery_config     TEXT NOT NULL,
	lenses               TEXT NOT NULL,
	tags                 TEXT NOT NULL,
	created_at           TEXT NOT NULL,
	updated_at           TEXT NOT NULL,
	UNIQUE (account_id, name_key)
) STRICT;

CREATE TABLE lens_reviews (
	workload_id  TEXT NOT NULL REFERENCES workloads (id) ON DELETE CASCADE,
	lens_arn     TEXT NOT NULL,
	lens_version TEXT NOT NULL,
	notes        TEXT NOT NULL,
	pillar_notes TEXT NOT NULL,
	updated_at   TEXT NOT NULL,
	PRIMARY KEY (workload_id, lens_arn)
) STRICT, WITHOUT ROWID;

-- The hot table: one compact row per answered question, stored in key order
-- (WITHOUT ROWID) so that the answers of a review are read together.
CREATE TABLE answers (
	workload_id      TEXT NOT NULL,
	lens_arn         TEXT NOT NULL,
	question_id      TEXT NOT NULL,
	selected_choices TEXT NOT NULL,
	-- Choice id -> {status, reason, notes}, only for the choices that carry
	-- more than "selected" or "unselected".
	choices          TEXT NOT NULL,
	is_applicable    INTEGER NOT NULL,
	reason           TEXT NOT NULL,
	notes            TEXT NOT NULL,
	updated_at       TEXT NOT NULL,
	PRIMARY KEY (workload_id, lens_arn, question_id),
	FOREIGN KEY (workload_id, lens_arn) REFERENCES lens_reviews (workload_id, lens_arn) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;

CREATE TABLE milestones (
	workload_id TEXT NOT NULL REFERENCES workloads (id) ON DELETE CASCADE,
	number      INTEGER NOT NULL,
	name        TEXT NOT NULL,
	name_key    TEXT NOT NULL,
	recorded_at TEXT NOT NULL,
	-- JSON: the workload, its lens reviews and its answers when recorded.
	snapshot    TEXT NOT NULL,
	PRIMARY KEY (workload_id, number),
	UNIQUE (workload_id, name_key)
) STRICT;

CREATE TABLE idempotency (
	account_id  TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
	operation   TEXT NOT NULL,
	token       TEXT NOT NULL,
	fingerprint TEXT NOT NULL,
	result      TEXT NOT NULL,
	created_at  TEXT NOT NULL,
	PRIMARY KEY (account_id, operation, token)
) STRICT;
