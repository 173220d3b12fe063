-- Webhook subscriptions and their outbox (0017_webhooks.sqlite.sql is the
-- other dialect's: keep them alike). Times never set are the zero time.

CREATE TABLE webhook_subscriptions (
	id                      TEXT COLLATE "C" NOT NULL PRIMARY KEY,
	arn                     TEXT NOT NULL UNIQUE,
	account_id              TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
	url                     TEXT NOT NULL,
	detail_types            TEXT NOT NULL,
	sources                 TEXT NOT NULL,
	status                  TEXT NOT NULL,
	status_reason           TEXT NOT NULL,
	-- The signing secrets, sealed with the master key as access_keys.secret
	-- is; previous_secret is empty when there is none.
	secret                  bytea NOT NULL,
	previous_secret         bytea NOT NULL,
	previous_secret_expires timestamptz NOT NULL,
	failures                integer NOT NULL,
	tags                    TEXT NOT NULL,
	created_at              timestamptz NOT NULL,
	created_by              TEXT NOT NULL,
	updated_at              timestamptz NOT NULL
);
CREATE INDEX webhook_subscriptions_account ON webhook_subscriptions (account_id, id);

-- The outbox: one row per event and subscription, written in the
-- transaction of what the event tells. A worker claims a PENDING row whose
-- next attempt has come and whose lease (if any) has run out; on
-- PostgreSQL under FOR UPDATE SKIP LOCKED. IDs grow with time, so the
-- delivery log pages by ID.
CREATE TABLE webhook_deliveries (
	id              TEXT COLLATE "C" NOT NULL PRIMARY KEY,
	subscription_id TEXT COLLATE "C" NOT NULL REFERENCES webhook_subscriptions (id) ON DELETE CASCADE,
	account_id      TEXT NOT NULL,
	event_id        TEXT NOT NULL,
	detail_type     TEXT NOT NULL,
	payload         TEXT NOT NULL,
	status          TEXT NOT NULL,
	attempts        integer NOT NULL,
	next_attempt_at timestamptz NOT NULL,
	lease_owner     TEXT NOT NULL,
	lease_until     timestamptz NOT NULL,
	last_status     integer NOT NULL,
	last_response   TEXT NOT NULL,
	last_error      TEXT NOT NULL,
	last_attempt    timestamptz NOT NULL,
	created_at      timestamptz NOT NULL,
	delivered_at    timestamptz NOT NULL
);
-- The workers' search for work.
CREATE INDEX webhook_deliveries_work ON webhook_deliveries (status, next_attempt_at);
-- A subscription's delivery log.
CREATE INDEX webhook_deliveries_subscription ON webhook_deliveries (subscription_id, id);
