-- What the Well-Architected Agent generates (0016_agent_generations.sqlite.sql
-- is the other dialect's: keep them alike). Every row goes with its Agent
-- profile. Times never set (a generation not started yet) are stored as
-- the zero time rather than NULL, as the domain's zero time.Time.

-- A generation is a durable job: a worker claims a QUEUED job, or an
-- IN_PROGRESS one whose lease has expired (its worker died), by writing
-- its lease; on PostgreSQL under FOR UPDATE SKIP LOCKED, so that replicas
-- never claim the same job.
CREATE TABLE agent_generations (
	profile_arn          TEXT COLLATE "C" NOT NULL REFERENCES agent_profiles (arn) ON DELETE CASCADE,
	id                   TEXT COLLATE "C" NOT NULL,
	name                 TEXT NOT NULL,
	type                 TEXT NOT NULL,
	pillars              TEXT NOT NULL,
	goal_ids             TEXT NOT NULL,
	status               TEXT NOT NULL,
	estimated_completion timestamptz NOT NULL,
	started_at           timestamptz NOT NULL,
	ended_at             timestamptz NOT NULL,
	error_code           TEXT NOT NULL,
	error_message        TEXT NOT NULL,
	lease_owner          TEXT NOT NULL,
	lease_until          timestamptz NOT NULL,
	attempts             integer NOT NULL,
	created_at           timestamptz NOT NULL,
	created_by           TEXT NOT NULL,
	updated_at           timestamptz NOT NULL,
	updated_by           TEXT NOT NULL,
	PRIMARY KEY (profile_arn, id)
);
-- The workers' search for work.
CREATE INDEX agent_generations_work ON agent_generations (status, created_at);

-- A recommendation outlives the generations that find it: a new
-- generation rewrites what it computes and keeps the user's status; one
-- that no longer finds it closes it (state CLOSED).
CREATE TABLE agent_recommendations (
	arn           TEXT COLLATE "C" NOT NULL PRIMARY KEY,
	profile_arn   TEXT COLLATE "C" NOT NULL REFERENCES agent_profiles (arn) ON DELETE CASCADE,
	practice_key  TEXT NOT NULL,
	type          TEXT NOT NULL,
	pillar        TEXT NOT NULL,
	title         TEXT NOT NULL,
	description   TEXT NOT NULL,
	impact        TEXT NOT NULL,
	effort        TEXT NOT NULL,
	priority      TEXT NOT NULL,
	rank          integer NOT NULL,
	status        TEXT NOT NULL,
	state         TEXT NOT NULL,
	update_reason TEXT NOT NULL,
	-- A JSON record of the lists a recommendation reads with: sources,
	-- applications, highlights, impact details, steps, links and goals.
	body          TEXT NOT NULL,
	-- A JSON array of its items (resources with file and line), which
	-- only a recommendation's own reads decode; lists show their count.
	items         TEXT NOT NULL,
	resources     integer NOT NULL,
	generation_id TEXT NOT NULL,
	created_at    timestamptz NOT NULL,
	created_by    TEXT NOT NULL,
	updated_at    timestamptz NOT NULL,
	updated_by    TEXT NOT NULL
);
-- ListAgentRecommendations, in the engine's order.
CREATE INDEX agent_recommendations_profile ON agent_recommendations (profile_arn, rank);

CREATE TABLE agent_feedback (
	recommendation_arn TEXT COLLATE "C" NOT NULL REFERENCES agent_recommendations (arn) ON DELETE CASCADE,
	seq                integer NOT NULL,
	type               TEXT NOT NULL,
	category           TEXT NOT NULL,
	comments           TEXT NOT NULL,
	created_at         timestamptz NOT NULL,
	created_by         TEXT NOT NULL,
	PRIMARY KEY (recommendation_arn, seq)
);
