package service

import (
	"context"

	"github.com/wat-dev/wat"
)

// MaxSharesPerProfile is the most shares a profile can have.
const MaxSharesPerProfile = 300

// ownedProfile loads a profile the caller owns for a share operation.
func (s *Service) ownedProfile(ctx context.Context, tx wat.Tx, a access, arn string) (string, string, error) {
	prof, err := s.ownProfile(ctx, tx, a, arn, true)
	if err != nil {
		return "", "", err
	}
	return prof.AccountID, prof.ARN, nil
}

// CreateProfileShare shares a profile of the caller's account and returns
// the share's ID. Recipients can read it and associate it with their
// workloads.
func (s *Service) CreateProfileShare(ctx context.Context, arn, sharedWith, token string) (string, error) {
	return s.createShareOp(ctx, "CreateProfileShare", wat.ShareResourceProfile, arn, sharedWith, token, s.ownedProfile)
}

// ListProfileShares returns a page of a profile's shares, oldest first.
func (s *Service) ListProfileShares(ctx context.Context, arn string, f ShareFilter, token string, max int) ([]*ShareView, string, error) {
	return s.listSharesOp(ctx, "ListProfileShares", wat.ShareResourceProfile, arn, f, token, max, s.ownedProfile)
}

// DeleteProfileShare removes a profile share. Workloads of the recipient
// that already use the profile keep it; it can no longer be associated
// anew.
func (s *Service) DeleteProfileShare(ctx context.Context, arn, shareID, token string) error {
	return s.deleteShareOp(ctx, "DeleteProfileShare", wat.ShareResourceProfile, arn, shareID, token, s.ownedProfile)
}

// sharedProfiles are the other accounts' profiles (not deleted) whose
// shares give the caller access.
func (s *Service) sharedProfiles(ctx context.Context, tx wat.Tx, p *wat.Principal) ([]*wat.Profile, error) {
	r, err := s.recipientOf(ctx, tx, p)
	if err != nil {
		return nil, err
	}
	shares, err := tx.ListSharesFor(ctx, r, wat.ShareResourceProfile)
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	var out []*wat.Profile
	for _, sh := range shares {
		if seen[sh.ResourceID] || sh.OwnerAccountID == p.AccountID {
			continue
		}
		g, err := s.grantingShare(ctx, tx, p, wat.ShareResourceProfile, sh.ResourceID)
		if err != nil {
			return nil, err
		}
		if g == nil {
			continue
		}
		prof, err := tx.GetProfile(ctx, sh.ResourceID, false)
		if wat.ErrorCodeOf(err) == wat.ENotFound {
			continue
		}
		if err != nil {
			return nil, err
		}
		seen[sh.ResourceID] = true
		if !prof.Deleted {
			out = append(out, prof)
		}
	}
	return out, nil
}
