package service

import (
	"context"
	"fmt"
	"strings"

	"github.com/wat-dev/wat"
)

// ShareView is a share with its status at the time of the request.
type ShareView struct {
	*wat.Share
	Status string
}

// sharesOf returns the shares of a resource that match f, oldest first.
func (s *Service) sharesOf(ctx context.Context, tx wat.Tx, resourceType, resourceID string, f ShareFilter) ([]*ShareView, error) {
	shares, err := tx.ListShares(ctx, resourceType, resourceID)
	if err != nil {
		return nil, err
	}
	now := s.nowUTC()
	var out []*ShareView
	for _, sh := range shares {
		v := &ShareView{Share: sh, Status: sh.StatusAt(now)}
		if strings.HasPrefix(sh.SharedWith, f.SharedWithPrefix) && (f.Status == "" || f.Status == v.Status) {
			out = append(out, v)
		}
	}
	return out, nil
}

// shareOfResource loads one share of a resource; a share of anything else
// is not found.
func shareOfResource(ctx context.Context, tx wat.ShareTx, resourceType, resourceID, shareID string) (*wat.Share, error) {
	sh, err := tx.GetShare(ctx, shareID)
	if wat.ErrorCodeOf(err) == wat.ENotFound || (err == nil && (sh.ResourceType != resourceType || sh.ResourceID != resourceID)) {
		return nil, wat.NotFound("SHARE", shareID, "%s has no share %s", resourceID, shareID)
	}
	return sh, err
}

// ownedByCaller is how the owner-only operations on a shareable resource
// load it: own, not deleted, authorised.
type ownedByCaller func(ctx context.Context, tx wat.Tx, a access, id string) (owner, resourceID string, err error)

// createShareOp runs CreateLensShare / CreateProfileShare: the resource
// must be its caller's (and shareable, which own checks), the token
// replays.
func (s *Service) createShareOp(ctx context.Context, op, resourceType, id, sharedWith, token string, own ownedByCaller) (string, error) {
	var shareID string
	fp := fingerprint(op, id, sharedWith)
	err := s.store.Update(ctx, func(tx wat.Tx) error {
		owner, rid, err := own(ctx, tx, act(op), id)
		if err != nil {
			return err
		}
		if shareID, err = s.replay(ctx, tx, owner, op, token, fp); err != nil || shareID != "" {
			return err
		}
		sh, err := s.addShare(ctx, tx, owner, resourceType, rid, sharedWith, "")
		if err != nil {
			return err
		}
		shareID = sh.ID
		return s.remember(ctx, tx, owner, op, token, fp, sh.ID)
	})
	if err != nil {
		return "", fmt.Errorf("%s(%s, %q): %w", op, id, sharedWith, err)
	}
	return shareID, nil
}

// listSharesOp runs ListLensShares / ListProfileShares.
func (s *Service) listSharesOp(ctx context.Context, op, resourceType, id string, f ShareFilter, token string, max int, own ownedByCaller) ([]*ShareView, string, error) {
	var out []*ShareView
	err := s.store.Update(ctx, func(tx wat.Tx) error {
		_, rid, err := own(ctx, tx, act(op), id)
		if err != nil {
			return err
		}
		out, err = s.sharesOf(ctx, tx, resourceType, rid, f)
		return err
	})
	if err != nil {
		return nil, "", err
	}
	return paginate(out, token, max, 50)
}

// deleteShareOp runs DeleteLensShare / DeleteProfileShare; a retry with
// the same token succeeds.
func (s *Service) deleteShareOp(ctx context.Context, op, resourceType, id, shareID, token string, own ownedByCaller) error {
	fp := fingerprint(op, id, shareID)
	err := s.store.Update(ctx, func(tx wat.Tx) error {
		owner, rid, err := own(ctx, tx, act(op), id)
		if err != nil {
			return err
		}
		if done, err := s.replay(ctx, tx, owner, op, token, fp); err != nil || done != "" {
			return err
		}
		sh, err := shareOfResource(ctx, tx, resourceType, rid, shareID)
		if err != nil {
			return err
		}
		if err := tx.DeleteShare(ctx, sh.ID); err != nil {
			return err
		}
		return s.remember(ctx, tx, owner, op, token, fp, shareID)
	})
	if err != nil {
		return fmt.Errorf("%s(%s, %s): %w", op, id, shareID, err)
	}
	return nil
}
