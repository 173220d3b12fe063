-- Policies attached to users (0003_user_policies.postgres.sql is the
-- PostgreSQL one: keep them alike). An inline policy keeps the document
-- text it was given; a managed one is a reference by name, its document
-- empty. One name space per user for both kinds. The existing foreign keys
-- already cascade (accounts -> users -> access_keys, accounts -> workloads
-- -> ...), so deleting an account or a user takes these rows with it.
CREATE TABLE user_policies (
	account_id TEXT NOT NULL,
	user_name  TEXT NOT NULL,
	name       TEXT NOT NULL,
	managed    INTEGER NOT NULL,
	document   TEXT NOT NULL,
	created_at TEXT NOT NULL,
	PRIMARY KEY (account_id, user_name, name),
	FOREIGN KEY (account_id, user_name) REFERENCES users (account_id, name) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;
