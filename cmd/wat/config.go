package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/netip"
	"path/filepath"
	"regexp"
	"strconv"
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
	// RateLimit is each principal's sustained requests per second (0: no
	// limit) and RateBurst the most it may send at once.
	RateLimit float64
	RateBurst int
	// SessionTTL is the absolute lifetime of a console session.
	SessionTTL time.Duration
	// SecureCookies marks session cookies Secure over plain HTTP too, for a
	// server behind a TLS-terminating proxy.
	SecureCookies bool
	// ReportFonts lists directories of fonts for report PDFs (see
	// report_fonts.go).
	ReportFonts string
	// TLSCert and TLSKey, both or neither, are PEM files: the server then
	// speaks HTTPS (and HTTP/2) itself, reading them again on SIGHUP and
	// when they change (serve_tls.go).
	TLSCert, TLSKey string
	// MetricsListen is the address of the Prometheus /metrics listener;
	// empty, there is none (serve_metrics.go).
	MetricsListen string
	// Pprof adds Go's profiler (/debug/pprof/) to the metrics listener.
	Pprof bool
	// LogFormat is "text" (logfmt-like, for people) or "json" (one object a
	// line, for a log pipeline).
	LogFormat string
	// LensCatalogs are folders of a team's own lenses, offered with the
	// built-in catalog to every account (package lens/catalog).
	LensCatalogs []string
	// TrustedProxies are the addresses or CIDR prefixes of the reverse
	// proxies whose X-Forwarded-For names the client (for the audit log and
	// the bound on failed authentications per address). None by default:
	// anyone can write the header.
	TrustedProxies []string
	// OIDC is the console's single sign-on, and whether passwords stay
	// accepted (serve_oidc.go).
	OIDC OIDCConfig
	// Agent configures the Agent's worker and optional model (serve_agent.go).
	Agent AgentConfig
	// Jira configures the Jira sync's worker (serve_jira.go).
	Jira JiraConfig
	// Webhooks configures the webhook delivery workers (serve_webhooks.go).
	Webhooks WebhookConfig
}

// trustedProxies parses TrustedProxies; an address alone is a prefix of
// its full length.
func (c Config) trustedProxies() ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, v := range c.TrustedProxies {
		for _, f := range commaList(v) {
			if a, err := netip.ParseAddr(f); err == nil {
				out = append(out, netip.PrefixFrom(a.Unmap(), a.Unmap().BitLen()))
				continue
			}
			p, err := netip.ParsePrefix(f)
			if err != nil {
				return nil, fmt.Errorf("--trusted-proxies %q is neither an IP address nor a CIDR prefix", f)
			}
			out = append(out, p.Masked())
		}
	}
	return out, nil
}

// Default request rate per principal: generous for people and scripts, and
// a bound on what one runaway client can take from the others.
const (
	DefaultRateLimit = 200
	DefaultRateBurst = 400
)

// DefaultConfig returns the defaults: loopback only, ./data, us-east-1.
func DefaultConfig() Config {
	return Config{
		Listen:       "127.0.0.1:8080",
		StoreConfig:  StoreConfig{DataDir: "./data"},
		Region:       "us-east-1",
		LogLevel:     "info",
		AuthCacheTTL: service.AuthCacheTTL,
		RateLimit:    DefaultRateLimit,
		RateBurst:    DefaultRateBurst,
		SessionTTL:   service.SessionTTL,
		LogFormat:    "text",
		OIDC:         defaultOIDC(),
		Agent:        defaultAgentConfig(),
		Jira:         defaultJiraConfig(),
		Webhooks:     defaultWebhookConfig(),
	}
}

// tls reports whether the server speaks TLS itself.
func (c Config) tls() bool { return c.TLSCert != "" }

// secureCookies reports whether session cookies are marked Secure whatever
// the request came over: when asked for, and always with TLS, where every
// request is secure and a plain-HTTP cookie would only be a mistake.
func (c Config) secureCookies() bool { return c.SecureCookies || c.tls() }

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
	if _, err := c.trustedProxies(); err != nil {
		return err
	}
	if c.RateLimit < 0 || c.RateBurst < 1 {
		return fmt.Errorf("--rate-limit must not be negative and --rate-burst must be at least 1")
	}
	if c.AuthCacheTTL < 0 {
		return fmt.Errorf("--auth-cache-ttl %v must not be negative", c.AuthCacheTTL)
	}
	if c.SessionTTL < time.Minute {
		return fmt.Errorf("--session-ttl %v must be at least 1m", c.SessionTTL)
	}
	if !regionRE.MatchString(c.Region) {
		return fmt.Errorf("--region %q is not a region code such as us-east-1", c.Region)
	}
	if _, err := c.level(); err != nil {
		return err
	}
	if err := c.OIDC.validate(); err != nil {
		return err
	}
	if err := c.Webhooks.validate(); err != nil {
		return err
	}
	if err := c.Jira.validate(); err != nil {
		return err
	}
	if err := c.Agent.validate(); err != nil {
		return err
	}
	if c.LogFormat != "text" && c.LogFormat != "json" {
		return fmt.Errorf("--log-format %q: use text or json", c.LogFormat)
	}
	if (c.TLSCert == "") != (c.TLSKey == "") {
		return errors.New("--tls-cert and --tls-key go together: give both or neither")
	}
	if c.Pprof && c.MetricsListen == "" {
		return errors.New("--pprof serves the profiler on the metrics listener: give --metrics-listen too")
	}
	if c.MetricsListen != "" {
		_, port, err := net.SplitHostPort(c.MetricsListen)
		if err != nil {
			return fmt.Errorf("--metrics-listen %q: %v", c.MetricsListen, err)
		}
		// Port 0 picks a free port for each, so the two never collide.
		if c.MetricsListen == c.Listen && port != "0" {
			return fmt.Errorf("--metrics-listen %q must differ from --listen: metrics are not served beside the API", c.MetricsListen)
		}
	}
	return nil
}

// logger returns the server's logger, writing to w in LogFormat at
// LogLevel.
func (c Config) logger(w io.Writer) *slog.Logger {
	level, _ := c.level()
	opts := &slog.HandlerOptions{Level: level}
	if c.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
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
		"WAT_LISTEN": &c.Listen, "WAT_REGION": &c.Region, "WAT_LOG_LEVEL": &c.LogLevel, "WAT_LOG_FORMAT": &c.LogFormat,
		"WAT_TLS_CERT": &c.TLSCert, "WAT_TLS_KEY": &c.TLSKey, "WAT_METRICS_LISTEN": &c.MetricsListen,
	} {
		if v := getenv(name); v != "" {
			*dst = v
		}
	}
	if err := c.Webhooks.readEnv(getenv); err != nil {
		return c, err
	}
	if err := c.Jira.readEnv(getenv); err != nil {
		return c, err
	}
	if err := c.Agent.readEnv(getenv); err != nil {
		return c, err
	}
	if err := envDurations(getenv, "5s", map[string]*time.Duration{"WAT_AUTH_CACHE_TTL": &c.AuthCacheTTL}); err != nil {
		return c, err
	}
	if err := envDurations(getenv, "12h", map[string]*time.Duration{"WAT_SESSION_TTL": &c.SessionTTL}); err != nil {
		return c, err
	}
	if err := envBool(getenv, "WAT_PPROF", &c.Pprof); err != nil {
		return c, err
	}
	if err := envBool(getenv, "WAT_SECURE_COOKIES", &c.SecureCookies); err != nil {
		return c, err
	}
	if v := getenv("WAT_RATE_LIMIT"); v != "" {
		r, err := strconv.ParseFloat(v, 64)
		if err != nil {
			return c, fmt.Errorf("WAT_RATE_LIMIT %q is not a number of requests per second", v)
		}
		c.RateLimit = r
	}
	if v := getenv("WAT_RATE_BURST"); v != "" {
		b, err := strconv.Atoi(v)
		if err != nil {
			return c, fmt.Errorf("WAT_RATE_BURST %q is not a whole number of requests", v)
		}
		c.RateBurst = b
	}
	fs := flag.NewFlagSet("wat serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&c.Listen, "listen", c.Listen, "address to serve on (WAT_LISTEN)")
	c.StoreConfig.addFlags(fs)
	fs.StringVar(&c.Region, "region", c.Region, "the region the API answers for (WAT_REGION)")
	fs.StringVar(&c.LogLevel, "log-level", c.LogLevel, "debug, info, warn or error (WAT_LOG_LEVEL)")
	fs.StringVar(&c.LogFormat, "log-format", c.LogFormat, "text or json (WAT_LOG_FORMAT)")
	fs.StringVar(&c.TLSCert, "tls-cert", c.TLSCert, "PEM certificate (chain) file: serve HTTPS and HTTP/2; reread on SIGHUP or change (WAT_TLS_CERT)")
	fs.StringVar(&c.TLSKey, "tls-key", c.TLSKey, "PEM private key file of --tls-cert (WAT_TLS_KEY)")
	fs.StringVar(&c.MetricsListen, "metrics-listen", c.MetricsListen, "address of a separate listener serving Prometheus /metrics; none when empty (WAT_METRICS_LISTEN)")
	fs.BoolVar(&c.Pprof, "pprof", c.Pprof, "serve Go's profiler at /debug/pprof/ on the metrics listener (WAT_PPROF)")
	fs.Float64Var(&c.RateLimit, "rate-limit", c.RateLimit, "requests per second each principal may make on average; 0 for no limit (WAT_RATE_LIMIT)")
	fs.IntVar(&c.RateBurst, "rate-burst", c.RateBurst, "requests a principal may make at once (WAT_RATE_BURST)")
	fs.DurationVar(&c.AuthCacheTTL, "auth-cache-ttl", c.AuthCacheTTL, "how long a verified access key is reused; 0 disables the cache (WAT_AUTH_CACHE_TTL)")
	fs.DurationVar(&c.SessionTTL, "session-ttl", c.SessionTTL, "the absolute lifetime of a console session (WAT_SESSION_TTL)")
	fs.BoolVar(&c.SecureCookies, "secure-cookies", c.SecureCookies, "mark console cookies Secure over plain HTTP too, behind a TLS-terminating proxy; implied by --tls-cert (WAT_SECURE_COOKIES)")
	addReportFontsFlag(fs, &c.ReportFonts, getenv)
	if err := c.OIDC.addFlags(fs, getenv); err != nil {
		return c, err
	}
	c.Agent.addFlags(fs)
	c.Jira.addFlags(fs)
	c.Webhooks.addFlags(fs)
	if v := getenv("WAT_TRUSTED_PROXIES"); v != "" {
		c.TrustedProxies = []string{v}
	}
	fs.Var((*stringList)(&c.TrustedProxies), "trusted-proxies", "addresses or CIDR prefixes (comma-separated, repeatable) of reverse proxies whose X-Forwarded-For names the client (WAT_TRUSTED_PROXIES)")
	if v := getenv("WAT_LENS_CATALOG"); v != "" {
		c.LensCatalogs = filepath.SplitList(v)
	}
	fs.Var((*stringList)(&c.LensCatalogs), "lens-catalog", "a folder of lens JSON files (and an optional catalog.yaml) offered in the lens catalog; repeatable (WAT_LENS_CATALOG, separated by "+string(filepath.ListSeparator)+")")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return c, errHelp
		}
		return c, err
	}
	if fs.NArg() > 0 {
		return c, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	c.Agent.readKey(getenv)
	return c, c.Validate()
}
