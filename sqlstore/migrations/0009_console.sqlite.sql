-- The web console (0009_console.postgres.sql is the PostgreSQL one: keep
-- them alike): users' console passwords and the sessions of signed-in
-- users. Both go with their user (and so with its account).
CREATE TABLE user_passwords (
	account_id TEXT NOT NULL,
	user_name  TEXT NOT NULL,
	-- argon2id in the PHC string format ($argon2id$v=19$m=…,t=…,p=…$salt$key),
	-- so that stronger parameters can come later without a migration.
	hash       TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	PRIMARY KEY (account_id, user_name),
	FOREIGN KEY (account_id, user_name) REFERENCES users (account_id, name) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;

CREATE TABLE console_sessions (
	-- Hex SHA-256 of the cookie's token: the token itself is never stored.
	token_hash TEXT NOT NULL PRIMARY KEY,
	account_id TEXT NOT NULL,
	user_name  TEXT NOT NULL,
	csrf_token TEXT NOT NULL,
	created_at TEXT NOT NULL,
	expires_at TEXT NOT NULL,
	FOREIGN KEY (account_id, user_name) REFERENCES users (account_id, name) ON DELETE CASCADE
) STRICT;
-- DeleteUserSessions and the cascade from users.
CREATE INDEX console_sessions_user ON console_sessions (account_id, user_name);
-- DeleteExpiredSessions.
CREATE INDEX console_sessions_expiry ON console_sessions (expires_at);
