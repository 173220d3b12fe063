package sqlstore

import (
	"bufio"
	"compress/gzip"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/wat-dev/wat"
)

// backupReader reads a backup: the header first, then the rows.
type backupReader struct {
	dec    *json.Decoder
	header *BackupHeader
}

// newBackupReader reads and checks the header of the backup r holds.
func newBackupReader(r io.Reader) (*backupReader, error) {
	gz, err := gzip.NewReader(bufio.NewReaderSize(r, 64<<10))
	if err != nil {
		return nil, fmt.Errorf("not a wat backup (not gzip): %w", err)
	}
	dec := json.NewDecoder(gz)
	var h BackupHeader
	if err := dec.Decode(&h); err != nil || h.Format != BackupFormat {
		return nil, fmt.Errorf("not a wat backup: it does not start with a %q header", BackupFormat)
	}
	if h.FormatVersion != BackupFormatVersion {
		if h.FormatVersion > BackupFormatVersion {
			return nil, wat.Errorf(wat.EInvalid, "this backup is in format version %d; this wat reads version %d: upgrade wat first",
				h.FormatVersion, BackupFormatVersion)
		}
		return nil, fmt.Errorf("the backup's format version %d is not one this wat reads", h.FormatVersion)
	}
	if h.SchemaVersion < 1 || len(h.Tables) == 0 {
		return nil, errors.New("the backup's header is damaged (no schema version or no tables)")
	}
	seen := map[string]bool{}
	for _, t := range h.Tables {
		if seen[t.Name] || t.Rows < 0 || len(t.Columns) == 0 {
			return nil, fmt.Errorf("the backup's header is damaged (table %q)", t.Name)
		}
		seen[t.Name] = true
		for _, c := range t.Columns {
			switch c.Type {
			case typeText, typeInteger, typeBoolean, typeTimestamp, typeBytes:
			default:
				return nil, fmt.Errorf("the backup's column %s.%s has a type this wat does not know: %q", t.Name, c.Name, c.Type)
			}
		}
	}
	return &backupReader{dec: dec, header: &h}, nil
}

// row reads the next row of t as the dialect's database takes it.
func (br *backupReader) row(dialect string, t BackupTable, into []any) error {
	var raw []json.RawMessage
	if err := br.dec.Decode(&raw); err != nil {
		if errors.Is(err, io.EOF) {
			err = io.ErrUnexpectedEOF
		}
		return fmt.Errorf("the backup ends early or is damaged: %w", err)
	}
	if len(raw) != len(t.Columns) {
		return fmt.Errorf("a row has %d values for %d columns: the backup is damaged", len(raw), len(t.Columns))
	}
	for i, c := range t.Columns {
		v, err := decodeValue(dialect, c.Type, c.Nullable, raw[i])
		if err != nil {
			return fmt.Errorf("column %s: %w", c.Name, err)
		}
		into[i] = v
	}
	return nil
}

// end checks that nothing follows the last row, reading to the end of the
// stream so that gzip checks its checksum and length.
func (br *backupReader) end() error {
	var extra json.RawMessage
	switch err := br.dec.Decode(&extra); {
	case err == nil:
		return errors.New("the backup has more rows than its header counts: it is damaged")
	case !errors.Is(err, io.EOF):
		return fmt.Errorf("the backup is damaged: %w", err)
	}
	return nil
}

// maxInsertParams bounds the values of one INSERT, well below SQLite's
// limit (32766) and PostgreSQL's (65535): rows go in batches, as one
// statement each costs a round trip to PostgreSQL.
const maxInsertParams = 2000

// restoreTable inserts t's rows, in batches, and on PostgreSQL moves an
// identity column's sequence past the largest value restored (SQLite's
// AUTOINCREMENT follows explicit rowids by itself).
func (db *DB) restoreTable(ctx context.Context, tx *sql.Tx, br *backupReader, t BackupTable, s *tableSchema, res *RestoreResult) error {
	identity := ""
	for _, c := range s.columns {
		if c.identity {
			identity = c.name
		}
	}
	perBatch := max(1, maxInsertParams/len(t.Columns))
	args := make([]any, 0, perBatch*len(t.Columns))
	row := make([]any, len(t.Columns))
	for i := int64(0); i < t.Rows; i++ {
		if err := br.row(db.dialect.name, t, row); err != nil {
			return err
		}
		if err := db.checkKey(t, row, res); err != nil {
			return err
		}
		args = append(args, row...)
		if len(args) == cap(args) || i == t.Rows-1 {
			q := db.insertQuery(t, identity != "", len(args)/len(t.Columns))
			if _, err := tx.ExecContext(ctx, q, args...); err != nil {
				return err
			}
			args = args[:0]
		}
	}
	if identity != "" && db.dialect.name == "postgres" {
		_, err := tx.ExecContext(ctx, fmt.Sprintf(`SELECT setval(pg_get_serial_sequence('%s', '%s'), coalesce(max(%s), 0) + 1, false) FROM %s`,
			t.Name, identity, quote(identity), quote(t.Name)))
		return err
	}
	return nil
}

// insertQuery is the INSERT of n rows of t. PostgreSQL takes the values of
// an identity column GENERATED ALWAYS only when told to.
func (db *DB) insertQuery(t BackupTable, identity bool, n int) string {
	var b strings.Builder
	b.WriteString("INSERT INTO " + quote(t.Name) + " (")
	for i, c := range t.Columns {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(quote(c.Name))
	}
	b.WriteString(")")
	if identity && db.dialect.name == "postgres" {
		b.WriteString(" OVERRIDING SYSTEM VALUE")
	}
	b.WriteString(" VALUES ")
	p := 0
	for r := range n {
		if r > 0 {
			b.WriteString(", ")
		}
		b.WriteString("(")
		for i := range t.Columns {
			if i > 0 {
				b.WriteString(", ")
			}
			p++
			if db.dialect.dollar {
				b.WriteString("$" + strconv.Itoa(p))
			} else {
				b.WriteString("?")
			}
		}
		b.WriteString(")")
	}
	return b.String()
}
