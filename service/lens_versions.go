package service

import (
	"context"

	"github.com/wat-dev/wat"
)

// The rules every use case that adds a custom lens or publishes a version
// of one follows: ImportLens and CreateLensVersion, and installing a lens
// from the lens catalog.

// publishVersion stores doc, a normalised lens document, as version of l
// and moves the lens's reviews as the kind of version requires; the
// caller stores l, whose LatestVersion and UpdatedAt it sets. It holds the
// rules of versions for every use case that publishes one: at most
// MaxVersionsPerLens, names unique, the first version major.
func (s *Service) publishVersion(ctx context.Context, tx wat.Tx, l *wat.CustomLens, version string, major bool, doc []byte) error {
	versions, err := tx.ListLensVersions(ctx, l.ARN)
	if err != nil {
		return err
	}
	if len(versions) >= MaxVersionsPerLens {
		return wat.QuotaExceeded("LENS_VERSION", "L-LENS-VERSIONS", "Lens %s already has %d versions, the most allowed", l.ARN, MaxVersionsPerLens)
	}
	var sinceMajor []string
	for _, v := range versions {
		if v.Version == version {
			return wat.Conflict("LENS_VERSION", version, "Lens %s already has a version %q", l.ARN, version)
		}
		if v.IsMajor {
			sinceMajor = sinceMajor[:0]
		}
		sinceMajor = append(sinceMajor, v.Version)
	}
	if len(versions) == 0 {
		major = true // the first version starts the lens
	}
	now := s.nowUTC()
	if err := tx.InsertLensVersion(ctx, &wat.LensVersion{LensARN: l.ARN, Version: version, IsMajor: major, Document: doc, CreatedAt: now}); err != nil {
		return err
	}
	// A minor version moves the reviews of the current major line to it
	// (bumping their revisions); the others stay NOT_CURRENT. A major
	// version leaves every review behind: their cached status must be
	// evaluated again.
	if !major {
		if _, err := tx.RepinLensReviews(ctx, l.ARN, sinceMajor, version); err != nil {
			return err
		}
	} else if err := tx.TouchLensReviews(ctx, l.ARN); err != nil {
		return err
	} else if err := s.publishLensUpgrade(ctx, tx, l, version); err != nil {
		return err
	}
	l.LatestVersion, l.UpdatedAt = version, now
	return nil
}

// sameName returns the lens among own, other than l (nil for a new lens)
// and not deleted, that is named name as lens names compare, or nil.
func sameName(own []*wat.CustomLens, l *wat.CustomLens, name string) *wat.CustomLens {
	for _, o := range own {
		if !o.Deleted && (l == nil || o.ARN != l.ARN) && wat.NameKey(o.Name) == wat.NameKey(name) {
			return o
		}
	}
	return nil
}

// roomForLens fails when an account whose lenses are own may not have
// another: deleted lenses do not count.
func roomForLens(own []*wat.CustomLens) error {
	live := 0
	for _, o := range own {
		if !o.Deleted {
			live++
		}
	}
	if live >= MaxCustomLensesPerAccount {
		return wat.QuotaExceeded("LENS", "L-CUSTOM-LENSES", "The account already has %d custom lenses, the most allowed", MaxCustomLensesPerAccount)
	}
	return nil
}
