package service

import (
	"context"
	"fmt"
	"regexp"

	"github.com/wat-dev/wat"
)

// MaxSharesPerWorkload is AWS's quota of shares of one workload.
const MaxSharesPerWorkload = 20

var (
	userARNRE   = regexp.MustCompile(`^arn:aws:iam::(\d{12}):user/([A-Za-z0-9+=,.@_-]{1,64})$`)
	sharedOrgRE = regexp.MustCompile(`^o-[a-z0-9]{10,32}$`)
	sharedOURE  = regexp.MustCompile(`^ou-[a-z0-9]{4,32}-[a-z0-9]{8,32}$`)
	ouARNRE     = regexp.MustCompile(`^arn:aws:organizations::\d{12}:ou/(o-[a-z0-9]{10,32})/(ou-[a-z0-9]{4,32}-[a-z0-9]{8,32})$`)
)

// parseRecipient reads what a share's SharedWith names: an account ID, a
// user ARN, an organization ID, or an OU ID or ARN.
func parseRecipient(sharedWith string) (kind, id, user string, err error) {
	switch {
	case accountIDRE.MatchString(sharedWith):
		return wat.RecipientAccount, sharedWith, "", nil
	case userARNRE.MatchString(sharedWith):
		m := userARNRE.FindStringSubmatch(sharedWith)
		return wat.RecipientUser, m[1], m[2], nil
	case sharedOrgRE.MatchString(sharedWith):
		return wat.RecipientOrganization, sharedWith, "", nil
	case sharedOURE.MatchString(sharedWith):
		return wat.RecipientOU, sharedWith, "", nil
	case ouARNRE.MatchString(sharedWith):
		return wat.RecipientOU, ouARNRE.FindStringSubmatch(sharedWith)[2], "", nil
	}
	return "", "", "", wat.Invalid("SharedWith", "%q is not an account ID (12 digits), an IAM user ARN (arn:aws:iam::ACCOUNT:user/NAME), an organization ID (o-…) or an organizational unit ID or ARN (ou-…)", sharedWith)
}

// newShare checks what a share names and returns it, not yet stored. It
// runs inside the owner's transaction: sharing with an organization or OU
// needs the owner's account to belong to it and the organization to have
// sharing enabled.
func (s *Service) newShare(ctx context.Context, tx wat.Tx, owner, resourceType, resourceID, sharedWith, permission string) (*wat.Share, error) {
	kind, rid, user, err := parseRecipient(sharedWith)
	if err != nil {
		return nil, err
	}
	if (kind == wat.RecipientAccount || kind == wat.RecipientUser) && rid == owner {
		return nil, wat.Invalid("SharedWith", "A resource cannot be shared with its own account (%s)", owner)
	}
	now := s.nowUTC()
	sh := &wat.Share{
		ID: newID(16), ResourceType: resourceType, ResourceID: resourceID, OwnerAccountID: owner,
		SharedWith: sharedWith, RecipientKind: kind, RecipientID: rid, RecipientUser: user,
		Permission: permission, Status: wat.SharePending, CreatedAt: now, UpdatedAt: now,
	}
	if kind == wat.RecipientAccount || kind == wat.RecipientUser {
		sh.InvitationID = newID(16)
		return sh, nil
	}
	acct, err := tx.GetAccount(ctx, owner)
	if err != nil {
		return nil, err
	}
	if acct.OrganizationID == "" {
		return nil, wat.Invalid("SharedWith", "Account %s belongs to no organization, so it cannot share with %s", owner, sharedWith)
	}
	switch kind {
	case wat.RecipientOrganization:
		if rid != acct.OrganizationID {
			return nil, wat.Invalid("SharedWith", "Account %s can share only with its own organization (%s), not %s", owner, acct.OrganizationID, rid)
		}
	case wat.RecipientOU:
		ou, err := tx.GetOU(ctx, rid)
		if wat.ErrorCodeOf(err) == wat.ENotFound || (err == nil && ou.OrganizationID != acct.OrganizationID) {
			return nil, wat.Invalid("SharedWith", "Organizational unit %s is not part of the organization of account %s", rid, owner)
		}
		if err != nil {
			return nil, err
		}
	}
	on, err := s.organizationSharingEnabled(ctx, tx, acct.OrganizationID)
	if err != nil {
		return nil, err
	}
	if !on {
		return nil, wat.Invalid("SharedWith", "Sharing with organization %s is not enabled: its management account enables it with UpdateGlobalSettings (OrganizationSharingStatus ENABLED)", acct.OrganizationID)
	}
	sh.Status = wat.ShareAssociated
	return sh, nil
}

// shareQuotas are the most shares a resource of each type can have, with
// the quota's code.
var shareQuotas = map[string]struct {
	max  int
	code string
}{
	wat.ShareResourceWorkload: {MaxSharesPerWorkload, "L-WORKLOAD-SHARES"},
	wat.ShareResourceLens:     {MaxSharesPerLens, "L-LENS-SHARES"},
	wat.ShareResourceProfile:  {MaxSharesPerProfile, "L-PROFILE-SHARES"},
	wat.ShareResourceTemplate: {MaxSharesPerTemplate, "L-TEMPLATE-SHARES"},
}

// addShare checks and stores a new share of a resource its owner's
// transaction holds locked, within the resource type's quota.
func (s *Service) addShare(ctx context.Context, tx wat.Tx, owner, resourceType, resourceID, sharedWith, permission string) (*wat.Share, error) {
	sh, err := s.newShare(ctx, tx, owner, resourceType, resourceID, sharedWith, permission)
	if err != nil {
		return nil, err
	}
	existing, err := tx.ListShares(ctx, resourceType, resourceID)
	if err != nil {
		return nil, err
	}
	if q := shareQuotas[resourceType]; len(existing) >= q.max {
		return nil, wat.QuotaExceeded(resourceType+"_SHARE", q.code, "%s already has %d shares, the most allowed", resourceID, q.max)
	}
	if err := tx.InsertShare(ctx, sh); err != nil {
		if wat.ErrorCodeOf(err) == wat.EConflict {
			return nil, wat.Conflict("SHARE", sh.SharedWith, "The resource is already shared with %s; update or delete that share instead", sh.SharedWith)
		}
		return nil, err
	}
	return sh, nil
}

// CreateWorkloadShare shares a workload of the caller's account and returns
// the new share's ID. Account and user shares are invitations; organization
// and OU shares grant access at once.
func (s *Service) CreateWorkloadShare(ctx context.Context, workloadID, sharedWith, permission, token string) (string, error) {
	var id string
	fp := fingerprint("CreateWorkloadShare", workloadID, sharedWith, permission)
	err := s.store.Update(ctx, func(tx wat.Tx) error {
		w, err := s.ownWorkload(ctx, tx, act("CreateWorkloadShare"), workloadID, true)
		if err != nil {
			return err
		}
		if id, err = s.replay(ctx, tx, w.AccountID, "CreateWorkloadShare", token, fp); err != nil || id != "" {
			return err
		}
		sh, err := s.addShare(ctx, tx, w.AccountID, wat.ShareResourceWorkload, w.ID, sharedWith, permission)
		if err != nil {
			return err
		}
		id = sh.ID
		return s.remember(ctx, tx, w.AccountID, "CreateWorkloadShare", token, fp, sh.ID)
	})
	if err != nil {
		return "", fmt.Errorf("CreateWorkloadShare(%s, %q): %w", workloadID, sharedWith, err)
	}
	return id, nil
}

// WorkloadShareView is a workload share as the API shows it.
type WorkloadShareView struct {
	*wat.Share
	Status       string // at the time of the request
	WorkloadName string
}

// ShareFilter selects shares of a resource.
type ShareFilter struct {
	SharedWithPrefix string
	Status           string
}

// ListWorkloadShares returns a page of a workload's shares, oldest first.
func (s *Service) ListWorkloadShares(ctx context.Context, workloadID string, f ShareFilter, token string, max int) ([]*ShareView, string, error) {
	var out []*ShareView
	err := s.store.View(ctx, func(tx wat.Tx) error {
		w, err := s.ownWorkload(ctx, tx, act("ListWorkloadShares"), workloadID, false)
		if err != nil {
			return err
		}
		out, err = s.sharesOf(ctx, tx, wat.ShareResourceWorkload, w.ID, f)
		return err
	})
	if err != nil {
		return nil, "", err
	}
	return paginate(out, token, max, 50)
}

// ownShare loads a share of a workload the caller owns.
func (s *Service) ownShare(ctx context.Context, tx wat.Tx, a access, workloadID, shareID string) (*wat.Workload, *wat.Share, error) {
	w, err := s.ownWorkload(ctx, tx, a, workloadID, true)
	if err != nil {
		return nil, nil, err
	}
	sh, err := shareOfResource(ctx, tx, wat.ShareResourceWorkload, w.ID, shareID)
	return w, sh, err
}

// UpdateWorkloadShare changes the permission a workload share grants.
func (s *Service) UpdateWorkloadShare(ctx context.Context, workloadID, shareID, permission string) (*WorkloadShareView, error) {
	var v *WorkloadShareView
	err := s.store.Update(ctx, func(tx wat.Tx) error {
		w, sh, err := s.ownShare(ctx, tx, act("UpdateWorkloadShare"), workloadID, shareID)
		if err != nil {
			return err
		}
		sh.Permission = permission
		sh.UpdatedAt = s.nowUTC()
		if err := tx.UpdateShare(ctx, sh); err != nil {
			return err
		}
		v = &WorkloadShareView{Share: sh, Status: sh.StatusAt(sh.UpdatedAt), WorkloadName: w.Name}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("UpdateWorkloadShare(%s, %s): %w", workloadID, shareID, err)
	}
	return v, nil
}

// DeleteWorkloadShare removes a workload share: its recipient loses access
// at once. A retry with the same token succeeds.
func (s *Service) DeleteWorkloadShare(ctx context.Context, workloadID, shareID, token string) error {
	fp := fingerprint("DeleteWorkloadShare", workloadID, shareID)
	err := s.store.Update(ctx, func(tx wat.Tx) error {
		w, err := s.ownWorkload(ctx, tx, act("DeleteWorkloadShare"), workloadID, true)
		if err != nil {
			return err
		}
		if done, err := s.replay(ctx, tx, w.AccountID, "DeleteWorkloadShare", token, fp); err != nil || done != "" {
			return err
		}
		sh, err := shareOfResource(ctx, tx, wat.ShareResourceWorkload, w.ID, shareID)
		if err != nil {
			return err
		}
		if err := tx.DeleteShare(ctx, sh.ID); err != nil {
			return err
		}
		return s.remember(ctx, tx, w.AccountID, "DeleteWorkloadShare", token, fp, sh.ID)
	})
	if err != nil {
		return fmt.Errorf("DeleteWorkloadShare(%s, %s): %w", workloadID, shareID, err)
	}
	return nil
}
