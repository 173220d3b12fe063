package service

import (
	"context"
	"strings"
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
	Version     string
	Owner       string
	Type        string
	Status      string // PUBLISHED or DRAFT
	CreatedAt   time.Time
	UpdatedAt   time.Time
	Lens        *lens.Lens
}

// Catalog resolves lens aliases and ARNs to lens versions. The built-in AWS
// Well-Architected Framework lens is always present; custom lenses join it
// when they are imported.
type Catalog struct {
	builtin []*LensInfo
}

// frameworkPublished is when the framework snapshot the built-in lens comes from was taken.
var frameworkPublished = time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC)

// NewCatalog returns a catalog holding the built-in lenses.
func NewCatalog() *Catalog {
	l := framework.Lens()
	return &Catalog{builtin: []*LensInfo{{
		Alias:       framework.Alias,
		ARN:         framework.ARN,
		Name:        framework.Name,
		Description: l.Description,
		Version:     framework.Version,
		Owner:       "aws",
		Type:        LensTypeAWSOfficial,
		Status:      "PUBLISHED",
		CreatedAt:   frameworkPublished,
		UpdatedAt:   frameworkPublished,
		Lens:        l,
	}}}
}

// Framework returns the built-in framework lens.
func (c *Catalog) Framework() *LensInfo { return c.builtin[0] }

// Resolve returns the lens named by an alias or ARN, at version (the latest
// when version is empty). An unknown lens is ENotFound.
func (c *Catalog) Resolve(_ context.Context, aliasOrARN, version string) (*LensInfo, error) {
	for _, li := range c.builtin {
		if aliasOrARN == li.Alias || aliasOrARN == li.ARN {
			if version != "" && version != li.Version {
				return nil, wat.NotFound("LENS", aliasOrARN, "Lens %s has no version %s", aliasOrARN, version)
			}
			return li, nil
		}
	}
	return nil, wat.NotFound("LENS", aliasOrARN, "Lens %s not found", aliasOrARN)
}

// All returns every lens the caller can see, latest versions.
func (c *Catalog) All(_ context.Context) []*LensInfo {
	return append([]*LensInfo(nil), c.builtin...)
}

// LensFilter narrows ListLenses.
type LensFilter struct {
	Type   string // LensType, empty for all
	Status string // ALL, DRAFT or PUBLISHED; empty for all
	Name   string // substring of the lens name, case-insensitive
}

// ListLenses returns a page of the lenses the caller can see.
func (s *Service) ListLenses(ctx context.Context, f LensFilter, token string, max int) ([]*LensInfo, string, error) {
	if err := s.authorizeAccount(ctx, act("ListLenses"), "*"); err != nil {
		return nil, "", err
	}
	var out []*LensInfo
	for _, li := range s.lenses.All(ctx) {
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

// GetLens returns a lens version.
func (s *Service) GetLens(ctx context.Context, alias, version string) (*LensInfo, error) {
	li, err := s.lenses.Resolve(ctx, alias, version)
	if err != nil {
		return nil, err
	}
	if err := s.authorizeAccount(ctx, act("GetLens"), li.ARN); err != nil {
		return nil, err
	}
	return li, nil
}
