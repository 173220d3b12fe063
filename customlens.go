package wat

import "time"

// Custom lens statuses.
const (
	LensDraft     = "DRAFT"     // imported, never published: cannot be applied or shared
	LensPublished = "PUBLISHED" // has at least one published version
)

// CustomLens is a lens an account imported: its identity, its latest
// published version and whether a draft is pending. Its documents live in
// LensVersion rows.
type CustomLens struct {
	ARN         string // arn:aws:wellarchitected:REGION:ACCOUNT:lens/ID
	AccountID   string // the owner account
	Name        string // of the latest document (draft or published)
	Description string
	// LatestVersion is the name of the newest published version; empty
	// while the lens has only a draft.
	LatestVersion string
	// HasDraft is true while an imported document waits to be published.
	HasDraft bool
	// Deleted marks a lens its owner deleted: workloads that use it keep
	// it, nobody can apply it anew.
	Deleted   bool
	Tags      map[string]string
	CreatedAt time.Time
	UpdatedAt time.Time
}

// Status is DRAFT or PUBLISHED.
func (l *CustomLens) Status() string {
	if l.LatestVersion == "" {
		return LensDraft
	}
	return LensPublished
}

// LensVersion is one document of a custom lens: a published version, or
// the draft (Version "").
type LensVersion struct {
	LensARN string
	Version string // "" for the draft
	IsMajor bool
	// Document is the lens document, normalised (unknown members dropped).
	Document  []byte
	CreatedAt time.Time
}
