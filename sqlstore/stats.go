package sqlstore

import "database/sql"

// ObserveCommitBatches has f called with the number of write transactions
// of every SQLite group commit (batch.go), before the batch runs: for
// metrics. f runs on the committer's goroutine and must be quick. It does
// nothing on PostgreSQL, which has no such batches.
func (db *DB) ObserveCommitBatches(f func(size int)) {
	if db.commits != nil {
		db.commits.observe.Store(&f)
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
