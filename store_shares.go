package wat

import (
	"context"
	"time"
)

// ShareTx is the part of Tx that keeps shares of workloads, lenses,
// profiles and review templates, and the invitations they are until their
// recipient answers. One interface serves the four kinds of resource, as
// one table does; deciding who may reach a resource reads these (and
// OrganizationTx for organization and OU recipients), so a test of access
// can fake just those.
type ShareTx interface {
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
}
