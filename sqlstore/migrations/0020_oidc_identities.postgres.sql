-- OIDC single sign-on of the console (0020_oidc_identities.sqlite.sql is
-- the SQLite one: keep them alike).

-- Which user an identity of an OpenID provider (its issuer and the
-- subject it names the person by, which never changes) signs in as, so
-- that a changed e-mail address or user name at the provider still lands
-- in the same user. A user is linked to at most one subject of an issuer.
-- The link goes with its user (and so with its account).
CREATE TABLE oidc_identities (
	issuer     text NOT NULL,
	subject    text NOT NULL,
	account_id text NOT NULL,
	user_name  text NOT NULL,
	created_at timestamptz NOT NULL,
	PRIMARY KEY (issuer, subject),
	UNIQUE (account_id, user_name, issuer),
	FOREIGN KEY (account_id, user_name) REFERENCES users (account_id, name) ON DELETE CASCADE
);

-- How a session was opened: 'password' or 'oidc' (signing out of an OIDC
-- session also signs out at the provider). Sessions of older releases
-- were all opened with a password.
ALTER TABLE console_sessions ADD COLUMN method text NOT NULL DEFAULT 'password';
