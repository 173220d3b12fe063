package metrics

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/wat-dev/wat"
)

// fakeQueues answers QueueStats from a table, counting the reads; a queue
// in fail answers an error, one in hang waits for the context to end.
type fakeQueues struct {
	mu    sync.Mutex
	stats map[string]*wat.QueueStats
	fail  map[string]bool
	hang  map[string]bool
	reads int
}

func (f *fakeQueues) QueueStats(ctx context.Context, queue string, now time.Time) (*wat.QueueStats, error) {
	f.mu.Lock()
	f.reads++
	fail, hang, st := f.fail[queue], f.hang[queue], f.stats[queue]
	f.mu.Unlock()
	switch {
	case hang:
		<-ctx.Done()
		return nil, ctx.Err()
	case fail:
		return nil, errors.New("the database is gone")
	}
	return st, nil
}

// TestMetricsQueues: the queues' depth by state and oldest age are read
// when scraped; a queue whose read fails or hangs past the timeout is
// counted in wat_queue_scrape_errors_total and left out while the others
// are served; scrapes within the cache read the database once; the
// workers' outcomes are counted per queue, every series starting at zero.
func TestMetricsQueues(t *testing.T) {
	clock := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	r := &fakeQueues{
		stats: map[string]*wat.QueueStats{
			wat.QueueAgentGeneration: {Depth: map[string]int{"pending": 2, "leased": 1, "retrying": 0}, Oldest: clock.Add(-90 * time.Second)},
			wat.QueueWebhookDelivery: {Depth: map[string]int{"pending": 0, "leased": 0, "retrying": 3, "disabled": 1}, Oldest: clock.Add(-time.Hour)},
			wat.QueueJiraSync:        {Depth: map[string]int{"pending": 0, "leased": 0, "retrying": 0}},
		},
		fail: map[string]bool{wat.QueueInvitationExpiry: true},
	}
	m := New("v1")
	q := &queues{reader: r, now: func() time.Time { return clock }, cacheOf: 5 * time.Second, timeout: 50 * time.Millisecond}
	m.registerQueues(q)
	m.JobEnded(wat.QueueWebhookDelivery, wat.JobRetried)
	m.JobEnded(wat.QueueWebhookDelivery, wat.JobRetried)
	m.JobEnded(wat.QueueAgentGeneration, wat.JobCompleted)

	f := scrape(t, m)
	want(t, f, 2, "wat_queue_depth", "queue", "agent_generation", "state", "pending")
	want(t, f, 1, "wat_queue_depth", "queue", "agent_generation", "state", "leased")
	want(t, f, 3, "wat_queue_depth", "queue", "webhook_delivery", "state", "retrying")
	want(t, f, 1, "wat_queue_depth", "queue", "webhook_delivery", "state", "disabled")
	want(t, f, 0, "wat_queue_depth", "queue", "jira_sync")
	want(t, f, 90, "wat_queue_oldest_age_seconds", "queue", "agent_generation")
	want(t, f, 3600, "wat_queue_oldest_age_seconds", "queue", "webhook_delivery")
	want(t, f, 0, "wat_queue_oldest_age_seconds", "queue", "jira_sync")
	want(t, f, 1, "wat_queue_scrape_errors_total", "queue", "invitation_expiry")
	want(t, f, 0, "wat_queue_scrape_errors_total", "queue", "webhook_delivery")
	if _, found := f.Value("wat_queue_depth", "queue", "invitation_expiry"); found {
		t.Error("a queue whose read failed has a depth")
	}
	want(t, f, 2, "wat_queue_jobs_total", "queue", "webhook_delivery", "outcome", "retried")
	want(t, f, 1, "wat_queue_jobs_total", "queue", "agent_generation", "outcome", "completed")
	want(t, f, 0, "wat_queue_jobs_total", "queue", "jira_sync", "outcome", "failed")
	want(t, f, 1, "wat_build_info", "version", "v1") // the scrape still serves the rest
	if r.reads != 4 {
		t.Errorf("%d reads for one scrape, want one per queue (4)", r.reads)
	}

	// A storm of scrapes within the cache reads nothing; the age moves on.
	clock = clock.Add(4 * time.Second)
	for range 20 {
		f = scrape(t, m)
	}
	want(t, f, 94, "wat_queue_oldest_age_seconds", "queue", "agent_generation")
	want(t, f, 1, "wat_queue_scrape_errors_total", "queue", "invitation_expiry")
	if r.reads != 4 {
		t.Errorf("%d reads after 21 scrapes within the cache, want 4", r.reads)
	}

	// Past the cache, a read that hangs is cut at the timeout.
	clock = clock.Add(2 * time.Second)
	r.mu.Lock()
	r.hang = map[string]bool{wat.QueueAgentGeneration: true}
	r.mu.Unlock()
	start := time.Now()
	f = scrape(t, m)
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("a scrape with a hanging read took %v", d)
	}
	want(t, f, 1, "wat_queue_scrape_errors_total", "queue", "agent_generation")
	want(t, f, 2, "wat_queue_scrape_errors_total", "queue", "invitation_expiry")
	if _, found := f.Value("wat_queue_oldest_age_seconds", "queue", "agent_generation"); found {
		t.Error("a queue whose read timed out has an age")
	}
}

// TestMetricsQueuesNil: a nil *Metrics takes the queues and the outcomes
// and does nothing.
func TestMetricsQueuesNil(t *testing.T) {
	var m *Metrics
	m.ObserveQueues(&fakeQueues{}, 0, nil)
	m.JobEnded(wat.QueueJiraSync, wat.JobFailed)
}
