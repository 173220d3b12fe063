package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/wat-dev/wat"
	"github.com/wat-dev/wat/service"
	"github.com/wat-dev/wat/sqlstore"
)

// backuper is what backup needs of the store (*sqlstore.DB).
type backuper interface {
	Backup(ctx context.Context, w io.Writer, watVersion string) (*sqlstore.BackupHeader, error)
}

// backupResult is what backup prints.
type backupResult struct {
	File          string
	Bytes         int64
	SHA256        string // of the file, to compare a copy with
	SchemaVersion int
	SourceDialect string
	CreatedAt     string
	Rows          int64
	Tables        map[string]int64
}

func defineBackup(fs *flag.FlagSet) storeFunc {
	to := fs.String("to", "", "write the backup to this file (gzip-compressed JSON lines); an existing one is replaced once the new one is complete")
	return func(ctx context.Context, store wat.Store, _ *service.Service) (any, error) {
		if err := required("to", *to); err != nil {
			return nil, err
		}
		b, ok := store.(backuper)
		if !ok {
			return nil, errors.New("this store cannot be backed up")
		}
		return writeBackupFile(ctx, b, *to)
	}
}

// writeBackupFile writes the backup to a new file beside path, syncs it and
// renames it to path: path is never a partial backup, and a failed backup
// leaves an older one there as it was.
func writeBackupFile(ctx context.Context, b backuper, path string) (res *backupResult, err error) {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*") // 0600: it holds password hashes
	if err != nil {
		return nil, err
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	h := sha256.New()
	n := &countingWriter{}
	header, err := b.Backup(ctx, io.MultiWriter(f, h, n), bareVersion())
	if err == nil {
		err = f.Sync()
	}
	if err == nil {
		err = f.Close()
	}
	if err == nil {
		err = os.Rename(f.Name(), path)
	}
	if err != nil {
		return nil, fmt.Errorf("backing up to %s: %w", path, err)
	}
	res = &backupResult{File: path, Bytes: n.n, SHA256: hex.EncodeToString(h.Sum(nil)), SchemaVersion: header.SchemaVersion,
		SourceDialect: header.SourceDialect, CreatedAt: timeText(header.CreatedAt)}
	res.Rows, res.Tables = tableRows(header)
	return res, nil
}

type countingWriter struct{ n int64 }

func (w *countingWriter) Write(p []byte) (int, error) {
	w.n += int64(len(p))
	return len(p), nil
}

// bareVersion is wat's version as versionLine finds it, without the
// toolchain: what a backup's header records.
func bareVersion() string {
	v, _, _ := strings.Cut(strings.TrimPrefix(versionLine(), "wat "), " ")
	return v
}

// tableRows is the rows of a backup: in all, and by table.
func tableRows(h *sqlstore.BackupHeader) (int64, map[string]int64) {
	var total int64
	tables := map[string]int64{}
	for _, t := range h.Tables {
		total += t.Rows
		tables[t.Name] = t.Rows
	}
	return total, tables
}

// restoreResult is what restore prints.
type restoreResult struct {
	From             string
	Database         string // where it was restored, without a password
	SchemaVersion    int    // of the backup
	MigratedTo       int    // the database's schema now
	SourceDialect    string
	CreatedAt        string // when the backup was made
	Rows             int64
	Tables           map[string]int64
	MasterKeyChecked bool // false when the backup has no access key to check it on
}

func defineRestore(fs *flag.FlagSet) runFunc {
	from := fs.String("from", "", "the backup file to restore")
	return func(ctx context.Context, cfg StoreConfig, _ func(string) string, _ io.Writer) (any, error) {
		if err := required("from", *from); err != nil {
			return nil, err
		}
		key, err := restoreKey(cfg)
		if err != nil {
			return nil, err
		}
		f, err := os.Open(*from)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		var res *sqlstore.RestoreResult
		where := ""
		if cfg.DatabaseURL != "" {
			where = "PostgreSQL " + redactURL(cfg.DatabaseURL)
			res, err = sqlstore.RestorePostgres(ctx, cfg.DatabaseURL, key, f)
		} else {
			where = "SQLite " + cfg.sqlitePath()
			if err := os.MkdirAll(cfg.DataDir, 0o700); err != nil {
				return nil, err
			}
			res, err = sqlstore.RestoreSQLite(ctx, cfg.sqlitePath(), key, f)
		}
		if err != nil {
			return nil, err
		}
		h := res.Header
		out := &restoreResult{From: *from, Database: where, SchemaVersion: h.SchemaVersion, MigratedTo: res.SchemaVersion,
			SourceDialect: h.SourceDialect, CreatedAt: timeText(h.CreatedAt), MasterKeyChecked: res.KeyChecked}
		out.Rows, out.Tables = tableRows(h)
		return out, nil
	}
}

// restoreKey is the master key a restore needs: the backed-up wat's, never
// a new one, which could not open the secrets restored.
func restoreKey(cfg StoreConfig) ([]byte, error) {
	key, err := masterKey(cfg, false)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("restore needs the master key of the wat backed up: set WAT_MASTER_KEY, or copy its master.key into %s", cfg.DataDir)
	}
	return key, err
}
