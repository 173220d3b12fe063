package sqlstore

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"net"
	"path/filepath"
	"sync"
	"testing"
	"time"

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

// TestPostgresConnectionsEndedAreReplaced: when the server ends every
// connection of the pool (a restart, a failover, an administrator), the
// next reads and writes run on new connections instead of failing on the
// dead ones one call at a time: none of them reached the database.
func TestPostgresConnectionsEndedAreReplaced(t *testing.T) {
	b := backends[1]
	url := b.newDatabase(t)
	db := b.mustOpen(t, url)
	ctx := context.Background()
	admin, err := sql.Open("pgx", url)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()

	// Fill the pool, with more connections than a call has attempts:
	// readers held open at once each take one.
	var wg sync.WaitGroup
	for range 2 * maxAttempts {
		wg.Add(1)
		go func() {
			defer wg.Done()
			db.View(ctx, func(tx wat.Tx) error {
				_, err := tx.GetAccount(ctx, "000000000000")
				time.Sleep(50 * time.Millisecond)
				if wat.ErrorCodeOf(err) == wat.ENotFound {
					return nil
				}
				return err
			})
		}()
	}
	wg.Wait()
	if err := db.Update(ctx, func(tx wat.Tx) error {
		return tx.CreateAccount(ctx, &wat.Account{ID: "111111111111", Name: "before", CreatedAt: time.Now().UTC()})
	}); err != nil {
		t.Fatal(err)
	}
	terminate := func(atLeast int) {
		t.Helper()
		var ended int
		if err := admin.QueryRowContext(ctx, `SELECT count(pg_terminate_backend(pid, 5000)) FROM pg_stat_activity
			WHERE datname = current_database() AND pid <> pg_backend_pid()`).Scan(&ended); err != nil {
			t.Fatal(err)
		}
		if ended < atLeast {
			t.Fatalf("%d connections ended, want at least %d", ended, atLeast)
		}
	}
	terminate(2)
	for i := range 10 {
		err := db.View(ctx, func(tx wat.Tx) error {
			_, err := tx.GetAccount(ctx, "111111111111")
			return err
		})
		if err != nil {
			t.Fatalf("read %d after the connections were ended: %v", i, err)
		}
	}
	for i := range 10 {
		err := db.Update(ctx, func(tx wat.Tx) error {
			return tx.CreateAccount(ctx, &wat.Account{ID: fmt.Sprintf("2222222222%02d", i), Name: "after", CreatedAt: time.Now().UTC()})
		})
		if err != nil {
			t.Fatalf("write %d after the connections were ended: %v", i, err)
		}
	}
	// Writes about one workload, which share commits in a lane, too.
	terminate(1)
	keyed := wat.WithWriteKey(ctx, "workload")
	for i := range 10 {
		err := db.Update(keyed, func(tx wat.Tx) error {
			return tx.CreateAccount(ctx, &wat.Account{ID: fmt.Sprintf("3333333333%02d", i), Name: "keyed", CreatedAt: time.Now().UTC()})
		})
		if err != nil {
			t.Fatalf("keyed write %d after the connections were ended: %v", i, err)
		}
	}
}

// TestLostConnection: a connection the server ended, or one the driver
// found broken, is a transaction to run again; a failure at the commit is
// not (the commit may have been applied), nor one a retry would repeat.
func TestLostConnection(t *testing.T) {
	ended := &pgconn.PgError{Code: pgAdminShutdown, Message: "terminating connection due to administrator command"}
	for _, c := range []struct {
		err  error
		want bool
	}{
		{fmt.Errorf("sqlstore: begin: %w", ended), true},
		{&pgconn.PgError{Code: pgCrashShutdown}, true},
		{fmt.Errorf("query: %w", driver.ErrBadConn), true},
		{&commitError{ended}, false},
		{fmt.Errorf("wrapped: %w", &commitError{driver.ErrBadConn}), false},
		{&pgconn.PgError{Code: pgUniqueViolation}, false},
		{&pgconn.PgError{Code: pgSerializationFailure}, false},
		{context.Canceled, false},
		{nil, false},
	} {
		if got := lostConnection(c.err); got != c.want {
			t.Errorf("lostConnection(%v) = %v, want %v", c.err, got, c.want)
		}
	}
}
