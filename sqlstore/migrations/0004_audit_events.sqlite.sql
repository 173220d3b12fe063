-- The append-only audit log (0004_audit_events.postgres.sql is the
-- PostgreSQL one: keep them alike). No foreign key to accounts: deleting an
-- account keeps the record of what was done in it. Triggers refuse every
-- UPDATE and DELETE, so the log can only grow through the store.
CREATE TABLE audit_events (
	id                 INTEGER PRIMARY KEY AUTOINCREMENT,
	event_time         TEXT NOT NULL,
	event_name         TEXT NOT NULL,
	account_id         TEXT NOT NULL,
	user_arn           TEXT NOT NULL,
	user_name          TEXT NOT NULL,
	access_key_id      TEXT NOT NULL,
	source_ip          TEXT NOT NULL,
	user_agent         TEXT NOT NULL,
	request_id         TEXT NOT NULL,
	request_parameters TEXT NOT NULL,
	response_elements  TEXT NOT NULL,
	error_code         TEXT NOT NULL,
	error_message      TEXT NOT NULL
) STRICT;
CREATE INDEX audit_events_account ON audit_events (account_id, id);
CREATE INDEX audit_events_time ON audit_events (event_time);
CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
BEGIN
	SELECT RAISE(ABORT, 'audit_events is append-only');
END;
CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
BEGIN
	SELECT RAISE(ABORT, 'audit_events is append-only');
END;
