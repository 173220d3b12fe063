package metrics

import (
	"context"
	"database/sql"
	"errors"
	"net/http/httptest"
	"runtime"
	"testing"
	"time"

	"github.com/wat-dev/wat"
	"github.com/wat-dev/wat/api"
	"github.com/wat-dev/wat/internal/metrics/metricstest"
)

// scrape serves m's handler and parses what a scraper would read.
func scrape(t *testing.T, m *Metrics) metricstest.Families {
	t.Helper()
	srv := httptest.NewServer(m.Handler())
	defer srv.Close()
	return metricstest.Scrape(t, srv.Client(), srv.URL)
}

// want fails the test unless the samples of name with labels sum to v.
func want(t *testing.T, f metricstest.Families, v float64, name string, labels ...string) {
	t.Helper()
	got, found := f.Value(name, labels...)
	if !found || got != v {
		t.Errorf("%s%q = %v (found %v), want %v", name, labels, got, found, v)
	}
}

// TestMetricsObserveRequest: requests are counted by operation and status,
// timed, and failed authentications, throttled and denied calls are told
// apart; an unrouted request is one "unknown" series, whatever its path.
func TestMetricsObserveRequest(t *testing.T) {
	m := New("v1.2.3")
	for _, r := range []api.RequestInfo{
		{Operation: "ListWorkloads", Status: 200, Duration: 3 * time.Millisecond, Principal: "arn:aws:iam::123456789012:user/admin"},
		{Operation: "ListWorkloads", Status: 200, Duration: 40 * time.Millisecond},
		{Operation: "ListWorkloads", Status: 429},
		{Operation: "UpdateAnswer", Status: 403},
		{Operation: "UpdateAnswer", Status: 403, AuthFailed: true},
		{Operation: "ConsoleSignIn", Status: 401, AuthFailed: true},
		{Status: 404},
		{Status: 404},
		{Operation: "GetWorkload", Status: 0}, // out of range: one "other" series
	} {
		m.ObserveRequest(r)
	}
	f := scrape(t, m)
	want(t, f, 2, "wat_requests_total", "operation", "ListWorkloads", "status", "200")
	want(t, f, 1, "wat_requests_total", "operation", "ListWorkloads", "status", "429")
	want(t, f, 2, "wat_requests_total", "operation", "unknown", "status", "404")
	want(t, f, 1, "wat_requests_total", "operation", "GetWorkload", "status", "other")
	want(t, f, 3, "wat_request_duration_seconds", "operation", "ListWorkloads")
	want(t, f, 2, "wat_auth_failures_total")
	want(t, f, 1, "wat_throttled_total", "operation", "ListWorkloads")
	want(t, f, 1, "wat_denied_total", "operation", "UpdateAnswer")
	want(t, f, 1, "wat_build_info", "version", "v1.2.3", "goversion", runtime.Version())
	// The latency went into the right buckets: 3 ms is under 5 ms, 40 ms
	// is not.
	for _, m := range f["wat_request_duration_seconds"].GetMetric() {
		if m.GetLabel()[0].GetValue() != "ListWorkloads" {
			continue
		}
		for _, b := range m.GetHistogram().GetBucket() {
			if b.GetUpperBound() == 0.005 && b.GetCumulativeCount() != 2 { // the 429 took 0 s
				t.Errorf("ListWorkloads under 5 ms: %d, want 2", b.GetCumulativeCount())
			}
		}
	}
	if _, found := f.Value("wat_pg_pool_open_connections"); found {
		t.Errorf("pool metrics without a pool")
	}
	if _, found := f.Value("wat_sqlite_commit_batch_size"); found {
		t.Errorf("batch metrics without SQLite")
	}
	if _, found := f.Value("go_goroutines"); !found {
		t.Errorf("no Go runtime metrics")
	}
}

// fakeStore counts nothing: it runs fn with no transaction.
type fakeStore struct{ wat.Store }

func (fakeStore) View(ctx context.Context, fn func(wat.Tx) error) error   { return fn(nil) }
func (fakeStore) Update(ctx context.Context, fn func(wat.Tx) error) error { return errors.New("boom") }

// TestMetricsStore: reads and writes are timed apart, failed ones too, and
// the wrapper returns what the store returned.
func TestMetricsStore(t *testing.T) {
	m := New("dev")
	s := m.Store(fakeStore{})
	ctx := context.Background()
	s.View(ctx, func(wat.Tx) error { time.Sleep(2 * time.Millisecond); return nil })
	s.View(ctx, func(wat.Tx) error { return nil })
	if err := s.Update(ctx, func(wat.Tx) error { return nil }); err == nil || err.Error() != "boom" {
		t.Errorf("Update = %v, want the store's error", err)
	}
	f := scrape(t, m)
	want(t, f, 2, "wat_store_transaction_duration_seconds", "kind", "read")
	want(t, f, 1, "wat_store_transaction_duration_seconds", "kind", "write")
	for _, mm := range f["wat_store_transaction_duration_seconds"].GetMetric() {
		if mm.GetLabel()[0].GetValue() == "read" && mm.GetHistogram().GetSampleSum() < 0.002 {
			t.Errorf("reads took %vs in all, want at least the 2 ms slept", mm.GetHistogram().GetSampleSum())
		}
	}
}

// TestMetricsPoolAndBatches: the pool is read when scraped; batch sizes
// land in their buckets.
func TestMetricsPoolAndBatches(t *testing.T) {
	m := New("dev")
	stats := sql.DBStats{MaxOpenConnections: 16, OpenConnections: 5, InUse: 3, Idle: 2, WaitCount: 7, WaitDuration: 1500 * time.Millisecond}
	m.ObservePool(func() sql.DBStats { return stats })
	observe := m.CommitBatches()
	for _, n := range []int{1, 1, 3, 64} {
		observe(n)
	}
	f := scrape(t, m)
	want(t, f, 16, "wat_pg_pool_max_connections")
	want(t, f, 5, "wat_pg_pool_open_connections")
	want(t, f, 3, "wat_pg_pool_in_use_connections")
	want(t, f, 2, "wat_pg_pool_idle_connections")
	want(t, f, 7, "wat_pg_pool_waits_total")
	want(t, f, 1.5, "wat_pg_pool_wait_seconds_total")
	want(t, f, 4, "wat_sqlite_commit_batch_size")
	h := f["wat_sqlite_commit_batch_size"].GetMetric()[0].GetHistogram()
	if h.GetSampleSum() != 69 {
		t.Errorf("batch sizes sum to %v, want 69", h.GetSampleSum())
	}
	stats.InUse = 16 // read again at the next scrape
	want(t, scrape(t, m), 16, "wat_pg_pool_in_use_connections")
}

// TestMetricsJobs: a job's depth is what its last good run found; its age
// grows until a run completes, failed runs leaving it growing.
func TestMetricsJobs(t *testing.T) {
	m := New("dev")
	now := time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
	m.jobs.now = func() time.Time { return now }
	j := m.Job("invitation_expiry")
	now = now.Add(30 * time.Second)
	f := scrape(t, m)
	want(t, f, 0, "wat_job_queue_depth", "job", "invitation_expiry")
	want(t, f, 30, "wat_job_oldest_age_seconds", "job", "invitation_expiry")

	j.Ran(4, nil)
	now = now.Add(10 * time.Second)
	j.Ran(0, errors.New("database gone"))
	now = now.Add(50 * time.Second)
	f = scrape(t, m)
	want(t, f, 4, "wat_job_queue_depth", "job", "invitation_expiry")
	want(t, f, 60, "wat_job_oldest_age_seconds", "job", "invitation_expiry")
	want(t, f, 1, "wat_job_runs_total", "job", "invitation_expiry", "result", "ok")
	want(t, f, 1, "wat_job_runs_total", "job", "invitation_expiry", "result", "error")
}

// TestMetricsNil: with metrics off, every hook is a no-op and the store is
// the store itself.
func TestMetricsNil(t *testing.T) {
	var m *Metrics
	s := fakeStore{}
	if m.Store(s) != wat.Store(s) {
		t.Errorf("a nil Metrics wrapped the store")
	}
	m.ObserveRequest(api.RequestInfo{Status: 200})
	m.CommitBatches()(3)
	m.ObservePool(func() sql.DBStats { return sql.DBStats{} })
	m.Job("x").Ran(1, nil)
}
