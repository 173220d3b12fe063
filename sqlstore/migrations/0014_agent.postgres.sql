-- The Well-Architected Agent's configuration (0014_agent.sqlite.sql is the
-- SQLite one: keep them alike). An Agent profile belongs to its account and
-- goes with it; its goals and contexts go with the profile. Deleting a
-- profile deletes its rows for good: nothing outside the Agent names a
-- profile, so no row is kept to say it was deleted.
--
-- What the Agent generates (generations, recommendations) will refer to
-- agent_profiles (arn) the same way, so that deleting a profile takes them
-- too. ARNs, ids and name keys, which lists are ordered by, use
-- COLLATE "C", as in 0001.
CREATE TABLE agent_profiles (
	arn                 text COLLATE "C" NOT NULL PRIMARY KEY,
	account_id          text NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
	name                text NOT NULL,
	-- wat.NameKey(name), for uniqueness and the order of lists.
	name_key            text COLLATE "C" NOT NULL,
	display_name        text NOT NULL,
	description         text NOT NULL,
	business_overview   text NOT NULL,
	execution_role_arn  text NOT NULL,
	-- A JSON array of the Agent's pillar names.
	pillars             text NOT NULL,
	-- The scope (AggregationConfiguration): a JSON array of
	-- {account, regions, role}.
	scope               text NOT NULL,
	deletion_protection boolean NOT NULL,
	tags                text NOT NULL,
	created_at          timestamptz NOT NULL,
	created_by          text NOT NULL,
	updated_at          timestamptz NOT NULL,
	updated_by          text NOT NULL
);
-- Name uniqueness, ListAgentProfiles and the cascade from accounts.
CREATE UNIQUE INDEX agent_profiles_name ON agent_profiles (account_id, name_key);

CREATE TABLE agent_goals (
	profile_arn text COLLATE "C" NOT NULL REFERENCES agent_profiles (arn) ON DELETE CASCADE,
	id          text COLLATE "C" NOT NULL,
	title       text NOT NULL,
	description text NOT NULL,
	pillars     text NOT NULL,
	created_at  timestamptz NOT NULL,
	created_by  text NOT NULL,
	updated_at  timestamptz NOT NULL,
	updated_by  text NOT NULL,
	PRIMARY KEY (profile_arn, id)
);

-- content is the JSON of the context's content (sqlstore's
-- agentContentRecord): its lists are read and written whole.
CREATE TABLE agent_contexts (
	profile_arn  text COLLATE "C" NOT NULL REFERENCES agent_profiles (arn) ON DELETE CASCADE,
	id           text COLLATE "C" NOT NULL,
	context_type text NOT NULL,
	title        text NOT NULL,
	content      text NOT NULL,
	created_at   timestamptz NOT NULL,
	created_by   text NOT NULL,
	updated_at   timestamptz NOT NULL,
	updated_by   text NOT NULL,
	PRIMARY KEY (profile_arn, id)
);
