package sqlstore

import (
	"bufio"
	"compress/gzip"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"
)

// A backup is a snapshot of every table of a wat database, in one file that
// either database reads back (format version 1):
//
//   - The file is a gzip stream of JSON lines: one JSON value a line.
//   - The first line is the header, a BackupHeader: "format" is always
//     "wat-backup"; "formatVersion" is 1; "schemaVersion" is the number of
//     the database's latest migration; "createdAt", "sourceDialect"
//     ("sqlite" or "postgres") and "watVersion" say where it comes from;
//     "tables" lists every table but schema_migrations, each with its
//     "columns" ({"name", "type", "nullable"}) and its number of "rows".
//   - Then come the rows: for each table in the header's order, exactly
//     its number of rows lines, each a JSON array of the row's values in
//     the order of its columns. Nothing follows the last one.
//
// Values are written by the column's type, the same from either database:
// "text" as a string (JSON columns too: lists, maps, milestone snapshots,
// as stored); "integer" as a number; "boolean" as true or false;
// "timestamp" as a UTC string "2006-01-02T15:04:05.000000Z"; "bytes" as a
// standard base64 string; NULL as null. Tables come each after those its
// foreign keys refer to, so a restore inserts them in this order; rows come
// in primary-key order (bytewise), so two backups of the same data are the
// same apart from their header.
//
// Secrets stay encrypted: access_keys.secret is bytes, the ciphertext as
// stored (AES-256-GCM under the master key), never decrypted. A restore
// therefore needs the master key of the database backed up. Console
// passwords are argon2id hashes, sessions hashes of their tokens.
const (
	BackupFormat        = "wat-backup"
	BackupFormatVersion = 1
)

// BackupHeader is the first line of a backup.
type BackupHeader struct {
	Format        string        `json:"format"`
	FormatVersion int           `json:"formatVersion"`
	SchemaVersion int           `json:"schemaVersion"`
	CreatedAt     time.Time     `json:"createdAt"`
	SourceDialect string        `json:"sourceDialect"`
	WatVersion    string        `json:"watVersion"`
	Tables        []BackupTable `json:"tables"`
}

// BackupTable is one table of a backup: its columns and how many rows
// follow the header for it.
type BackupTable struct {
	Name    string         `json:"name"`
	Columns []BackupColumn `json:"columns"`
	Rows    int64          `json:"rows"`
}

// BackupColumn is one column of a backed-up table, with its neutral type:
// text, integer, boolean, timestamp or bytes.
type BackupColumn struct {
	Name     string `json:"name"`
	Type     string `json:"type"`
	Nullable bool   `json:"nullable,omitempty"`
}

// Backup writes a backup of the whole database to w and returns its
// header. It reads in one read-only transaction, so it sees one snapshot
// while the server goes on writing: SQLite's WAL gives readers a snapshot
// and never blocks the writer, and PostgreSQL's View transactions are
// REPEATABLE READ. watVersion is recorded in the header.
func (db *DB) Backup(ctx context.Context, w io.Writer, watVersion string) (*BackupHeader, error) {
	if db.closed.Load() {
		return nil, errClosed
	}
	var h *BackupHeader
	err := db.once(ctx, false, func(tx *sql.Tx) error {
		schema, err := readSchema(ctx, tx, db.dialect.name)
		if err != nil {
			return fmt.Errorf("reading the schema: %w", err)
		}
		tables, err := backupLayout(schema, db.dialect.name)
		if err != nil {
			return err
		}
		h = &BackupHeader{Format: BackupFormat, FormatVersion: BackupFormatVersion,
			CreatedAt: storedTime(time.Now()), SourceDialect: db.dialect.name, WatVersion: watVersion, Tables: tables}
		if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(version), 0) FROM schema_migrations`).Scan(&h.SchemaVersion); err != nil {
			return err
		}
		// Counted first, so that the header can say them: the snapshot
		// keeps them true while the rows are read.
		for i := range h.Tables {
			t := &h.Tables[i]
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM `+quote(t.Name)).Scan(&t.Rows); err != nil {
				return fmt.Errorf("counting %s: %w", t.Name, err)
			}
		}
		return db.writeBackup(ctx, tx, h, schema, w)
	})
	if err != nil {
		return nil, fmt.Errorf("sqlstore: Backup: %w", err)
	}
	return h, nil
}

// writeBackup writes the header and every table's rows, compressed.
func (db *DB) writeBackup(ctx context.Context, tx *sql.Tx, h *BackupHeader, schema map[string]*tableSchema, w io.Writer) error {
	gz := gzip.NewWriter(w)
	buf := bufio.NewWriterSize(gz, 64<<10)
	enc := json.NewEncoder(buf)
	if err := enc.Encode(h); err != nil {
		return err
	}
	for _, t := range h.Tables {
		if err := db.dumpTable(ctx, tx, t, schema[t.Name].key, enc); err != nil {
			return fmt.Errorf("table %s: %w", t.Name, err)
		}
	}
	if err := buf.Flush(); err != nil {
		return err
	}
	return gz.Close()
}

// dumpTable writes the rows of t, one JSON array a line, in key order.
func (db *DB) dumpTable(ctx context.Context, tx *sql.Tx, t BackupTable, key []string, enc *json.Encoder) error {
	names := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		names[i] = quote(c.Name)
	}
	order := make([]string, len(key))
	for i, k := range key {
		order[i] = quote(k)
		// Byte order, as SQLite's, whatever the database's collation.
		if db.dialect.name == "postgres" && columnType(t, k) == typeText {
			order[i] += ` COLLATE "C"`
		}
	}
	q := `SELECT ` + strings.Join(names, ", ") + ` FROM ` + quote(t.Name)
	if len(order) > 0 {
		q += ` ORDER BY ` + strings.Join(order, ", ")
	}
	rows, err := tx.QueryContext(ctx, q)
	if err != nil {
		return err
	}
	defer rows.Close()
	vals := make([]any, len(t.Columns))
	ptrs := make([]any, len(t.Columns))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	out := make([]any, len(t.Columns))
	var n int64
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return err
		}
		for i, c := range t.Columns {
			if out[i], err = encodeValue(c.Type, vals[i]); err != nil {
				return fmt.Errorf("column %s: %w", c.Name, err)
			}
		}
		if err := enc.Encode(out); err != nil {
			return err
		}
		n++
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if n != t.Rows {
		// The snapshot rules it out; a broken snapshot must not pass silently.
		return fmt.Errorf("read %d rows, counted %d", n, t.Rows)
	}
	return nil
}

// columnType is the neutral type of t's column name, "" if it has none.
func columnType(t BackupTable, name string) string {
	for _, c := range t.Columns {
		if c.Name == name {
			return c.Type
		}
	}
	return ""
}

// quote is an identifier quoted for both databases. The names come from
// the schema, never from input, but one may be a keyword.
func quote(name string) string { return `"` + strings.ReplaceAll(name, `"`, `""`) + `"` }
