package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/wat-dev/wat"
	"github.com/wat-dev/wat/api"
	"github.com/wat-dev/wat/service"
	"github.com/wat-dev/wat/sqlstore"
)

func serve(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	cfg, err := parseServeConfig(args, getenv, stderr)
	if err != nil {
		if errors.Is(err, errHelp) {
			return 0
		}
		fmt.Fprintf(stderr, "wat serve: %v\n", err)
		return 2
	}
	level, _ := cfg.level()
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: level}))
	if err := runServer(ctx, cfg, log, stdout); err != nil {
		log.Error("wat serve stopped", "err", err)
		return 1
	}
	return 0
}

// runServer opens the store, makes sure an account exists, and serves until
// ctx is done.
func runServer(ctx context.Context, cfg Config, log *slog.Logger, stdout io.Writer) error {
	if err := os.MkdirAll(cfg.DataDir, 0o700); err != nil {
		return err
	}
	key, err := masterKey(cfg)
	if err != nil {
		return err
	}
	store, where, err := openStore(ctx, cfg, key)
	if err != nil {
		return err
	}
	defer store.Close()
	svc := service.New(service.Config{Store: store, Region: cfg.Region, Logger: log})
	creds, err := svc.EnsureDefaultAccount(ctx)
	if err != nil {
		return fmt.Errorf("creating the default account: %w", err)
	}
	credFile := filepath.Join(cfg.DataDir, "credentials")
	if creds != nil {
		if credFile, err = writeCredentials(cfg.DataDir, creds); err != nil {
			return err
		}
		log.Info("created the default account", "account", creds.AccountID, "credentials", credFile)
	}
	ln, err := net.Listen("tcp", cfg.Listen)
	if err != nil {
		return err
	}
	srv := &http.Server{
		Handler:           api.New(svc, log),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	endpoint := "http://" + ln.Addr().String()
	fmt.Fprintf(stdout, "wat %s serving the Well-Architected API\n", version)
	fmt.Fprintf(stdout, "  endpoint:    %s  (region %s)\n", endpoint, cfg.Region)
	fmt.Fprintf(stdout, "  database:    %s\n", where)
	fmt.Fprintf(stdout, "  credentials: %s\n", credFile)
	fmt.Fprintf(stdout, "  try:         AWS_SHARED_CREDENTIALS_FILE=%s aws --endpoint-url %s --region %s wellarchitected list-workloads\n", credFile, endpoint, cfg.Region)
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	return srv.Shutdown(shutdown)
}

// openStore opens PostgreSQL when a URL is configured, SQLite in the data
// dir otherwise. It returns a description safe to print (no password).
func openStore(ctx context.Context, cfg Config, key []byte) (wat.Store, string, error) {
	if cfg.DatabaseURL != "" {
		db, err := sqlstore.OpenPostgres(ctx, cfg.DatabaseURL, key)
		return db, "PostgreSQL " + redactURL(cfg.DatabaseURL), err
	}
	path := filepath.Join(cfg.DataDir, "wat.db")
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

// masterKey returns the key that encrypts secrets at rest: WAT_MASTER_KEY,
// or DIR/master.key, created on first start.
func masterKey(cfg Config) ([]byte, error) {
	if cfg.MasterKey != "" {
		return parseMasterKey(cfg.MasterKey)
	}
	path := filepath.Join(cfg.DataDir, "master.key")
	b, err := os.ReadFile(path)
	if err == nil {
		return parseMasterKey(strings.TrimSpace(string(b)))
	}
	if !errors.Is(err, fs.ErrNotExist) {
		return nil, err
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

// writeCredentials writes the admin's credentials as an AWS shared
// credentials file, mode 0600. An existing file is never overwritten: the
// credentials then go to a new file beside it.
func writeCredentials(dir string, c *service.AccountCredentials) (string, error) {
	body := fmt.Sprintf("# wat admin of account %s (%s)\n[default]\naws_access_key_id = %s\naws_secret_access_key = %s\n",
		c.AccountID, c.UserARN, c.AccessKeyID, c.SecretAccessKey)
	path := filepath.Join(dir, "credentials")
	for i := 0; ; i++ {
		if i > 0 {
			path = filepath.Join(dir, fmt.Sprintf("credentials.%d", i))
		}
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return "", err
		}
		if _, err := io.WriteString(f, body); err != nil {
			f.Close()
			return "", err
		}
		return path, f.Close()
	}
}
