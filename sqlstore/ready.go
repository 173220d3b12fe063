package sqlstore

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/wat-dev/wat"
)

// Ready reports whether the database can serve this binary: it answers a
// query (within ctx's deadline) and has every migration the binary knows.
// A newer schema counts as ready: during a rolling upgrade a replica that
// migrated first must not take the older ones out of service all at once.
// The error is an EUnavailable *wat.Error whose message, short and free of
// the driver's words, says why; the driver's error follows it in the
// chain, for the log.
func (db *DB) Ready(ctx context.Context) error {
	if db.closed.Load() {
		return notReady("the database is closed", errClosed)
	}
	want := latestSchemaVersion()
	var have sql.NullInt64
	if err := db.read.QueryRowContext(ctx, `SELECT max(version) FROM schema_migrations`).Scan(&have); err != nil {
		return notReady("the database does not answer", err)
	}
	if int(have.Int64) < want {
		return &wat.Error{Code: wat.EUnavailable,
			Message: fmt.Sprintf("the database schema is at migration %d; this binary needs %d", have.Int64, want)}
	}
	return nil
}

// notReady is Ready's error: message for the client, cause for the log.
func notReady(message string, cause error) error {
	e := &wat.Error{Code: wat.EUnavailable, Message: message}
	if cause == nil {
		return e
	}
	return fmt.Errorf("%w: %w", e, cause)
}
