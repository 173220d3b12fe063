package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/wat-dev/wat/internal/metrics"
	"github.com/wat-dev/wat/service"
	"github.com/wat-dev/wat/webhook"
)

// WebhookConfig configures the webhook delivery workers in `wat serve`:
// every replica runs them; leases keep them off each other's deliveries.
type WebhookConfig struct {
	// Allow lists the CIDR prefixes, addresses and host names deliveries
	// may reach beyond the public internet (loopback, private, link-local
	// and metadata addresses are refused otherwise).
	Allow []string
	// Poll is how often the workers look for due deliveries; Workers is
	// how many deliver at once in this replica.
	Poll    time.Duration
	Workers int
	// Lease, RetryWindow and Backoff are the delivery timings: how long a
	// claim holds (past one attempt's timeout), how long a delivery is
	// retried, and the first wait between tries (doubling to an hour).
	// Tests shorten them through the environment.
	Lease, RetryWindow, Backoff time.Duration
}

func defaultWebhookConfig() WebhookConfig {
	return WebhookConfig{Poll: time.Second, Workers: 4, Lease: 2 * webhook.Timeout, RetryWindow: 24 * time.Hour, Backoff: 10 * time.Second}
}

// readEnv reads WAT_WEBHOOK_ALLOW and the WAT_WEBHOOK_* timings.
func (c *WebhookConfig) readEnv(getenv func(string) string) error {
	if v := getenv("WAT_WEBHOOK_ALLOW"); v != "" {
		c.Allow = []string{v}
	}
	return envDurations(getenv, "10s", map[string]*time.Duration{"WAT_WEBHOOK_POLL": &c.Poll, "WAT_WEBHOOK_LEASE": &c.Lease,
		"WAT_WEBHOOK_RETRY_WINDOW": &c.RetryWindow, "WAT_WEBHOOK_BACKOFF": &c.Backoff})
}

// addFlags defines the --webhook-* flags on fs.
func (c *WebhookConfig) addFlags(fs *flag.FlagSet) {
	fs.Var((*stringList)(&c.Allow), "webhook-allow", "CIDR prefixes, addresses or host names (comma-separated, repeatable) webhook deliveries may reach although loopback, private or link-local (WAT_WEBHOOK_ALLOW)")
	fs.DurationVar(&c.Poll, "webhook-poll", c.Poll, "how often the webhook workers look for due deliveries (WAT_WEBHOOK_POLL)")
	fs.IntVar(&c.Workers, "webhook-workers", c.Workers, "webhook deliveries this replica makes at once")
}

// validate reports the first setting that cannot work.
func (c WebhookConfig) validate() error {
	if _, err := webhook.ParseAllow(c.Allow); err != nil {
		return fmt.Errorf("--webhook-allow: %w", err)
	}
	switch {
	case c.Poll < 10*time.Millisecond:
		return fmt.Errorf("--webhook-poll %v must be at least 10ms", c.Poll)
	case c.Workers < 1 || c.Workers > 64:
		return fmt.Errorf("--webhook-workers %d must be from 1 to 64", c.Workers)
	case c.Lease < time.Second || c.RetryWindow < time.Second || c.Backoff < time.Millisecond:
		return fmt.Errorf("WAT_WEBHOOK_LEASE, WAT_WEBHOOK_RETRY_WINDOW and WAT_WEBHOOK_BACKOFF must be at least 1s, 1s and 1ms")
	}
	return nil
}

// start runs the webhook delivery workers until ctx ends, reporting the
// outbox's depth and age to m.
func (c WebhookConfig) start(ctx context.Context, svc *service.Service, m *metrics.Metrics) {
	svc.WireEvents()                        // failed Jira syncs are events too
	allow, _ := webhook.ParseAllow(c.Allow) // checked by validate
	host, _ := os.Hostname()
	sender := webhook.NewSender(allow)
	var report func(int, error)
	if job := m.Job("webhook_delivery"); job != nil {
		report = func(int, error) {
			n, _, err := svc.WebhookQueue(ctx)
			job.Ran(n, err)
		}
	}
	for i := range c.Workers {
		w := service.WebhookWorker{ID: fmt.Sprintf("webhook/%s/%d/%d", host, os.Getpid(), i), Sender: sender,
			Lease: c.Lease, RetryWindow: c.RetryWindow, BackoffBase: c.Backoff, Jobs: jobCounter(m)}
		r := report
		if i > 0 {
			r = nil // one worker reports for the replica
		}
		go svc.WebhookWorkerLoop(ctx, w, c.Poll, r)
	}
}
