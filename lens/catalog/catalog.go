package catalog

import (
	"fmt"
	"slices"
	"strings"

	"github.com/wat-dev/wat/lens"
)

// Entry is one lens of a catalog, ready to install. It is immutable once
// loaded: share it freely, and treat its slices as read-only.
type Entry struct {
	// ID names the entry across every catalog a server reads: lowercase
	// letters, digits and single hyphens ("amazon-ecs").
	ID string
	// Title and Description are the catalog's words for the lens, not the
	// lens document's: short, and the same in style across entries.
	Title       string
	Description string
	// Categories are lowercase words: what the lens is about (service,
	// industry or practice) and its subject (database, analytics, ...).
	Categories []string
	// Version is the catalog's version of the entry, published as the
	// lens version when it is installed. It changes whenever the lens as
	// installed (Document) does, so an account that has an older one gets
	// a new lens version and its workloads an upgrade notification.
	Version string
	// Catalog is the name of the catalog the entry comes from.
	Catalog string
	// Source says where the document comes from and under which licence.
	Source Source
	// Repairs are the changes made to the upstream document to make it
	// pass the format, in the order they are applied.
	Repairs []Repair

	// Pillars and Questions are worked out from the document.
	Pillars   []Pillar
	Questions int
	// Lens is the compiled lens; Document its normalised document, which
	// installing stores, exactly as ImportLens would store the repaired
	// file.
	Lens     *lens.Lens
	Document []byte
}

// Source is where a catalog entry's document comes from.
type Source struct {
	// Repository is the public repository the document is published in
	// ("aws-samples/custom-lens-wa-hub"), empty for a team's own lens.
	Repository string
	// Path is the document's path in Repository, File its name in the
	// catalog's folder.
	Path string
	File string
	// Commit is the commit of Repository the document was taken from.
	Commit string
	// License is the SPDX identifier of the document's licence ("MIT-0").
	License string
	// Version is the upstream version of the document: its own "_version"
	// member when it has one, else the commit.
	Version string
	// SHA256 is the hex SHA-256 of the file as published, before repairs.
	SHA256 string
}

// Pillar is a pillar of an entry's lens.
type Pillar struct {
	ID        string
	Name      string
	Questions int
	// Framework lists the Well-Architected Framework pillars (by their ids
	// in the framework lens, such as "security") the pillar belongs to, by
	// its name; none for a pillar of the lens's own ("Networking").
	Framework []string
}

// FrameworkPillars lists the framework pillars any of the entry's pillars
// belongs to, in the framework's order.
func (e *Entry) FrameworkPillars() []string {
	var out []string
	for _, id := range FrameworkPillars {
		for _, p := range e.Pillars {
			if slices.Contains(p.Framework, id) {
				out = append(out, id)
				break
			}
		}
	}
	return out
}

// Catalog is a set of entries with distinct ids, in a stable order.
type Catalog struct {
	entries []*Entry
	byID    map[string]*Entry
}

// Merge returns one catalog of the entries of cats, in their order. An id
// found in two catalogs is an error naming both: installs are recorded by
// id, so an id must name one lens.
func Merge(cats ...*Catalog) (*Catalog, error) {
	out := &Catalog{byID: map[string]*Entry{}}
	for _, c := range cats {
		for _, e := range c.entries {
			if prev, dup := out.byID[e.ID]; dup {
				return nil, fmt.Errorf("lens catalogs %q and %q both have an entry %q: rename one (its id in catalog.yaml)", prev.Catalog, e.Catalog, e.ID)
			}
			out.byID[e.ID] = e
			out.entries = append(out.entries, e)
		}
	}
	return out, nil
}

// Entries returns every entry, in catalog order. The slice is shared.
func (c *Catalog) Entries() []*Entry { return c.entries }

// Entry returns the entry with the given id.
func (c *Catalog) Entry(id string) (*Entry, bool) {
	e, ok := c.byID[id]
	return e, ok
}

// Filter selects entries. Its fields match case-insensitively; empty
// fields match everything.
type Filter struct {
	// Category is one of an entry's categories.
	Category string
	// Pillar is a framework pillar, by id ("costOptimization") or name
	// ("Cost Optimization"), or else a word of one of the lens's own
	// pillar names ("networking").
	Pillar string
	// Search is text found in the id, title, description, categories or
	// the lens's name.
	Search string
}

// List returns the entries f selects, in catalog order.
func (c *Catalog) List(f Filter) []*Entry {
	var out []*Entry
	for _, e := range c.entries {
		if f.matches(e) {
			out = append(out, e)
		}
	}
	return out
}

func (f Filter) matches(e *Entry) bool {
	if f.Category != "" && !slices.ContainsFunc(e.Categories, func(c string) bool { return strings.EqualFold(c, f.Category) }) {
		return false
	}
	if f.Pillar != "" && !e.hasPillar(f.Pillar) {
		return false
	}
	if f.Search != "" {
		text := strings.ToLower(strings.Join(append([]string{e.ID, e.Title, e.Description, e.Lens.Name}, e.Categories...), "\n"))
		if !strings.Contains(text, strings.ToLower(strings.TrimSpace(f.Search))) {
			return false
		}
	}
	return true
}

// hasPillar tells whether the lens covers framework pillar p, or else has
// a pillar of its own whose name contains p.
func (e *Entry) hasPillar(p string) bool {
	if id, ok := frameworkPillar(p); ok {
		return slices.Contains(e.FrameworkPillars(), id)
	}
	p = strings.ToLower(strings.TrimSpace(p))
	return slices.ContainsFunc(e.Pillars, func(x Pillar) bool { return strings.Contains(strings.ToLower(x.Name), p) })
}
