-- The web console (0009_console.sqlite.sql is the SQLite one: keep them
-- alike): users' console passwords and the sessions of signed-in users.
-- Both go with their user (and so with its account).
CREATE TABLE user_passwords (
	account_id text NOT NULL,
	user_name  text NOT NULL,
	-- argon2id in the PHC string format ($argon2id$v=19$m=…,t=…,p=…$salt$key),
	-- so that stronger parameters can come later without a migration.
	hash       text NOT NULL,
	updated_at timestamptz NOT NULL,
	PRIMARY KEY (account_id, user_name),
	FOREIGN KEY (account_id, user_name) REFERENCES users (account_id, name) ON DELETE CASCADE
);

CREATE TABLE console_sessions (
	-- Hex SHA-256 of the cookie's token: the token itself is never stored.
	token_hash text NOT NULL PRIMARY KEY,
	account_id text NOT NULL,
	user_name  text NOT NULL,
	csrf_token text NOT NULL,
	created_at timestamptz NOT NULL,
	expires_at timestamptz NOT NULL,
	FOREIGN KEY (account_id, user_name) REFERENCES users (account_id, name) ON DELETE CASCADE
);
-- DeleteUserSessions and the cascade from users.
CREATE INDEX console_sessions_user ON console_sessions (account_id, user_name);
-- DeleteExpiredSessions.
CREATE INDEX console_sessions_expiry ON console_sessions (expires_at);
