package service

import (
	"context"
	"fmt"

	"github.com/wat-dev/wat"
)

// role is how much of a workload the caller may do: its owner account may
// do everything its policies allow; a recipient of a share reads it, and a
// CONTRIBUTOR recipient also answers its questions.
type role int

const (
	roleNone role = iota
	roleReader
	roleContributor
	roleOwner
)

func (r role) String() string {
	switch r {
	case roleReader:
		return wat.PermissionReadOnly
	case roleContributor:
		return wat.PermissionContributor
	case roleOwner:
		return "owner"
	}
	return "none"
}

// roleOf is the role a permission of a share grants.
func roleOf(permission string) role {
	if permission == wat.PermissionContributor {
		return roleContributor
	}
	return roleReader
}

// grant is how the caller reaches a workload.
type grant struct {
	role role
	// invitationID is the invitation of the share that grants a
	// recipient its role; empty for the owner and for organization shares.
	invitationID string
}

// workloadFor loads workload id for an action that needs at least role
// need, optionally locked for an update. A workload of another account that
// is not shared with the caller (or whose share is pending, rejected or
// expired) is indistinguishable from a missing one; a shared workload whose
// share grants less than need is an AccessDeniedException. The caller's
// policies are checked on the workload's ARN in every case.
func (s *Service) workloadFor(ctx context.Context, tx wat.Tx, a access, id string, need role, lock bool) (*wat.Workload, grant, error) {
	p, err := caller(ctx)
	if err != nil {
		return nil, grant{}, err
	}
	w, err := tx.GetWorkload(ctx, id, lock)
	if err != nil {
		if wat.ErrorCodeOf(err) == wat.ENotFound {
			return nil, grant{}, workloadNotFound(id)
		}
		return nil, grant{}, err
	}
	g := grant{role: roleOwner}
	if w.AccountID != p.AccountID {
		if g, err = s.sharedGrant(ctx, tx, p, w.ID); err != nil {
			return nil, grant{}, err
		}
		if g.role == roleNone {
			return nil, grant{}, workloadNotFound(id)
		}
	}
	if err := s.authorize(ctx, tx, a, w.ARN, w.Tags); err != nil {
		return nil, grant{}, err
	}
	if g.role < need {
		return nil, grant{}, &wat.Error{
			Code: wat.EForbidden,
			Message: fmt.Sprintf("User: %s is not authorized to perform: wellarchitected:%s on resource: %s (the workload is shared with %s permission; only its owner account may do this)",
				p.UserARN, a.Action, w.ARN, g.role),
		}
	}
	return w, g, nil
}

// recipientOf is everything the caller can be shared with.
func (s *Service) recipientOf(ctx context.Context, tx wat.Tx, p *wat.Principal) (wat.Recipient, error) {
	acct, err := tx.GetAccount(ctx, p.AccountID)
	if err != nil {
		return wat.Recipient{}, err
	}
	return wat.Recipient{AccountID: p.AccountID, UserName: p.UserName, OrganizationID: acct.OrganizationID, OUID: acct.OUID}, nil
}

// sharedGrant is what the shares of a workload give the caller (see
// grantingShare).
func (s *Service) sharedGrant(ctx context.Context, tx wat.Tx, p *wat.Principal, workloadID string) (grant, error) {
	sh, err := s.grantingShare(ctx, tx, p, wat.ShareResourceWorkload, workloadID)
	if err != nil || sh == nil {
		return grant{}, err
	}
	return grant{role: roleOf(sh.Permission), invitationID: sh.InvitationID}, nil
}

// grantingShare returns the share of a resource that gives the caller
// access now, or nil. A share with the caller's user decides over the
// others while it grants access; otherwise the account, organization or OU
// share with the most permission counts (account shares first among
// equals). Organization and OU shares count only while their organization
// has sharing enabled.
func (s *Service) grantingShare(ctx context.Context, tx wat.Tx, p *wat.Principal, resourceType, resourceID string) (*wat.Share, error) {
	shares, err := tx.ListShares(ctx, resourceType, resourceID)
	if err != nil || len(shares) == 0 {
		return nil, err
	}
	var (
		r    *wat.Recipient
		best *wat.Share
	)
	better := func(sh *wat.Share) bool { return best == nil || roleOf(sh.Permission) > roleOf(best.Permission) }
	now := s.nowUTC()
	for _, sh := range shares {
		if !sh.GrantsAccess(now) {
			continue
		}
		switch sh.RecipientKind {
		case wat.RecipientUser:
			if sh.RecipientID == p.AccountID && sh.RecipientUser == p.UserName {
				return sh, nil
			}
		case wat.RecipientAccount:
			if sh.RecipientID == p.AccountID && (better(sh) || best.RecipientKind != wat.RecipientAccount && roleOf(sh.Permission) == roleOf(best.Permission)) {
				best = sh
			}
		case wat.RecipientOrganization, wat.RecipientOU:
			if !better(sh) {
				continue
			}
			if r == nil {
				rr, err := s.recipientOf(ctx, tx, p)
				if err != nil {
					return nil, err
				}
				r = &rr
			}
			if !r.Reaches(sh) {
				continue
			}
			on, err := s.organizationSharingEnabled(ctx, tx, r.OrganizationID)
			if err != nil {
				return nil, err
			}
			if on {
				best = sh
			}
		}
	}
	return best, nil
}

// sharedWorkloadIDs returns the IDs of the other accounts' workloads whose
// shares give the caller access.
func (s *Service) sharedWorkloadIDs(ctx context.Context, tx wat.Tx, p *wat.Principal) ([]string, error) {
	r, err := s.recipientOf(ctx, tx, p)
	if err != nil {
		return nil, err
	}
	shares, err := tx.ListSharesFor(ctx, r, wat.ShareResourceWorkload)
	if err != nil {
		return nil, err
	}
	now := s.nowUTC()
	orgOn := -1 // unknown until an organization share needs it
	var ids []string
	for _, sh := range shares {
		if !sh.GrantsAccess(now) || sh.OwnerAccountID == p.AccountID {
			continue
		}
		if sh.RecipientKind == wat.RecipientOrganization || sh.RecipientKind == wat.RecipientOU {
			if orgOn < 0 {
				on, err := s.organizationSharingEnabled(ctx, tx, r.OrganizationID)
				if err != nil {
					return nil, err
				}
				orgOn = 0
				if on {
					orgOn = 1
				}
			}
			if orgOn == 0 {
				continue
			}
		}
		ids = append(ids, sh.ResourceID)
	}
	return dedupe(ids), nil
}
