-- Profiles (0007_profiles.postgres.sql is the PostgreSQL one: keep them
-- alike). A profile belongs to its account and goes with it; its versions
-- go with the profile. A deleted profile keeps its row (deleted = 1) so
-- that the workloads that used it can tell it was deleted; its name is free
-- again, so name uniqueness holds only among the profiles not deleted.
CREATE TABLE profiles (
	arn            TEXT NOT NULL PRIMARY KEY,
	account_id     TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
	name           TEXT NOT NULL,
	-- wat.NameKey(name), for uniqueness.
	name_key       TEXT NOT NULL,
	description    TEXT NOT NULL,
	latest_version INTEGER NOT NULL,
	deleted        INTEGER NOT NULL,
	tags           TEXT NOT NULL,
	created_at     TEXT NOT NULL,
	updated_at     TEXT NOT NULL
) STRICT;
-- ListProfiles, in ARN order, and the cascade from accounts.
CREATE INDEX profiles_account ON profiles (account_id, arn);
CREATE UNIQUE INDEX profiles_live_name ON profiles (account_id, name_key) WHERE deleted = 0;

-- One row per version; answers is a JSON array of {question, choices}.
CREATE TABLE profile_versions (
	profile_arn TEXT NOT NULL REFERENCES profiles (arn) ON DELETE CASCADE,
	version     INTEGER NOT NULL,
	answers     TEXT NOT NULL,
	created_at  TEXT NOT NULL,
	PRIMARY KEY (profile_arn, version)
) STRICT;

-- A workload's profile: its ARN ('' for none) and the version it uses. No
-- foreign key: the workload keeps the ARN of a profile that was deleted.
ALTER TABLE workloads ADD COLUMN profile_arn TEXT NOT NULL DEFAULT '';
ALTER TABLE workloads ADD COLUMN profile_version INTEGER NOT NULL DEFAULT 0;
