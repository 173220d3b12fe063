package sqlstore

import (
	"context"
	"errors"
	"fmt"
	"os"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/wat-dev/wat"
)

// wantRefused fails the test unless err is a *wat.Error whose message is
// want: what `wat admin restore` prints.
func wantRefused(tb testing.TB, err error, want string) {
	tb.Helper()
	var e *wat.Error
	if !errors.As(err, &e) || e.Message != want {
		tb.Errorf("restore: %v\nwant the message: %s", err, want)
	}
}

// wantNothingRestored fails the test unless a failed restore left the
// database at addr empty; on SQLite, unless it removed the file it made.
func wantNothingRestored(tb testing.TB, b *backend, addr, what string) {
	tb.Helper()
	if b.name == "sqlite" {
		if _, err := os.Stat(addr); err == nil {
			tb.Errorf("%s: the database file is left behind", what)
		}
		return
	}
	h, _ := backupBytes(tb, b.mustOpen(tb, addr))
	if slices.ContainsFunc(h.Tables, func(t BackupTable) bool { return t.Rows > 0 }) {
		tb.Errorf("%s: rows left behind", what)
	}
}

// TestRestoreRefuses: a backup made by a newer wat, into a database that is
// not empty, with another master key, or damaged, is refused with a message
// saying why, and leaves the database as it was.
func TestRestoreRefuses(t *testing.T) {
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			if b.require != nil {
				b.require(t)
			}
			testRestoreRefuses(t, b)
		})
	}
}

func testRestoreRefuses(t *testing.T, b *backend) {
	src := b.fresh(t)
	fillForBackup(t, src)
	h, data := backupBytes(t, src)
	_, rows := backupRows(t, data)
	latest := latestSchemaVersion()

	newer := *h
	newer.SchemaVersion = latest + 2
	addr := b.newDatabase(t)
	_, err := restoreInto(b, addr, testKey, writeBackup(t, &newer, rows))
	wantRefused(t, err, fmt.Sprintf("this backup was made by a newer wat (schema %d); this wat knows up to %d: upgrade wat first", latest+2, latest))
	wantNothingRestored(t, b, addr, "newer schema")

	format := *h
	format.FormatVersion = 2
	_, err = restoreInto(b, addr, testKey, writeBackup(t, &format, rows))
	wantRefused(t, err, "this backup is in format version 2; this wat reads version 1: upgrade wat first")

	other := []byte("another master key, 32 bytes ...")
	_, err = restoreInto(b, addr, other, data)
	wantRefused(t, err, "the master key does not open the secrets of this backup: restore with the master key of the wat it was made from (WAT_MASTER_KEY, or a copy of its DIR/master.key)")
	wantNothingRestored(t, b, addr, "wrong key")

	for name, damaged := range map[string][]byte{
		"truncated":  data[:len(data)*2/3],
		"not gzip":   []byte("accounts,users\n"),
		"extra rows": writeBackup(t, h, mapWith(rows, "audit_prunes", append(slices.Clone(rows["audit_prunes"]), rows["audit_prunes"]...))),
	} {
		if _, err := restoreInto(b, addr, testKey, damaged); err == nil {
			t.Errorf("%s backup: restored", name)
		}
		wantNothingRestored(t, b, addr, name+" backup")
	}

	// The database is still empty: the right backup restores.
	if _, err := restoreInto(b, addr, testKey, data); err != nil {
		t.Fatalf("restore after the refusals: %v", err)
	}
	_, err = restoreInto(b, addr, testKey, data)
	wantRefused(t, err, "the database is not empty (table accounts has rows): restore only into a new, empty database")
	_, got := backupRows(t, mustBackup(t, b.mustOpen(t, addr)))
	if diff := cmp.Diff(rows, got); diff != "" {
		t.Errorf("a refused restore changed the database (-first restore +now):\n%s", diff)
	}
}

// mapWith is m with key set to v.
func mapWith(m map[string][]string, key string, v []string) map[string][]string {
	out := map[string][]string{}
	for k, l := range m {
		out[k] = l
	}
	out[key] = v
	return out
}

// TestRestoreOlderBackup restores a backup made at schema 12, before
// audit_prunes existed: the database is brought to schema 12, filled, and
// migrated to the latest schema afterwards.
func TestRestoreOlderBackup(t *testing.T) {
	eachPair(t, func(t *testing.T, from, to *backend) {
		src := from.fresh(t)
		fillForBackup(t, src)
		h, data := backupBytes(t, src)
		_, rows := backupRows(t, data)
		old, oldRows, changed := atSchema(t, h, rows, 12)
		if slices.ContainsFunc(old.Tables, func(t BackupTable) bool { return t.Name == "audit_prunes" }) {
			t.Fatalf("schema 12 has audit_prunes")
		}
		addr := to.newDatabase(t)
		res, err := restoreInto(to, addr, testKey, writeBackup(t, old, oldRows))
		if err != nil {
			t.Fatalf("restore: %v", err)
		}
		if res.SchemaVersion != latestSchemaVersion() {
			t.Errorf("schema %d after the restore, want %d", res.SchemaVersion, latestSchemaVersion())
		}
		db := to.mustOpen(t, addr)
		_, got := backupRows(t, mustBackup(t, db))
		// The tables of later migrations are empty; those whose columns
		// they changed keep their rows, compared by number only.
		want := map[string][]string{}
		for _, tb := range h.Tables {
			want[tb.Name] = []string{}
			if r, ok := oldRows[tb.Name]; ok {
				want[tb.Name] = r
			}
			if slices.Contains(changed, tb.Name) {
				if len(got[tb.Name]) != len(want[tb.Name]) {
					t.Errorf("%s: %d rows after the restore, %d backed up", tb.Name, len(got[tb.Name]), len(want[tb.Name]))
				}
				want[tb.Name], got[tb.Name] = nil, nil
			}
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("rows after the restore (-backed up +restored):\n%s", diff)
		}
		var n int
		if err := db.read.QueryRowContext(context.Background(), `SELECT count(*) FROM schema_migrations`).Scan(&n); err != nil || n != latestSchemaVersion() {
			t.Errorf("%d migrations recorded (%v), want %d", n, err, latestSchemaVersion())
		}
	})
}

// TestRestoreIntoNewerSchema: an empty database already at a newer schema
// than the backup's cannot take it, as migrations only go forward.
func TestRestoreIntoNewerSchema(t *testing.T) {
	b := backends[0]
	h, data := backupBytes(t, b.fresh(t))
	_, rows := backupRows(t, data)
	old, oldRows, _ := atSchema(t, h, rows, 12)
	addr := b.newDatabase(t)
	b.mustOpen(t, addr) // at the latest schema, empty
	_, err := restoreInto(b, addr, testKey, writeBackup(t, old, oldRows))
	wantRefused(t, err, fmt.Sprintf("the database is at schema %d, the backup at 12: restore into a new, empty database", latestSchemaVersion()))
}
