package service

import (
	"context"
	"fmt"
	"maps"

	"github.com/wat-dev/wat"
	"github.com/wat-dev/wat/lens/catalog"
)

// What InstallCatalogLens did (CatalogInstall.Status).
const (
	CatalogLensInstalled = "INSTALLED" // a new lens, its first version published
	CatalogLensUpgraded  = "UPGRADED"  // a new version of the lens installed before
	CatalogLensUnchanged = "UNCHANGED" // installed already at the entry's version
)

// CatalogInstall is what InstallCatalogLens did.
type CatalogInstall struct {
	LensARN string
	// LensVersion is the lens version now published from the entry: the
	// entry's version.
	LensVersion string
	Status      string
	// PreviousVersion is, for an upgrade, the entry's version installed
	// before.
	PreviousVersion string
}

// InstallCatalogLens installs entry id of the lens catalog into the
// caller's account as a published custom lens, or returns the lens
// installed from it before. It may be called again safely:
//
//   - with no lens of the account installed from the entry (or only
//     deleted ones), a new lens is created, tagged with the entry and its
//     version, and its document published as the entry's version;
//   - with one installed at the entry's version, nothing changes;
//   - with one installed at another version, the entry's document is
//     published as a new major version of that lens. Major, because a
//     newer upstream lens may drop or reword questions and choices: every
//     workload stays on the version it reviews, with a lens-upgrade
//     notification, until someone upgrades its review, which saves a
//     milestone first. A minor version would move every review at once
//     and silently drop the answers of removed questions. A draft the
//     account made of the lens is left as it is.
//
// It follows ImportLens's and CreateLensVersion's rules (one name per
// lens of an account, the account's quota of lenses and of versions) and
// needs the caller to be allowed both actions: installing is importing and
// publishing, and a policy that denies either should deny it.
func (s *Service) InstallCatalogLens(ctx context.Context, id string) (*CatalogInstall, error) {
	p, err := caller(ctx)
	if err != nil {
		return nil, err
	}
	cat, err := s.lensCatalog()
	if err != nil {
		return nil, err
	}
	e, ok := cat.Entry(id)
	if !ok {
		return nil, catalogEntryNotFound(id)
	}
	var out *CatalogInstall
	err = s.store.Update(ctx, func(tx wat.Tx) error {
		if err := tx.LockAccount(ctx, p.AccountID); err != nil {
			return err
		}
		own, err := tx.ListCustomLenses(ctx, p.AccountID)
		if err != nil {
			return err
		}
		var l *wat.CustomLens
		for _, o := range own {
			if o.Tags[TagCatalogEntry] == e.ID && !o.Deleted {
				l = o
			}
		}
		switch {
		case l == nil:
			out, err = s.installNew(ctx, tx, p, own, e)
		case l.Tags[TagCatalogVersion] == e.Version:
			out = &CatalogInstall{LensARN: l.ARN, LensVersion: e.Version, Status: CatalogLensUnchanged}
			err = s.authorizeInstall(ctx, tx, l.ARN, l.Tags, catalogTags(e))
		default:
			out, err = s.installUpgrade(ctx, tx, own, l, e)
		}
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("InstallCatalogLens(%q): %w", id, err)
	}
	return out, nil
}

// installNew creates the lens of entry e in the caller's account.
func (s *Service) installNew(ctx context.Context, tx wat.Tx, p *wat.Principal, own []*wat.CustomLens, e *catalog.Entry) (*CatalogInstall, error) {
	if o := sameName(own, nil, e.Lens.Name); o != nil {
		return nil, wat.Conflict("LENS", o.ARN, "Lens %s of this account is already named %q: delete it, or import it under another name, to install %s from the lens catalog", o.ARN, e.Lens.Name, e.ID)
	}
	if err := roomForLens(own); err != nil {
		return nil, err
	}
	now := s.nowUTC()
	l := &wat.CustomLens{ARN: s.lensARN(p.AccountID, newID(16)), AccountID: p.AccountID, Name: e.Lens.Name,
		Description: e.Lens.Description, Tags: catalogTags(e), CreatedAt: now, UpdatedAt: now}
	if err := s.authorizeInstall(ctx, tx, l.ARN, nil, l.Tags); err != nil {
		return nil, err
	}
	if err := tx.InsertCustomLens(ctx, l); err != nil {
		return nil, err
	}
	if err := s.publishVersion(ctx, tx, l, e.Version, true, e.Document); err != nil {
		return nil, err
	}
	if err := tx.UpdateCustomLens(ctx, l); err != nil {
		return nil, err
	}
	return &CatalogInstall{LensARN: l.ARN, LensVersion: e.Version, Status: CatalogLensInstalled}, nil
}

// installUpgrade publishes entry e as a new major version of l, the lens
// installed from an earlier version of it.
func (s *Service) installUpgrade(ctx context.Context, tx wat.Tx, own []*wat.CustomLens, l *wat.CustomLens, e *catalog.Entry) (*CatalogInstall, error) {
	tags := catalogTags(e)
	if err := s.authorizeInstall(ctx, tx, l.ARN, l.Tags, tags); err != nil {
		return nil, err
	}
	// Name and Description are those of the newest document, which a
	// pending draft is.
	if !l.HasDraft {
		if o := sameName(own, l, e.Lens.Name); o != nil {
			return nil, wat.Conflict("LENS", o.ARN, "Lens %s of this account is already named %q, the new name of %s in the lens catalog: delete it, or import it under another name, to upgrade %s", o.ARN, e.Lens.Name, e.ID, l.ARN)
		}
		l.Name, l.Description = e.Lens.Name, e.Lens.Description
	}
	previous := l.Tags[TagCatalogVersion]
	if err := s.publishVersion(ctx, tx, l, e.Version, true, e.Document); err != nil {
		return nil, err
	}
	l.Tags = maps.Clone(l.Tags)
	maps.Copy(l.Tags, tags)
	if err := tx.UpdateCustomLens(ctx, l); err != nil {
		return nil, err
	}
	return &CatalogInstall{LensARN: l.ARN, LensVersion: e.Version, Status: CatalogLensUpgraded, PreviousVersion: previous}, nil
}

// authorizeInstall authorises installing into the lens arn, whose tags are
// current (nil for a lens still to create), as importing a document with
// tags into it and publishing that.
func (s *Service) authorizeInstall(ctx context.Context, tx wat.Tx, arn string, current, tags map[string]string) error {
	if err := s.authorize(ctx, tx, access{"ImportLens", requestTags(tags)}, arn, current); err != nil {
		return err
	}
	if current == nil {
		current = tags // what the new lens is published with
	}
	return s.authorize(ctx, tx, act("CreateLensVersion"), arn, current)
}

// catalogTags are the tags of a lens installed from e.
func catalogTags(e *catalog.Entry) map[string]string {
	return map[string]string{TagCatalogEntry: e.ID, TagCatalogVersion: e.Version}
}
