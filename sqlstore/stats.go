package sqlstore

import "database/sql"

// ObserveCommitBatches has f called with the number of write transactions
// of every group commit (batch.go), before the batch runs: for metrics. On
// SQLite those are all the writes; on PostgreSQL, the batches of the lanes
// of keyed writes (pg_lanes.go). f runs on a committer's goroutine, several
// at once on PostgreSQL, and must be quick.
func (db *DB) ObserveCommitBatches(f func(size int)) {
	if db.commits != nil {
		db.commits.observe.Store(&f)
	}
	if db.lanes != nil {
		db.lanes.observe(f)
	}
}

// PoolStats returns the statistics of the PostgreSQL connection pool, and
// false on SQLite, whose connections (one writer, a few readers of a local
// file) are not a shared resource worth watching.
func (db *DB) PoolStats() (sql.DBStats, bool) {
	if db.dialect.name != "postgres" {
		return sql.DBStats{}, false
	}
	return db.read.Stats(), true
}

// HeadStats reports the review heads kept (reviews_head_cache.go): how
// many were given from the cache and how many read; on PostgreSQL
// (postgres true), whether the change listener is connected and how many
// notices it heard.
func (db *DB) HeadStats() (hits, reads uint64, postgres, listening bool, notices uint64) {
	if db.heads != nil {
		hits, reads = db.heads.hits.Load(), db.heads.reads.Load()
	}
	if db.pgHeads != nil {
		return hits, reads, true, db.pgHeads.listening.Load(), db.pgHeads.heard.Load()
	}
	return hits, reads, false, false, 0
}
