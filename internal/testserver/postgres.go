package testserver

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" database/sql driver
)

// PostgresDatabase returns the URL of a fresh, empty PostgreSQL database
// that is dropped when the test ends. The server comes from
// WAT_TEST_DATABASE_URL (make test starts one); without it the test is
// skipped locally and fails in CI, where PostgreSQL must be tested.
func PostgresDatabase(t testing.TB) string {
	t.Helper()
	base := os.Getenv("WAT_TEST_DATABASE_URL")
	if base == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("WAT_TEST_DATABASE_URL is not set: PostgreSQL tests must run in CI (make test starts a server)")
		}
		t.Skip("WAT_TEST_DATABASE_URL not set; run make test for the PostgreSQL tests")
	}
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	b := make([]byte, 6)
	rand.Read(b)
	name := "wat_t_" + hex.EncodeToString(b)
	ctx := context.Background()
	if _, err := admin.ExecContext(ctx, "CREATE DATABASE "+name); err != nil {
		t.Fatalf("create test database: %v", err)
	}
	t.Cleanup(func() {
		db, err := sql.Open("pgx", base)
		if err != nil {
			return
		}
		defer db.Close()
		db.ExecContext(context.Background(), "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)")
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + name
	return u.String()
}
