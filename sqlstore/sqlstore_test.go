package sqlstore

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/wat-dev/wat"
)

// testKey is the master key of the test databases.
var testKey = []byte("0123456789abcdef0123456789abcdef")

// backend makes databases of one kind for the contract suite.
type backend struct {
	name string
	// newDatabase makes an empty database, removed when the test ends, and
	// returns what open needs to reach it.
	newDatabase func(tb testing.TB) string
	// open opens a DB on a database newDatabase made. Opening it again gives
	// another "replica" of the same service.
	open func(ctx context.Context, addr string, key []byte) (*DB, error)
	// require skips the test, or fails it in CI, when the backend is not
	// available; nil when it always is.
	require func(tb testing.TB) string
}

// backends are SQLite, always, and PostgreSQL when WAT_TEST_DATABASE_URL
// names a server on which the tests may create databases.
var backends = []*backend{
	{
		name: "sqlite",
		newDatabase: func(tb testing.TB) string {
			return filepath.Join(tb.TempDir(), "data", "wat.db")
		},
		open: func(ctx context.Context, path string, key []byte) (*DB, error) {
			return OpenSQLite(ctx, path, key)
		},
	},
	{
		name:        "postgres",
		newDatabase: newPostgresDatabase,
		open:        OpenPostgres,
		require:     requirePostgres,
	},
}

// fresh opens a DB on a new, empty database, closed when the test ends.
func (b *backend) fresh(tb testing.TB) *DB {
	tb.Helper()
	return b.mustOpen(tb, b.newDatabase(tb))
}

// mustOpen opens a DB (one more replica) on addr, closed when the test ends.
func (b *backend) mustOpen(tb testing.TB, addr string) *DB {
	tb.Helper()
	db, err := b.open(context.Background(), addr, testKey)
	if err != nil {
		tb.Fatalf("open %s: %v", b.name, err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

var pgAdmin struct {
	once sync.Once
	db   *sql.DB
	err  error
}

// requirePostgres returns WAT_TEST_DATABASE_URL, the server on which the
// tests create their databases. Without it the test is skipped, except in
// CI, where skipping would hide that PostgreSQL was never tested.
func requirePostgres(tb testing.TB) string {
	tb.Helper()
	base := os.Getenv("WAT_TEST_DATABASE_URL")
	if base == "" {
		if os.Getenv("CI") == "true" {
			tb.Fatal("WAT_TEST_DATABASE_URL is not set: CI must test on PostgreSQL (make test starts one with scripts/testdb.sh)")
		}
		tb.Skip("WAT_TEST_DATABASE_URL is not set: skipping PostgreSQL (make test starts one)")
	}
	return base
}

// newPostgresDatabase creates a database named wat_test_<random> on the
// server of WAT_TEST_DATABASE_URL, dropped when the test ends, and returns
// its URL.
func newPostgresDatabase(tb testing.TB) string {
	tb.Helper()
	base := requirePostgres(tb)
	pgAdmin.once.Do(func() {
		pgAdmin.db, pgAdmin.err = sql.Open("pgx", base)
	})
	if pgAdmin.err != nil {
		tb.Fatalf("WAT_TEST_DATABASE_URL: %v", pgAdmin.err)
	}
	name := "wat_test_" + randomHex(8)
	ctx := context.Background()
	// A natural-language collation, as production databases have, where
	// the server has ICU (PostgreSQL 15 and later): the store must order
	// names by bytes, as SQLite does, whatever the database's locale.
	_, err := pgAdmin.db.ExecContext(ctx, "CREATE DATABASE "+name+" TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'en-US' LOCALE 'C'")
	if err != nil {
		if _, err := pgAdmin.db.ExecContext(ctx, "CREATE DATABASE "+name); err != nil {
			tb.Fatalf("CREATE DATABASE %s: %v", name, err)
		}
	}
	tb.Cleanup(func() {
		// FORCE ends the connections of replicas that a failed test left open.
		if _, err := pgAdmin.db.ExecContext(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)"); err != nil {
			tb.Errorf("DROP DATABASE %s: %v", name, err)
		}
	})
	return withDatabase(tb, base, name)
}

// withDatabase returns the connection string base with its database
// replaced by name.
func withDatabase(tb testing.TB, base, name string) string {
	if !strings.HasPrefix(base, "postgres://") && !strings.HasPrefix(base, "postgresql://") {
		return base + " dbname=" + name // key=value form: the last one wins
	}
	u, err := url.Parse(base)
	if err != nil {
		tb.Fatalf("WAT_TEST_DATABASE_URL: %v", err)
	}
	u.Path = "/" + name
	return u.String()
}

func randomHex(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// update runs fn in an Update transaction and fails the test on an error.
func update(tb testing.TB, db *DB, fn func(ctx context.Context, tx wat.Tx) error) {
	tb.Helper()
	ctx := context.Background()
	if err := db.Update(ctx, func(tx wat.Tx) error { return fn(ctx, tx) }); err != nil {
		tb.Fatal(err)
	}
}

// view runs fn in a View transaction and returns its error.
func view(db *DB, fn func(ctx context.Context, tx wat.Tx) error) error {
	ctx := context.Background()
	return db.View(ctx, func(tx wat.Tx) error { return fn(ctx, tx) })
}

// try runs fn in an Update transaction and returns its error.
func try(db *DB, fn func(ctx context.Context, tx wat.Tx) error) error {
	ctx := context.Background()
	return db.Update(ctx, func(tx wat.Tx) error { return fn(ctx, tx) })
}

// wantError fails the test unless err carries a *wat.Error of the code and
// resource type.
func wantError(tb testing.TB, err error, code wat.ErrorCode, resourceType string) {
	tb.Helper()
	var e *wat.Error
	if !errors.As(err, &e) || e.Code != code || e.ResourceType != resourceType {
		tb.Fatalf("error = %v, want a %s error on a %s", err, code, resourceType)
	}
	if !strings.HasPrefix(err.Error(), "sqlstore: ") {
		tb.Errorf("error %q does not name the store operation", err)
	}
}

// rowCount counts the rows of table whose column equals value, straight
// from the database.
func rowCount(tb testing.TB, db *DB, table, column, value string) int {
	tb.Helper()
	var n int
	q := db.rebind(fmt.Sprintf("SELECT count(*) FROM %s WHERE %s = ?", table, column))
	if err := db.read.QueryRow(q, value).Scan(&n); err != nil {
		tb.Fatal(err)
	}
	return n
}
