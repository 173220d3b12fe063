package main

import (
	"encoding/base64"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"regexp"
	"strings"
)

// Config is the server's configuration: defaults, then WAT_* environment
// variables, then flags.
type Config struct {
	Listen      string
	DataDir     string
	DatabaseURL string
	Region      string
	LogLevel    string
	MasterKey   string // hex or base64 of 32 bytes; generated into the data dir when empty
}

// DefaultConfig returns the defaults: loopback only, ./data, us-east-1.
func DefaultConfig() Config {
	return Config{Listen: "127.0.0.1:8080", DataDir: "./data", Region: "us-east-1", LogLevel: "info"}
}

var regionRE = regexp.MustCompile(`^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d$`)

// Validate reports the first setting that cannot work.
func (c Config) Validate() error {
	if _, _, err := net.SplitHostPort(c.Listen); err != nil {
		return fmt.Errorf("--listen %q: %v", c.Listen, err)
	}
	if c.DataDir == "" {
		return errors.New("--data-dir must not be empty")
	}
	if c.DatabaseURL != "" && !strings.HasPrefix(c.DatabaseURL, "postgres://") && !strings.HasPrefix(c.DatabaseURL, "postgresql://") {
		return errors.New("--database-url must be a postgres:// URL")
	}
	if !regionRE.MatchString(c.Region) {
		return fmt.Errorf("--region %q is not a region code such as us-east-1", c.Region)
	}
	if _, err := c.level(); err != nil {
		return err
	}
	if c.MasterKey != "" {
		if _, err := parseMasterKey(c.MasterKey); err != nil {
			return err
		}
	}
	return nil
}

func (c Config) level() (slog.Level, error) {
	var l slog.Level
	if err := l.UnmarshalText([]byte(c.LogLevel)); err != nil {
		return l, fmt.Errorf("--log-level %q: use debug, info, warn or error", c.LogLevel)
	}
	return l, nil
}

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

// errHelp reports that -h was asked for and the usage printed.
var errHelp = errors.New("help requested")

// parseServeConfig fills a Config from the environment and the flags.
func parseServeConfig(args []string, getenv func(string) string, stderr io.Writer) (Config, error) {
	c := DefaultConfig()
	for name, dst := range map[string]*string{
		"WAT_LISTEN": &c.Listen, "WAT_DATA_DIR": &c.DataDir, "WAT_DATABASE_URL": &c.DatabaseURL,
		"WAT_REGION": &c.Region, "WAT_LOG_LEVEL": &c.LogLevel, "WAT_MASTER_KEY": &c.MasterKey,
	} {
		if v := getenv(name); v != "" {
			*dst = v
		}
	}
	fs := flag.NewFlagSet("wat serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&c.Listen, "listen", c.Listen, "address to serve on (WAT_LISTEN)")
	fs.StringVar(&c.DataDir, "data-dir", c.DataDir, "directory for the SQLite database, keys and credentials (WAT_DATA_DIR)")
	fs.StringVar(&c.DatabaseURL, "database-url", c.DatabaseURL, "PostgreSQL URL; SQLite in the data dir when empty (WAT_DATABASE_URL)")
	fs.StringVar(&c.Region, "region", c.Region, "the region the API answers for (WAT_REGION)")
	fs.StringVar(&c.LogLevel, "log-level", c.LogLevel, "debug, info, warn or error (WAT_LOG_LEVEL)")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return c, errHelp
		}
		return c, err
	}
	if fs.NArg() > 0 {
		return c, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	return c, c.Validate()
}
