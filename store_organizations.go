package wat

import "context"

// OrganizationTx is the part of Tx that keeps organizations: their OUs and
// which account is in which. It is apart from IdentityTx because only
// sharing reads it (who a share with an organization or an OU reaches) and
// only the organization use cases write it.
type OrganizationTx interface {
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
}
