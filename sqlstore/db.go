// Package sqlstore keeps wat's state in SQLite (the embedded default, through
// the pure-Go modernc.org/sqlite) or in PostgreSQL (through pgx), behind
// database/sql. It implements wat.Store and nothing more: it persists, the
// service package decides.
//
// The SQL is written once with ? placeholders and rebound to $n for
// PostgreSQL; where the dialects really differ (row locks, the schema) each
// has its own text. Migrations are embedded, numbered per dialect and applied
// when a DB is opened. Several DBs, in one process or in several ("replicas"),
// may share one database: nothing is cached between transactions.
//
// Backup writes a whole database to one file that RestoreSQLite and
// RestorePostgres read into a new database of either kind (backup.go
// describes the format).
package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/wat-dev/wat"
)

// DB is a wat.Store over one SQLite file or one PostgreSQL database.
type DB struct {
	dialect *dialect
	read    *sql.DB // for View; SQLite: a pool of read-only connections
	write   *sql.DB // for Update; SQLite: one connection, so writers queue in Go
	sealer  *sealer
	rebinds sync.Map // ?-query -> $n-query, PostgreSQL only
	// commits batches SQLite write transactions (group commit); nil for
	// PostgreSQL, which batches concurrent commits' log flushes itself.
	commits *committer
	// lanes batch PostgreSQL's writes that carry a key (pg_lanes.go), which
	// would otherwise take turns one flush at a time; nil for SQLite.
	lanes *lanes
	stmts stmtCache
	// heads keeps the review heads read (reviews_head_cache.go); nil when
	// the store cannot tell that nothing changed.
	heads *headCache
	// pgHeads is PostgreSQL's stamp of heads, moved by this process's
	// writes and by what its listener hears (pg_listen.go); nil on SQLite.
	pgHeads  *pgStamp
	listener *pgListener
	closed   atomic.Bool // set by Close: later transactions fail as unavailable
}

var _ wat.Store = (*DB)(nil)

// dialect is what differs between the databases beyond the schema.
type dialect struct {
	name string // "sqlite" or "postgres": the migration files' suffix
	// dollar says placeholders are $1, $2… instead of ?.
	dollar bool
	// forUpdate is appended to a SELECT that must lock its row until the
	// transaction ends. Empty for SQLite, whose write transactions are
	// IMMEDIATE and so already exclude every other writer.
	forUpdate string
	// viewOptions start a View transaction.
	viewOptions sql.TxOptions
	// migrationLock, run first in each migration transaction, keeps replicas
	// that start together from migrating at once.
	migrationLock string
	// accountsLock serialises the creation of accounts; empty for SQLite.
	accountsLock string
	// jsonStrings is a one-column subquery yielding the strings of the JSON
	// array bound to its one placeholder (json_each, json_array_elements_text):
	// a list of any length as one argument, so the statement stays the same.
	jsonStrings string
	// jsonIn is the condition "the column (the %s) is one of the strings of
	// the JSON array bound to its one placeholder", written so that an index
	// on the column serves it (see tx.inJSON).
	jsonIn string
}

// maxAttempts bounds how often Update runs fn when the database reports a
// transient conflict (SQLITE_BUSY, a PostgreSQL deadlock or serialization
// failure).
const maxAttempts = 5

// View runs fn in a read-only transaction. On PostgreSQL it is REPEATABLE
// READ, so every read of fn sees the same snapshot, as SQLite's do. When the
// database cannot be reached the error is an EUnavailable *wat.Error, as
// Update's.
func (db *DB) View(ctx context.Context, fn func(tx wat.Tx) error) error {
	if db.closed.Load() {
		return unavailable(errClosed)
	}
	return unavailable(db.inTx(ctx, false, func(sqlTx *sql.Tx) error {
		return fn(&tx{db: db, tx: sqlTx, readOnly: true})
	}))
}

// Update runs fn in a read-write transaction and commits it if fn returns
// nil. When the database reports a transient conflict the whole transaction
// is retried, so fn may run more than once and must have no effect outside
// the transaction it is given (other than setting results it overwrites).
// fn must not call Update itself: on SQLite, or in the lane of a keyed
// write on PostgreSQL, that waits for itself forever.
//
// On PostgreSQL a write whose ctx carries a key (wat.WithWriteKey) runs in
// the batch of its key's lane, whose statements do not stop when ctx is
// cancelled (see tx.shared); a cancelled caller waiting for its turn gives
// up at once.
func (db *DB) Update(ctx context.Context, fn func(tx wat.Tx) error) error {
	if db.closed.Load() {
		return unavailable(errClosed)
	}
	if db.pgHeads != nil {
		// Whatever the outcome: a commit that failed to answer may have
		// been applied.
		defer db.pgHeads.changed()
	}
	if key := wat.WriteKeyFrom(ctx); key != "" && db.lanes != nil {
		return unavailable(db.lanes.do(ctx, key, func(sqlTx *sql.Tx, rows *lockedRows) error {
			return fn(&tx{db: db, tx: sqlTx, write: true, shared: true, rows: rows})
		}))
	}
	if db.commits != nil {
		return unavailable(db.commits.do(ctx, func(sqlTx *sql.Tx, rows *lockedRows) error {
			return fn(&tx{db: db, tx: sqlTx, write: true, rows: rows})
		}))
	}
	return unavailable(db.inTx(ctx, true, func(sqlTx *sql.Tx) error {
		return fn(&tx{db: db, tx: sqlTx, write: true})
	}))
}

// inTx is the transaction helper: it runs fn in a transaction, committed if
// fn returns nil and rolled back otherwise, and runs a write transaction
// again, a few times, when the database reports a transient conflict. A
// transaction whose connection was lost before its commit was sent (the
// server ended it: a restart, a failover) is run again too, read or write,
// on another connection: it had no effect.
func (db *DB) inTx(ctx context.Context, write bool, fn func(*sql.Tx) error) error {
	for attempt := 1; ; attempt++ {
		err := db.once(ctx, write, fn)
		if err == nil || attempt == maxAttempts || !(write && classify(err) == kindRetry || lostConnection(err)) {
			return err
		}
		if lostConnection(err) {
			db.forgetIdle()
		}
		if err := backoff(ctx, attempt); err != nil {
			return err
		}
	}
}

// once runs fn in one transaction: begin, fn, commit, or rollback when
// anything fails (or panics).
func (db *DB) once(ctx context.Context, write bool, fn func(*sql.Tx) error) error {
	pool, opts := db.read, &db.dialect.viewOptions
	if write {
		pool, opts = db.write, nil
	}
	sqlTx, err := pool.BeginTx(ctx, opts)
	if err != nil {
		return fmt.Errorf("sqlstore: begin: %w", err)
	}
	// A no-op after Commit; after a failure or a panic it releases the
	// connection (and, on SQLite, the write lock).
	defer sqlTx.Rollback()
	if err := fn(sqlTx); err != nil {
		return err
	}
	if err := sqlTx.Commit(); err != nil {
		return &commitError{err}
	}
	return nil
}

// forgetIdle closes the PostgreSQL pool's idle connections: when the server
// ended one, it most likely ended them all (a restart, a failover), and
// each would otherwise cost a call its turn to find out.
func (db *DB) forgetIdle() {
	if db.dialect.name != "postgres" {
		return
	}
	db.read.SetMaxIdleConns(0) // closes the idle ones now
	db.read.SetMaxIdleConns(postgresMaxConns)
}

// backoff waits a little before attempt+1, longer after each attempt, with
// jitter so that the transactions that collided do not collide again.
func backoff(ctx context.Context, attempt int) error {
	d := time.Duration(attempt*attempt) * time.Millisecond
	d += rand.N(d)
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-time.After(d):
		return nil
	}
}

// Close releases the database connections. Transactions begun later fail
// as unavailable; a second Close does nothing.
func (db *DB) Close() error {
	if db.closed.Swap(true) {
		return nil
	}
	if db.commits != nil {
		db.commits.close()
	}
	if db.lanes != nil {
		db.lanes.close()
	}
	if db.listener != nil {
		db.listener.close()
	}
	db.stmts.close()
	err := db.read.Close()
	if db.write != db.read {
		err = errors.Join(err, db.write.Close())
	}
	return err
}

// tx implements wat.Tx over one database/sql transaction. Its methods live
// in the files named after the aggregates, listed below.
type tx struct {
	db       *DB
	tx       *sql.Tx
	readOnly bool
	write    bool // runs on the write pool
	// shared says the transaction is a PostgreSQL lane's, shared with
	// other callers' writes: its statements go on when the caller's context
	// is cancelled, because pgx closes the connection of a statement
	// cancelled midway, which would fail every write of the batch.
	shared bool
	// rows are the workload rows its batch's run of keyed writes locked
	// (batch_rows.go); nil outside a committer's batch.
	rows *lockedRows
}

// wat.Tx alone would catch a missing method; naming each part too says which
// files implement it, and a compile error names the part that drifted.
var (
	_ wat.Tx = (*tx)(nil)

	_ wat.LockTx         = (*tx)(nil) // identity.go
	_ wat.IdentityTx     = (*tx)(nil) // identity.go, policies.go
	_ wat.OrganizationTx = (*tx)(nil) // organizations.go
	_ wat.SettingsTx     = (*tx)(nil) // settings.go
	_ wat.WorkloadTx     = (*tx)(nil) // workloads.go, milestones.go
	_ wat.ReviewTx       = (*tx)(nil) // reviews.go, reviews_batch.go, lens_reviews_repin.go
	_ wat.ShareTx        = (*tx)(nil) // shares.go
	_ wat.LensTx         = (*tx)(nil) // lenses.go
	_ wat.ProfileTx      = (*tx)(nil) // profiles.go
	_ wat.TemplateTx     = (*tx)(nil) // templates.go
	_ wat.IdempotencyTx  = (*tx)(nil) // idempotency.go
	_ wat.AuditTx        = (*tx)(nil) // audit.go
	_ wat.ConsoleTx      = (*tx)(nil) // console.go
	_ wat.EvidenceTx     = (*tx)(nil) // evidence.go
)

func (t *tx) exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	ctx = t.statementContext(ctx)
	if st := t.stmt(ctx, query); st != nil {
		return st.ExecContext(ctx, args...)
	}
	return t.tx.ExecContext(ctx, t.db.rebind(query), args...)
}

func (t *tx) query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	ctx = t.statementContext(ctx)
	if st := t.stmt(ctx, query); st != nil {
		return st.QueryContext(ctx, args...)
	}
	return t.tx.QueryContext(ctx, t.db.rebind(query), args...)
}

func (t *tx) queryRow(ctx context.Context, query string, args ...any) *sql.Row {
	ctx = t.statementContext(ctx)
	if st := t.stmt(ctx, query); st != nil {
		return st.QueryRowContext(ctx, args...)
	}
	return t.tx.QueryRowContext(ctx, t.db.rebind(query), args...)
}

// statementContext is the context the statements of ctx's caller run under:
// ctx itself, or ctx without its cancellation in a shared transaction.
func (t *tx) statementContext(ctx context.Context) context.Context {
	if t.shared {
		return context.WithoutCancel(ctx)
	}
	return ctx
}

// stmt returns query prepared once per pool and bound to this transaction,
// so a connection parses a statement once rather than on every call; nil
// until the statement is ready.
func (t *tx) stmt(ctx context.Context, query string) *sql.Stmt {
	pool := t.db.read
	if t.write {
		pool = t.db.write
	}
	ps := t.db.stmts.get(pool, t.db.rebind(query))
	if ps == nil {
		return nil
	}
	return t.tx.StmtContext(ctx, ps)
}

// forUpdate returns the clause that locks the rows a SELECT reads, or
// nothing in a read-only transaction, where PostgreSQL refuses it and no
// write can follow anyway.
func (t *tx) forUpdate() string {
	if t.readOnly {
		return ""
	}
	return t.dialect().forUpdate
}

func (t *tx) dialect() *dialect { return t.db.dialect }

// rebind rewrites the ? placeholders of query as $1, $2… for PostgreSQL. The
// queries are constants, so each is rewritten once and remembered. None of
// them has a ? inside a string literal.
func (db *DB) rebind(query string) string {
	if !db.dialect.dollar {
		return query
	}
	if q, ok := db.rebinds.Load(query); ok {
		return q.(string)
	}
	var b strings.Builder
	n := 0
	for _, r := range query {
		if r == '?' {
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteRune(r)
	}
	db.rebinds.Store(query, b.String())
	return b.String()
}
