package service

import (
	"context"
	"strings"
	"sync"
	"time"

	"github.com/wat-dev/wat"
	"github.com/wat-dev/wat/lens"
	"github.com/wat-dev/wat/lens/framework"
)

// Lens types and statuses, as on the wire.
const (
	LensTypeAWSOfficial  = "AWS_OFFICIAL"
	LensTypeCustomSelf   = "CUSTOM_SELF"
	LensTypeCustomShared = "CUSTOM_SHARED"

	LensStatusCurrent    = "CURRENT"
	LensStatusNotCurrent = "NOT_CURRENT"
	LensStatusDeprecated = "DEPRECATED"
	LensStatusDeleted    = "DELETED"
	LensStatusUnshared   = "UNSHARED"
)

// LensInfo is one version of a lens as the catalog knows it.
type LensInfo struct {
	Alias       string // what the API shows as LensAlias: the alias of an AWS lens, the ARN of a custom one
	ARN         string
	Name        string
	Description string
	Version     string // "" for a custom lens's draft
	// LatestVersion is the lens's newest published version.
	LatestVersion string
	Owner         string
	Type          string
	Status        string // PUBLISHED or DRAFT
	Deleted       bool   // a custom lens its owner deleted
	CreatedAt     time.Time
	UpdatedAt     time.Time
	Tags          map[string]string
	// ShareInvitationID is, for a lens shared with the caller, the
	// invitation of the share that grants it.
	ShareInvitationID string
	Lens              *lens.Lens
	// Document is the normalised lens document of a custom lens version.
	Document []byte
}

// Catalog holds the built-in lenses and the compiled published versions
// of custom lenses. A published version never changes, so caching its
// compiled form is safe on every replica; drafts are compiled when read.
type Catalog struct {
	builtin []*LensInfo

	mu       sync.Mutex
	compiled map[string]*lens.Lens // by lens ARN + " " + version
}

// maxCompiled bounds the cache of compiled custom lens versions.
const maxCompiled = 2000

// frameworkPublished is when the framework snapshot the built-in lens comes from was taken.
var frameworkPublished = time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC)

// NewCatalog returns a catalog holding the built-in lenses.
func NewCatalog() *Catalog {
	l := framework.Lens()
	return &Catalog{builtin: []*LensInfo{{
		Alias:         framework.Alias,
		ARN:           framework.ARN,
		Name:          framework.Name,
		Description:   l.Description,
		Version:       framework.Version,
		LatestVersion: framework.Version,
		Owner:         "aws",
		Type:          LensTypeAWSOfficial,
		Status:        wat.LensPublished,
		CreatedAt:     frameworkPublished,
		UpdatedAt:     frameworkPublished,
		Lens:          l,
	}}, compiled: map[string]*lens.Lens{}}
}

// Framework returns the built-in framework lens.
func (c *Catalog) Framework() *LensInfo { return c.builtin[0] }

// Builtin returns the built-in lens named by an alias or ARN.
func (c *Catalog) Builtin(aliasOrARN string) (*LensInfo, bool) {
	for _, li := range c.builtin {
		if aliasOrARN == li.Alias || aliasOrARN == li.ARN {
			return li, true
		}
	}
	return nil, false
}

// compile returns the compiled form of a custom lens document, cached for
// published versions.
func (c *Catalog) compile(v *wat.LensVersion) (*lens.Lens, error) {
	key := v.LensARN + " " + v.Version
	if v.Version != "" {
		c.mu.Lock()
		l, ok := c.compiled[key]
		c.mu.Unlock()
		if ok {
			return l, nil
		}
	}
	doc, err := lens.ParseDocument(v.Document)
	if err != nil {
		return nil, err
	}
	l, err := lens.Compile(doc)
	if err != nil {
		return nil, err
	}
	if v.Version != "" {
		c.mu.Lock()
		if len(c.compiled) >= maxCompiled {
			c.compiled = map[string]*lens.Lens{}
		}
		c.compiled[key] = l
		c.mu.Unlock()
	}
	return l, nil
}

// LensFilter narrows ListLenses.
type LensFilter struct {
	Type   string // LensType, empty for all
	Status string // ALL, DRAFT or PUBLISHED; empty for all
	Name   string // substring of the lens name, case-insensitive
}

// ListLenses returns a page of the lenses the caller can see: the built-in
// ones, its account's custom lenses and those shared with it (deleted ones
// left out).
func (s *Service) ListLenses(ctx context.Context, f LensFilter, token string, max int) ([]*LensInfo, string, error) {
	var all []*LensInfo
	err := s.store.View(ctx, func(tx wat.Tx) error {
		if err := s.authorize(ctx, tx, act("ListLenses"), "*", nil); err != nil {
			return err
		}
		all = append(all, s.lenses.builtin...)
		custom, err := s.customLensesOfCaller(ctx, tx)
		all = append(all, custom...)
		return err
	})
	if err != nil {
		return nil, "", err
	}
	var out []*LensInfo
	for _, li := range all {
		if f.Type != "" && f.Type != li.Type {
			continue
		}
		if f.Status != "" && f.Status != "ALL" && f.Status != li.Status {
			continue
		}
		if f.Name != "" && !strings.Contains(strings.ToLower(li.Name), strings.ToLower(f.Name)) {
			continue
		}
		out = append(out, li)
	}
	return paginate(out, token, max, 50)
}

// GetLens returns a lens version ("" for the latest; a custom lens with no
// published version yet shows its draft to its owner).
func (s *Service) GetLens(ctx context.Context, alias, version string) (*LensInfo, error) {
	var li *LensInfo
	err := s.store.View(ctx, func(tx wat.Tx) (err error) {
		if li, err = s.visibleLens(ctx, tx, alias, version, true); err != nil {
			return err
		}
		return s.authorize(ctx, tx, act("GetLens"), li.ARN, li.Tags)
	})
	return li, err
}
