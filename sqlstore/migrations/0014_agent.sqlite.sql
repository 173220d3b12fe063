-- The Well-Architected Agent's configuration (0014_agent.postgres.sql is
-- the PostgreSQL one: keep them alike). An Agent profile belongs to its
-- account and goes with it; its goals and contexts go with the profile.
-- Deleting a profile deletes its rows for good: nothing outside the Agent
-- names a profile, so no row is kept to say it was deleted.
--
-- What the Agent generates (generations, recommendations) will refer to
-- agent_profiles (arn) the same way, so that deleting a profile takes them
-- too.
CREATE TABLE agent_profiles (
	arn                 TEXT NOT NULL PRIMARY KEY,
	account_id          TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
	name                TEXT NOT NULL,
	-- wat.NameKey(name), for uniqueness and the order of lists.
	name_key            TEXT NOT NULL,
	display_name        TEXT NOT NULL,
	description         TEXT NOT NULL,
	business_overview   TEXT NOT NULL,
	execution_role_arn  TEXT NOT NULL,
	-- A JSON array of the Agent's pillar names.
	pillars             TEXT NOT NULL,
	-- The scope (AggregationConfiguration): a JSON array of
	-- {account, regions, role}.
	scope               TEXT NOT NULL,
	deletion_protection INTEGER NOT NULL,
	tags                TEXT NOT NULL,
	created_at          TEXT NOT NULL,
	created_by          TEXT NOT NULL,
	updated_at          TEXT NOT NULL,
	updated_by          TEXT NOT NULL
) STRICT;
-- Name uniqueness, ListAgentProfiles and the cascade from accounts.
CREATE UNIQUE INDEX agent_profiles_name ON agent_profiles (account_id, name_key);

CREATE TABLE agent_goals (
	profile_arn TEXT NOT NULL REFERENCES agent_profiles (arn) ON DELETE CASCADE,
	id          TEXT NOT NULL,
	title       TEXT NOT NULL,
	description TEXT NOT NULL,
	pillars     TEXT NOT NULL,
	created_at  TEXT NOT NULL,
	created_by  TEXT NOT NULL,
	updated_at  TEXT NOT NULL,
	updated_by  TEXT NOT NULL,
	PRIMARY KEY (profile_arn, id)
) STRICT;

-- content is the JSON of the context's content (sqlstore's
-- agentContentRecord): its lists are read and written whole.
CREATE TABLE agent_contexts (
	profile_arn  TEXT NOT NULL REFERENCES agent_profiles (arn) ON DELETE CASCADE,
	id           TEXT NOT NULL,
	context_type TEXT NOT NULL,
	title        TEXT NOT NULL,
	content      TEXT NOT NULL,
	created_at   TEXT NOT NULL,
	created_by   TEXT NOT NULL,
	updated_at   TEXT NOT NULL,
	updated_by   TEXT NOT NULL,
	PRIMARY KEY (profile_arn, id)
) STRICT;
