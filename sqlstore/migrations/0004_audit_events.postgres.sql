-- The append-only audit log (0004_audit_events.sqlite.sql is the SQLite
-- one: keep them alike). No foreign key to accounts: deleting an account
-- keeps the record of what was done in it. Triggers refuse every UPDATE,
-- DELETE and TRUNCATE, so the log can only grow through the store.
CREATE TABLE audit_events (
	id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	event_time         timestamptz NOT NULL,
	event_name         text NOT NULL,
	account_id         text NOT NULL,
	user_arn           text NOT NULL,
	user_name          text NOT NULL,
	access_key_id      text NOT NULL,
	source_ip          text NOT NULL,
	user_agent         text NOT NULL,
	request_id         text NOT NULL,
	request_parameters text NOT NULL,
	response_elements  text NOT NULL,
	error_code         text NOT NULL,
	error_message      text NOT NULL
);
CREATE INDEX audit_events_account ON audit_events (account_id, id);
CREATE INDEX audit_events_time ON audit_events (event_time);
CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION 'audit_events is append-only';
END
$$;
CREATE TRIGGER audit_events_no_change BEFORE UPDATE OR DELETE ON audit_events
	FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
	FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();
