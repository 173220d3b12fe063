-- Sharing, organizations and account settings (0005_sharing.postgres.sql is
-- the PostgreSQL one: keep them alike).
--
-- A share names its resource by type and ID without a foreign key (a lens
-- is named by its ARN), so DeleteWorkload removes a workload's shares
-- itself, as DeleteAccount and DeleteUser remove the shares they received.
-- The shares an account owns go with it by cascade.
CREATE TABLE shares (
	id               TEXT NOT NULL PRIMARY KEY,
	-- '' for organization and OU shares, which are not invitations.
	invitation_id    TEXT NOT NULL,
	resource_type    TEXT NOT NULL,
	resource_id      TEXT NOT NULL,
	owner_account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
	-- The recipient as the owner gave it; the next three identify it.
	shared_with      TEXT NOT NULL,
	recipient_kind   TEXT NOT NULL,
	recipient_id     TEXT NOT NULL,
	-- The user's name in user shares, '' in the others.
	recipient_user   TEXT NOT NULL,
	permission       TEXT NOT NULL,
	status           TEXT NOT NULL,
	created_at       TEXT NOT NULL,
	updated_at       TEXT NOT NULL,
	-- One share per resource and recipient; its index also serves ListShares.
	UNIQUE (resource_type, resource_id, recipient_kind, recipient_id, recipient_user)
) STRICT;
CREATE UNIQUE INDEX shares_invitation ON shares (invitation_id) WHERE invitation_id <> '';
CREATE INDEX shares_owner ON shares (owner_account_id);
-- ListSharesFor, and the shares DeleteAccount and DeleteUser remove.
CREATE INDEX shares_recipient ON shares (recipient_kind, recipient_id, resource_type);
-- ExpireInvitations: the PENDING shares by age.
CREATE INDEX shares_status ON shares (status, created_at);

CREATE TABLE organizations (
	id                    TEXT NOT NULL PRIMARY KEY,
	arn                   TEXT NOT NULL,
	name                  TEXT NOT NULL,
	management_account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
	created_at            TEXT NOT NULL
) STRICT;
CREATE INDEX organizations_management ON organizations (management_account_id);

CREATE TABLE organizational_units (
	id              TEXT NOT NULL PRIMARY KEY,
	organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
	arn             TEXT NOT NULL,
	name            TEXT NOT NULL,
	created_at      TEXT NOT NULL,
	-- What account_organizations refers to, so an account's OU is always
	-- one of its organization's; it also serves ListOUs.
	UNIQUE (organization_id, id)
) STRICT;

-- The organization (and OU) an account belongs to: at most one row per
-- account, none when it is in no organization. Deleting the organization
-- takes its rows with it; DeleteOU sets ou_id to NULL first, which keeps the
-- accounts in the organization (a composite key cannot set only one of its
-- columns to NULL on delete in SQLite, nor before PostgreSQL 15).
CREATE TABLE account_organizations (
	account_id      TEXT NOT NULL PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
	organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
	-- NULL when the account is in no OU: a NULL key refers to nothing.
	ou_id           TEXT,
	FOREIGN KEY (organization_id, ou_id) REFERENCES organizational_units (organization_id, id)
) STRICT;
CREATE INDEX account_organizations_organization ON account_organizations (organization_id, ou_id);

-- An account's global settings; an account without a row has every one off.
CREATE TABLE account_settings (
	account_id            TEXT NOT NULL PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
	organization_sharing  INTEGER NOT NULL,
	discovery_integration INTEGER NOT NULL,
	updated_at            TEXT NOT NULL
) STRICT;
