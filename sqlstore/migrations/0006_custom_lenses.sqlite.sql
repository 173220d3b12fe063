-- Custom lenses (0006_custom_lenses.postgres.sql is the PostgreSQL one:
-- keep them alike). A lens belongs to its account and goes with it; its
-- versions go with the lens. A deleted lens keeps its row (deleted = 1):
-- workloads that use it still read its versions. The shares of a lens are
-- made by its owner, so they go with the account by the cascade of
-- shares.owner_account_id.
CREATE TABLE custom_lenses (
	arn            TEXT NOT NULL PRIMARY KEY,
	account_id     TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
	name           TEXT NOT NULL,
	description    TEXT NOT NULL,
	-- The newest published version; '' while the lens has only a draft.
	latest_version TEXT NOT NULL,
	has_draft      INTEGER NOT NULL,
	deleted        INTEGER NOT NULL,
	tags           TEXT NOT NULL,
	created_at     TEXT NOT NULL,
	updated_at     TEXT NOT NULL
) STRICT;
-- ListCustomLenses, in ARN order, and the cascade from accounts.
CREATE INDEX custom_lenses_account ON custom_lenses (account_id, arn);

-- The documents of a lens: its published versions, and its draft as the
-- version ''. A document is the lens JSON as bytes, up to 500 KB: too large
-- for WITHOUT ROWID, which suits small rows.
CREATE TABLE lens_versions (
	lens_arn   TEXT NOT NULL REFERENCES custom_lenses (arn) ON DELETE CASCADE,
	version    TEXT NOT NULL,
	is_major   INTEGER NOT NULL,
	document   BLOB NOT NULL,
	created_at TEXT NOT NULL,
	PRIMARY KEY (lens_arn, version)
) STRICT;
