package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"regexp"
	"time"

	"github.com/wat-dev/wat/service"
)

// Config is the server's configuration: defaults, then WAT_* environment
// variables, then flags.
type Config struct {
	Listen string
	// StoreConfig's master key is generated into the data dir when empty.
	StoreConfig
	Region   string
	LogLevel string
	// AuthCacheTTL is how long a verified access key is reused before it is
	// read again (service.AuthCacheTTL by default); zero disables the cache.
	AuthCacheTTL time.Duration
}

// DefaultConfig returns the defaults: loopback only, ./data, us-east-1.
func DefaultConfig() Config {
	return Config{
		Listen:       "127.0.0.1:8080",
		StoreConfig:  StoreConfig{DataDir: "./data"},
		Region:       "us-east-1",
		LogLevel:     "info",
		AuthCacheTTL: service.AuthCacheTTL,
	}
}

// authCacheTTL is AuthCacheTTL as service.Config takes it.
func (c Config) authCacheTTL() time.Duration {
	if c.AuthCacheTTL == 0 {
		return -1 // no caching
	}
	return c.AuthCacheTTL
}

var regionRE = regexp.MustCompile(`^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d$`)

// Validate reports the first setting that cannot work.
func (c Config) Validate() error {
	if _, _, err := net.SplitHostPort(c.Listen); err != nil {
		return fmt.Errorf("--listen %q: %v", c.Listen, err)
	}
	if err := c.StoreConfig.validate(); err != nil {
		return err
	}
	if c.AuthCacheTTL < 0 {
		return fmt.Errorf("--auth-cache-ttl %v must not be negative", c.AuthCacheTTL)
	}
	if !regionRE.MatchString(c.Region) {
		return fmt.Errorf("--region %q is not a region code such as us-east-1", c.Region)
	}
	if _, err := c.level(); err != nil {
		return err
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

// errHelp reports that -h was asked for and the usage printed.
var errHelp = errors.New("help requested")

// parseServeConfig fills a Config from the environment and the flags.
func parseServeConfig(args []string, getenv func(string) string, stderr io.Writer) (Config, error) {
	c := DefaultConfig()
	c.StoreConfig.readEnv(getenv)
	for name, dst := range map[string]*string{
		"WAT_LISTEN": &c.Listen, "WAT_REGION": &c.Region, "WAT_LOG_LEVEL": &c.LogLevel,
	} {
		if v := getenv(name); v != "" {
			*dst = v
		}
	}
	if v := getenv("WAT_AUTH_CACHE_TTL"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil {
			return c, fmt.Errorf("WAT_AUTH_CACHE_TTL %q is not a duration such as 5s", v)
		}
		c.AuthCacheTTL = d
	}
	fs := flag.NewFlagSet("wat serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&c.Listen, "listen", c.Listen, "address to serve on (WAT_LISTEN)")
	c.StoreConfig.addFlags(fs)
	fs.StringVar(&c.Region, "region", c.Region, "the region the API answers for (WAT_REGION)")
	fs.StringVar(&c.LogLevel, "log-level", c.LogLevel, "debug, info, warn or error (WAT_LOG_LEVEL)")
	fs.DurationVar(&c.AuthCacheTTL, "auth-cache-ttl", c.AuthCacheTTL, "how long a verified access key is reused; 0 disables the cache (WAT_AUTH_CACHE_TTL)")
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
