package main

import (
	"database/sql"
	"log/slog"
	"net"
	"net/http"
	httppprof "net/http/pprof"
	"time"

	"github.com/wat-dev/wat"
	"github.com/wat-dev/wat/internal/metrics"
)

// poolStore is what the metrics read of sqlstore.DB beyond wat.Store: its
// group commits (SQLite), its connection pool (PostgreSQL) and the review
// heads it keeps.
type poolStore interface {
	ObserveCommitBatches(f func(size int))
	PoolStats() (sql.DBStats, bool)
	HeadStats() (hits, reads uint64, postgres, listening bool, notices uint64)
}

// newMetrics returns the server's metrics, wired to what store reports of
// itself (its queues' backlog, read when scraped, failures logged to log),
// or nil when no --metrics-listen asks for them: then nothing is measured
// at all, rather than measured for nobody.
func newMetrics(cfg Config, store wat.Store, log *slog.Logger) *metrics.Metrics {
	if cfg.MetricsListen == "" {
		return nil
	}
	m := metrics.New(buildVersion())
	if qr, ok := store.(wat.QueueReader); ok {
		m.ObserveQueues(qr, 0, log)
	}
	if ps, ok := store.(poolStore); ok {
		if _, postgres := ps.PoolStats(); postgres {
			m.ObservePool(func() sql.DBStats { s, _ := ps.PoolStats(); return s })
			ps.ObserveCommitBatches(m.LaneBatches())
		} else {
			ps.ObserveCommitBatches(m.CommitBatches())
		}
		m.ObserveHeads(func() metrics.HeadStats {
			var s metrics.HeadStats
			s.Hits, s.Reads, s.Postgres, s.Listening, s.Notices = ps.HeadStats()
			return s
		})
	}
	return m
}

// jobCounter is what the workers tell how their jobs end: m, or nil
// when metrics are off (so that the workers skip the call).
func jobCounter(m *metrics.Metrics) wat.JobCounter {
	if m == nil {
		return nil
	}
	return m
}

// listenMetrics listens on --metrics-listen; nil when it is not set.
func listenMetrics(cfg Config) (net.Listener, error) {
	if cfg.MetricsListen == "" {
		return nil, nil
	}
	return listen(cfg.MetricsListen, "--metrics-listen or WAT_METRICS_LISTEN")
}

// metricsServer serves GET /metrics, and with pprof Go's profiler, and
// nothing else: the listener is the operator's to keep private (a loopback
// or internal address), and serves no API, console or health check that
// could be reached through it. With m nil it is a server never started,
// whose Shutdown does nothing.
func metricsServer(m *metrics.Metrics, pprof bool, log *slog.Logger) *http.Server {
	mux := http.NewServeMux()
	if m != nil {
		mux.Handle("GET /metrics", m.Handler())
	}
	if m != nil && pprof {
		mux.HandleFunc("GET /debug/pprof/", httppprof.Index)
		mux.HandleFunc("GET /debug/pprof/cmdline", httppprof.Cmdline)
		mux.HandleFunc("GET /debug/pprof/profile", httppprof.Profile)
		mux.HandleFunc("GET /debug/pprof/symbol", httppprof.Symbol)
		mux.HandleFunc("GET /debug/pprof/trace", httppprof.Trace)
	}
	return &http.Server{
		Handler:           mux,
		ReadHeaderTimeout: 10 * time.Second,
		WriteTimeout:      30 * time.Second,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
}
