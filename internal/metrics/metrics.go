// Package metrics measures a running `wat serve` for Prometheus: requests by
// operation and status with their latency, failed authentications, denied
// and throttled calls, store transactions, SQLite group commits, the
// PostgreSQL connection pool and the background jobs. Everything is kept in
// one registry of its own (never the library's global one), served by
// Handler on the listener the operator chose for it.
//
// The package only observes: package api tells it of each request through
// api.RequestObserver, the store is wrapped (Store), sqlstore reports its
// batches and pool through small accessors the command wires in, and the
// jobs report each run (Job) and each job's outcome (JobEnded), and the
// queues' backlog is read when scraped (ObserveQueues). Every label value
// comes from a closed set (operation names, HTTP statuses, job and queue
// names and states), so a client cannot grow the number of series.
package metrics

import (
	"net/http"
	"runtime"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Metrics holds wat's collectors and the registry they are served from.
// A nil *Metrics measures nothing: its methods are safe to call and do
// nothing, so code need not ask whether metrics are on.
type Metrics struct {
	reg *prometheus.Registry

	requests     *prometheus.CounterVec   // operation, status
	duration     *prometheus.HistogramVec // operation
	authFailures prometheus.Counter
	throttled    *prometheus.CounterVec // operation
	denied       *prometheus.CounterVec // operation
	storeTx      *prometheus.HistogramVec
	storeRead    prometheus.Observer // storeTx's kind="read", looked up once
	storeWrite   prometheus.Observer // kind="write"
	batchSize    prometheus.Histogram
	laneBatch    prometheus.Histogram
	jobs         *jobs
	queueJobs    *prometheus.CounterVec // queue, outcome: registered always
	queueErrors  *prometheus.CounterVec // queue: collected by the queues' collector (ObserveQueues)
}

// Latency buckets, in seconds. Requests range from a cached read (well
// under a millisecond) to a consolidated PDF of a thousand workloads
// (seconds); store transactions are shorter, down to a read of one row.
var (
	requestBuckets = []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30}
	storeBuckets   = []float64{.0001, .00025, .0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5}
	// batchBuckets are powers of two up to sqlstore's bound of 64
	// transactions per commit.
	batchBuckets = []float64{1, 2, 4, 8, 16, 32, 64}
)

// New returns the collectors of a server of the given version, registered
// with the Go runtime's and the process's standard ones.
func New(version string) *Metrics {
	m := &Metrics{
		reg: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "wat_requests_total", Help: "API requests answered, by operation and HTTP status.",
		}, []string{"operation", "status"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "wat_request_duration_seconds", Help: "Time from a request's arrival to its answer (audit record included), by operation.",
			Buckets: requestBuckets,
		}, []string{"operation"}),
		authFailures: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "wat_auth_failures_total", Help: "Requests whose credentials were refused: bad signatures, unknown or inactive keys, forged console requests, failed console sign-ins.",
		}),
		throttled: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "wat_throttled_total", Help: "Requests answered 429: a principal over its rate, an address over its failed authentications, a console sign-in held back.",
		}, []string{"operation"}),
		denied: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "wat_denied_total", Help: "Requests refused 403 other than failed authentications: mostly an action the caller's policies deny.",
		}, []string{"operation"}),
		storeTx: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "wat_store_transaction_duration_seconds", Help: "Store transactions, waiting for a connection or a group commit included, by kind (read or write).",
			Buckets: storeBuckets,
		}, []string{"kind"}),
		batchSize: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name: "wat_sqlite_commit_batch_size", Help: "Write transactions sharing one SQLite commit (group commit).",
			Buckets: batchBuckets,
		}),
		laneBatch: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name: "wat_pg_lane_batch_size", Help: "Writes about workloads sharing one PostgreSQL commit in a lane (group commit).",
			Buckets: batchBuckets,
		}),
		jobs: newJobs(),
	}
	m.queueJobs, m.queueErrors = newQueueCounters()
	m.storeRead = m.storeTx.WithLabelValues("read")
	m.storeWrite = m.storeTx.WithLabelValues("write")
	build := prometheus.NewGaugeVec(prometheus.GaugeOpts{
		Name: "wat_build_info", Help: "Always 1; the labels say which wat and which Go built it.",
	}, []string{"version", "goversion"})
	build.WithLabelValues(version, runtime.Version()).Set(1)
	m.reg.MustRegister(m.requests, m.duration, m.authFailures, m.throttled, m.denied, m.storeTx, m.jobs, m.queueJobs, build,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// Handler serves the registry in Prometheus's text format (or what the
// scraper negotiates). Failures to gather are reported in the response and
// counted, never fatal.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{Registry: m.reg, ErrorHandling: promhttp.ContinueOnError})
}

// CommitBatches registers the histogram of SQLite group commits and returns
// what records one batch's size, for sqlstore's DB.ObserveCommitBatches.
// Only a SQLite server calls it, so PostgreSQL's metrics show no empty
// histogram of batches it never makes.
func (m *Metrics) CommitBatches() func(size int) {
	if m == nil {
		return func(int) {}
	}
	m.reg.MustRegister(m.batchSize)
	return func(size int) { m.batchSize.Observe(float64(size)) }
}

// LaneBatches is CommitBatches for a PostgreSQL server: the histogram of
// the batches of its lanes of writes about one workload.
func (m *Metrics) LaneBatches() func(size int) {
	if m == nil {
		return func(int) {}
	}
	m.reg.MustRegister(m.laneBatch)
	return func(size int) { m.laneBatch.Observe(float64(size)) }
}
