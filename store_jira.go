package wat

import (
	"context"
	"time"
)

// JiraTx is the part of Tx that keeps the Jira integration: accounts'
// connections and settings, workloads' settings, lens reviews' selections
// and the issues a sync created. It is apart because only the Jira use
// cases, and the answers they annotate, read it.
type JiraTx interface {
	// GetJiraConnection returns an account's connection; ENotFound when
	// it has none.
	GetJiraConnection(ctx context.Context, accountID string) (*JiraConnection, error)
	// PutJiraConnection inserts or replaces an account's connection.
	PutJiraConnection(ctx context.Context, c *JiraConnection) error
	// DeleteJiraConnection removes an account's connection, if any.
	DeleteJiraConnection(ctx context.Context, accountID string) error

	// GetJiraAccountSettings returns an account's settings: DISABLED,
	// MANUAL and DefaultJiraProjectKey when it never stored any.
	GetJiraAccountSettings(ctx context.Context, accountID string) (*JiraAccountSettings, error)
	PutJiraAccountSettings(ctx context.Context, s *JiraAccountSettings) error

	// GetJiraWorkloadSettings returns a workload's settings: INHERIT with
	// everything from the account when it never stored any.
	GetJiraWorkloadSettings(ctx context.Context, workloadID string) (*JiraWorkloadSettings, error)
	PutJiraWorkloadSettings(ctx context.Context, s *JiraWorkloadSettings) error
	// GetJiraPlanSettings is, in one read, what a change of a workload
	// needs to decide on a sync: the workload's settings and its account's
	// (as GetJiraWorkloadSettings and GetJiraAccountSettings return them)
	// and whether the account has a connection.
	GetJiraPlanSettings(ctx context.Context, workloadID, accountID string) (*JiraWorkloadSettings, *JiraAccountSettings, bool, error)
	// ListJiraWorkloadSettings returns the settings of every workload
	// accountID owns, as GetJiraWorkloadSettings returns them, by workload
	// ID: what a change of the account's settings needs to tell which
	// workloads it turns to AUTO sync.
	ListJiraWorkloadSettings(ctx context.Context, accountID string) ([]*JiraWorkloadSettings, error)

	// GetJiraSelection returns a lens review's selection; ENotFound when
	// it has none (the whole review is covered).
	GetJiraSelection(ctx context.Context, workloadID, lensARN string) (*JiraSelection, error)
	// PutJiraSelection stores a lens review's selection; ENotFound when
	// the review does not exist.
	PutJiraSelection(ctx context.Context, s *JiraSelection) error

	// ListJiraIssueLinks returns a workload's issues, the Epic first, then
	// by lens, question and choice.
	ListJiraIssueLinks(ctx context.Context, workloadID string) ([]*JiraIssueLink, error)
	// PutJiraIssueLink inserts or replaces the issue of one part of a
	// workload.
	PutJiraIssueLink(ctx context.Context, l *JiraIssueLink) error

	// FindJiraIssueLink returns the link of issue key among the workloads
	// of accountID; ENotFound when no workload of it keeps that issue.
	FindJiraIssueLink(ctx context.Context, accountID, key string) (*JiraIssueLink, error)
	// ListJiraLinkedWorkloads returns the workloads that keep issues in
	// Jira and whose account is connected, by ID.
	ListJiraLinkedWorkloads(ctx context.Context) ([]string, error)

	// EnqueueJiraSync asks for sync work on a workload at now: Requested
	// is bumped, Push kept if pending work pushes already; a backoff
	// under way is kept. ENotFound when the workload does not exist.
	EnqueueJiraSync(ctx context.Context, workloadID string, push bool, reason string, now time.Time) error
	// ClaimJiraSync takes the workload whose work waits longest, is due at
	// now and is not leased, for owner until leaseUntil, counting the
	// attempt; ENotFound when there is none. Two transactions never claim
	// the same workload.
	ClaimJiraSync(ctx context.Context, owner string, now, leaseUntil time.Time) (*JiraSyncJob, error)
	// LeaseJiraSync takes, or extends, the lease of a workload's sync for
	// owner until leaseUntil, whether work is pending or not; EConflict
	// when another owner holds it at now, ENotFound when the workload
	// does not exist.
	LeaseJiraSync(ctx context.Context, workloadID, owner string, now, leaseUntil time.Time) (*JiraSyncJob, error)
	// GetJiraSyncJob returns a workload's sync work and status; ENotFound
	// when nothing was ever asked of it.
	GetJiraSyncJob(ctx context.Context, workloadID string) (*JiraSyncJob, error)
	// UpdateJiraSyncJob stores every field of j but Requested, Push and
	// Reason (matched by workload), which are the requesters', so a
	// request made meanwhile is kept; ENotFound when it does not exist.
	UpdateJiraSyncJob(ctx context.Context, j *JiraSyncJob) error
}
