-- Pruning the audit log (0013_audit_prune.sqlite.sql is the SQLite one:
-- keep them alike). The log stays append-only to the store, except that
-- events a recorded prune covers may be deleted: `wat admin audit prune`
-- records the range in audit_prunes, deletes it and appends an event saying
-- so, in one transaction. audit_prunes is append-only itself, so the record
-- of every prune stays. TRUNCATE stays refused.
CREATE TABLE audit_prunes (
	id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	pruned_at   timestamptz NOT NULL,
	-- Events before this time with an id up to through_id may go.
	before_time timestamptz NOT NULL,
	through_id  bigint NOT NULL
);
CREATE FUNCTION append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END
$$;
CREATE TRIGGER audit_prunes_no_change BEFORE UPDATE OR DELETE ON audit_prunes
	FOR EACH ROW EXECUTE FUNCTION append_only();
CREATE TRIGGER audit_prunes_no_truncate BEFORE TRUNCATE ON audit_prunes
	FOR EACH STATEMENT EXECUTE FUNCTION append_only();

CREATE FUNCTION audit_events_pruned_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF EXISTS (SELECT 1 FROM audit_prunes p WHERE OLD.id <= p.through_id AND OLD.event_time < p.before_time) THEN
		RETURN OLD;
	END IF;
	RAISE EXCEPTION 'audit_events is append-only: only events a recorded prune covers may be deleted';
END
$$;
DROP TRIGGER audit_events_no_change ON audit_events;
CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
	FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
	FOR EACH ROW EXECUTE FUNCTION audit_events_pruned_only();
