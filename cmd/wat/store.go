package main

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/wat-dev/wat"
	"github.com/wat-dev/wat/sqlstore"
)

// StoreConfig says where wat's state lives and which key decrypts its
// secrets. `wat serve` and `wat admin` read it the same way, so that both
// reach the same database.
type StoreConfig struct {
	DataDir     string
	DatabaseURL string
	MasterKey   string // hex or base64 of 32 bytes; DIR/master.key when empty
}

// readEnv sets the fields whose WAT_* variables are set.
func (c *StoreConfig) readEnv(getenv func(string) string) {
	for name, dst := range map[string]*string{
		"WAT_DATA_DIR": &c.DataDir, "WAT_DATABASE_URL": &c.DatabaseURL, "WAT_MASTER_KEY": &c.MasterKey,
	} {
		if v := getenv(name); v != "" {
			*dst = v
		}
	}
}

// addFlags defines --data-dir and --database-url on fs.
func (c *StoreConfig) addFlags(fs *flag.FlagSet) {
	fs.StringVar(&c.DataDir, "data-dir", c.DataDir, "directory for the SQLite database, keys and credentials (WAT_DATA_DIR)")
	fs.StringVar(&c.DatabaseURL, "database-url", c.DatabaseURL, "PostgreSQL URL; SQLite in the data dir when empty (WAT_DATABASE_URL)")
}

// validate reports the first setting that cannot work.
func (c StoreConfig) validate() error {
	if c.DataDir == "" {
		return errors.New("--data-dir must not be empty")
	}
	if c.DatabaseURL != "" && !strings.HasPrefix(c.DatabaseURL, "postgres://") && !strings.HasPrefix(c.DatabaseURL, "postgresql://") {
		return errors.New("--database-url must be a postgres:// URL")
	}
	if c.MasterKey != "" {
		if _, err := parseMasterKey(c.MasterKey); err != nil {
			return err
		}
	}
	return nil
}

// sqlitePath is where the SQLite database of the data dir lives.
func (c StoreConfig) sqlitePath() string { return filepath.Join(c.DataDir, "wat.db") }

// parseMasterKey decodes a 32-byte key given in hex or base64.
func parseMasterKey(s string) ([]byte, error) {
	if b, err := hex.DecodeString(s); err == nil && len(b) == 32 {
		return b, nil
	}
	if b, err := base64.StdEncoding.DecodeString(s); err == nil && len(b) == 32 {
		return b, nil
	}
	return nil, errors.New("WAT_MASTER_KEY must be 32 bytes in hex (64 digits) or base64")
}

// masterKey returns the key that encrypts secrets at rest: WAT_MASTER_KEY,
// or DIR/master.key. With create, a missing file is created with a new key
// (the server's first start); without, it is an error.
func masterKey(cfg StoreConfig, create bool) ([]byte, error) {
	if cfg.MasterKey != "" {
		return parseMasterKey(cfg.MasterKey)
	}
	path := filepath.Join(cfg.DataDir, "master.key")
	b, err := os.ReadFile(path)
	if err == nil {
		return parseMasterKey(strings.TrimSpace(string(b)))
	}
	if !errors.Is(err, fs.ErrNotExist) || !create {
		return nil, fmt.Errorf("reading the master key: %w (set WAT_MASTER_KEY, or use the data dir of wat serve)", err)
	}
	key := make([]byte, 32)
	if _, err := rand.Read(key); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if _, err := fmt.Fprintln(f, hex.EncodeToString(key)); err != nil {
		return nil, err
	}
	return key, f.Close()
}

// openStore opens PostgreSQL when a URL is configured, SQLite in the data
// dir otherwise. It returns a description safe to print (no password).
func openStore(ctx context.Context, cfg StoreConfig, key []byte) (wat.Store, string, error) {
	if cfg.DatabaseURL != "" {
		db, err := sqlstore.OpenPostgres(ctx, cfg.DatabaseURL, key)
		return db, "PostgreSQL " + redactURL(cfg.DatabaseURL), err
	}
	path := cfg.sqlitePath()
	db, err := sqlstore.OpenSQLite(ctx, path, key)
	return db, "SQLite " + path, err
}

// redactURL hides the password of a database URL.
func redactURL(u string) string {
	at := strings.LastIndex(u, "@")
	scheme := strings.Index(u, "://")
	if at < 0 || scheme < 0 {
		return u
	}
	userinfo := u[scheme+3 : at]
	if name, _, ok := strings.Cut(userinfo, ":"); ok {
		return u[:scheme+3] + name + ":***" + u[at:]
	}
	return u
}
