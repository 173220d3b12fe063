package service

import (
	"context"
	"fmt"
	"strings"

	"github.com/wat-dev/wat"
)

// Share invitation actions, as the API's ShareInvitationAction spells them.
const (
	InvitationAccept = "ACCEPT"
	InvitationReject = "REJECT"
)

// InvitationView is a pending invitation as its recipient sees it.
type InvitationView struct {
	*wat.Share
	// ResourceName is the shared workload's (or lens's) name.
	ResourceName string
}

// InvitationFilter selects invitations.
type InvitationFilter struct {
	ResourceType       string // "" for every type
	WorkloadNamePrefix string
	LensNamePrefix     string
	ProfileNamePrefix  string
	TemplateNamePrefix string
}

// invitationFor reports whether sh is an invitation addressed to the
// caller: an account share with its account, or a user share with its
// user. Organization and OU shares need no invitation.
func invitationFor(sh *wat.Share, p *wat.Principal) bool {
	switch sh.RecipientKind {
	case wat.RecipientAccount:
		return sh.RecipientID == p.AccountID
	case wat.RecipientUser:
		return sh.RecipientID == p.AccountID && sh.RecipientUser == p.UserName
	}
	return false
}

// ListShareInvitations returns a page of the invitations addressed to the
// caller that are still pending, oldest first.
func (s *Service) ListShareInvitations(ctx context.Context, f InvitationFilter, token string, max int) ([]*InvitationView, string, error) {
	p, err := caller(ctx)
	if err != nil {
		return nil, "", err
	}
	var out []*InvitationView
	err = s.store.View(ctx, func(tx wat.Tx) error {
		if err := s.authorize(ctx, tx, act("ListShareInvitations"), "*", nil); err != nil {
			return err
		}
		r := wat.Recipient{AccountID: p.AccountID, UserName: p.UserName}
		now := s.nowUTC()
		for _, typ := range []string{wat.ShareResourceWorkload, wat.ShareResourceLens, wat.ShareResourceProfile, wat.ShareResourceTemplate} {
			if f.ResourceType != "" && f.ResourceType != typ {
				continue
			}
			shares, err := tx.ListSharesFor(ctx, r, typ)
			if err != nil {
				return err
			}
			for _, sh := range shares {
				if !invitationFor(sh, p) || sh.StatusAt(now) != wat.SharePending {
					continue
				}
				name, ok, err := s.sharedResourceName(ctx, tx, sh)
				if err != nil {
					return err
				}
				prefix := map[string]string{
					wat.ShareResourceWorkload: f.WorkloadNamePrefix,
					wat.ShareResourceLens:     f.LensNamePrefix,
					wat.ShareResourceProfile:  f.ProfileNamePrefix,
					wat.ShareResourceTemplate: f.TemplateNamePrefix,
				}[typ]
				if ok && strings.HasPrefix(strings.ToLower(name), strings.ToLower(prefix)) {
					out = append(out, &InvitationView{Share: sh, ResourceName: name})
				}
			}
		}
		return nil
	})
	if err != nil {
		return nil, "", err
	}
	return paginate(out, token, max, 50)
}

// sharedResourceName is the name of a shared resource; ok is false when it
// is gone.
func (s *Service) sharedResourceName(ctx context.Context, tx wat.Tx, sh *wat.Share) (name string, ok bool, err error) {
	switch sh.ResourceType {
	case wat.ShareResourceWorkload:
		w, err := tx.GetWorkload(ctx, sh.ResourceID, false)
		if wat.ErrorCodeOf(err) == wat.ENotFound {
			return "", false, nil
		}
		if err != nil {
			return "", false, err
		}
		return w.Name, true, nil
	case wat.ShareResourceTemplate:
		rt, err := tx.GetReviewTemplate(ctx, sh.ResourceID, false)
		if wat.ErrorCodeOf(err) == wat.ENotFound {
			return "", false, nil
		}
		if err != nil {
			return "", false, err
		}
		return rt.Name, true, nil
	case wat.ShareResourceProfile:
		prof, err := tx.GetProfile(ctx, sh.ResourceID, false)
		if wat.ErrorCodeOf(err) == wat.ENotFound || (err == nil && prof.Deleted) {
			return "", false, nil
		}
		if err != nil {
			return "", false, err
		}
		return prof.Name, true, nil
	case wat.ShareResourceLens:
		li, err := s.pinnedLens(ctx, tx, sh.ResourceID, "")
		if wat.ErrorCodeOf(err) == wat.ENotFound {
			return "", false, nil
		}
		if err != nil {
			return "", false, err
		}
		return li.Name, true, nil
	}
	return "", false, nil
}

// UpdateShareInvitation accepts or rejects an invitation addressed to the
// caller. Accepting grants access at once; rejecting keeps it away. Repeating
// the answer already given succeeds; changing it, or answering an expired
// invitation, is refused.
func (s *Service) UpdateShareInvitation(ctx context.Context, invitationID, action string) (*wat.Share, error) {
	p, err := caller(ctx)
	if err != nil {
		return nil, err
	}
	want := wat.ShareAccepted
	if action == InvitationReject {
		want = wat.ShareRejected
	}
	var out *wat.Share
	err = s.store.Update(ctx, func(tx wat.Tx) error {
		sh, err := tx.GetShareByInvitation(ctx, invitationID)
		if wat.ErrorCodeOf(err) == wat.ENotFound || (err == nil && !invitationFor(sh, p)) {
			return wat.NotFound("SHARE_INVITATION", invitationID, "No share invitation %s found", invitationID)
		}
		if err != nil {
			return err
		}
		if err := s.authorize(ctx, tx, act("UpdateShareInvitation"), "*", nil); err != nil {
			return err
		}
		now := s.nowUTC()
		switch st := sh.StatusAt(now); st {
		case want:
			out = sh
			return nil
		case wat.SharePending:
		case wat.ShareExpired:
			return wat.Invalid("ShareInvitationId", "Share invitation %s expired on %s; ask the owner to share again", invitationID, sh.CreatedAt.Add(wat.InvitationTTL).Format("2006-01-02"))
		default:
			return wat.Invalid("ShareInvitationId", "Share invitation %s was already answered (%s)", invitationID, st)
		}
		sh.Status, sh.UpdatedAt = want, now
		if err := tx.UpdateShare(ctx, sh); err != nil {
			return err
		}
		out = sh
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("UpdateShareInvitation(%s): %w", invitationID, err)
	}
	return out, nil
}

// ExpireInvitations marks EXPIRED the invitations left pending for longer
// than wat.InvitationTTL and returns how many. Reads already treat them as
// expired (wat.Share.StatusAt); this keeps the stored status true for
// listings and for other tools reading the database.
func (s *Service) ExpireInvitations(ctx context.Context) (int, error) {
	var n int
	err := s.store.Update(ctx, func(tx wat.Tx) (err error) {
		n, err = tx.ExpireInvitations(ctx, s.nowUTC().Add(-wat.InvitationTTL))
		return err
	})
	return n, err
}
