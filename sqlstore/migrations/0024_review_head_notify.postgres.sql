-- Change notices for the review heads replicas keep
-- (0024_review_head_notify.sqlite.sql is the SQLite one, which needs none:
-- keep the version numbers alike).

-- A replica keeps the review heads it read (sqlstore/reviews_head_cache.go)
-- and listens on the channel wat_review_heads; every statement that changes
-- a table a head is read from tells it, in the transaction, so the notice
-- arrives once the change is committed, whichever replica, release or
-- wat admin process made it. Statement triggers: one notice per statement,
-- and PostgreSQL folds a transaction's identical notices into one. Of the
-- workloads, only a change of the columns a head reads is told (not
-- updated_at, which every answer touches); a new workload has no head yet.
CREATE FUNCTION wat_review_heads_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM pg_notify('wat_review_heads', '');
	RETURN NULL;
END
$$;
CREATE TRIGGER workloads_heads_changed AFTER UPDATE OF account_id, arn, tags, lenses, profile_arn OR DELETE OR TRUNCATE ON workloads
	FOR EACH STATEMENT EXECUTE FUNCTION wat_review_heads_changed();
CREATE TRIGGER lens_reviews_heads_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON lens_reviews
	FOR EACH STATEMENT EXECUTE FUNCTION wat_review_heads_changed();
CREATE TRIGGER jira_selections_heads_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON jira_selections
	FOR EACH STATEMENT EXECUTE FUNCTION wat_review_heads_changed();
