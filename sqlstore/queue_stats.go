package sqlstore

import (
	"context"
	"fmt"
	"time"

	"github.com/wat-dev/wat"
)

// The backlog of the background queues, for the metrics (wat.QueueReader).
// Each queue is read in one statement over the index its workers search
// with, grouped by state: its cost follows what waits, not what the table
// holds (the done and delivered rows the index leaves out).

// queueQuery is how one queue is read: a statement answering (state,
// count, the oldest waiting time) per state, its parameters, and the
// states it can answer.
type queueQuery struct {
	sql    string
	args   func(now time.Time) []any
	states []string
	// due shifts the oldest time read to when it came due (invitations
	// come due InvitationTTL after they were made).
	due time.Duration
}

var queueQueries = map[string]queueQuery{
	// A generation is QUEUED until claimed; IN_PROGRESS under a live lease
	// is running, and under one run out waits for another worker.
	wat.QueueAgentGeneration: {
		sql: `SELECT CASE WHEN status = 'IN_PROGRESS' AND lease_until >= ? THEN 'leased'
				WHEN attempts > 0 THEN 'retrying' ELSE 'pending' END, COUNT(*), MIN(created_at)
			FROM agent_generations WHERE status IN ('QUEUED', 'IN_PROGRESS') GROUP BY 1`,
		args:   func(now time.Time) []any { return []any{timeValue(now)} },
		states: []string{wat.QueuePending, wat.QueueLeased, wat.QueueRetrying},
	},
	// A workload's row waits while requested > done (the partial index's
	// own condition); a claim counts an attempt, a success resets them.
	wat.QueueJiraSync: {
		sql: `SELECT CASE WHEN lease_until >= ? THEN 'leased' WHEN attempts > 0 THEN 'retrying' ELSE 'pending' END,
				COUNT(*), MIN(CASE WHEN waiting_since > ? THEN waiting_since ELSE not_before END)
			FROM jira_sync_jobs WHERE requested > done GROUP BY 1`,
		args:   func(now time.Time) []any { return []any{timeValue(now), timeValue(time.Time{})} },
		states: []string{wat.QueuePending, wat.QueueLeased, wat.QueueRetrying},
	},
	// A delivery waits while PENDING; a disabled subscription's are kept
	// for when it is enabled again.
	wat.QueueWebhookDelivery: {
		sql: `SELECT CASE WHEN s.status <> 'ENABLED' THEN 'disabled' WHEN d.lease_until >= ? THEN 'leased'
				WHEN d.attempts > 0 THEN 'retrying' ELSE 'pending' END, COUNT(*), MIN(d.created_at)
			FROM webhook_deliveries d JOIN webhook_subscriptions s ON s.id = d.subscription_id
			WHERE d.status = 'PENDING' GROUP BY 1`,
		args:   func(now time.Time) []any { return []any{timeValue(now)} },
		states: []string{wat.QueuePending, wat.QueueLeased, wat.QueueRetrying, wat.QueueDisabled},
	},
	// The invitations past their time that the expiry sweep has yet to
	// mark (the sweep's own condition and index).
	wat.QueueInvitationExpiry: {
		sql: `SELECT 'due', COUNT(*), MIN(created_at) FROM shares WHERE status = 'PENDING' AND created_at < ? GROUP BY 1`,
		args: func(now time.Time) []any {
			return []any{timeValue(now.Add(-wat.InvitationTTL))}
		},
		states: []string{wat.QueueDue},
		due:    wat.InvitationTTL,
	},
}

// QueueStats reads the backlog of queue (one of wat.Queues) at now, in one
// statement outside any transaction.
func (db *DB) QueueStats(ctx context.Context, queue string, now time.Time) (*wat.QueueStats, error) {
	q, ok := queueQueries[queue]
	if !ok {
		return nil, fmt.Errorf("QueueStats: no queue %q", queue)
	}
	if db.closed.Load() {
		return nil, unavailable(errClosed)
	}
	st := &wat.QueueStats{Depth: make(map[string]int, len(q.states))}
	for _, s := range q.states {
		st.Depth[s] = 0
	}
	rows, err := db.read.QueryContext(ctx, db.rebind(q.sql), q.args(now)...)
	if err != nil {
		return nil, unavailable(fail("QueueStats", queue, err, outcomes{}))
	}
	defer rows.Close()
	for rows.Next() {
		var (
			state  string
			n      int
			oldest time.Time
		)
		if err := rows.Scan(&state, &n, nullTime{&oldest}); err != nil {
			return nil, fail("QueueStats", queue, err, outcomes{})
		}
		st.Depth[state] += n
		if state == wat.QueueDisabled || oldest.IsZero() {
			continue
		}
		if oldest = oldest.Add(q.due); st.Oldest.IsZero() || oldest.Before(st.Oldest) {
			st.Oldest = oldest
		}
	}
	if err := rows.Err(); err != nil {
		return nil, unavailable(fail("QueueStats", queue, err, outcomes{}))
	}
	return st, nil
}
