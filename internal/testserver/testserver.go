// Package testserver starts a real wat API server on 127.0.0.1:0 for tests
// and hands out official AWS SDK clients signed with real credentials.
package testserver

import (
	"context"
	"crypto/rand"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected"

	"github.com/wat-dev/wat"
	"github.com/wat-dev/wat/api"
	"github.com/wat-dev/wat/service"
	"github.com/wat-dev/wat/sqlstore"
)

// Region is the region test servers answer for.
const Region = "us-east-1"

// Server is a running test server.
type Server struct {
	URL     string
	Service *service.Service
	Store   wat.Store
	// Admin holds the default account's admin credentials.
	Admin *service.AccountCredentials
	// Client is an SDK client signed as Admin.
	Client *wellarchitected.Client

	api *api.Server
}

// WaitAudit returns once the audit records of the calls already answered
// are written, with the events written beside them (api.Server.AuditBarrier):
// what a test then runs, a webhook worker for one, sees those calls'.
func (s *Server) WaitAudit() { s.api.AuditBarrier() }

// Options tune Start.
type Options struct {
	// DatabaseURL selects PostgreSQL; SQLite in a temp dir when empty.
	DatabaseURL string
	// SQLitePath reuses a SQLite file (for restart tests); a temp file when empty.
	SQLitePath string
	// Now overrides the service clock.
	Now func() time.Time
	// AuthFailureBurst, when set, replaces the default bound of failed
	// authentications per source address: tests whose callers fail on
	// purpose by the hundred (the access matrix) are not about that bound.
	AuthFailureBurst int
	// Configure, when set, is given the API server and its URL before it
	// serves, to set what tests of one feature need (single sign-on, …).
	Configure func(srv *api.Server, url string)
	// AgentRefiner and AgentModelTimeout are the Agent's language model
	// and its deadline (service.Config's); none by default.
	AgentRefiner      wat.AgentRefiner
	AgentModelTimeout time.Duration
}

// MasterKey is the fixed key test stores encrypt secrets with.
var MasterKey = []byte("0123456789abcdef0123456789abcdef")

// Start runs a server until the test ends.
func Start(t testing.TB, opts Options) *Server {
	t.Helper()
	ctx := context.Background()
	var (
		store *sqlstore.DB
		err   error
	)
	if opts.DatabaseURL != "" {
		store, err = sqlstore.OpenPostgres(ctx, opts.DatabaseURL, MasterKey)
	} else {
		path := opts.SQLitePath
		if path == "" {
			path = filepath.Join(t.TempDir(), "wat.db")
		}
		store, err = sqlstore.OpenSQLite(ctx, path, MasterKey)
	}
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	if os.Getenv("WAT_TEST_LOG") != "" {
		log = slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))
	}
	svc := service.New(service.Config{Store: store, Region: Region, Logger: log, Now: opts.Now,
		AgentRefiner: opts.AgentRefiner, AgentModelTimeout: opts.AgentModelTimeout})
	svc.WireEvents() // as `wat serve` does
	admin, err := svc.EnsureDefaultAccount(ctx)
	if err != nil {
		t.Fatalf("default account: %v", err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	apiServer := api.New(svc, log)
	apiServer.Audit = store
	if opts.Configure != nil {
		opts.Configure(apiServer, "http://"+ln.Addr().String())
	}
	if opts.AuthFailureBurst > 0 {
		apiServer.AuthFailures = api.NewLimiter(api.DefaultAuthFailureRate, opts.AuthFailureBurst, nil)
	}
	hs := &http.Server{Handler: apiServer, ReadHeaderTimeout: 10 * time.Second}
	go hs.Serve(ln)
	t.Cleanup(func() {
		hs.Close()
		apiServer.Close() // the audit records still queued
		store.Close()
	})
	s := &Server{URL: "http://" + ln.Addr().String(), Service: svc, Store: AuditedStore(store, apiServer), Admin: admin, api: apiServer}
	if admin != nil {
		s.Client = s.NewClient(admin.AccessKeyID, admin.SecretAccessKey)
	}
	return s
}

// NewClient returns an SDK client for the server signed with the given key.
// Retries are off so tests see every error as the server sent it, but for
// a connection the client's own transport closed under it (see
// connRetryer).
func (s *Server) NewClient(accessKeyID, secret string) *wellarchitected.Client {
	return wellarchitected.New(wellarchitected.Options{
		Region:       Region,
		BaseEndpoint: aws.String(s.URL),
		Credentials:  credentials.NewStaticCredentialsProvider(accessKeyID, secret, ""),
		Retryer:      connRetryer{},
	})
}

// connRetryer retries, twice at most, only a call whose connection was
// closed on the client's side while it read the response ("use of closed
// network connection"), which was seen rarely under the full parallel test
// load and which every AWS SDK's default retryer retries too. Every answer
// of the server, error or not, reaches the test as sent.
type connRetryer struct{ aws.NopRetryer }

func (connRetryer) IsErrorRetryable(err error) bool {
	// The SDK's deserializer does not always wrap the transport's error.
	return err != nil && (errors.Is(err, net.ErrClosed) || strings.Contains(err.Error(), "use of closed network connection"))
}

func (connRetryer) MaxAttempts() int { return 3 }

func (connRetryer) RetryDelay(int, error) (time.Duration, error) { return 10 * time.Millisecond, nil }

// NewRetryingClient is NewClient with the SDK's standard retries, for load.
func (s *Server) NewRetryingClient(accessKeyID, secret string) *wellarchitected.Client {
	return wellarchitected.New(wellarchitected.Options{
		Region:       Region,
		BaseEndpoint: aws.String(s.URL),
		Credentials:  credentials.NewStaticCredentialsProvider(accessKeyID, secret, ""),
		Retryer:      retry.NewStandard(),
	})
}

// RandomName returns a unique workload-style name with a prefix.
func RandomName(prefix string) string {
	b := make([]byte, 4)
	rand.Read(b)
	const hexdig = "0123456789abcdef"
	out := []byte(prefix + "-")
	for _, c := range b {
		out = append(out, hexdig[c>>4], hexdig[c&15])
	}
	return string(out)
}

// AuditedStore is db as tests read it beside srv: every transaction first
// waits for the audit records srv has queued (api.Server.AuditBarrier), so
// that a call's record is there once its response is, as it is for the
// console's audit endpoint. Every method of db stays reachable.
func AuditedStore(db *sqlstore.DB, srv *api.Server) wat.Store {
	return auditedStore{db, srv}
}

type auditedStore struct {
	*sqlstore.DB
	api *api.Server
}

func (s auditedStore) View(ctx context.Context, fn func(tx wat.Tx) error) error {
	s.api.AuditBarrier()
	return s.DB.View(ctx, fn)
}

func (s auditedStore) Update(ctx context.Context, fn func(tx wat.Tx) error) error {
	s.api.AuditBarrier()
	return s.DB.Update(ctx, fn)
}
