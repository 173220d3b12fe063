package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
)

// migrationLockKey names the PostgreSQL advisory lock that migrations hold:
// "wat.mig" in ASCII, an arbitrary constant that other programs sharing the
// database are unlikely to use.
const migrationLockKey = 0x7761742e6d6967

// accountsLockKey names the advisory lock that writers creating accounts hold.
const accountsLockKey = 0x7761742e616363

// postgresMaxConns bounds the connections one DB opens. Several replicas
// share the server's max_connections (100 by default).
const postgresMaxConns = 16

// OpenPostgres connects to the PostgreSQL database at url (a postgres:// URL
// or a key=value connection string, as pgx reads them) and brings its schema
// up to date. Replicas that start together migrate one after the other,
// serialised by an advisory lock. masterKey (32 bytes) encrypts access-key
// secrets.
//
// Update transactions run at READ COMMITTED; LockAccount and
// GetWorkload(lock=true) take row locks (SELECT … FOR UPDATE) that serialise
// the writers of one account or workload. Writes with a key share commits
// in lanes (pg_lanes.go). View transactions are REPEATABLE READ and read
// only.
func OpenPostgres(ctx context.Context, url string, masterKey []byte) (*DB, error) {
	return openPostgres(ctx, url, masterKey, 0)
}

// openPostgres is OpenPostgres stopping the migrations after version upTo
// (all when 0), as upToSchema does for SQLite.
func openPostgres(ctx context.Context, url string, masterKey []byte, upTo int) (*DB, error) {
	s, err := newSealer(masterKey)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: OpenPostgres: %w", err)
	}
	pool, err := sql.Open("pgx", url)
	if err != nil {
		// The driver's message may quote the URL, password included.
		return nil, fmt.Errorf("sqlstore: OpenPostgres: the database URL is not valid")
	}
	pool.SetMaxOpenConns(postgresMaxConns)
	pool.SetMaxIdleConns(postgresMaxConns)
	pool.SetConnMaxIdleTime(5 * time.Minute)
	db := &DB{
		dialect: &dialect{
			name:          "postgres",
			dollar:        true,
			forUpdate:     " FOR UPDATE",
			viewOptions:   sql.TxOptions{ReadOnly: true, Isolation: sql.LevelRepeatableRead},
			migrationLock: fmt.Sprintf("SELECT pg_advisory_xact_lock(%d)", migrationLockKey),
			accountsLock:  fmt.Sprintf("SELECT pg_advisory_xact_lock(%d)", accountsLockKey),
			// COLLATE "C" as the ID columns it is compared with.
			jsonStrings: `SELECT value COLLATE "C" FROM json_array_elements_text(?)`,
			// Not "IN (SELECT … json_array_elements_text(?))": PostgreSQL
			// estimates a set-returning function at 100 rows and plans a
			// hash join over the whole table; an array it probes the index
			// for.
			jsonIn: `%s = ANY(ARRAY(SELECT json_array_elements_text(?)))`,
		},
		read:   pool,
		write:  pool,
		sealer: s,
	}
	if err := pool.PingContext(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("sqlstore: OpenPostgres: %w", err)
	}
	if err := db.migrateTo(ctx, upTo); err != nil {
		pool.Close()
		return nil, fmt.Errorf("sqlstore: OpenPostgres: %w", err)
	}
	db.lanes = newLanes(db)
	db.pgHeads = &pgStamp{}
	db.heads = newHeadCache(db.pgHeads)
	db.listener = listen(url, db.pgHeads)
	return db, nil
}
