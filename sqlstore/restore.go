package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"slices"

	"github.com/wat-dev/wat"
)

// RestoreResult says what a restore did.
type RestoreResult struct {
	// Header is the backup's header.
	Header *BackupHeader
	// SchemaVersion is the database's schema after the restore: the
	// backup's, then migrated to this wat's latest.
	SchemaVersion int
	// KeyChecked says the master key opened an access key's secret; false
	// when the backup has no access key to try it on.
	KeyChecked bool
}

// RestoreSQLite restores the backup read from r into the SQLite database at
// path, which must be new or empty. masterKey must be the key of the
// database backed up: the secrets are restored as they were encrypted.
// A restore that fails removes the database file it created, so that no
// empty database is left for a server to start on by mistake.
func RestoreSQLite(ctx context.Context, path string, masterKey []byte, r io.Reader) (*RestoreResult, error) {
	_, statErr := os.Stat(path)
	res, err := restore(ctx, r, func(version int) (*DB, error) {
		return OpenSQLite(ctx, path, masterKey, upToSchema(version))
	})
	if err != nil && errors.Is(statErr, fs.ErrNotExist) {
		for _, suffix := range []string{"", "-wal", "-shm"} {
			os.Remove(path + suffix)
		}
	}
	return res, err
}

// RestorePostgres is RestoreSQLite into the PostgreSQL database at url.
func RestorePostgres(ctx context.Context, url string, masterKey []byte, r io.Reader) (*RestoreResult, error) {
	return restore(ctx, r, func(version int) (*DB, error) {
		return openPostgres(ctx, url, masterKey, version)
	})
}

// restore reads the backup's header, opens the database with open at the
// backup's schema version, fills it in one transaction, and then runs the
// migrations the backup is older than. A failure before the commit leaves
// the database empty, so the restore can simply be run again.
func restore(ctx context.Context, r io.Reader, open func(version int) (*DB, error)) (*RestoreResult, error) {
	br, err := newBackupReader(r)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: Restore: %w", err)
	}
	h := br.header
	if latest := latestSchemaVersion(); h.SchemaVersion > latest {
		return nil, wat.Errorf(wat.EInvalid, "this backup was made by a newer wat (schema %d); this wat knows up to %d: upgrade wat first",
			h.SchemaVersion, latest)
	}
	db, err := open(h.SchemaVersion)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	res := &RestoreResult{Header: h}
	// Not inTx: its retries would run fn again on a stream half read.
	err = db.once(ctx, true, func(tx *sql.Tx) error {
		schema, err := db.checkTarget(ctx, tx, h)
		if err != nil {
			return err
		}
		for _, t := range h.Tables {
			if err := db.restoreTable(ctx, tx, br, t, schema[t.Name], res); err != nil {
				return fmt.Errorf("table %s: %w", t.Name, err)
			}
		}
		if err := br.end(); err != nil {
			return err
		}
		return db.checkCounts(ctx, tx, h)
	})
	if err != nil {
		return nil, fmt.Errorf("sqlstore: Restore: %w", err)
	}
	if err := db.migrate(ctx); err != nil {
		return nil, fmt.Errorf("sqlstore: Restore: migrating the restored database: %w", err)
	}
	err = db.read.QueryRowContext(ctx, `SELECT coalesce(max(version), 0) FROM schema_migrations`).Scan(&res.SchemaVersion)
	return res, err
}

// checkTarget refuses a database that is not at the backup's schema, whose
// tables are not the backup's, or that holds any row, and returns its
// schema.
func (db *DB) checkTarget(ctx context.Context, tx *sql.Tx, h *BackupHeader) (map[string]*tableSchema, error) {
	var version int
	if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(version), 0) FROM schema_migrations`).Scan(&version); err != nil {
		return nil, err
	}
	if version != h.SchemaVersion {
		return nil, wat.Errorf(wat.EConflict, "the database is at schema %d, the backup at %d: restore into a new, empty database",
			version, h.SchemaVersion)
	}
	schema, err := readSchema(ctx, tx, db.dialect.name)
	if err != nil {
		return nil, fmt.Errorf("reading the schema: %w", err)
	}
	// Parents first: the table named is the one to look at.
	var names []string
	for _, t := range h.Tables {
		if schema[t.Name] != nil {
			names = append(names, t.Name)
		}
	}
	for _, name := range slices.Sorted(maps.Keys(schema)) {
		if !slices.Contains(names, name) {
			names = append(names, name)
		}
	}
	for _, name := range names {
		var rows bool
		if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM `+quote(name)+`)`).Scan(&rows); err != nil {
			return nil, err
		}
		if rows {
			return nil, wat.Errorf(wat.EConflict, "the database is not empty (table %s has rows): restore only into a new, empty database", name)
		}
	}
	if len(schema) != len(h.Tables) {
		return nil, fmt.Errorf("the backup has %d tables, schema %d has %d: the backup is damaged", len(h.Tables), h.SchemaVersion, len(schema))
	}
	for _, t := range h.Tables {
		s := schema[t.Name]
		if s == nil {
			return nil, fmt.Errorf("schema %d has no table %s: the backup is damaged", h.SchemaVersion, t.Name)
		}
		if len(s.columns) != len(t.Columns) {
			return nil, fmt.Errorf("the backup's table %s has %d columns, schema %d's %d: the backup is damaged",
				t.Name, len(t.Columns), h.SchemaVersion, len(s.columns))
		}
		for _, c := range t.Columns {
			if !slices.ContainsFunc(s.columns, func(sc columnSchema) bool { return sc.name == c.Name }) {
				return nil, fmt.Errorf("schema %d has no column %s.%s: the backup is damaged", h.SchemaVersion, t.Name, c.Name)
			}
		}
	}
	return schema, nil
}

// checkCounts compares every table's rows with the header's count.
func (db *DB) checkCounts(ctx context.Context, tx *sql.Tx, h *BackupHeader) error {
	for _, t := range h.Tables {
		var n int64
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM `+quote(t.Name)).Scan(&n); err != nil {
			return err
		}
		if n != t.Rows {
			return fmt.Errorf("table %s has %d rows after the restore, the backup %d", t.Name, n, t.Rows)
		}
	}
	return nil
}

// errWrongKey is the refusal of a backup whose secrets the key cannot open.
var errWrongKey = wat.Errorf(wat.EInvalid, "the master key does not open the secrets of this backup: restore with the master key "+
	"of the wat it was made from (WAT_MASTER_KEY, or a copy of its DIR/master.key)")

// checkKey tries the master key on the first access key's secret, before
// the rest is restored under a key that could never decrypt it.
func (db *DB) checkKey(t BackupTable, row []any, res *RestoreResult) error {
	id, secret := slices.IndexFunc(t.Columns, isColumn("id")), slices.IndexFunc(t.Columns, isColumn("secret"))
	if res.KeyChecked || t.Name != "access_keys" || id < 0 || secret < 0 {
		return nil
	}
	keyID, _ := row[id].(string)
	sealed, _ := row[secret].([]byte)
	if _, err := db.sealer.open(keyID, sealed); err != nil {
		return errWrongKey
	}
	res.KeyChecked = true
	return nil
}

func isColumn(name string) func(BackupColumn) bool {
	return func(c BackupColumn) bool { return c.Name == name }
}
