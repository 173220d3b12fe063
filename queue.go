package wat

import (
	"context"
	"time"
)

// The durable queues of wat's background work, as the metrics see them:
// what waits in each, in which state, and since when. Each queue is a
// table the workers of every replica claim from under a lease, except the
// invitations, whose "queue" is the PENDING invitations past InvitationTTL
// that the expiry sweep has yet to mark.

// The queues, as the metrics name them.
const (
	QueueAgentGeneration  = "agent_generation"
	QueueJiraSync         = "jira_sync"
	QueueWebhookDelivery  = "webhook_delivery"
	QueueInvitationExpiry = "invitation_expiry"
)

// Queues are every queue a QueueReader measures, in a stable order.
var Queues = []string{QueueAgentGeneration, QueueJiraSync, QueueWebhookDelivery, QueueInvitationExpiry}

// The states of an item waiting in a queue. Every queue reports each of
// the states it can hold, zero or not, so a dashboard's series never
// vanish when a queue drains.
const (
	// QueuePending is work no worker has tried yet.
	QueuePending = "pending"
	// QueueLeased is work a worker holds under a lease that has not run
	// out.
	QueueLeased = "leased"
	// QueueRetrying is work tried before, waiting for its backoff or for
	// another worker to take it over from one whose lease ran out.
	QueueRetrying = "retrying"
	// QueueDisabled is webhook deliveries of a subscription that is
	// disabled: kept, but sent by no worker until it is enabled again.
	QueueDisabled = "disabled"
	// QueueDue is invitations past their time not yet marked EXPIRED.
	QueueDue = "due"
)

// QueueStats is one queue's backlog at a moment.
type QueueStats struct {
	// Depth counts the items waiting, by state (QueuePending…).
	Depth map[string]int
	// Oldest is when the oldest item that a worker will take started
	// waiting (enqueued, or came due); zero when none waits. Items no
	// worker will take (QueueDisabled) are counted, not aged.
	Oldest time.Time
}

// QueueReader reads the backlog of one queue (one of Queues) in one cheap
// indexed statement outside any transaction, for the metrics' scrapes.
type QueueReader interface {
	QueueStats(ctx context.Context, queue string, now time.Time) (*QueueStats, error)
}

// JobOutcome is how one run of a queued job ended.
type JobOutcome string

// The outcomes of a job's run.
const (
	// JobCompleted: the work is done and leaves the queue.
	JobCompleted JobOutcome = "completed"
	// JobFailed: the work ended in error and leaves the queue (given up
	// after its retries, or an error no retry mends).
	JobFailed JobOutcome = "failed"
	// JobRetried: the run failed and the work stays queued for a later
	// try.
	JobRetried JobOutcome = "retried"
)

// JobCounter hears how each job a worker ran ended (the metrics). A nil
// JobCounter is never called: workers check.
type JobCounter interface {
	JobEnded(queue string, outcome JobOutcome)
}
