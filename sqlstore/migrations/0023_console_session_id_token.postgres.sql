-- The ID token of a single sign-on session
-- (0023_console_session_id_token.sqlite.sql is the SQLite one: keep them
-- alike).

-- The ID token the OpenID provider issued at the sign-in, sealed with the
-- master key as access_keys.secret is and bound to the session's token
-- hash: signing out sends it back to the provider as id_token_hint.
-- Empty for password sessions and for sessions opened before it was kept,
-- whose sign-out goes on without the hint.
ALTER TABLE console_sessions ADD COLUMN id_token bytea NOT NULL DEFAULT ''::bytea;
