package wat

import (
	"context"
	"time"
)

// Account is a tenant: it owns workloads and lenses and sees nothing of
// another account's that is not shared with it.
type Account struct {
	ID        string // 12 digits
	Name      string
	CreatedAt time.Time
	// OrganizationID and OUID place the account in an organization and one
	// of its organizational units; empty when it is in none. Set them with
	// Tx.SetAccountOrganization, not CreateAccount.
	OrganizationID string
	OUID           string
}

// User is an identity inside an account.
type User struct {
	AccountID string
	Name      string
	ARN       string
	IsAdmin   bool
	CreatedAt time.Time
}

// AccessKey is a SigV4 credential of a user. Secret is the clear secret; the
// store keeps it only encrypted.
type AccessKey struct {
	ID        string
	AccountID string
	UserName  string
	Secret    string
	Active    bool
	CreatedAt time.Time
}

// UserPolicy is a policy attached to a user: an inline document, kept as
// the text it was given, or a reference to a managed policy by name (whose
// Document is empty: the managed definition is resolved when used).
type UserPolicy struct {
	AccountID string
	UserName  string
	Name      string // unique among the user's policies, inline or managed
	Managed   bool
	Document  string
	CreatedAt time.Time
}

// Principal is the authenticated caller of a request.
type Principal struct {
	AccountID   string
	UserName    string
	UserARN     string
	AccessKeyID string
	IsAdmin     bool
}

type principalKey struct{}

// NewContextWithPrincipal returns ctx carrying the request's caller.
func NewContextWithPrincipal(ctx context.Context, p *Principal) context.Context {
	return context.WithValue(ctx, principalKey{}, p)
}

// PrincipalFromContext returns the caller carried by ctx, or nil.
func PrincipalFromContext(ctx context.Context) *Principal {
	p, _ := ctx.Value(principalKey{}).(*Principal)
	return p
}
