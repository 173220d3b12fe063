package service

import (
	"context"
	"fmt"
	"strings"

	"github.com/wat-dev/wat"
)

// CreateLensShare shares a published custom lens of the caller's account
// and returns the share's ID. Recipients can read it and apply it to their
// workloads.
func (s *Service) CreateLensShare(ctx context.Context, alias, sharedWith, token string) (string, error) {
	var id string
	fp := fingerprint("CreateLensShare", alias, sharedWith)
	err := s.store.Update(ctx, func(tx wat.Tx) error {
		l, err := s.ownLens(ctx, tx, act("CreateLensShare"), alias)
		if err != nil {
			return err
		}
		if id, err = s.replay(ctx, tx, l.AccountID, "CreateLensShare", token, fp); err != nil || id != "" {
			return err
		}
		if l.LatestVersion == "" {
			return wat.Invalid("LensAlias", "Lens %s is a draft: publish a version (CreateLensVersion) before sharing it", l.ARN)
		}
		sh, err := s.addShare(ctx, tx, l.AccountID, wat.ShareResourceLens, l.ARN, sharedWith, "")
		if err != nil {
			return err
		}
		id = sh.ID
		return s.remember(ctx, tx, l.AccountID, "CreateLensShare", token, fp, sh.ID)
	})
	if err != nil {
		return "", fmt.Errorf("CreateLensShare(%s, %q): %w", alias, sharedWith, err)
	}
	return id, nil
}

// LensShareView is a lens share with its status at the time of the request.
type LensShareView struct {
	*wat.Share
	Status string
}

// ListLensShares returns a page of a custom lens's shares, oldest first.
func (s *Service) ListLensShares(ctx context.Context, alias string, f ShareFilter, token string, max int) ([]*LensShareView, string, error) {
	var out []*LensShareView
	err := s.store.Update(ctx, func(tx wat.Tx) error {
		l, err := s.ownLens(ctx, tx, act("ListLensShares"), alias)
		if err != nil {
			return err
		}
		shares, err := tx.ListShares(ctx, wat.ShareResourceLens, l.ARN)
		if err != nil {
			return err
		}
		now := s.nowUTC()
		for _, sh := range shares {
			v := &LensShareView{Share: sh, Status: sh.StatusAt(now)}
			if strings.HasPrefix(sh.SharedWith, f.SharedWithPrefix) && (f.Status == "" || f.Status == v.Status) {
				out = append(out, v)
			}
		}
		return nil
	})
	if err != nil {
		return nil, "", err
	}
	return paginate(out, token, max, 50)
}

// DeleteLensShare removes a lens share. Workloads of the recipient that
// already use the lens keep it; it can no longer be applied anew.
func (s *Service) DeleteLensShare(ctx context.Context, alias, shareID, token string) error {
	fp := fingerprint("DeleteLensShare", alias, shareID)
	err := s.store.Update(ctx, func(tx wat.Tx) error {
		l, err := s.ownLens(ctx, tx, act("DeleteLensShare"), alias)
		if err != nil {
			return err
		}
		if done, err := s.replay(ctx, tx, l.AccountID, "DeleteLensShare", token, fp); err != nil || done != "" {
			return err
		}
		sh, err := tx.GetShare(ctx, shareID)
		if wat.ErrorCodeOf(err) == wat.ENotFound || (err == nil && (sh.ResourceType != wat.ShareResourceLens || sh.ResourceID != l.ARN)) {
			return wat.NotFound("SHARE", shareID, "Lens %s has no share %s", l.ARN, shareID)
		}
		if err != nil {
			return err
		}
		if err := tx.DeleteShare(ctx, sh.ID); err != nil {
			return err
		}
		return s.remember(ctx, tx, l.AccountID, "DeleteLensShare", token, fp, sh.ID)
	})
	if err != nil {
		return fmt.Errorf("DeleteLensShare(%s, %s): %w", alias, shareID, err)
	}
	return nil
}
