-- Pruning the audit log (0013_audit_prune.postgres.sql is the PostgreSQL
-- one: keep them alike). The log stays append-only to the store, except
-- that events a recorded prune covers may be deleted: `wat admin audit
-- prune` records the range in audit_prunes, deletes it and appends an event
-- saying so, in one transaction. audit_prunes is append-only itself, so the
-- record of every prune stays.
CREATE TABLE audit_prunes (
	id          INTEGER PRIMARY KEY AUTOINCREMENT,
	pruned_at   TEXT NOT NULL,
	-- Events before this time with an id up to through_id may go.
	before_time TEXT NOT NULL,
	through_id  INTEGER NOT NULL
) STRICT;
CREATE TRIGGER audit_prunes_no_update BEFORE UPDATE ON audit_prunes
BEGIN
	SELECT RAISE(ABORT, 'audit_prunes is append-only');
END;
CREATE TRIGGER audit_prunes_no_delete BEFORE DELETE ON audit_prunes
BEGIN
	SELECT RAISE(ABORT, 'audit_prunes is append-only');
END;
DROP TRIGGER audit_events_no_delete;
CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
WHEN NOT EXISTS (SELECT 1 FROM audit_prunes p WHERE OLD.id <= p.through_id AND OLD.event_time < p.before_time)
BEGIN
	SELECT RAISE(ABORT, 'audit_events is append-only: only events a recorded prune covers may be deleted');
END;
