package api_test

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/wellarchitected"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/wat-dev/wat"
	"github.com/wat-dev/wat/api"
	"github.com/wat-dev/wat/internal/testserver"
	"github.com/wat-dev/wat/service"
	"github.com/wat-dev/wat/sqlstore"
)

// recorder is a RequestObserver keeping what it is told.
type recorder struct {
	mu   sync.Mutex
	seen []api.RequestInfo
}

func (r *recorder) ObserveRequest(info api.RequestInfo) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.seen = append(r.seen, info)
}

// take returns what was observed since the last take.
func (r *recorder) take() []api.RequestInfo {
	r.mu.Lock()
	defer r.mu.Unlock()
	seen := r.seen
	r.seen = nil
	return seen
}

// lockedBuffer is a log destination safe for the server's goroutines.
type lockedBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// observed is an API server with an observer and a JSON log.
type observed struct {
	*testserver.Server // URL, Admin and Client only
	api                *api.Server
	seen               *recorder
	logs               *lockedBuffer
}

// startObserved starts a server on SQLite whose requests are observed and
// logged as JSON; configure may set its fields before it serves.
func startObserved(t *testing.T, configure func(*api.Server)) *observed {
	t.Helper()
	ctx := context.Background()
	store, err := sqlstore.OpenSQLite(ctx, filepath.Join(t.TempDir(), "wat.db"), testserver.MasterKey)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	logs := &lockedBuffer{}
	log := slog.New(slog.NewJSONHandler(logs, nil))
	svc := service.New(service.Config{Store: store, Region: testserver.Region, Logger: log})
	admin, err := svc.EnsureDefaultAccount(ctx)
	if err != nil {
		t.Fatal(err)
	}
	o := &observed{api: api.New(svc, log), seen: &recorder{}, logs: logs}
	o.api.Audit = store
	o.api.Observer = o.seen
	if configure != nil {
		configure(o.api)
	}
	hs := httptest.NewServer(o.api)
	t.Cleanup(hs.Close)
	o.Server = &testserver.Server{URL: hs.URL, Admin: admin}
	o.Client = o.Server.NewClient(admin.AccessKeyID, admin.SecretAccessKey)
	return o
}

// requestLines returns the request log's lines, decoded.
func (o *observed) requestLines(t *testing.T) []map[string]any {
	t.Helper()
	var lines []map[string]any
	sc := bufio.NewScanner(strings.NewReader(o.logs.String()))
	for sc.Scan() {
		var m map[string]any
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			t.Fatalf("a log line is not JSON: %v\n%s", err, sc.Text())
		}
		if m["msg"] == "request" {
			lines = append(lines, m)
		}
	}
	return lines
}

// ignoreDuration leaves durations out of comparisons: they are measured.
var ignoreDuration = cmpopts.IgnoreFields(api.RequestInfo{}, "Duration", "RequestID")

// TestMetricsHookAndRequestLog: every API request is observed once and
// logged once at info, with its operation, principal, status, duration and
// request id; the client's secret appears nowhere.
func TestMetricsHookAndRequestLog(t *testing.T) {
	o := startObserved(t, nil)
	ctx := context.Background()
	var reqID string
	if _, err := o.Client.ListWorkloads(ctx, &wellarchitected.ListWorkloadsInput{}, func(opts *wellarchitected.Options) {
		opts.HTTPClient = headerGrabber{&reqID}
	}); err != nil {
		t.Fatal(err)
	}
	bad := o.Server.NewClient(o.Admin.AccessKeyID, "not-"+o.Admin.SecretAccessKey)
	bad.ListWorkloads(ctx, &wellarchitected.ListWorkloadsInput{})
	resp, err := http.Get(o.URL + "/no/such/path")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	for _, p := range []string{"/healthz", "/readyz"} { // probes: neither observed nor logged
		resp, err := http.Get(o.URL + p)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
	}

	seen := o.seen.take()
	want := []api.RequestInfo{
		{Operation: "ListWorkloads", Status: 200, Principal: o.Admin.UserARN},
		{Operation: "ListWorkloads", Status: 403, AuthFailed: true},
		{Operation: "", Status: 403, AuthFailed: true}, // unsigned, and no such operation
	}
	if diff := cmp.Diff(want, seen, ignoreDuration); diff != "" {
		t.Fatalf("observed (-want +got):\n%s", diff)
	}
	if seen[0].RequestID != reqID || seen[0].Duration <= 0 {
		t.Errorf("observed request id %q and duration %v; the response said %q", seen[0].RequestID, seen[0].Duration, reqID)
	}
	lines := o.requestLines(t)
	if len(lines) != 3 {
		t.Fatalf("%d request log lines, want 3:\n%s", len(lines), o.logs)
	}
	first := lines[0]
	if first["level"] != "INFO" || first["operation"] != "ListWorkloads" || first["principal"] != o.Admin.UserARN ||
		first["status"] != 200.0 || first["request_id"] != reqID {
		t.Errorf("request log line %v", first)
	}
	if d, ok := first["duration_ms"].(float64); !ok || d <= 0 {
		t.Errorf("duration_ms = %v, want a positive number", first["duration_ms"])
	}
	if lines[1]["principal"] != "-" || lines[2]["operation"] != "-" {
		t.Errorf("unauthenticated and unrouted requests logged as %v and %v, want principal and operation \"-\"", lines[1], lines[2])
	}
	if strings.Contains(o.logs.String(), o.Admin.SecretAccessKey) || strings.Contains(o.logs.String(), "/no/such/path") {
		t.Errorf("the log holds a secret or a client's path:\n%s", o.logs)
	}
}

// headerGrabber is an SDK HTTP client keeping the response's request id.
type headerGrabber struct{ id *string }

func (h headerGrabber) Do(r *http.Request) (*http.Response, error) {
	resp, err := http.DefaultClient.Do(r)
	if err == nil {
		*h.id = resp.Header.Get("x-amzn-RequestId")
	}
	return resp, err
}

// TestMetricsHookThrottledAndConsole: a throttled call is observed under
// the operation it was for, though it never reached routing; a failed
// console sign-in is an authentication failure of ConsoleSignIn.
func TestMetricsHookThrottledAndConsole(t *testing.T) {
	o := startObserved(t, func(s *api.Server) { s.Limiter = api.NewLimiter(0.001, 1, nil) })
	ctx := context.Background()
	o.Client.ListWorkloads(ctx, &wellarchitected.ListWorkloadsInput{})
	o.Client.GetWorkload(ctx, &wellarchitected.GetWorkloadInput{WorkloadId: ptr("0123456789abcdef0123456789abcdef")})
	body := `{"accountId":"` + o.Admin.AccountID + `","userName":"admin","password":"not the password"}`
	resp, err := http.Post(o.URL+"/console/api/session", "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	want := []api.RequestInfo{
		{Operation: "ListWorkloads", Status: 200, Principal: o.Admin.UserARN},
		{Operation: "GetWorkload", Status: 429, Principal: o.Admin.UserARN},
		{Operation: "ConsoleSignIn", Status: 401, AuthFailed: true},
	}
	if diff := cmp.Diff(want, o.seen.take(), ignoreDuration); diff != "" {
		t.Errorf("observed (-want +got):\n%s", diff)
	}
	if strings.Contains(o.logs.String(), "not the password") {
		t.Errorf("the log holds a password")
	}
}

func ptr(s string) *string { return &s }

// TestReadyz: /readyz answers what Ready says, with the safe reason of a
// *wat.Error and never a driver's words; /healthz stays 200 regardless.
func TestReadyz(t *testing.T) {
	var ready error
	o := startObserved(t, func(s *api.Server) { s.Ready = func(context.Context) error { return ready } })
	get := func(path string) (int, string) {
		t.Helper()
		resp, err := http.Get(o.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	if code, body := get("/readyz"); code != 200 || body != "ok\n" {
		t.Errorf("ready: %d %q", code, body)
	}
	ready = &wat.Error{Code: wat.EUnavailable, Message: "the database schema is at migration 3; this binary needs 4"}
	if code, body := get("/readyz"); code != 503 || body != "not ready: the database schema is at migration 3; this binary needs 4\n" {
		t.Errorf("schema behind: %d %q", code, body)
	}
	ready = errors.New("dial tcp db.internal.example:5432: connection refused")
	if code, body := get("/readyz"); code != 503 || strings.Contains(body, "db.internal") {
		t.Errorf("a driver error: %d %q, want 503 without the driver's words", code, body)
	}
	if code, _ := get("/healthz"); code != 200 {
		t.Errorf("/healthz = %d while not ready, want 200 (liveness only)", code)
	}
}
