package wat

import "time"

// Kinds of shared resources, as the API's ShareResourceType spells them.
const (
	ShareResourceWorkload = "WORKLOAD"
	ShareResourceLens     = "LENS"
	ShareResourceProfile  = "PROFILE"
)

// Permissions a workload share grants.
const (
	// PermissionReadOnly lets the recipient read everything of the workload.
	PermissionReadOnly = "READONLY"
	// PermissionContributor also lets the recipient update answers and
	// their notes; the rest stays read-only.
	PermissionContributor = "CONTRIBUTOR"
)

// Share statuses, as the API's ShareStatus spells them.
const (
	SharePending    = "PENDING"    // invited, not yet answered
	ShareAccepted   = "ACCEPTED"   // the recipient accepted: access granted
	ShareRejected   = "REJECTED"   // the recipient declined: no access
	ShareExpired    = "EXPIRED"    // not answered within InvitationTTL
	ShareAssociated = "ASSOCIATED" // an organization or OU share: access granted without invitation
)

// Kinds of share recipients.
const (
	RecipientAccount      = "ACCOUNT"             // SharedWith is a 12-digit account ID
	RecipientUser         = "USER"                // SharedWith is an IAM user ARN
	RecipientOrganization = "ORGANIZATION"        // SharedWith is an organization ID (o-…)
	RecipientOU           = "ORGANIZATIONAL_UNIT" // SharedWith is an OU ID (ou-…) or ARN
)

// InvitationTTL is how long an invitation stays PENDING before it expires.
const InvitationTTL = 7 * 24 * time.Hour

// Share grants another account, one of its users, an organization or an
// organizational unit access to a workload or a lens. Account and user
// shares are invitations the recipient accepts or rejects; organization and
// OU shares are ASSOCIATED at once.
type Share struct {
	ID string // 32 lowercase hex digits
	// InvitationID identifies the invitation of an account or user share
	// (32 hex digits); empty for organization and OU shares.
	InvitationID   string
	ResourceType   string // ShareResourceWorkload or ShareResourceLens
	ResourceID     string // the workload's ID or the lens's ARN
	OwnerAccountID string
	// SharedWith is the recipient as the owner gave it.
	SharedWith    string
	RecipientKind string // RecipientAccount, RecipientUser, ...
	// RecipientID is the recipient's account ID (account and user shares),
	// organization ID or OU ID (ou-…); with RecipientUser it identifies the
	// recipient, whatever form SharedWith had.
	RecipientID   string
	RecipientUser string // the user's name, user shares only
	Permission    string // workload shares; empty for lens shares
	Status        string // as stored; see StatusAt
	CreatedAt     time.Time
	UpdatedAt     time.Time
}

// StatusAt is the share's status at now: a PENDING invitation older than
// InvitationTTL is EXPIRED whether or not a background job has marked it
// yet, so expiry holds even after the server was down.
func (s *Share) StatusAt(now time.Time) string {
	if s.Status == SharePending && !now.Before(s.CreatedAt.Add(InvitationTTL)) {
		return ShareExpired
	}
	return s.Status
}

// GrantsAccess reports whether the share gives its recipient access at now.
func (s *Share) GrantsAccess(now time.Time) bool {
	st := s.StatusAt(now)
	return st == ShareAccepted || st == ShareAssociated
}

// Recipient is everything a caller can be shared with: its account, its
// user, and the organization and OU its account belongs to.
type Recipient struct {
	AccountID      string
	UserName       string
	OrganizationID string // "" when the account is in no organization
	OUID           string // "" when the account is in no OU
}

// Reaches reports whether s is addressed to r, whatever its status.
func (r Recipient) Reaches(s *Share) bool {
	switch s.RecipientKind {
	case RecipientAccount:
		return s.RecipientID == r.AccountID
	case RecipientUser:
		return s.RecipientID == r.AccountID && s.RecipientUser == r.UserName && r.UserName != ""
	case RecipientOrganization:
		return r.OrganizationID != "" && s.RecipientID == r.OrganizationID
	case RecipientOU:
		return r.OUID != "" && s.RecipientID == r.OUID
	}
	return false
}

// Organization groups accounts, as AWS Organizations does, so that
// resources can be shared with all of them at once. Its management account
// decides whether sharing with the organization is enabled.
type Organization struct {
	ID                  string // o- and 10 lowercase letters or digits
	ARN                 string // arn:aws:organizations::MANAGEMENT:organization/ID
	Name                string
	ManagementAccountID string
	CreatedAt           time.Time
}

// OrganizationalUnit is a group of accounts inside an organization.
type OrganizationalUnit struct {
	ID             string // ou-, 4 characters of the organization, -, 8 characters
	ARN            string // arn:aws:organizations::MANAGEMENT:ou/ORG/ID
	OrganizationID string
	Name           string
	CreatedAt      time.Time
}

// AccountSettings are an account's global settings (GetGlobalSettings).
// OrganizationSharing is only meaningful on an organization's management
// account: it enables sharing with the organization and its OUs.
type AccountSettings struct {
	AccountID            string
	OrganizationSharing  bool
	DiscoveryIntegration bool
	UpdatedAt            time.Time
}
