-- wat's tables, PostgreSQL edition (0001_create_tables.sqlite.sql is the
-- SQLite one: keep them alike).
--
-- Lists and maps are JSON text (not jsonb: the store reads them whole and
-- never queries inside them); empty ones are '[]' and '{}'.
-- Keys that lists are ordered by use COLLATE "C": byte order, as in SQLite,
-- whatever the database's locale.
-- Child rows go with their parent (ON DELETE CASCADE), and every foreign key
-- leads its table's primary key or an index, so a cascade never scans.

CREATE TABLE accounts (
	id         text NOT NULL PRIMARY KEY,
	name       text NOT NULL,
	created_at timestamptz NOT NULL
);

CREATE TABLE users (
	account_id text NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
	name       text NOT NULL,
	arn        text NOT NULL,
	is_admin   boolean NOT NULL,
	created_at timestamptz NOT NULL,
	PRIMARY KEY (account_id, name)
);

CREATE TABLE access_keys (
	id         text NOT NULL PRIMARY KEY,
	account_id text NOT NULL,
	user_name  text NOT NULL,
	-- AES-256-GCM under the master key: version byte, nonce, ciphertext, tag.
	secret     bytea NOT NULL,
	active     boolean NOT NULL,
	created_at timestamptz NOT NULL,
	FOREIGN KEY (account_id, user_name) REFERENCES users (account_id, name) ON DELETE CASCADE
);

CREATE INDEX access_keys_user ON access_keys (account_id, user_name);

CREATE TABLE workloads (
	id                   text COLLATE "C" NOT NULL PRIMARY KEY,
	account_id           text NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
	arn                  text NOT NULL,
	name                 text NOT NULL,
	-- wat.NameKey(name): what name uniqueness and list order go by.
	name_key             text COLLATE "C" NOT NULL,
	-- The name lowercased in Go, for prefix search: the same on both
	-- databases whatever their locale.
	name_lower           text COLLATE "C" NOT NULL,
	description          text NOT NULL,
	environment          text NOT NULL,
	account_ids          text NOT NULL,
	aws_regions          text NOT NULL,
	non_aws_regions      text NOT NULL,
	architectural_design text NOT NULL,
	review_owner         text NOT NULL,
	is_review_owner_update_acknowledged boolean NOT NULL,
	industry_type        text NOT NULL,
	industry             text NOT NULL,
	pillar_priorities    text NOT NULL,
	notes                text NOT NULL,
	improvement_status   text NOT NULL,
	applications         text NOT NULL,
	-- JSON object, or 'null' when the workload has none.
	discovery_config     text NOT NULL,
	lenses               text NOT NULL,
	tags                 text NOT NULL,
	created_at           timestamptz NOT NULL,
	updated_at           timestamptz NOT NULL,
	UNIQUE (account_id, name_key)
);

CREATE TABLE lens_reviews (
	workload_id  text NOT NULL REFERENCES workloads (id) ON DELETE CASCADE,
	lens_arn     text NOT NULL,
	lens_version text NOT NULL,
	notes        text NOT NULL,
	pillar_notes text NOT NULL,
	updated_at   timestamptz NOT NULL,
	PRIMARY KEY (workload_id, lens_arn)
);

-- The hot table: one compact row per answered question.
CREATE TABLE answers (
	workload_id      text NOT NULL,
	lens_arn         text NOT NULL,
	question_id      text NOT NULL,
	selected_choices text NOT NULL,
	-- Choice id -> {status, reason, notes}, only for the choices that carry
	-- more than "selected" or "unselected".
	choices          text NOT NULL,
	is_applicable    boolean NOT NULL,
	reason           text NOT NULL,
	notes            text NOT NULL,
	updated_at       timestamptz NOT NULL,
	PRIMARY KEY (workload_id, lens_arn, question_id),
	FOREIGN KEY (workload_id, lens_arn) REFERENCES lens_reviews (workload_id, lens_arn) ON DELETE CASCADE
);

CREATE TABLE milestones (
	workload_id text NOT NULL REFERENCES workloads (id) ON DELETE CASCADE,
	number      integer NOT NULL,
	name        text NOT NULL,
	name_key    text NOT NULL,
	recorded_at timestamptz NOT NULL,
	-- JSON: the workload, its lens reviews and its answers when recorded.
	snapshot    text NOT NULL,
	PRIMARY KEY (workload_id, number),
	UNIQUE (workload_id, name_key)
);

CREATE TABLE idempotency (
	account_id  text NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
	operation   text NOT NULL,
	token       text NOT NULL,
	fingerprint text NOT NULL,
	result      text NOT NULL,
	created_at  timestamptz NOT NULL,
	PRIMARY KEY (account_id, operation, token)
);
