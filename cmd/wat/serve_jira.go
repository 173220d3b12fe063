package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/wat-dev/wat"
	"github.com/wat-dev/wat/service"
)

// JiraConfig configures the Jira sync's worker in `wat serve`: every
// replica runs one; leases keep them off each other's workloads.
type JiraConfig struct {
	// Poll is how often the worker looks for queued syncs.
	Poll time.Duration
	// ReconcileInterval is how often the worker queues a sync of every
	// workload kept in Jira, catching missed webhooks and issues deleted
	// in Jira; 0 turns reconciling off.
	ReconcileInterval time.Duration
}

func defaultJiraConfig() JiraConfig {
	return JiraConfig{Poll: 2 * time.Second, ReconcileInterval: 15 * time.Minute}
}

// readEnv reads WAT_JIRA_POLL and WAT_JIRA_RECONCILE_INTERVAL.
func (j *JiraConfig) readEnv(getenv func(string) string) error {
	return envDurations(getenv, "15m", map[string]*time.Duration{"WAT_JIRA_POLL": &j.Poll, "WAT_JIRA_RECONCILE_INTERVAL": &j.ReconcileInterval})
}

// addFlags defines the --jira-* flags on fs.
func (j *JiraConfig) addFlags(fs *flag.FlagSet) {
	fs.DurationVar(&j.Poll, "jira-poll", j.Poll, "how often the Jira sync worker looks for queued syncs (WAT_JIRA_POLL)")
	fs.DurationVar(&j.ReconcileInterval, "jira-reconcile-interval", j.ReconcileInterval, "how often every workload kept in Jira is synced again, catching missed webhooks; 0 turns it off (WAT_JIRA_RECONCILE_INTERVAL)")
}

// validate reports the first setting that cannot work.
func (j JiraConfig) validate() error {
	if j.Poll < 100*time.Millisecond {
		return fmt.Errorf("--jira-poll %v must be at least 100ms", j.Poll)
	}
	if j.ReconcileInterval != 0 && j.ReconcileInterval < time.Minute {
		return fmt.Errorf("--jira-reconcile-interval %v must be 0 (off) or at least 1m", j.ReconcileInterval)
	}
	return nil
}

// start runs the Jira sync worker until ctx ends, telling jobs how each
// sync ended.
func (j JiraConfig) start(ctx context.Context, svc *service.Service, jobs wat.JobCounter) {
	host, _ := os.Hostname()
	w := service.JiraWorker{ID: fmt.Sprintf("jira/%s/%d", host, os.Getpid()), Jobs: jobs}
	go svc.JiraWorkerLoop(ctx, w, j.Poll, j.ReconcileInterval)
}
