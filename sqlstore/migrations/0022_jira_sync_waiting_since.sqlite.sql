-- Since when a workload's Jira sync work has waited
-- (0022_jira_sync_waiting_since.postgres.sql is the other dialect's: keep
-- them alike): set by the request that finds the row with nothing pending,
-- kept by the requests after it, and cleared once the work is done. The
-- metrics' oldest age of the queue reads it. Rows of an older binary's
-- requests (during a rolling upgrade) keep the zero time, and are aged
-- from not_before instead.
ALTER TABLE jira_sync_jobs ADD COLUMN waiting_since TEXT NOT NULL DEFAULT '0001-01-01T00:00:00.000000Z';
