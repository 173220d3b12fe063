-- Sharing, organizations and account settings (0005_sharing.sqlite.sql is
-- the SQLite one: keep them alike).
--
-- A share names its resource by type and ID without a foreign key (a lens
-- is named by its ARN), so DeleteWorkload removes a workload's shares
-- itself, as DeleteAccount and DeleteUser remove the shares they received.
-- The shares an account owns go with it by cascade.
-- IDs that lists are ordered by use COLLATE "C", as in 0001.
CREATE TABLE shares (
	id               text COLLATE "C" NOT NULL PRIMARY KEY,
	-- '' for organization and OU shares, which are not invitations.
	invitation_id    text NOT NULL,
	resource_type    text NOT NULL,
	resource_id      text NOT NULL,
	owner_account_id text NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
	-- The recipient as the owner gave it; the next three identify it.
	shared_with      text NOT NULL,
	recipient_kind   text NOT NULL,
	recipient_id     text NOT NULL,
	-- The user's name in user shares, '' in the others.
	recipient_user   text NOT NULL,
	permission       text NOT NULL,
	status           text NOT NULL,
	created_at       timestamptz NOT NULL,
	updated_at       timestamptz NOT NULL,
	-- One share per resource and recipient; its index also serves ListShares.
	UNIQUE (resource_type, resource_id, recipient_kind, recipient_id, recipient_user)
);
CREATE UNIQUE INDEX shares_invitation ON shares (invitation_id) WHERE invitation_id <> '';
CREATE INDEX shares_owner ON shares (owner_account_id);
-- ListSharesFor, and the shares DeleteAccount and DeleteUser remove.
CREATE INDEX shares_recipient ON shares (recipient_kind, recipient_id, resource_type);
-- ExpireInvitations: the PENDING shares by age.
CREATE INDEX shares_status ON shares (status, created_at);

CREATE TABLE organizations (
	id                    text COLLATE "C" NOT NULL PRIMARY KEY,
	arn                   text NOT NULL,
	name                  text NOT NULL,
	management_account_id text NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
	created_at            timestamptz NOT NULL
);
CREATE INDEX organizations_management ON organizations (management_account_id);

CREATE TABLE organizational_units (
	id              text COLLATE "C" NOT NULL PRIMARY KEY,
	organization_id text COLLATE "C" NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
	arn             text NOT NULL,
	name            text NOT NULL,
	created_at      timestamptz NOT NULL,
	-- What account_organizations refers to, so an account's OU is always
	-- one of its organization's; it also serves ListOUs.
	UNIQUE (organization_id, id)
);

-- The organization (and OU) an account belongs to: at most one row per
-- account, none when it is in no organization. Deleting the organization
-- takes its rows with it; DeleteOU sets ou_id to NULL first, which keeps the
-- accounts in the organization (a composite key cannot set only one of its
-- columns to NULL on delete in SQLite, nor before PostgreSQL 15).
CREATE TABLE account_organizations (
	account_id      text NOT NULL PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
	organization_id text COLLATE "C" NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
	-- NULL when the account is in no OU: a NULL key refers to nothing.
	ou_id           text COLLATE "C",
	FOREIGN KEY (organization_id, ou_id) REFERENCES organizational_units (organization_id, id)
);
CREATE INDEX account_organizations_organization ON account_organizations (organization_id, ou_id);

-- An account's global settings; an account without a row has every one off.
CREATE TABLE account_settings (
	account_id            text NOT NULL PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
	organization_sharing  boolean NOT NULL,
	discovery_integration boolean NOT NULL,
	updated_at            timestamptz NOT NULL
);
