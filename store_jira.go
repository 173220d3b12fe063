package wat

import "context"

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
}
