package metrics

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/wat-dev/wat"
)

// The durable queues' metrics: what waits in each queue by state, and how
// long its oldest item has waited, read from the database when scraped
// (wat.QueueReader, one indexed statement per queue); and how the jobs the
// workers ran ended, counted as they end (JobEnded). A scrape storm reads
// the database at most once per QueueCacheFor, each read bounded by
// queueReadTimeout; a read that fails is counted and its queue's series
// left out of that scrape, and the rest of the scrape is served.

var (
	queueDepth = prometheus.NewDesc("wat_queue_depth",
		"Items waiting in a background queue, by state: pending (never tried), leased (a worker holds it), retrying (tried before; backing off or its worker's lease ran out), disabled (webhook deliveries of a disabled subscription), due (invitations past their time).",
		[]string{"queue", "state"}, nil)
	queueAge = prometheus.NewDesc("wat_queue_oldest_age_seconds",
		"Seconds the oldest item a worker will take has waited in the queue (since enqueued, or since it came due); 0 when none waits.",
		[]string{"queue"}, nil)
)

// QueueCacheFor is how long one read of the queues answers scrapes, unless
// ObserveQueues is told otherwise.
const QueueCacheFor = 5 * time.Second

// queueReadTimeout bounds one read of all the queues.
const queueReadTimeout = 2 * time.Second

// jobQueues are the queues whose workers report their jobs' outcomes;
// the invitations' sweep has no jobs of its own.
var jobQueues = []string{wat.QueueAgentGeneration, wat.QueueJiraSync, wat.QueueWebhookDelivery}

// queues is the collector of the queues' backlog.
type queues struct {
	reader  wat.QueueReader
	log     *slog.Logger
	errors  *prometheus.CounterVec // queue
	now     func() time.Time
	cacheOf time.Duration
	timeout time.Duration

	mu    sync.Mutex // held through a read, so that scrapes at once share it
	at    time.Time  // of the last read; zero before the first
	stats map[string]*wat.QueueStats
}

// ObserveQueues measures the backlog of every queue of wat.Queues through
// r when scraped, one read answering the scrapes for cacheFor
// (QueueCacheFor when 0), and logs a failed read to log (when not nil).
func (m *Metrics) ObserveQueues(r wat.QueueReader, cacheFor time.Duration, log *slog.Logger) {
	if m == nil {
		return
	}
	if cacheFor <= 0 {
		cacheFor = QueueCacheFor
	}
	m.registerQueues(&queues{reader: r, log: log, now: time.Now, cacheOf: cacheFor, timeout: queueReadTimeout})
}

func (m *Metrics) registerQueues(q *queues) {
	q.errors = m.queueErrors
	m.reg.MustRegister(q)
}

// JobEnded counts one job of queue ended with outcome (wat.JobCounter).
func (m *Metrics) JobEnded(queue string, outcome wat.JobOutcome) {
	if m == nil {
		return
	}
	m.queueJobs.WithLabelValues(queue, string(outcome)).Inc()
}

// newQueueCounters returns the counters of the jobs' outcomes and of the
// failed reads, every series of a known queue started at zero.
func newQueueCounters() (jobs, errors *prometheus.CounterVec) {
	jobs = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "wat_queue_jobs_total", Help: "Jobs of a background queue a worker of this replica ran, by how they ended: completed, failed (left the queue in error) or retried (stay queued for a later try).",
	}, []string{"queue", "outcome"})
	for _, q := range jobQueues {
		for _, o := range []wat.JobOutcome{wat.JobCompleted, wat.JobFailed, wat.JobRetried} {
			jobs.WithLabelValues(q, string(o))
		}
	}
	errors = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "wat_queue_scrape_errors_total", Help: "Reads of a background queue's backlog that failed or timed out; its series are left out of that scrape.",
	}, []string{"queue"})
	for _, q := range wat.Queues {
		errors.WithLabelValues(q)
	}
	return jobs, errors
}

func (q *queues) Describe(ch chan<- *prometheus.Desc) {
	ch <- queueDepth
	ch <- queueAge
	q.errors.Describe(ch)
}

// Collect reads the queues (or takes the cached read) before it gives
// the failed reads' counter, so that a scrape counts its own failures.
func (q *queues) Collect(ch chan<- prometheus.Metric) {
	stats := q.read()
	q.errors.Collect(ch)
	now := q.now()
	for _, name := range wat.Queues {
		st, ok := stats[name]
		if !ok {
			continue // its read failed: counted and logged
		}
		for state, n := range st.Depth {
			ch <- prometheus.MustNewConstMetric(queueDepth, prometheus.GaugeValue, float64(n), name, state)
		}
		age := 0.0
		if !st.Oldest.IsZero() {
			age = max(0, now.Sub(st.Oldest).Seconds())
		}
		ch <- prometheus.MustNewConstMetric(queueAge, prometheus.GaugeValue, age, name)
	}
}

// read returns the backlog of the queues read successfully, read again
// when the last read is older than cacheOf.
func (q *queues) read() map[string]*wat.QueueStats {
	q.mu.Lock()
	defer q.mu.Unlock()
	now := q.now()
	if !q.at.IsZero() && now.Sub(q.at) < q.cacheOf {
		return q.stats
	}
	ctx, cancel := context.WithTimeout(context.Background(), q.timeout)
	defer cancel()
	stats := make(map[string]*wat.QueueStats, len(wat.Queues))
	for _, name := range wat.Queues {
		st, err := q.reader.QueueStats(ctx, name, now)
		if err != nil {
			q.errors.WithLabelValues(name).Inc()
			if q.log != nil {
				q.log.Warn("reading a queue for the metrics", "queue", name, "err", err)
			}
			continue
		}
		stats[name] = st
	}
	q.at, q.stats = now, stats
	return stats
}
