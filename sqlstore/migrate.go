package sqlstore

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

// The migrations are named NNNN_what.DIALECT.sql: NNNN orders them and is
// the version recorded in schema_migrations once applied. A migration is
// never edited after it has been released; a change is a new file, written
// for every dialect.
//
//go:embed migrations/*.sql
var migrationFiles embed.FS

// migration is one numbered schema change for one dialect: a file of SQL
// or, for what SQL cannot compute, a step in Go.
type migration struct {
	version int
	name    string // the file name
	sql     string
	// run, when set, is the whole migration instead of sql. It gets the
	// migration's transaction.
	run func(ctx context.Context, db *DB, tx *sql.Tx) error
}

// goMigrations are the migrations written in Go, for every dialect. They
// share the numbering of the files: a number is either one or the other.
var goMigrations = []migration{
	{version: 12, name: "0012_name_keys.go", run: rekeyNames},
}

// createMigrationsTable runs before every migration, inside its transaction
// and after the migration lock, so replicas never race to create it.
const createMigrationsTable = `CREATE TABLE IF NOT EXISTS schema_migrations (
	version    INTEGER PRIMARY KEY,
	name       TEXT NOT NULL,
	applied_at TEXT NOT NULL
)`

// migrations returns the dialect's migrations in version order.
func migrations(dialect string) ([]migration, error) {
	names, err := fs.Glob(migrationFiles, "migrations/*."+dialect+".sql")
	if err != nil {
		return nil, err
	}
	var ms []migration
	for _, path := range names {
		name := strings.TrimPrefix(path, "migrations/")
		num, _, _ := strings.Cut(name, "_")
		version, err := strconv.Atoi(num)
		if err != nil || version <= 0 {
			return nil, fmt.Errorf("migration %s: the name must start with its number", name)
		}
		text, err := migrationFiles.ReadFile(path)
		if err != nil {
			return nil, err
		}
		ms = append(ms, migration{version: version, name: name, sql: string(text)})
	}
	ms = append(ms, goMigrations...)
	sort.Slice(ms, func(i, j int) bool { return ms[i].version < ms[j].version })
	for i := 1; i < len(ms); i++ {
		if ms[i].version == ms[i-1].version {
			return nil, fmt.Errorf("migrations %s and %s have the same number", ms[i-1].name, ms[i].name)
		}
	}
	return ms, nil
}

// migrate applies the migrations the database has not seen yet, each in its
// own transaction: a failing one leaves the schema as the previous one left
// it.
func (db *DB) migrate(ctx context.Context) error { return db.migrateTo(ctx, 0) }

// migrateTo is migrate stopping after version upTo (all when 0): a restore
// brings a new database to the schema of its backup, fills it, and only
// then runs the later migrations, which may rewrite the rows restored.
func (db *DB) migrateTo(ctx context.Context, upTo int) error {
	ms, err := migrations(db.dialect.name)
	if err != nil {
		return err
	}
	for _, m := range ms {
		if upTo > 0 && m.version > upTo {
			break
		}
		if err := db.apply(ctx, m); err != nil {
			return fmt.Errorf("migration %s: %w", m.name, err)
		}
	}
	return nil
}

// apply runs one migration unless it is recorded as applied.
func (db *DB) apply(ctx context.Context, m migration) error {
	return db.inTx(ctx, true, func(sqlTx *sql.Tx) error {
		if lock := db.dialect.migrationLock; lock != "" {
			if _, err := sqlTx.ExecContext(ctx, lock); err != nil {
				return err
			}
		}
		if _, err := sqlTx.ExecContext(ctx, createMigrationsTable); err != nil {
			return err
		}
		var n int
		err := sqlTx.QueryRowContext(ctx, db.rebind(`SELECT count(*) FROM schema_migrations WHERE version = ?`), m.version).Scan(&n)
		if err != nil || n > 0 {
			return err
		}
		if m.run != nil {
			if err := m.run(ctx, db, sqlTx); err != nil {
				return err
			}
		} else if _, err := sqlTx.ExecContext(ctx, m.sql); err != nil {
			// No arguments: both drivers then run every statement of the file.
			return err
		}
		_, err = sqlTx.ExecContext(ctx, db.rebind(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`),
			m.version, m.name, timeValue(time.Now()))
		return err
	})
}

// latestSchemaVersion is the number of the newest migration this binary
// has: the schema version of every database it has opened.
func latestSchemaVersion() int { return latestVersion() }

// latestVersion reads the embedded migrations once: /readyz asks at every
// probe. The files are embedded: only a broken build fails to list them,
// and then opening any database fails with the same error first.
var latestVersion = sync.OnceValue(func() int {
	ms, _ := migrations("sqlite")
	if len(ms) == 0 {
		return 0
	}
	return ms[len(ms)-1].version
})
