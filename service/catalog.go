package service

import (
	"context"
	"fmt"

	"github.com/wat-dev/wat"
	"github.com/wat-dev/wat/lens/catalog"
)

// Tags on a lens installed from the lens catalog: which entry, and which
// of its versions was installed last. Tags need no column and no
// migration, travel with the lens in every store, and are what a caller
// reads to tell an installed lens from an imported one; an IAM condition
// can test them too (aws:ResourceTag/wat:catalog).
const (
	TagCatalogEntry   = "wat:catalog"
	TagCatalogVersion = "wat:catalog-version"
)

// Install statuses of a catalog entry for an account.
const (
	CatalogNotInstalled     = "NOT_INSTALLED"
	CatalogInstalled        = "INSTALLED"         // at the entry's version
	CatalogUpgradeAvailable = "UPGRADE_AVAILABLE" // at an older version
)

// CatalogEntry is an entry of the lens catalog as the caller sees it: the
// entry, and the lens its account installed from it, if any.
type CatalogEntry struct {
	*catalog.Entry
	// InstalledLensARN is the account's lens installed from the entry, not
	// deleted; empty when there is none.
	InstalledLensARN string
	// InstalledVersion is the entry's version that lens was installed or
	// last upgraded at.
	InstalledVersion string
}

// Status is CatalogNotInstalled, CatalogInstalled or
// CatalogUpgradeAvailable.
func (e *CatalogEntry) Status() string {
	switch {
	case e.InstalledLensARN == "":
		return CatalogNotInstalled
	case e.InstalledVersion == e.Version:
		return CatalogInstalled
	}
	return CatalogUpgradeAvailable
}

// lensCatalog returns the lens catalog the service was given, or the one
// embedded in wat.
func (s *Service) lensCatalog() (*catalog.Catalog, error) {
	if s.catalog != nil {
		return s.catalog, nil
	}
	c, err := catalog.Builtin()
	if err != nil {
		return nil, fmt.Errorf("the embedded lens catalog: %w", err)
	}
	return c, nil
}

// ListCatalog returns a page of the lens catalog's entries f selects, in
// catalog order, each with what the caller's account installed from it.
// Reading the catalog needs the right to list lenses: it lists lenses the
// account could have, and those it has.
func (s *Service) ListCatalog(ctx context.Context, f catalog.Filter, token string, max int) ([]*CatalogEntry, string, error) {
	cat, err := s.lensCatalog()
	if err != nil {
		return nil, "", err
	}
	var out []*CatalogEntry
	err = s.store.View(ctx, func(tx wat.Tx) error {
		installed, err := s.installedFromCatalog(ctx, tx, "ListLenses")
		if err != nil {
			return err
		}
		for _, e := range cat.List(f) {
			out = append(out, catalogEntry(e, installed[e.ID]))
		}
		return nil
	})
	if err != nil {
		return nil, "", fmt.Errorf("ListCatalog: %w", err)
	}
	return paginate(out, token, max, 50)
}

// GetCatalogEntry returns one entry of the lens catalog, with what the
// caller's account installed from it. Reading an entry is reading a lens
// (its pillars and questions): it needs the right to get lenses, which
// covers saying which of the account's lenses came from it.
func (s *Service) GetCatalogEntry(ctx context.Context, id string) (*CatalogEntry, error) {
	cat, err := s.lensCatalog()
	if err != nil {
		return nil, err
	}
	e, ok := cat.Entry(id)
	if !ok {
		return nil, catalogEntryNotFound(id)
	}
	var out *CatalogEntry
	err = s.store.View(ctx, func(tx wat.Tx) error {
		installed, err := s.installedFromCatalog(ctx, tx, "GetLens")
		out = catalogEntry(e, installed[id])
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("GetCatalogEntry(%q): %w", id, err)
	}
	return out, nil
}

// installedFromCatalog authorises reading the catalog as action and
// returns the caller's account's lenses installed from it, by entry id.
func (s *Service) installedFromCatalog(ctx context.Context, tx wat.Tx, action string) (map[string]*wat.CustomLens, error) {
	p, err := caller(ctx)
	if err != nil {
		return nil, err
	}
	if err := s.authorize(ctx, tx, act(action), "*", nil); err != nil {
		return nil, err
	}
	own, err := tx.ListCustomLenses(ctx, p.AccountID)
	if err != nil {
		return nil, err
	}
	out := map[string]*wat.CustomLens{}
	for _, l := range own {
		if id := l.Tags[TagCatalogEntry]; id != "" && !l.Deleted {
			out[id] = l
		}
	}
	return out, nil
}

func catalogEntry(e *catalog.Entry, l *wat.CustomLens) *CatalogEntry {
	out := &CatalogEntry{Entry: e}
	if l != nil {
		out.InstalledLensARN, out.InstalledVersion = l.ARN, l.Tags[TagCatalogVersion]
	}
	return out
}

func catalogEntryNotFound(id string) error {
	return wat.NotFound("CATALOG_ENTRY", id, "The lens catalog has no entry %q", id)
}
