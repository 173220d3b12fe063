package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// Option tunes a DB opened by OpenSQLite.
type Option func(*options)

type options struct {
	synchronous string
	// schemaVersion, when not 0, stops the migrations after it (restore).
	schemaVersion int
}

// upToSchema opens the database with the migrations up to version n only,
// for a restore to fill before the later ones run.
func upToSchema(n int) Option {
	return func(o *options) { o.schemaVersion = n }
}

// SynchronousNormal makes SQLite sync its write-ahead log to disk at
// checkpoints only, not at every commit (PRAGMA synchronous=NORMAL). Commits
// are several times faster; the database cannot be corrupted, but the last
// transactions before a power failure or OS crash may be lost. The default,
// synchronous=FULL, loses nothing once Update has returned. Meant for
// benchmarks and throw-away data.
func SynchronousNormal() Option {
	return func(o *options) { o.synchronous = "NORMAL" }
}

// busyTimeoutMillis is how long an SQLite connection waits for a lock that
// another process holds (another DB on the same file) before SQLITE_BUSY.
const busyTimeoutMillis = 10_000

// OpenSQLite opens (creating it, and its directory, if missing) the SQLite
// database at path, in WAL mode with foreign keys enforced, and brings its
// schema up to date. masterKey (32 bytes) encrypts access-key secrets.
//
// Reads run on a pool of read-only connections, concurrently with each other
// and with the writer. Writes run on a single connection whose transactions
// begin IMMEDIATE: they queue in the process, and across processes wait up
// to busyTimeoutMillis for the file's write lock, instead of failing when a
// read transaction would need to become a write one.
func OpenSQLite(ctx context.Context, path string, masterKey []byte, opts ...Option) (*DB, error) {
	o := options{synchronous: "FULL"}
	for _, opt := range opts {
		opt(&o)
	}
	s, err := newSealer(masterKey)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: OpenSQLite(%s): %w", path, err)
	}
	if err := createFile(path); err != nil {
		return nil, fmt.Errorf("sqlstore: OpenSQLite(%s): %w", path, err)
	}
	if err := enableWAL(ctx, path); err != nil {
		return nil, fmt.Errorf("sqlstore: OpenSQLite(%s): %w", path, err)
	}
	db := &DB{
		dialect: &dialect{
			name:        "sqlite",
			viewOptions: sql.TxOptions{ReadOnly: true},
			jsonStrings: `SELECT value FROM json_each(?)`,
			jsonIn:      `%s IN (SELECT value FROM json_each(?))`,
		},
		sealer: s,
	}
	db.write, err = sql.Open("sqlite", sqliteDSN(path, o, "_txlock=immediate"))
	if err == nil {
		db.read, err = sql.Open("sqlite", sqliteDSN(path, o, "_query_only=1"))
	}
	if err != nil {
		if db.write != nil {
			db.write.Close()
		}
		return nil, fmt.Errorf("sqlstore: OpenSQLite(%s): %w", path, err)
	}
	db.write.SetMaxOpenConns(1)
	db.write.SetMaxIdleConns(1)
	readers := max(4, 2*runtime.NumCPU())
	db.read.SetMaxOpenConns(readers)
	db.read.SetMaxIdleConns(readers)
	if err := db.migrateTo(ctx, o.schemaVersion); err != nil {
		db.Close()
		return nil, fmt.Errorf("sqlstore: OpenSQLite(%s): %w", path, err)
	}
	db.commits = newCommitter(db, maxBatch)
	db.heads = newHeadCache(newWALStamp(path))
	return db, nil
}

// sqliteDSN is the modernc.org/sqlite data source name for path. Every
// connection gets the same settings; extra adds the ones that differ
// between the read and the write pool. (WAL mode is not among them: it is
// kept in the file, by enableWAL.)
func sqliteDSN(path string, o options, extra string) string {
	q := url.Values{}
	q.Set("_busy_timeout", fmt.Sprint(busyTimeoutMillis))
	q.Set("_foreign_keys", "1")
	q.Set("_synchronous", o.synchronous)
	// A statement's journal (a multi-row insert, an update of many rows,
	// inside a transaction's savepoint) and the sorts of big reads stay in
	// memory rather than in temporary files.
	q.Set("_pragma", "temp_store(memory)")
	return path + "?" + q.Encode() + "&" + extra
}

// enableWAL puts the database file in WAL mode, a setting the file keeps.
// Switching a new file needs an exclusive lock, and when replicas open a new
// file together SQLite may refuse one of them at once (SQLITE_BUSY) instead
// of making it wait, to avoid a deadlock: so it is tried again. Once the
// file is in WAL mode this is a quick no-op.
func enableWAL(ctx context.Context, path string) error {
	conn, err := sql.Open("sqlite", path+"?_busy_timeout="+fmt.Sprint(busyTimeoutMillis))
	if err != nil {
		return err
	}
	defer conn.Close()
	for attempt := 1; ; attempt++ {
		var mode string
		err := conn.QueryRowContext(ctx, "PRAGMA journal_mode = WAL").Scan(&mode)
		switch {
		case err == nil && mode == "wal":
			return nil
		case err == nil:
			return fmt.Errorf("cannot switch to WAL mode: the journal mode is still %s", mode)
		case classify(err) != kindRetry || attempt == 10*maxAttempts:
			return fmt.Errorf("switching to WAL mode: %w", err)
		}
		if err := backoff(ctx, 1); err != nil {
			return err
		}
	}
}

// createFile makes sure the database file exists, readable by its owner
// only, in a directory only its owner can enter. Existing ones are left as
// they are.
func createFile(path string) error {
	if path == "" || strings.ContainsAny(path, "?#") || strings.HasPrefix(path, "file:") || path == ":memory:" {
		return fmt.Errorf("the database must be a plain file path without ? or #")
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return err
	}
	return f.Close()
}
