package service

import (
	"context"

	"github.com/wat-dev/wat"
)

// shareableLens loads a custom lens the caller owns for a share operation:
// only published lenses can be shared.
func (s *Service) shareableLens(publishedOnly bool) ownedByCaller {
	return func(ctx context.Context, tx wat.Tx, a access, alias string) (string, string, error) {
		l, err := s.ownLens(ctx, tx, a, alias)
		if err != nil {
			return "", "", err
		}
		if publishedOnly && l.LatestVersion == "" {
			return "", "", wat.Invalid("LensAlias", "Lens %s is a draft: publish a version (CreateLensVersion) before sharing it", l.ARN)
		}
		return l.AccountID, l.ARN, nil
	}
}

// CreateLensShare shares a published custom lens of the caller's account
// and returns the share's ID. Recipients can read it and apply it to their
// workloads.
func (s *Service) CreateLensShare(ctx context.Context, alias, sharedWith, token string) (string, error) {
	return s.createShareOp(ctx, "CreateLensShare", wat.ShareResourceLens, alias, sharedWith, token, s.shareableLens(true))
}

// ListLensShares returns a page of a custom lens's shares, oldest first.
func (s *Service) ListLensShares(ctx context.Context, alias string, f ShareFilter, token string, max int) ([]*ShareView, string, error) {
	return s.listSharesOp(ctx, "ListLensShares", wat.ShareResourceLens, alias, f, token, max, s.shareableLens(false))
}

// DeleteLensShare removes a lens share. Workloads of the recipient that
// already use the lens keep it; it can no longer be applied anew.
func (s *Service) DeleteLensShare(ctx context.Context, alias, shareID, token string) error {
	return s.deleteShareOp(ctx, "DeleteLensShare", wat.ShareResourceLens, alias, shareID, token, s.shareableLens(false))
}
