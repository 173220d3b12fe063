package metrics

import (
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// Background jobs' metrics. wat's jobs so far are sweeps: every interval
// one transaction handles whatever has come due (invitations past their
// seven days, expired console sessions). Their queue is that backlog, and
// it is measured where it is known, at each run: the depth is what the last
// run found due, and the oldest age is the time since a run last completed,
// which bounds how long anything due can have waited. A job that keeps
// failing (the database gone) shows as an age growing past its interval,
// whatever its depth. The durable queues (agent generations, Jira sync,
// webhooks, and the invitations due) are measured from the database at the
// scrape instead (queues.go: wat_queue_*); these series say whether the
// jobs run.
var (
	jobDepth = prometheus.NewDesc("wat_job_queue_depth",
		"Items the job's last run found waiting.", []string{"job"}, nil)
	jobAge = prometheus.NewDesc("wat_job_oldest_age_seconds",
		"Seconds since the job last completed a run: the longest any of its work can have waited.", []string{"job"}, nil)
	jobRuns = prometheus.NewDesc("wat_job_runs_total",
		"Runs of the job, by result (ok or error).", []string{"job", "result"}, nil)
)

// jobs is the collector of every job's state, read when scraped.
type jobs struct {
	now func() time.Time

	mu    sync.Mutex
	state map[string]*jobState
}

type jobState struct {
	depth       int
	lastSuccess time.Time // the job's start until its first run completes
	ok, failed  uint64
}

func newJobs() *jobs {
	return &jobs{now: time.Now, state: make(map[string]*jobState)}
}

// Job reports the runs of one background job.
type Job struct {
	jobs *jobs
	name string
}

// Job returns the reporter of the background job called name, whose series
// start now (depth 0, age counting from now). Nil when m is nil: a nil
// *Job reports nothing.
func (m *Metrics) Job(name string) *Job {
	if m == nil {
		return nil
	}
	m.jobs.mu.Lock()
	defer m.jobs.mu.Unlock()
	if _, ok := m.jobs.state[name]; !ok {
		m.jobs.state[name] = &jobState{lastSuccess: m.jobs.now()}
	}
	return &Job{jobs: m.jobs, name: name}
}

// Ran records one run that found due items waiting and ended with err.
// A failed run leaves the depth as the last run that knew it saw it.
func (j *Job) Ran(due int, err error) {
	if j == nil {
		return
	}
	j.jobs.mu.Lock()
	defer j.jobs.mu.Unlock()
	s := j.jobs.state[j.name]
	if err != nil {
		s.failed++
		return
	}
	s.ok++
	s.depth = due
	s.lastSuccess = j.jobs.now()
}

func (c *jobs) Describe(ch chan<- *prometheus.Desc) {
	ch <- jobDepth
	ch <- jobAge
	ch <- jobRuns
}

func (c *jobs) Collect(ch chan<- prometheus.Metric) {
	c.mu.Lock()
	defer c.mu.Unlock()
	now := c.now()
	for name, s := range c.state {
		ch <- prometheus.MustNewConstMetric(jobDepth, prometheus.GaugeValue, float64(s.depth), name)
		ch <- prometheus.MustNewConstMetric(jobAge, prometheus.GaugeValue, now.Sub(s.lastSuccess).Seconds(), name)
		ch <- prometheus.MustNewConstMetric(jobRuns, prometheus.CounterValue, float64(s.ok), name, "ok")
		ch <- prometheus.MustNewConstMetric(jobRuns, prometheus.CounterValue, float64(s.failed), name, "error")
	}
}
