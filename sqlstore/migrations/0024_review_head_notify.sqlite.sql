-- Change notices for the review heads replicas keep
-- (0024_review_head_notify.postgres.sql is the PostgreSQL one).

-- Nothing to do on SQLite: the WAL index's change counter already tells a
-- process of every commit to the file (sqlstore/sqlite_stamp.go). The
-- version exists so that both stores' schemas keep one numbering, which
-- backups and restores between them compare.
SELECT 1;
