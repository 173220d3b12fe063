package sqlstore

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"testing"
)

func TestOpenSQLiteCreatesPrivateFile(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "new", "dir")
	path := filepath.Join(dir, "wat.db")
	db, err := OpenSQLite(context.Background(), path, testKey)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for name, want := range map[string]os.FileMode{dir: 0o700 | os.ModeDir, path: 0o600} {
		fi, err := os.Stat(name)
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode() != want {
			t.Errorf("%s has mode %v, want %v", name, fi.Mode(), want)
		}
	}
}

func TestOpenSQLiteRejectsNonFiles(t *testing.T) {
	for _, path := range []string{"", ":memory:", "file:x.db", filepath.Join(t.TempDir(), "x.db?mode=ro")} {
		if db, err := OpenSQLite(context.Background(), path, testKey); err == nil {
			db.Close()
			t.Errorf("OpenSQLite(%q) succeeded", path)
		}
	}
}

// pragma reads a PRAGMA on a connection of pool.
func pragma(t *testing.T, pool *sql.DB, name string) string {
	t.Helper()
	var v string
	if err := pool.QueryRow("PRAGMA " + name).Scan(&v); err != nil {
		t.Fatal(err)
	}
	return v
}

func TestSQLiteSettings(t *testing.T) {
	path := filepath.Join(t.TempDir(), "wat.db")
	tests := []struct {
		name string
		opts []Option
		sync string // PRAGMA synchronous: 2 is FULL, 1 NORMAL
	}{
		{"default", nil, "2"},
		{"SynchronousNormal", []Option{SynchronousNormal()}, "1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db, err := OpenSQLite(context.Background(), path, testKey, tt.opts...)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			for _, pool := range []*sql.DB{db.read, db.write} {
				want := map[string]string{"journal_mode": "wal", "foreign_keys": "1", "busy_timeout": "10000", "synchronous": tt.sync}
				for name, v := range want {
					if got := pragma(t, pool, name); got != v {
						t.Errorf("PRAGMA %s = %s, want %s", name, got, v)
					}
				}
			}
			if got := pragma(t, db.read, "query_only"); got != "1" {
				t.Errorf("the read pool is not query_only")
			}
		})
	}
}

func TestRebind(t *testing.T) {
	db := &DB{dialect: &dialect{dollar: true}}
	for range 2 { // the second time from the cache
		got := db.rebind(`SELECT a FROM t WHERE b = ? AND (c, d) > (?, ?) LIMIT ?`)
		if want := `SELECT a FROM t WHERE b = $1 AND (c, d) > ($2, $3) LIMIT $4`; got != want {
			t.Errorf("rebind = %q, want %q", got, want)
		}
	}
}
