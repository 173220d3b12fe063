-- Custom lenses (0006_custom_lenses.sqlite.sql is the SQLite one: keep them
-- alike). A lens belongs to its account and goes with it; its versions go
-- with the lens. A deleted lens keeps its row (deleted = true): workloads
-- that use it still read its versions. The shares of a lens are made by its
-- owner, so they go with the account by the cascade of
-- shares.owner_account_id.
-- ARNs and versions, which lists are ordered by, use COLLATE "C", as in 0001.
CREATE TABLE custom_lenses (
	arn            text COLLATE "C" NOT NULL PRIMARY KEY,
	account_id     text NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
	name           text NOT NULL,
	description    text NOT NULL,
	-- The newest published version; '' while the lens has only a draft.
	latest_version text NOT NULL,
	has_draft      boolean NOT NULL,
	deleted        boolean NOT NULL,
	tags           text NOT NULL,
	created_at     timestamptz NOT NULL,
	updated_at     timestamptz NOT NULL
);
-- ListCustomLenses, in ARN order, and the cascade from accounts.
CREATE INDEX custom_lenses_account ON custom_lenses (account_id, arn);

-- The documents of a lens: its published versions, and its draft as the
-- version ''. A document is the lens JSON as bytes, up to 500 KB.
CREATE TABLE lens_versions (
	lens_arn   text COLLATE "C" NOT NULL REFERENCES custom_lenses (arn) ON DELETE CASCADE,
	version    text COLLATE "C" NOT NULL,
	is_major   boolean NOT NULL,
	document   bytea NOT NULL,
	created_at timestamptz NOT NULL,
	PRIMARY KEY (lens_arn, version)
);
