package wat

import (
	"context"
	"time"
)

// Store persists wat's state. Every read and write happens inside a
// transaction; the use cases in package service decide, the store only keeps.
// Implementations must make several processes on one database behave as one
// service: no state is cached in memory beyond a transaction.
type Store interface {
	// View runs fn in a read-only transaction.
	View(ctx context.Context, fn func(tx Tx) error) error
	// Update runs fn in a read-write transaction, committed if fn returns nil.
	// Writers are serialised per account or per workload by the Lock methods.
	Update(ctx context.Context, fn func(tx Tx) error) error
	// Close releases the database.
	Close() error
}

// Tx is one transaction. Lookups of missing rows return an ENotFound *Error;
// inserts that break a uniqueness rule return an EConflict *Error.
type Tx interface {
	// LockAccount serialises writers of one account until the transaction ends
	// (quota checks, name uniqueness).
	LockAccount(ctx context.Context, accountID string) error
	// LockAccounts serialises writers that create accounts, so replicas
	// starting together on an empty database create one default account.
	LockAccounts(ctx context.Context) error

	CreateAccount(ctx context.Context, a *Account) error
	GetAccount(ctx context.Context, id string) (*Account, error)
	ListAccounts(ctx context.Context) ([]*Account, error)
	// DeleteAccount removes an account and everything of it: users, access
	// keys, policies, workloads with their reviews, answers and milestones,
	// custom lenses with their versions, profiles with their versions,
	// review templates with their answers, shares it made or received,
	// idempotency records. ENotFound when it does not exist.
	DeleteAccount(ctx context.Context, id string) error
	CreateUser(ctx context.Context, u *User) error
	GetUser(ctx context.Context, accountID, name string) (*User, error)
	// ListUsers returns the users of an account, ordered by name (an
	// unknown account has none).
	ListUsers(ctx context.Context, accountID string) ([]*User, error)
	// DeleteUser removes a user with its access keys and policies;
	// ENotFound when it does not exist.
	DeleteUser(ctx context.Context, accountID, name string) error
	CreateAccessKey(ctx context.Context, k *AccessKey) error
	GetAccessKey(ctx context.Context, id string) (*AccessKey, error)
	// ListAccessKeys returns a user's access keys, oldest first, with
	// Secret left empty (an unknown user has none).
	ListAccessKeys(ctx context.Context, accountID, userName string) ([]*AccessKey, error)
	// SetAccessKeyStatus activates or deactivates an access key; ENotFound
	// when it does not exist.
	SetAccessKeyStatus(ctx context.Context, id string, active bool) error
	// DeleteAccessKey removes an access key; ENotFound when it does not exist.
	DeleteAccessKey(ctx context.Context, id string) error

	// PutUserPolicy attaches a policy to a user, replacing the user's policy
	// of the same name; ENotFound when the user does not exist.
	PutUserPolicy(ctx context.Context, p *UserPolicy) error
	// DeleteUserPolicy detaches a user's policy; ENotFound when the user has
	// no policy of that name.
	DeleteUserPolicy(ctx context.Context, accountID, userName, name string) error
	// ListUserPolicies returns a user's policies, ordered by name (an
	// unknown user has none).
	ListUserPolicies(ctx context.Context, accountID, userName string) ([]*UserPolicy, error)

	// InsertWorkload stores a new workload, with its profile association
	// (ProfileARN, ProfileVersion); EConflict when its NameKey is taken in
	// the account.
	InsertWorkload(ctx context.Context, w *Workload) error
	// UpdateWorkload replaces a stored workload (matched by ID).
	UpdateWorkload(ctx context.Context, w *Workload) error
	// GetWorkload returns the workload; lock also serialises writers of it.
	GetWorkload(ctx context.Context, id string, lock bool) (*Workload, error)
	// DeleteWorkload removes a workload with its lens reviews, answers,
	// milestones and shares.
	DeleteWorkload(ctx context.Context, id string) error
	// ListWorkloads returns up to limit workloads that an account owns or
	// whose ID is in sharedIDs, whose name starts with prefix (compared
	// case-insensitively), ordered by NameKey then ID, starting strictly
	// after the (afterKey, afterID) position.
	ListWorkloads(ctx context.Context, accountID string, sharedIDs []string, prefix, afterKey, afterID string, limit int) ([]*Workload, error)
	CountWorkloads(ctx context.Context, accountID string) (int, error)

	// PutLensReview inserts or replaces a lens review.
	PutLensReview(ctx context.Context, r *LensReview) error
	GetLensReview(ctx context.Context, workloadID, lensARN string) (*LensReview, error)
	ListLensReviews(ctx context.Context, workloadID string) ([]*LensReview, error)

	// ListLensReviewsOf returns the lens reviews of several workloads (as
	// ListLensReviews does for one), ordered by workload then lens ARN.
	ListLensReviewsOf(ctx context.Context, workloadIDs []string) ([]*LensReview, error)
	// ListAnswersOf returns the stored answers of every lens review of
	// several workloads, ordered by workload, lens ARN, question.
	ListAnswersOf(ctx context.Context, workloadIDs []string) ([]*Answer, error)

	// PutAnswer inserts or replaces an answer.
	PutAnswer(ctx context.Context, a *Answer) error
	GetAnswer(ctx context.Context, workloadID, lensARN, questionID string) (*Answer, error)
	// ListAnswers returns the stored answers of a lens review; with lensARN
	// empty, those of every lens review of the workload.
	ListAnswers(ctx context.Context, workloadID, lensARN string) ([]*Answer, error)

	// InsertMilestone stores a milestone; EConflict when its number or its
	// name (by NameKey) is taken in the workload.
	InsertMilestone(ctx context.Context, m *Milestone) error
	GetMilestone(ctx context.Context, workloadID string, number int) (*Milestone, error)
	// ListMilestones returns up to limit milestones numbered above after, in number order.
	ListMilestones(ctx context.Context, workloadID string, after, limit int) ([]*Milestone, error)
	// LastMilestone returns the highest milestone number and the count of
	// milestones of a workload (0, 0 when it has none).
	LastMilestone(ctx context.Context, workloadID string) (number, count int, err error)

	// InsertShare stores a new share; EConflict when the resource already
	// has a share with the same recipient (kind, ID and user).
	InsertShare(ctx context.Context, s *Share) error
	// GetShare returns a share by its ID.
	GetShare(ctx context.Context, id string) (*Share, error)
	// GetShareByInvitation returns the share of an invitation ID.
	GetShareByInvitation(ctx context.Context, invitationID string) (*Share, error)
	// UpdateShare stores a share's Permission, Status and UpdatedAt
	// (matched by ID); ENotFound when it does not exist.
	UpdateShare(ctx context.Context, s *Share) error
	// DeleteShare removes a share; ENotFound when it does not exist.
	DeleteShare(ctx context.Context, id string) error
	// ListShares returns the shares of one resource, oldest first (then by ID).
	ListShares(ctx context.Context, resourceType, resourceID string) ([]*Share, error)
	// ListSharesFor returns the shares of resources of the given type whose
	// recipient is r: its account (account shares), its user (user shares
	// of r.AccountID and r.UserName), its organization or its OU; oldest
	// first (then by ID), whatever their status.
	ListSharesFor(ctx context.Context, r Recipient, resourceType string) ([]*Share, error)
	// ExpireInvitations marks EXPIRED every PENDING share created before
	// cutoff and returns how many it marked.
	ExpireInvitations(ctx context.Context, cutoff time.Time) (int, error)

	// CreateOrganization stores a new organization; EConflict when its ID
	// is taken. It does not place the management account in it.
	CreateOrganization(ctx context.Context, o *Organization) error
	GetOrganization(ctx context.Context, id string) (*Organization, error)
	// ListOrganizations returns every organization, ordered by ID.
	ListOrganizations(ctx context.Context) ([]*Organization, error)
	// DeleteOrganization removes an organization with its OUs; its accounts
	// are left in no organization. ENotFound when it does not exist.
	DeleteOrganization(ctx context.Context, id string) error
	// CreateOU stores a new organizational unit; EConflict when its ID is
	// taken, ENotFound when its organization does not exist.
	CreateOU(ctx context.Context, ou *OrganizationalUnit) error
	GetOU(ctx context.Context, id string) (*OrganizationalUnit, error)
	// ListOUs returns an organization's OUs, ordered by ID.
	ListOUs(ctx context.Context, organizationID string) ([]*OrganizationalUnit, error)
	// DeleteOU removes an OU; its accounts stay in the organization, in no
	// OU. ENotFound when it does not exist.
	DeleteOU(ctx context.Context, id string) error
	// SetAccountOrganization places an account in an organization and OU
	// ("" for none); ENotFound when the account does not exist.
	SetAccountOrganization(ctx context.Context, accountID, organizationID, ouID string) error
	// ListOrganizationAccounts returns the accounts of an organization,
	// ordered by ID.
	ListOrganizationAccounts(ctx context.Context, organizationID string) ([]*Account, error)

	// GetAccountSettings returns an account's settings; an account that
	// never stored any gets every setting off (not an error).
	GetAccountSettings(ctx context.Context, accountID string) (*AccountSettings, error)
	// PutAccountSettings stores an account's settings.
	PutAccountSettings(ctx context.Context, s *AccountSettings) error

	// InsertCustomLens stores a new custom lens; EConflict when its ARN is
	// taken.
	InsertCustomLens(ctx context.Context, l *CustomLens) error
	// GetCustomLens returns a custom lens, deleted or not; lock serialises
	// its writers until the transaction ends.
	GetCustomLens(ctx context.Context, arn string, lock bool) (*CustomLens, error)
	// UpdateCustomLens stores every field of l but its ARN and owner
	// (matched by ARN); ENotFound when it does not exist.
	UpdateCustomLens(ctx context.Context, l *CustomLens) error
	// ListCustomLenses returns the custom lenses an account owns, deleted
	// ones included, ordered by ARN.
	ListCustomLenses(ctx context.Context, accountID string) ([]*CustomLens, error)
	// PutLensDraft stores (inserting or replacing) the draft of a lens:
	// v.Version must be "".
	PutLensDraft(ctx context.Context, v *LensVersion) error
	// DeleteLensDraft removes a lens's draft; nothing when it has none.
	DeleteLensDraft(ctx context.Context, lensARN string) error
	// InsertLensVersion stores a published version; EConflict when the lens
	// already has a version of that name.
	InsertLensVersion(ctx context.Context, v *LensVersion) error
	// GetLensVersion returns a lens's version, or its draft for version "".
	GetLensVersion(ctx context.Context, lensARN, version string) (*LensVersion, error)
	// ListLensVersions returns the published versions of a lens, oldest
	// first, with Document left empty.
	ListLensVersions(ctx context.Context, lensARN string) ([]*LensVersion, error)

	// RepinLensReviews moves every lens review of lensARN pinned to one of
	// the versions in from to version to, bumping each one's Revision, and
	// returns how many it moved.
	RepinLensReviews(ctx context.Context, lensARN string, from []string, to string) (int, error)

	// TouchLensReviews bumps the Revision of every lens review of lensARN,
	// so that what is derived from the lens's state (its latest version,
	// whether it was deleted) is evaluated again.
	TouchLensReviews(ctx context.Context, lensARN string) error

	// InsertProfile stores a new profile (without versions); EConflict
	// when its ARN is taken, or its NameKey among the account's profiles
	// that are not deleted.
	InsertProfile(ctx context.Context, p *Profile) error
	// GetProfile returns a profile, deleted or not; lock serialises its
	// writers until the transaction ends.
	GetProfile(ctx context.Context, arn string, lock bool) (*Profile, error)
	// UpdateProfile stores every field of p but its ARN, owner, name and
	// creation time (matched by ARN); ENotFound when it does not exist.
	UpdateProfile(ctx context.Context, p *Profile) error
	// ListProfiles returns the profiles an account owns, deleted ones
	// included, ordered by ARN.
	ListProfiles(ctx context.Context, accountID string) ([]*Profile, error)
	// InsertProfileVersion stores a version of a profile; EConflict when
	// the profile already has that version, ENotFound when the profile does
	// not exist.
	InsertProfileVersion(ctx context.Context, v *ProfileVersion) error
	// GetProfileVersion returns one version of a profile.
	GetProfileVersion(ctx context.Context, arn string, version int) (*ProfileVersion, error)

	// InsertReviewTemplate stores a new review template (without lens
	// reviews); EConflict when its ARN or its NameKey in the account is
	// taken.
	InsertReviewTemplate(ctx context.Context, t *ReviewTemplate) error
	// GetReviewTemplate returns a review template; lock serialises its
	// writers until the transaction ends.
	GetReviewTemplate(ctx context.Context, arn string, lock bool) (*ReviewTemplate, error)
	// UpdateReviewTemplate stores every field of t but its ARN, owner and
	// creation time (matched by ARN); EConflict when its new NameKey is
	// taken, ENotFound when it does not exist.
	UpdateReviewTemplate(ctx context.Context, t *ReviewTemplate) error
	// DeleteReviewTemplate removes a review template with its lens
	// reviews, answers and shares; ENotFound when it does not exist.
	DeleteReviewTemplate(ctx context.Context, arn string) error
	// ListReviewTemplates returns the review templates an account owns,
	// ordered by ARN.
	ListReviewTemplates(ctx context.Context, accountID string) ([]*ReviewTemplate, error)
	// PutTemplateLensReview inserts or replaces a template's lens review;
	// ENotFound when the template does not exist.
	PutTemplateLensReview(ctx context.Context, r *TemplateLensReview) error
	GetTemplateLensReview(ctx context.Context, templateARN, lensARN string) (*TemplateLensReview, error)
	// ListTemplateLensReviews returns a template's lens reviews, ordered by
	// lens ARN, those of lenses no longer applied included.
	ListTemplateLensReviews(ctx context.Context, templateARN string) ([]*TemplateLensReview, error)
	// PutTemplateAnswer inserts or replaces a template's answer; ENotFound
	// when its lens review does not exist.
	PutTemplateAnswer(ctx context.Context, a *TemplateAnswer) error
	GetTemplateAnswer(ctx context.Context, templateARN, lensARN, questionID string) (*TemplateAnswer, error)
	// ListTemplateAnswers returns the stored answers of a template's lens
	// review; with lensARN empty, those of all of them; ordered by lens ARN
	// then question ID.
	ListTemplateAnswers(ctx context.Context, templateARN, lensARN string) ([]*TemplateAnswer, error)

	// GetIdempotency returns the record of a client request token.
	GetIdempotency(ctx context.Context, accountID, operation, token string) (*Idempotency, error)
	PutIdempotency(ctx context.Context, r *Idempotency) error

	// AppendAuditEvent adds e to the audit log and sets e.ID. The log is
	// append-only: there is no way to change or remove an event, and
	// deleting an account keeps its events.
	AppendAuditEvent(ctx context.Context, e *AuditEvent) error
	// ListAuditEvents returns up to limit events matching f with an ID
	// above afterID, in ID order.
	ListAuditEvents(ctx context.Context, f AuditFilter, afterID int64, limit int) ([]*AuditEvent, error)

	// ConsoleTx: console passwords, sessions, the audit log read backwards
	// (console.go).
	ConsoleTx

	// EvidenceTx: the evidence of scans uploaded to lens reviews (evidence.go).
	EvidenceTx
}

// Idempotency remembers what a create request with a ClientRequestToken did,
// so a retry with the same token returns the same result.
type Idempotency struct {
	AccountID   string
	Operation   string
	Token       string
	Fingerprint string // hash of the request's parameters
	Result      string // what the first request returned, e.g. the new id
	CreatedAt   time.Time
}
