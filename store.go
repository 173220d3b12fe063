package wat

import "context"

// Store persists wat's state. Every read and write happens inside a
// transaction; the use cases in package service decide, the store only keeps.
// Implementations must make several processes on one database behave as one
// service: nothing read is kept in memory beyond a transaction, but what
// the store can tell has not changed since (sqlstore's review heads, kept
// with a change stamp that every commit moves; across PostgreSQL replicas,
// once the change's notice has arrived).
type Store interface {
	// View runs fn in a read-only transaction.
	View(ctx context.Context, fn func(tx Tx) error) error
	// Update runs fn in a read-write transaction, committed if fn returns nil.
	// Writers are serialised per account or per workload by the Lock methods.
	// fn may run more than once (a conflict, a batch run again): only its
	// last run's writes are kept, so it must not change anything but
	// through tx, or what it set up itself.
	Update(ctx context.Context, fn func(tx Tx) error) error
	// Close releases the database.
	Close() error
	// LensReviewHead reads what decides who may read a workload's review of
	// one lens and whether a cached evaluation of it is current, in one
	// statement outside any transaction (so its parts agree, and nothing
	// else is read in their state). ENotFound when either is missing.
	LensReviewHead(ctx context.Context, workloadID, lensARN string) (*LensReviewHead, error)
}

// LensReviewHead is the part of a workload and of its review of one lens
// that a read of the review checks before it uses a cached evaluation:
// every change to the review's answers, notes or lens version bumps
// Revision.
type LensReviewHead struct {
	WorkloadID  string
	AccountID   string // the workload's owner
	WorkloadARN string
	Tags        map[string]string // the workload's
	Lenses      []string          // the workload's applied lenses (ARNs)
	ProfileARN  string            // the workload's profile, if any
	LensARN     string
	LensVersion string
	Revision    int64
	// JiraSelected tells that the review selects what a Jira sync covers
	// (a JiraSelection), which the review's reads show.
	JiraSelected bool
}

// Tx is one transaction over every aggregate. Lookups of missing rows return
// an ENotFound *Error; inserts that break a uniqueness rule return an
// EConflict *Error.
//
// It is only the sum of LockTx and one interface per aggregate, each in the
// file named beside it: a store implements Tx, while a function or a test
// that touches one aggregate can say so by taking the narrow interface (or
// a composition of two) and be handed a Tx unchanged. Deletes still cascade
// across them (an account takes its workloads, a workload its reviews), as
// the methods' comments say: one database keeps them consistent.
type Tx interface {
	LockTx

	IdentityTx     // accounts, users, access keys, user policies (store_identity.go)
	OrganizationTx // organizations, OUs, which account is in which (store_organizations.go)
	SettingsTx     // accounts' global settings (store_settings.go)

	WorkloadTx // workloads and their milestones (store_workloads.go)
	ReviewTx   // workloads' lens reviews and answers (store_reviews.go)
	ShareTx    // shares and the invitations they are until answered (store_shares.go)

	LensTx      // custom lenses with their draft and versions (store_lenses.go)
	ProfileTx   // profiles with their versions (store_profiles.go)
	TemplateTx  // review templates with their lens reviews and answers (store_templates.go)
	AgentTx     // the Well-Architected Agent's profiles, goals and contexts (store_agent.go)
	AgentWorkTx // the Agent's generations, recommendations and feedback (store_agent.go)

	IdempotencyTx // client request tokens already served (store_idempotency.go)
	AuditTx       // the append-only audit log (store_audit.go)

	// ConsoleTx: console passwords, sessions, the audit log read backwards
	// (console.go).
	ConsoleTx

	// EvidenceTx: the evidence of scans uploaded to lens reviews (evidence.go).
	EvidenceTx

	JiraTx // Jira connections, settings and the issues synced (store_jira.go)

	WebhookTx // webhook subscriptions and their outbox of deliveries (store_webhooks.go)
}

// LockTx serialises writers. The locks belong to the transaction, not to an
// aggregate: the use cases of every aggregate take the account's lock
// before they judge a quota or a name's uniqueness, so a narrow interface
// that needs it composes LockTx with its own.
type LockTx interface {
	// LockAccount serialises writers of one account until the transaction ends
	// (quota checks, name uniqueness).
	LockAccount(ctx context.Context, accountID string) error
	// LockAccounts serialises writers that create accounts, so replicas
	// starting together on an empty database create one default account.
	LockAccounts(ctx context.Context) error
}
