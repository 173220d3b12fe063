package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net"
	"path/filepath"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/wat-dev/wat"
)

// TestUnavailable: the failures of a database that cannot be reached become
// EUnavailable, keeping the driver's error for the log; the failures a
// retry would repeat do not.
func TestUnavailable(t *testing.T) {
	refused := &net.OpError{Op: "dial", Net: "tcp", Err: errors.New("connect: connection refused")}
	for _, tt := range []struct {
		name string
		err  error
		want bool
	}{
		{"closed DB", errClosed, true},
		{"connection done", fmt.Errorf("commit: %w", sql.ErrConnDone), true},
		{"network", fmt.Errorf("query: %w", refused), true},
		{"admin shutdown", &pgconn.PgError{Code: "57P01"}, true},
		{"connection failure", &pgconn.PgError{Code: "08006"}, true},
		{"too many connections", &pgconn.PgError{Code: "53300"}, true},
		{"disk full", &pgconn.PgError{Code: "53100"}, true},
		{"pgx conn closed", fmt.Errorf("begin: %w", pgconn.ErrConnClosed), true},
		{"unique violation", &pgconn.PgError{Code: pgUniqueViolation}, false},
		{"syntax", &pgconn.PgError{Code: "42601"}, false},
		{"no rows", sql.ErrNoRows, false},
		{"caller gone", fmt.Errorf("%w: %w", context.Canceled, refused), false},
		{"domain", wat.NotFound("WORKLOAD", "w", "no"), false},
	} {
		err := unavailable(tt.err)
		var e *wat.Error
		got := errors.As(err, &e) && e.Code == wat.EUnavailable
		if got != tt.want {
			t.Errorf("%s: unavailable = %v, want %v (%v)", tt.name, got, tt.want, err)
		}
		if got && (!errors.Is(err, tt.err) || e.Message != "The service is temporarily unavailable. Try again later.") {
			t.Errorf("%s: %v: the cause must stay in the chain and the message be generic", tt.name, err)
		}
	}
}

// TestClosedDBIsUnavailable: a transaction on a closed DB fails as
// unavailable, and closing twice is harmless.
func TestClosedDBIsUnavailable(t *testing.T) {
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			if b.require != nil {
				b.require(t)
			}
			db := b.fresh(t)
			if err := db.Close(); err != nil {
				t.Fatal(err)
			}
			ctx := context.Background()
			for name, err := range map[string]error{
				"View":   db.View(ctx, func(wat.Tx) error { return nil }),
				"Update": db.Update(ctx, func(wat.Tx) error { return nil }),
			} {
				if wat.ErrorCodeOf(err) != wat.EUnavailable {
					t.Errorf("%s on a closed DB: %v", name, err)
				}
			}
			if err := db.Close(); err != nil {
				t.Errorf("second Close: %v", err)
			}
		})
	}
}

// TestSQLiteBusyIsUnavailable: a write lock another process holds beyond
// the busy timeout is a database unavailable, not an internal error.
func TestSQLiteBusyIsUnavailable(t *testing.T) {
	path := filepath.Join(t.TempDir(), "busy.db")
	holder, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer holder.Close()
	ctx := context.Background()
	conn, err := holder.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "BEGIN EXCLUSIVE"); err != nil {
		t.Fatal(err)
	}
	defer conn.ExecContext(ctx, "ROLLBACK")
	other, err := sql.Open("sqlite", path+"?_busy_timeout=0")
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	_, err = other.ExecContext(ctx, "CREATE TABLE t (x INTEGER)")
	if err == nil {
		t.Fatal("a second writer got the lock")
	}
	if got := unavailable(err); wat.ErrorCodeOf(got) != wat.EUnavailable {
		t.Errorf("SQLITE_BUSY: %v, want unavailable", got)
	}
}
