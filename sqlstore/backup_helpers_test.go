package sqlstore

// Helpers of the backup tests: a little of every kind of value, backups in
// memory, their rows by table, and backups rewritten as an older or newer
// wat would have made them.

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"database/sql"
	"encoding/json"
	"io"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/wat-dev/wat"
)

// fillForBackup stores a little of every kind of value a backup carries:
// booleans, times, bytes (a sealed secret, a lens document), a NULL (an
// account in an organization but in no OU), JSON text with non-ASCII
// characters, and identity ids (audit events and a prune of some).
func fillForBackup(tb testing.TB, db *DB) {
	tb.Helper()
	ctx := context.Background()
	newAccessKey(tb, db, "AKIAAAAAAAAAAAAAAAAA", "the secret ünï")
	newAccount(tb, db, "222222222222")
	newUser(tb, db, "222222222222", "bob")
	addKey(tb, db, "222222222222", "bob", "AKIABBBBBBBBBBBBBBBB", time.Hour)
	addPolicy(tb, db, "222222222222", "bob", "read")
	newSession(tb, db, "222222222222", "bob", "hash-of-a-token", time.Hour)
	newOrganization(tb, db, "o-aaaaaaaaaa", "111111111111")
	newOU(tb, db, "ou-aaaa-aaaaaaaa", "o-aaaaaaaaaa")
	setOrganization(tb, db, "222222222222", "o-aaaaaaaaaa", "")
	w := workloadID(1)
	insertWorkload(tb, db, fullWorkload("111111111111", w, "Ünïcode workload"))
	putReview(tb, db, w, lensWA, 3)
	update(tb, db, func(ctx context.Context, tx wat.Tx) error { return tx.PutEvidence(ctx, newEvidence(w, 0)) })
	l := newLens("111111111111", 1, 0)
	insertLens(tb, db, l)
	insertVersion(tb, db, &wat.LensVersion{LensARN: l.ARN, Version: "v1", IsMajor: true, Document: []byte("{\"name\":\"\x00bytes\xff\"}"), CreatedAt: t0})
	for i := range 3 {
		e := &wat.AuditEvent{EventTime: t0.Add(time.Duration(i) * time.Hour), EventName: "CreateWorkload", RequestID: "r" + string(rune('0'+i)), RequestParameters: `{"a":"é"}`}
		update(tb, db, func(ctx context.Context, tx wat.Tx) error { return tx.AppendAuditEvent(ctx, e) })
	}
	n, last, err := db.AuditEventsBefore(ctx, t0.Add(90*time.Minute), func(*wat.AuditEvent) error { return nil })
	if err != nil {
		tb.Fatal(err)
	}
	record := &wat.AuditEvent{EventTime: t0.Add(3 * time.Hour), EventName: "PruneAuditLog", RequestID: "prune"}
	if err := db.PruneAuditEvents(ctx, t0.Add(90*time.Minute), last, n, record); err != nil {
		tb.Fatal(err)
	}
}

// backupBytes backs db up into memory.
func backupBytes(tb testing.TB, db *DB) (*BackupHeader, []byte) {
	tb.Helper()
	var buf bytes.Buffer
	h, err := db.Backup(context.Background(), &buf, "test")
	if err != nil {
		tb.Fatalf("Backup: %v", err)
	}
	return h, buf.Bytes()
}

// backupRows returns the header of a backup and its rows by table, each as
// the text of its line.
func backupRows(tb testing.TB, data []byte) (*BackupHeader, map[string][]string) {
	tb.Helper()
	gz, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		tb.Fatal(err)
	}
	sc := bufio.NewScanner(gz)
	sc.Buffer(nil, 16<<20)
	var h BackupHeader
	if !sc.Scan() || json.Unmarshal(sc.Bytes(), &h) != nil {
		tb.Fatalf("no header: %v", sc.Err())
	}
	rows := map[string][]string{}
	for _, t := range h.Tables {
		rows[t.Name] = []string{}
		for range t.Rows {
			if !sc.Scan() {
				tb.Fatalf("table %s: fewer rows than %d: %v", t.Name, t.Rows, sc.Err())
			}
			rows[t.Name] = append(rows[t.Name], sc.Text())
		}
	}
	if sc.Scan() {
		tb.Fatalf("a line after the last row: %s", sc.Text())
	}
	return &h, rows
}

// writeBackup is a backup of h and rows, as Backup writes one. Tests use
// it to make backups as other versions of wat would.
func writeBackup(tb testing.TB, h *BackupHeader, rows map[string][]string) []byte {
	tb.Helper()
	var buf bytes.Buffer
	gz := gzip.NewWriter(&buf)
	line, err := json.Marshal(h)
	if err != nil {
		tb.Fatal(err)
	}
	io.WriteString(gz, string(line)+"\n")
	for _, t := range h.Tables {
		for _, r := range rows[t.Name] {
			io.WriteString(gz, r+"\n")
		}
	}
	if err := gz.Close(); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// atSchema is the backup h of rows as a wat at schema version would have
// made it: with the tables and columns that schema has only. It also
// returns the tables it took columns from.
func atSchema(tb testing.TB, h *BackupHeader, rows map[string][]string, version int) (*BackupHeader, map[string][]string, []string) {
	tb.Helper()
	ctx := context.Background()
	db, err := OpenSQLite(ctx, filepath.Join(tb.TempDir(), "old.db"), testKey, upToSchema(version))
	if err != nil {
		tb.Fatal(err)
	}
	defer db.Close()
	var schema map[string]*tableSchema
	err = db.once(ctx, false, func(tx *sql.Tx) (err error) {
		schema, err = readSchema(ctx, tx, db.dialect.name)
		return err
	})
	if err != nil {
		tb.Fatal(err)
	}
	old, out, changed := *h, map[string][]string{}, []string(nil)
	old.SchemaVersion, old.Tables = version, nil
	for _, t := range h.Tables {
		s := schema[t.Name]
		if s == nil {
			continue
		}
		var keep []int
		nt := t
		nt.Columns = nil
		for i, c := range t.Columns {
			if slices.ContainsFunc(s.columns, func(sc columnSchema) bool { return sc.name == c.Name }) {
				keep = append(keep, i)
				nt.Columns = append(nt.Columns, c)
			}
		}
		if len(keep) < len(t.Columns) {
			changed = append(changed, t.Name)
		}
		out[t.Name] = []string{}
		for _, line := range rows[t.Name] {
			var vals, kept []json.RawMessage
			if err := json.Unmarshal([]byte(line), &vals); err != nil {
				tb.Fatal(err)
			}
			for _, i := range keep {
				kept = append(kept, vals[i])
			}
			b, _ := json.Marshal(kept)
			out[t.Name] = append(out[t.Name], string(b))
		}
		old.Tables = append(old.Tables, nt)
	}
	return &old, out, changed
}

// restoreInto restores data into the database addr of backend b.
func restoreInto(b *backend, addr string, key []byte, data []byte) (*RestoreResult, error) {
	ctx := context.Background()
	if b.name == "postgres" {
		return RestorePostgres(ctx, addr, key, bytes.NewReader(data))
	}
	return RestoreSQLite(ctx, addr, key, bytes.NewReader(data))
}

// eachPair runs fn for every backend backed up and every backend restored
// into, skipping (or failing in CI) those that are not available.
func eachPair(t *testing.T, fn func(t *testing.T, from, to *backend)) {
	for _, from := range backends {
		for _, to := range backends {
			t.Run(from.name+"_to_"+to.name, func(t *testing.T) {
				for _, b := range []*backend{from, to} {
					if b.require != nil {
						b.require(t)
					}
				}
				fn(t, from, to)
			})
		}
	}
}
