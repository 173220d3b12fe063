package wat

import "time"

// Jira issue management: an account connects one Jira site; a workload
// whose issue management is on has its improvement plan kept in Jira as
// issues — the workload an Epic, each question at risk a Task (a Story in
// Scrum projects), each practice still to put in place a Sub-task, each
// pillar a label — and a sync carries selections both ways.

// Issue management statuses and sync types, as the API spells them.
const (
	JiraEnabled  = "ENABLED"
	JiraDisabled = "DISABLED"
	// JiraInherit makes a workload follow its account's setting.
	JiraInherit = "INHERIT"

	JiraAuto   = "AUTO"
	JiraManual = "MANUAL"

	// DefaultJiraProjectKey is the project issues go to when neither the
	// workload nor its account names one.
	DefaultJiraProjectKey = "WA"
)

// JiraConnection is an account's connection to a Jira site.
type JiraConnection struct {
	AccountID string
	// URL is the site, e.g. https://acme.atlassian.net.
	URL string
	// Flavor is CLOUD (e-mail and API token) or DATA_CENTER (personal
	// access token).
	Flavor string
	Email  string // Cloud only
	// Token is the API token or personal access token, in clear in memory
	// only: the store keeps it encrypted with the master key.
	Token string
	// WebhookSecret proves a delivery to the account's Jira webhook
	// endpoint; sealed at rest like Token, "" for a connection made before
	// webhooks existed (its deliveries are refused).
	WebhookSecret string
	CreatedAt     time.Time
}

// JiraAccountSettings are an account's Jira settings, which its
// workloads inherit.
type JiraAccountSettings struct {
	AccountID       string
	IssueManagement string // ENABLED or DISABLED
	SyncType        string // AUTO or MANUAL
	ProjectKey      string
	UpdatedAt       time.Time
}

// JiraWorkloadSettings are a workload's own Jira settings.
type JiraWorkloadSettings struct {
	WorkloadID      string
	IssueManagement string // ENABLED, DISABLED or INHERIT
	// SyncType and ProjectKey are "" to follow the account's.
	SyncType   string
	ProjectKey string
	UpdatedAt  time.Time
}

// JiraSelection is what of a lens review a sync covers: the selected
// pillars, each with its selected questions (none selected: all of the
// pillar's). A review without one is covered whole.
type JiraSelection struct {
	WorkloadID string
	LensARN    string
	Pillars    []JiraSelectedPillar
}

// JiraSelectedPillar is one pillar of a JiraSelection.
type JiraSelectedPillar struct {
	PillarID    string
	QuestionIDs []string
}

// JiraIssueLink is the Jira issue a part of a workload is kept in: the
// Epic of the workload (LensARN, QuestionID and ChoiceID empty), the Task
// of a question (ChoiceID empty) or the Sub-task of a practice.
type JiraIssueLink struct {
	WorkloadID string
	LensARN    string
	QuestionID string
	ChoiceID   string
	ProjectKey string
	Key        string // e.g. WA-12
	ID         string
	URL        string // the issue's page
	// Done is whether the issue was done, and its practice selected, when
	// both sides last agreed: a sync compares each side with it to tell
	// which one changed.
	Done bool
	// Fingerprint identifies what wat last wrote to the issue, so an
	// unchanged issue is not written again.
	Fingerprint string
	SyncedAt    time.Time
}

// JiraSyncJob is a workload's sync work and its sync status: the outbox
// row a change of an AUTO workload, a webhook or a reconcile bumps, and
// the lease that keeps two syncs of the workload apart.
type JiraSyncJob struct {
	WorkloadID string
	// Requested counts the requests for work; Done is the Requested a
	// finished sync covered. Work is pending while Requested > Done.
	Requested, Done int64
	// Push tells that the pending work writes wat's state to Jira (an
	// AUTO workload); otherwise it only reads Jira's changes into wat.
	Push bool
	// Reason is what asked for the work last: change, webhook, reconcile.
	Reason string
	// NotBefore delays the next try after a failure (backoff).
	NotBefore time.Time
	// Attempts counts the tries since the last success.
	Attempts int
	// LeaseOwner holds the workload's sync until LeaseUntil.
	LeaseOwner string
	LeaseUntil time.Time
	// LastSyncedAt is when a sync last succeeded; LastError and
	// LastErrorAt say why the last one failed ("" once one succeeds).
	LastSyncedAt time.Time
	LastError    string
	LastErrorAt  time.Time
}

// Pending tells whether work waits.
func (j *JiraSyncJob) Pending() bool { return j.Requested > j.Done }
