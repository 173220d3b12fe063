package sqlstore

import (
	"context"
	"database/sql"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/wat-dev/wat"
)

// TestBackupCarriesEveryTable: a backup holds every table of the schema
// (but schema_migrations) with all its rows, and a table it does not know
// how to carry, as a future migration could add, makes it fail instead of
// being left out.
func TestBackupCarriesEveryTable(t *testing.T) {
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			if b.require != nil {
				b.require(t)
			}
			db := b.fresh(t)
			fillForBackup(t, db)
			h, data := backupBytes(t, db)
			var schema []string
			err := db.once(context.Background(), false, func(tx *sql.Tx) error {
				s, err := readSchema(context.Background(), tx, db.dialect.name)
				for name := range s {
					schema = append(schema, name)
				}
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			for _, t := range h.Tables {
				names = append(names, t.Name)
			}
			sort.Strings(schema)
			sort.Strings(names)
			if diff := cmp.Diff(schema, names); diff != "" {
				t.Errorf("tables of the backup (-schema +backup):\n%s", diff)
			}
			if h.SchemaVersion != latestSchemaVersion() || h.Format != BackupFormat || h.FormatVersion != 1 || h.SourceDialect != b.name {
				t.Errorf("header %+v", h)
			}
			_, rows := backupRows(t, data)
			for _, table := range []string{"accounts", "users", "access_keys", "account_organizations", "answers", "evidence_checks", "lens_versions", "audit_events", "audit_prunes"} {
				var want int
				if err := db.read.QueryRow(`SELECT count(*) FROM ` + table).Scan(&want); err != nil {
					t.Fatal(err)
				}
				if len(rows[table]) != want || want == 0 {
					t.Errorf("%s: %d rows in the backup, %d in the database", table, len(rows[table]), want)
				}
			}

			if _, err := db.write.Exec(`CREATE TABLE future_things (id TEXT NOT NULL PRIMARY KEY)`); err != nil {
				t.Fatal(err)
			}
			_, err = db.Backup(context.Background(), &strings.Builder{}, "test")
			if err == nil || !strings.Contains(err.Error(), "cannot back up (future_things)") {
				t.Errorf("Backup with a table it does not know: %v, want an error naming it", err)
			}
		})
	}
}

// TestBackupSameFromBothDatabases: the tables, columns and types of a
// backup are the same whichever database it comes from, so either restores
// into the other. PostgreSQL's schema states the booleans and times that
// backupTables must name for SQLite's.
func TestBackupSameFromBothDatabases(t *testing.T) {
	requirePostgres(t)
	var headers []*BackupHeader
	for _, b := range backends {
		h, _ := backupBytes(t, b.fresh(t))
		headers = append(headers, h)
	}
	if diff := cmp.Diff(headers[0].Tables, headers[1].Tables); diff != "" {
		t.Errorf("tables of a backup (-sqlite +postgres):\n%s", diff)
	}
}

// TestBackupTablesInForeignKeyOrder: every table comes after the tables its
// foreign keys refer to, so that a restore can insert them in order.
func TestBackupTablesInForeignKeyOrder(t *testing.T) {
	db := backends[0].fresh(t)
	var order []string
	for _, s := range backupTables {
		order = append(order, s.name)
	}
	for i, table := range order {
		rows, err := db.read.Query(`SELECT "table" FROM pragma_foreign_key_list(?)`, table)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var parent string
			if err := rows.Scan(&parent); err != nil {
				t.Fatal(err)
			}
			if j := slices.Index(order, parent); j < 0 || j > i {
				t.Errorf("%s refers to %s, which backupTables puts after it", table, parent)
			}
		}
		rows.Close()
	}
}

// TestRestoreRoundTrip restores a backup into a new database of each kind
// and backs that up again: every row comes back as it was, the secrets
// open with the same key, and new audit events follow the restored ones.
func TestRestoreRoundTrip(t *testing.T) {
	eachPair(t, func(t *testing.T, from, to *backend) {
		src := from.fresh(t)
		fillForBackup(t, src)
		h, data := backupBytes(t, src)
		addr := to.newDatabase(t)
		res, err := restoreInto(to, addr, testKey, data)
		if err != nil {
			t.Fatalf("restore: %v", err)
		}
		if !res.KeyChecked || res.SchemaVersion != h.SchemaVersion {
			t.Errorf("restore result %+v", res)
		}
		dst := to.mustOpen(t, addr)
		_, want := backupRows(t, data)
		h2, got := backupRows(t, mustBackup(t, dst))
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("rows after the restore (-backed up +restored):\n%s", diff)
		}
		if diff := cmp.Diff(h.Tables, h2.Tables); diff != "" {
			t.Errorf("tables after the restore (-backed up +restored):\n%s", diff)
		}
		var secret string
		e := &wat.AuditEvent{EventTime: t0, EventName: "AfterRestore"}
		update(t, dst, func(ctx context.Context, tx wat.Tx) error {
			k, err := tx.GetAccessKey(ctx, "AKIAAAAAAAAAAAAAAAAA")
			if err == nil {
				secret = k.Secret
				err = tx.AppendAuditEvent(ctx, e)
			}
			return err
		})
		if secret != "the secret ünï" {
			t.Errorf("the restored secret is %q", secret)
		}
		if last := listAudit(t, src, wat.AuditFilter{}, 0, 100); e.ID <= last[len(last)-1].ID {
			t.Errorf("a new audit event got id %d, not after the restored %d", e.ID, last[len(last)-1].ID)
		}
	})
}

func mustBackup(tb testing.TB, db *DB) []byte {
	tb.Helper()
	_, data := backupBytes(tb, db)
	return data
}
