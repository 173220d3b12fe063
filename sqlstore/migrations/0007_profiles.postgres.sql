-- Profiles (0007_profiles.sqlite.sql is the SQLite one: keep them alike).
-- A profile belongs to its account and goes with it; its versions go with
-- the profile. A deleted profile keeps its row (deleted = true) so that the
-- workloads that used it can tell it was deleted; its name is free again,
-- so name uniqueness holds only among the profiles not deleted.
-- ARNs, which lists are ordered by, use COLLATE "C", as in 0001.
CREATE TABLE profiles (
	arn            text COLLATE "C" NOT NULL PRIMARY KEY,
	account_id     text NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
	name           text NOT NULL,
	-- wat.NameKey(name), for uniqueness.
	name_key       text COLLATE "C" NOT NULL,
	description    text NOT NULL,
	latest_version integer NOT NULL,
	deleted        boolean NOT NULL,
	tags           text NOT NULL,
	created_at     timestamptz NOT NULL,
	updated_at     timestamptz NOT NULL
);
-- ListProfiles, in ARN order, and the cascade from accounts.
CREATE INDEX profiles_account ON profiles (account_id, arn);
CREATE UNIQUE INDEX profiles_live_name ON profiles (account_id, name_key) WHERE NOT deleted;

-- One row per version; answers is a JSON array of {question, choices}.
CREATE TABLE profile_versions (
	profile_arn text COLLATE "C" NOT NULL REFERENCES profiles (arn) ON DELETE CASCADE,
	version     integer NOT NULL,
	answers     text NOT NULL,
	created_at  timestamptz NOT NULL,
	PRIMARY KEY (profile_arn, version)
);

-- A workload's profile: its ARN ('' for none) and the version it uses. No
-- foreign key: the workload keeps the ARN of a profile that was deleted.
ALTER TABLE workloads ADD COLUMN profile_arn text NOT NULL DEFAULT '';
ALTER TABLE workloads ADD COLUMN profile_version integer NOT NULL DEFAULT 0;
