package main

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"syscall"
	"time"

	"github.com/wat-dev/wat"
	"github.com/wat-dev/wat/api"
	"github.com/wat-dev/wat/internal/metrics"
	"github.com/wat-dev/wat/lens/catalog"
	"github.com/wat-dev/wat/service"
	"github.com/wat-dev/wat/web"
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
	log := cfg.logger(stderr)
	defer tuneServeGC(getenv)()
	if err := runServer(ctx, cfg, log, stdout); err != nil {
		log.Error("wat serve stopped", "err", err)
		return 1
	}
	return 0
}

// runServer opens the store, makes sure an account exists, and serves until
// ctx is done.
func runServer(ctx context.Context, cfg Config, log *slog.Logger, stdout io.Writer) error {
	// The background goroutines (jobs, certificate reloads) end with it,
	// however it returns.
	ctx, stop := context.WithCancel(ctx)
	defer stop()
	if err := os.MkdirAll(cfg.DataDir, 0o700); err != nil {
		return err
	}
	key, err := masterKey(cfg.StoreConfig, true)
	if err != nil {
		return err
	}
	store, where, err := openStore(ctx, cfg.StoreConfig, key)
	if err != nil {
		return err
	}
	defer store.Close()
	m := newMetrics(cfg, store, log)
	// Every transaction goes through the timing wrapper, the audit log's
	// included; store itself stays for what only sqlstore offers.
	timed := m.Store(store)
	fonts, err := loadReportFonts(cfg.ReportFonts, log)
	if err != nil {
		return err
	}
	// A team's catalog that does not validate stops the start: the operator
	// learns it at deploy time, not a user at install time.
	var lensCatalog *catalog.Catalog
	if len(cfg.LensCatalogs) > 0 {
		if lensCatalog, err = catalog.Open(cfg.LensCatalogs...); err != nil {
			return err
		}
	}
	svc := service.New(service.Config{Store: timed, Region: cfg.Region, Logger: log, AuthCacheTTL: cfg.authCacheTTL(),
		SessionTTL: cfg.SessionTTL, ReportFonts: fonts, LensCatalog: lensCatalog,
		AgentRefiner: cfg.Agent.refiner(log), AgentModelTimeout: cfg.Agent.ModelTimeout})
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
	admin, err := svc.EnsureAdminPassword(ctx)
	if err != nil {
		return fmt.Errorf("giving the default account's admin a console password: %w", err)
	}
	if creds == nil && admin.Password != "" {
		if err := appendConsolePassword(credFile, admin); err != nil {
			return err
		}
		log.Info("gave the default account's admin a console password", "account", admin.AccountID, "credentials", credFile)
	}
	var tlsConfig *tls.Config
	if cfg.tls() {
		if tlsConfig, err = watchCertificate(ctx, cfg, log); err != nil {
			return err
		}
	}
	// Most often a `make run` still running in another terminal: say which
	// knobs move this one elsewhere.
	ln, err := listen(cfg.Listen, "--listen, WAT_LISTEN or make run LISTEN=host:port")
	if err != nil {
		return err
	}
	mln, err := listenMetrics(cfg)
	if err != nil {
		ln.Close()
		return err
	}
	handler, built := newHandler(cfg, svc, store, timed, m, log)
	// After the HTTP server's shutdown (below) and before the store closes
	// (deferred above): the audit records still queued are written.
	defer handler.Close()
	srv := &http.Server{
		Handler:           handler,
		TLSConfig:         tlsConfig,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	endpoint := "http://" + ln.Addr().String()
	if tlsConfig != nil {
		endpoint = "https://" + ln.Addr().String()
	}
	ssoCallback, err := cfg.OIDC.wire(handler, endpoint)
	if err != nil {
		ln.Close()
		if mln != nil {
			mln.Close()
		}
		return err
	}
	fmt.Fprintf(stdout, "wat %s serving the Well-Architected API\n", buildVersion())
	fmt.Fprintf(stdout, "  endpoint:    %s  (region %s)\n", endpoint, cfg.Region)
	fmt.Fprintf(stdout, "  database:    %s\n", where)
	fmt.Fprintf(stdout, "  credentials: %s\n", credFile)
	printConsole(stdout, endpoint+"/", built, credFile, creds, admin)
	if ssoCallback != "" {
		fmt.Fprintf(stdout, "  sign-on:     %s  (callback to register there: %s)\n", cfg.OIDC.Issuer, ssoCallback)
	}
	if mln != nil {
		fmt.Fprintf(stdout, "  metrics:     http://%s/metrics\n", mln.Addr())
		if cfg.Pprof {
			fmt.Fprintf(stdout, "  profiler:    http://%s/debug/pprof/\n", mln.Addr())
		}
	}
	fmt.Fprintf(stdout, "  try:         AWS_SHARED_CREDENTIALS_FILE=%s aws --endpoint-url %s --region %s wellarchitected list-workloads\n", credFile, endpoint, cfg.Region)
	msrv := metricsServer(m, cfg.Pprof, log)
	errc := make(chan error, 2)
	go func() {
		if tlsConfig != nil {
			errc <- srv.ServeTLS(ln, "", "") // the certificate comes from tlsConfig
		} else {
			errc <- srv.Serve(ln)
		}
	}()
	if mln != nil {
		go func() { errc <- msrv.Serve(mln) }()
	}
	go expireInvitations(ctx, svc, log, time.Minute, m.Job("invitation_expiry"))
	go purgeSessions(ctx, svc, log, 10*time.Minute, m.Job("session_purge"))
	// Every replica runs an Agent worker; leases keep them off each other's
	// jobs. A lease outlasts any generation (and the model's timeout), so
	// that a slow one is not taken again while its worker still writes it.
	host, _ := os.Hostname()
	cfg.Jira.start(ctx, svc, jobCounter(m))
	cfg.Webhooks.start(ctx, svc, m)
	go svc.AgentWorkerLoop(ctx, service.AgentWorker{ID: fmt.Sprintf("%s/%d", host, os.Getpid()), Lease: cfg.Agent.Lease, Jobs: jobCounter(m)}, 2*time.Second)
	select {
	case err := <-errc:
		srv.Close()
		msrv.Close()
		return err
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	// The metrics listener stops after the API's: a scrape during the
	// drain still sees the requests finishing.
	err = srv.Shutdown(shutdown)
	return errors.Join(err, msrv.Shutdown(shutdown))
}

// newHandler returns the API's handler with everything cmd wires into it:
// the audit log, the rate limit, the console, the request observer and the
// readiness check. built says whether the console is in the binary.
func newHandler(cfg Config, svc *service.Service, store, timed wat.Store, m *metrics.Metrics, log *slog.Logger) (*api.Server, bool) {
	handler := api.New(svc, log)
	handler.Audit = timed
	handler.Limiter = api.NewLimiter(cfg.RateLimit, cfg.RateBurst, nil)
	console, built := web.Console()
	if built {
		handler.Console = console
	}
	handler.SecureCookies = cfg.secureCookies()
	handler.TrustedProxies, _ = cfg.trustedProxies() // checked by Validate
	if m != nil {
		handler.Observer = m
	}
	if r, ok := store.(readier); ok {
		handler.Ready = r.Ready
	}
	return handler, built
}

// readier is what /readyz asks of the store (sqlstore.DB.Ready).
type readier interface {
	Ready(ctx context.Context) error
}

// listen listens on addr, saying which settings choose another address
// when it is taken.
func listen(addr, knobs string) (net.Listener, error) {
	ln, err := net.Listen("tcp", addr)
	if errors.Is(err, syscall.EADDRINUSE) {
		return nil, fmt.Errorf("%s is in use: choose another address with %s", addr, knobs)
	}
	return ln, err
}

// expireInvitations marks expired share invitations every interval until
// ctx ends. Every replica runs it; the update is idempotent. Reads never
// depend on it (an old PENDING invitation reads as EXPIRED anyway), so a
// server that was down misses nothing. Each run is reported to job.
func expireInvitations(ctx context.Context, svc *service.Service, log *slog.Logger, interval time.Duration, job *metrics.Job) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		n, err := svc.ExpireInvitations(ctx)
		if ctx.Err() == nil {
			job.Ran(n, err)
		}
		if err != nil && ctx.Err() == nil {
			log.Error("expiring share invitations", "err", err)
		} else if n > 0 {
			log.Info("expired share invitations", "count", n)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// writeCredentials writes the admin's credentials as an AWS shared
// credentials file, mode 0600. An existing file is never overwritten: the
// credentials then go to a new file beside it.
func writeCredentials(dir string, c *service.AccountCredentials) (string, error) {
	body := fmt.Sprintf("# wat admin of account %s (%s)\n", c.AccountID, c.UserARN)
	if c.ConsolePassword != "" {
		body += consolePasswordLine(c.AccountID, service.AdminUser, c.ConsolePassword)
	}
	body += fmt.Sprintf("[default]\naws_access_key_id = %s\naws_secret_access_key = %s\n", c.AccessKeyID, c.SecretAccessKey)
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
