package service

import (
	"context"
	"strings"

	"github.com/wat-dev/wat"
)

// isCustomLensARN reports whether s has the shape of a custom lens's ARN.
func isCustomLensARN(s string) bool {
	return strings.HasPrefix(s, "arn:") && strings.Contains(s, ":lens/") && !strings.Contains(s, "::aws:lens/")
}

func lensNotFound(alias string) error {
	return wat.NotFound("LENS", alias, "Lens %s not found", alias)
}

// visibleLens resolves an alias or ARN to a lens the caller may see: a
// built-in lens, a custom lens of its account, or one shared with it, at
// version (the latest published when ""). With draft, a custom lens of the
// caller's account that has no published version yet resolves to its
// draft. Deleted custom lenses and lenses of other accounts that are not
// shared are not found.
func (s *Service) visibleLens(ctx context.Context, tx wat.Tx, alias, version string, draft bool) (*LensInfo, error) {
	if li, ok := s.lenses.Builtin(alias); ok {
		if version != "" && version != li.Version {
			return nil, wat.NotFound("LENS_VERSION", version, "Lens %s has no version %s", alias, version)
		}
		return li, nil
	}
	if !isCustomLensARN(alias) {
		return nil, lensNotFound(alias)
	}
	p, err := caller(ctx)
	if err != nil {
		return nil, err
	}
	l, err := tx.GetCustomLens(ctx, alias, false)
	if wat.ErrorCodeOf(err) == wat.ENotFound || (err == nil && l.Deleted) {
		return nil, lensNotFound(alias)
	}
	if err != nil {
		return nil, err
	}
	var sh *wat.Share
	if l.AccountID != p.AccountID {
		if sh, err = s.grantingShare(ctx, tx, p, wat.ShareResourceLens, l.ARN); err != nil {
			return nil, err
		}
		if sh == nil {
			return nil, lensNotFound(alias)
		}
	}
	if version == "" {
		version = l.LatestVersion
		if version == "" && !(draft && sh == nil) {
			return nil, wat.NotFound("LENS_VERSION", alias, "Lens %s has no published version", alias)
		}
	}
	li, err := s.customLensInfo(ctx, tx, l, version)
	if err != nil {
		return nil, err
	}
	if sh != nil {
		li.Type, li.ShareInvitationID = LensTypeCustomShared, sh.InvitationID
	}
	return li, nil
}

// pinnedLens resolves the lens version a lens review is pinned to (or the
// latest when version is ""), whoever owns the lens and whether or not it
// was deleted since: a workload keeps what it was reviewed against.
func (s *Service) pinnedLens(ctx context.Context, tx wat.Tx, arn, version string) (*LensInfo, error) {
	if li, ok := s.lenses.Builtin(arn); ok {
		return li, nil
	}
	l, err := tx.GetCustomLens(ctx, arn, false)
	if err != nil {
		return nil, err
	}
	if version == "" {
		version = l.LatestVersion
	}
	li, err := s.customLensInfo(ctx, tx, l, version)
	if err != nil {
		return nil, err
	}
	if p := wat.PrincipalFromContext(ctx); p != nil && p.AccountID != l.AccountID {
		li.Type = LensTypeCustomShared
	}
	return li, nil
}

// customLensInfo builds the catalog entry of a custom lens version ("" for
// its draft).
func (s *Service) customLensInfo(ctx context.Context, tx wat.Tx, l *wat.CustomLens, version string) (*LensInfo, error) {
	v, err := tx.GetLensVersion(ctx, l.ARN, version)
	if wat.ErrorCodeOf(err) == wat.ENotFound {
		return nil, wat.NotFound("LENS_VERSION", version, "Lens %s has no version %s", l.ARN, version)
	}
	if err != nil {
		return nil, err
	}
	compiled, err := s.lenses.compile(v)
	if err != nil {
		return nil, err
	}
	status := wat.LensPublished
	if version == "" {
		status = wat.LensDraft
	}
	return &LensInfo{
		Alias: l.ARN, ARN: l.ARN, Name: compiled.Name, Description: compiled.Description,
		Version: version, LatestVersion: l.LatestVersion, Owner: l.AccountID, Type: LensTypeCustomSelf, Status: status, Deleted: l.Deleted,
		CreatedAt: l.CreatedAt, UpdatedAt: l.UpdatedAt, Tags: l.Tags, Lens: compiled, Document: v.Document,
	}, nil
}

// customLensesOfCaller lists the custom lenses the caller sees: its
// account's (latest published version, or the draft of a lens never
// published) and those shared with it (latest published version).
func (s *Service) customLensesOfCaller(ctx context.Context, tx wat.Tx) ([]*LensInfo, error) {
	p, err := caller(ctx)
	if err != nil {
		return nil, err
	}
	own, err := tx.ListCustomLenses(ctx, p.AccountID)
	if err != nil {
		return nil, err
	}
	var out []*LensInfo
	for _, l := range own {
		if l.Deleted {
			continue
		}
		li, err := s.customLensInfo(ctx, tx, l, l.LatestVersion)
		if err != nil {
			return nil, err
		}
		out = append(out, li)
	}
	r, err := s.recipientOf(ctx, tx, p)
	if err != nil {
		return nil, err
	}
	shares, err := tx.ListSharesFor(ctx, r, wat.ShareResourceLens)
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	for _, sh := range shares {
		if seen[sh.ResourceID] || sh.OwnerAccountID == p.AccountID || !sh.GrantsAccess(s.nowUTC()) {
			continue
		}
		li, err := s.visibleLens(ctx, tx, sh.ResourceID, "", false)
		if wat.ErrorCodeOf(err) == wat.ENotFound {
			continue
		}
		if err != nil {
			return nil, err
		}
		seen[sh.ResourceID] = true
		out = append(out, li)
	}
	return out, nil
}
