package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected"
	"github.com/aws/smithy-go"

	"github.com/wat-dev/wat/internal/metrics/metricstest"
	"github.com/wat-dev/wat/internal/testserver"
)

var metricsRE = regexp.MustCompile(`metrics: +(http://[0-9.:]+/metrics)`)

// errorCode is the API error code of err, "" for none.
func errorCode(err error) string {
	var ae smithy.APIError
	if errors.As(err, &ae) {
		return ae.ErrorCode()
	}
	if err != nil {
		return err.Error()
	}
	return ""
}

// get returns the status and body of a GET.
func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// TestServeMetrics: with --metrics-listen, the calls of real clients
// (allowed, throttled, denied, with a bad signature) show in the Prometheus
// metrics under their operation and status, with the store's, the group
// commit's and the background job's; /metrics is served on that listener
// alone, and every request is logged at info.
func TestServeMetrics(t *testing.T) {
	dir, a := newDataDir(t)
	var bob createdUser
	var acct createdAccount
	a.do(t, &acct, "create-account", "--name", "metrics")
	a.do(t, &bob, "create-user", "--account", acct.AccountId, "--name", "bob") // no policy: denied everything
	w := MustRunMain(t, map[string]string{"WAT_RATE_LIMIT": "0.001", "WAT_RATE_BURST": "3"},
		"--listen", "127.0.0.1:0", "--data-dir", dir, "--metrics-listen", "127.0.0.1:0")
	m := metricsRE.FindStringSubmatch(w.Stdout.String())
	if m == nil {
		t.Fatalf("no metrics address on stdout:\n%s", w.Stdout)
	}
	scrapeURL := m[1]
	creds := readCredentials(t, dir)
	admin := sdkClient(w.Endpoint, creds[0], creds[1])
	ctx := context.Background()

	createWorkloadSDK(t, admin, "measured")
	var codes []string
	for i := 0; i < 3; i++ { // CreateWorkload and two of them spend the burst of 3
		_, err := admin.ListWorkloads(ctx, &wellarchitected.ListWorkloadsInput{})
		codes = append(codes, errorCode(err))
	}
	_, err := sdkClient(w.Endpoint, bob.AccessKeyId, bob.SecretAccessKey).ListWorkloads(ctx, &wellarchitected.ListWorkloadsInput{})
	codes = append(codes, errorCode(err))
	_, err = sdkClient(w.Endpoint, creds[0], "not-"+creds[1]).ListWorkloads(ctx, &wellarchitected.ListWorkloadsInput{})
	codes = append(codes, errorCode(err))
	if want := []string{"", "", "ThrottlingException", "AccessDeniedException", "InvalidSignatureException"}; strings.Join(codes, ",") != strings.Join(want, ",") {
		t.Fatalf("calls answered %q, want %q\n%s", codes, want, w.Stderr)
	}

	f := metricstest.Scrape(t, http.DefaultClient, scrapeURL)
	for _, c := range []struct {
		v      float64
		name   string
		labels []string
	}{
		{1, "wat_requests_total", []string{"operation", "CreateWorkload", "status", "200"}},
		{2, "wat_requests_total", []string{"operation", "ListWorkloads", "status", "200"}},
		{1, "wat_requests_total", []string{"operation", "ListWorkloads", "status", "429"}},
		{2, "wat_requests_total", []string{"operation", "ListWorkloads", "status", "403"}},
		{5, "wat_request_duration_seconds", []string{"operation", "ListWorkloads"}},
		{1, "wat_throttled_total", []string{"operation", "ListWorkloads"}},
		{1, "wat_denied_total", []string{"operation", "ListWorkloads"}},
		{1, "wat_auth_failures_total", nil},
		{1, "wat_build_info", []string{"goversion", runtime.Version()}},
		{0, "wat_job_queue_depth", []string{"job", "invitation_expiry"}},
		{0, "wat_job_runs_total", []string{"job", "invitation_expiry", "result", "error"}},
		{0, "wat_job_queue_depth", []string{"job", "webhook_delivery"}}, // the webhook outbox: nothing due
		{0, "wat_queue_depth", []string{"queue", "agent_generation"}},   // the queues, read at the scrape
		{0, "wat_queue_oldest_age_seconds", []string{"queue", "jira_sync"}},
		{0, "wat_queue_jobs_total", []string{"queue", "webhook_delivery", "outcome", "completed"}},
		{0, "wat_queue_scrape_errors_total", nil},
	} {
		if got, found := f.Value(c.name, c.labels...); !found || got != c.v {
			t.Errorf("%s%q = %v (found %v), want %v", c.name, c.labels, got, found, c.v)
		}
	}
	for _, c := range []struct {
		name   string
		labels []string
	}{
		{"wat_store_transaction_duration_seconds", []string{"kind", "read"}},
		{"wat_store_transaction_duration_seconds", []string{"kind", "write"}},
		{"wat_sqlite_commit_batch_size", nil},
		{"wat_job_oldest_age_seconds", []string{"job", "invitation_expiry"}},
		{"wat_job_oldest_age_seconds", []string{"job", "webhook_delivery"}},
	} {
		if _, found := f.Value(c.name, c.labels...); !found {
			t.Errorf("no %s%q", c.name, c.labels)
		}
	}
	if n, _ := f.Value("wat_store_transaction_duration_seconds", "kind", "write"); n < 2 { // CreateWorkload and its audit record
		t.Errorf("%v write transactions timed, want at least 2", n)
	}
	if _, found := f.Value("wat_pg_pool_open_connections"); found {
		t.Errorf("PostgreSQL pool metrics on SQLite")
	}
	if _, found := f.Value("wat_review_heads_read_total"); !found {
		t.Errorf("no wat_review_heads_read_total on SQLite")
	}
	if _, found := f.Value("wat_pg_change_listener_up"); found {
		t.Errorf("a PostgreSQL change listener on SQLite")
	}

	// The API's listener serves no metrics; the metrics' serves nothing else.
	if code, body := get(t, w.Endpoint+"/metrics"); code == 200 || strings.Contains(body, "wat_requests_total") {
		t.Errorf("the API listener answered /metrics: %d\n%.200s", code, body)
	}
	base := strings.TrimSuffix(scrapeURL, "/metrics")
	for _, p := range []string{"/", "/healthz", "/readyz", "/workloads", "/console/", "/debug/pprof/"} {
		if code, _ := get(t, base+p); code != http.StatusNotFound {
			t.Errorf("the metrics listener answered %s with %d, want 404", p, code)
		}
	}

	// One info line per request, at info, with the operation, the
	// principal, the status, the duration and the request id.
	line := regexp.MustCompile(`level=INFO msg=request operation=ListWorkloads principal=arn:aws:iam::\d{12}:user/admin status=200 duration_ms=[0-9.]+ request_id=[0-9a-f-]{36}\n`)
	if !line.MatchString(w.Stderr.String()) {
		t.Errorf("no request log line for ListWorkloads:\n%s", w.Stderr)
	}
	if strings.Contains(w.Stderr.String(), creds[1]) || strings.Contains(w.Stderr.String(), bob.SecretAccessKey) {
		t.Errorf("the log holds a secret")
	}
}

// TestServeMetricsPostgres: on PostgreSQL the scrape shows the replica's
// connection pool, and no SQLite group commits.
func TestServeMetricsPostgres(t *testing.T) {
	url := testserver.PostgresDatabase(t)
	dir := t.TempDir()
	w := MustRunMain(t, nil, "--listen", "127.0.0.1:0", "--data-dir", dir, "--database-url", url, "--metrics-listen", "127.0.0.1:0")
	creds := readCredentials(t, dir)
	client := sdkClient(w.Endpoint, creds[0], creds[1])
	if _, err := client.ListWorkloads(context.Background(), &wellarchitected.ListWorkloadsInput{}); err != nil {
		t.Fatal(err)
	}
	// An answer is a write about its workload: it goes through a lane.
	created, err := client.CreateWorkload(context.Background(), &wellarchitected.CreateWorkloadInput{
		WorkloadName: aws.String("laned"), Description: aws.String("made by a test"), Environment: "PREPRODUCTION",
		AwsRegions: []string{"us-east-1"}, Lenses: []string{"wellarchitected"}, ReviewOwner: aws.String("metrics team"),
		ClientRequestToken: aws.String("laned")})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := client.UpdateAnswer(context.Background(), &wellarchitected.UpdateAnswerInput{WorkloadId: created.WorkloadId,
		LensAlias: aws.String("wellarchitected"), QuestionId: aws.String("priorities"), SelectedChoices: []string{"ops_priorities_ext_cust_needs"}}); err != nil {
		t.Fatal(err)
	}
	scrapeURL := metricsRE.FindStringSubmatch(w.Stdout.String())[1]
	// The review read until its head comes from the cache: the replica's
	// change listener connects once the store is open, and the notice of
	// the answer's own change arrives after it.
	var f metricstest.Families
	for deadline := time.Now().Add(10 * time.Second); ; {
		if _, err := client.GetLensReview(context.Background(), &wellarchitected.GetLensReviewInput{WorkloadId: created.WorkloadId,
			LensAlias: aws.String("wellarchitected")}); err != nil {
			t.Fatal(err)
		}
		f = metricstest.Scrape(t, http.DefaultClient, scrapeURL)
		if n, _ := f.Value("wat_review_heads_cached_total"); n > 0 || time.Now().After(deadline) {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	if n, _ := f.Value("wat_review_heads_cached_total"); n < 1 {
		t.Errorf("wat_review_heads_cached_total = %v, want at least 1", n)
	}
	if n, _ := f.Value("wat_review_heads_read_total"); n < 1 {
		t.Errorf("wat_review_heads_read_total = %v, want at least 1", n)
	}
	if n, found := f.Value("wat_pg_change_listener_up"); !found || n != 1 {
		t.Errorf("wat_pg_change_listener_up = %v (found %v), want 1", n, found)
	}
	if n, _ := f.Value("wat_pg_change_notices_total"); n < 1 {
		t.Errorf("wat_pg_change_notices_total = %v, want the notice of the answer's change at least", n)
	}
	if n, found := f.Value("wat_pg_lane_batch_size"); !found || n < 1 {
		t.Errorf("wat_pg_lane_batch_size has %v batches (found %v), want at least 1", n, found)
	}
	if n, _ := f.Value("wat_pg_pool_max_connections"); n != 16 {
		t.Errorf("wat_pg_pool_max_connections = %v, want 16", n)
	}
	if n, found := f.Value("wat_pg_pool_open_connections"); !found || n < 1 {
		t.Errorf("wat_pg_pool_open_connections = %v (found %v), want at least 1", n, found)
	}
	if _, found := f.Value("wat_sqlite_commit_batch_size"); found {
		t.Errorf("SQLite batch sizes on PostgreSQL")
	}
	if n, found := f.Value("wat_queue_depth", "queue", "webhook_delivery", "state", "pending"); !found || n != 0 {
		t.Errorf("wat_queue_depth of the webhooks on PostgreSQL = %v (found %v), want 0", n, found)
	}
	if n, _ := f.Value("wat_store_transaction_duration_seconds", "kind", "read"); n < 1 {
		t.Errorf("no read transaction timed on PostgreSQL")
	}
}

// TestServeMetricsOff: without --metrics-listen, nothing listens for
// metrics and nothing says it does.
func TestServeMetricsOff(t *testing.T) {
	w := MustRunMain(t, nil, "--listen", "127.0.0.1:0", "--data-dir", t.TempDir())
	if strings.Contains(w.Stdout.String(), "metrics:") {
		t.Errorf("a metrics address printed without --metrics-listen:\n%s", w.Stdout)
	}
}

// TestServeReadyzAndJSONLog: /readyz says whether the database is ready for
// this binary, /healthz only that the process serves; with --log-format
// json every line of the log is a JSON object, the request lines included.
func TestServeReadyzAndJSONLog(t *testing.T) {
	dir := t.TempDir()
	w := MustRunMain(t, nil, "--listen", "127.0.0.1:0", "--data-dir", dir, "--log-format", "json")
	if code, body := get(t, w.Endpoint+"/readyz"); code != 200 || body != "ok\n" {
		t.Fatalf("/readyz = %d %q, want 200 ok", code, body)
	}
	creds := readCredentials(t, dir)
	if _, err := sdkClient(w.Endpoint, creds[0], creds[1]).ListWorkloads(context.Background(), &wellarchitected.ListWorkloadsInput{}); err != nil {
		t.Fatal(err)
	}

	// The schema loses its latest migration, as when an older backup is
	// restored under the running server.
	db, err := sql.Open("sqlite", filepath.Join(dir, "wat.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`DELETE FROM schema_migrations WHERE version = (SELECT max(version) FROM schema_migrations)`); err != nil {
		t.Fatal(err)
	}
	code, body := get(t, w.Endpoint+"/readyz")
	if code != http.StatusServiceUnavailable || !regexp.MustCompile(`^not ready: the database schema is at migration \d+; this binary needs \d+\n$`).MatchString(body) {
		t.Errorf("/readyz with a schema behind = %d %q, want 503 and the reason", code, body)
	}
	if code, _ := get(t, w.Endpoint+"/healthz"); code != 200 {
		t.Errorf("/healthz = %d while not ready, want 200", code)
	}

	var requests int
	for _, l := range strings.Split(strings.TrimSpace(w.Stderr.String()), "\n") {
		var rec map[string]any
		if err := json.Unmarshal([]byte(l), &rec); err != nil {
			t.Fatalf("a log line is not JSON: %q", l)
		}
		if rec["msg"] == "request" {
			requests++
			if rec["operation"] != "ListWorkloads" || rec["status"] != 200.0 || rec["principal"] == "-" || rec["request_id"] == "" || rec["duration_ms"] == nil {
				t.Errorf("request line %v", rec)
			}
		}
	}
	if requests != 1 {
		t.Errorf("%d request lines, want 1 (probes are not logged)\n%s", requests, w.Stderr)
	}
}

// TestServePprof: --pprof adds Go's profiler to the metrics listener, and
// to no other; without --metrics-listen it is refused.
func TestServePprof(t *testing.T) {
	dir, _ := newDataDir(t)
	w := MustRunMain(t, nil, "--listen", "127.0.0.1:0", "--data-dir", dir, "--metrics-listen", "127.0.0.1:0", "--pprof")
	m := metricsRE.FindStringSubmatch(w.Stdout.String())
	if m == nil {
		t.Fatalf("no metrics address on stdout:\n%s", w.Stdout)
	}
	base := strings.TrimSuffix(m[1], "/metrics")
	if !strings.Contains(w.Stdout.String(), "profiler:    "+base+"/debug/pprof/") {
		t.Errorf("stdout does not say where the profiler is:\n%s", w.Stdout)
	}
	if code, body := get(t, base+"/debug/pprof/goroutine?debug=1"); code != http.StatusOK || !strings.Contains(body, "goroutine profile") {
		t.Errorf("the profiler answered %d:\n%.200s", code, body)
	}
	if code, _ := get(t, w.Endpoint+"/debug/pprof/"); code == http.StatusOK {
		t.Errorf("the API listener serves the profiler")
	}
	if code, _ := get(t, base+"/metrics"); code != http.StatusOK {
		t.Errorf("/metrics answered %d beside the profiler", code)
	}
}
