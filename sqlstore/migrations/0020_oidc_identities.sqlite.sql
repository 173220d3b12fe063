-- OIDC single sign-on of the console (0020_oidc_identities.postgres.sql is
-- the PostgreSQL one: keep them alike).

-- Which user an identity of an OpenID provider (its issuer and the
-- subject it names the person by, which never changes) signs in as, so
-- that a changed e-mail address or user name at the provider still lands
-- in the same user. A user is linked to at most one subject of an issuer.
-- The link goes with its user (and so with its account).
CREATE TABLE oidc_identities (
	issuer     TEXT NOT NULL,
	subject    TEXT NOT NULL,
	account_id TEXT NOT NULL,
	user_name  TEXT NOT NULL,
	created_at TEXT NOT NULL,
	PRIMARY KEY (issuer, subject),
	UNIQUE (account_id, user_name, issuer),
	FOREIGN KEY (account_id, user_name) REFERENCES users (account_id, name) ON DELETE CASCADE
) STRICT;

-- How a session was opened: 'password' or 'oidc' (signing out of an OIDC
-- session also signs out at the provider). Sessions of older releases
-- were all opened with a password.
ALTER TABLE console_sessions ADD COLUMN method TEXT NOT NULL DEFAULT 'password';
