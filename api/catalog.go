package api

import (
	"context"

	"github.com/wat-dev/wat/api/wire"
	"github.com/wat-dev/wat/lens/catalog"
	"github.com/wat-dev/wat/service"
)

// The lens catalog's operations are wat's own (spec/wat.json): the
// handlers translate between the wire and the use cases of
// service/catalog*.go, which authorise (ListLenses to list, GetLens to read
// an entry, ImportLens and CreateLensVersion to install) and apply the
// rules of imported lenses.

// ListLensCatalog lists a page of the catalog's entries.
func (h *handler) ListLensCatalog(ctx context.Context, in *wire.ListLensCatalogInput) (*wire.ListLensCatalogOutput, error) {
	f := catalog.Filter{Category: val(in.Category), Pillar: val(in.Pillar), Search: val(in.Search)}
	es, next, err := h.svc.ListCatalog(ctx, f, val(in.NextToken), intOf(in.MaxResults))
	if err != nil {
		return nil, err
	}
	out := &wire.ListLensCatalogOutput{LensCatalogEntries: make([]wire.LensCatalogEntrySummary, 0, len(es)), NextToken: str(next)}
	for _, e := range es {
		out.LensCatalogEntries = append(out.LensCatalogEntries, catalogSummary(e))
	}
	return out, nil
}

// GetLensCatalogEntry reads one entry in full, with every question's title
// for a preview: the lens's documents are at most a few hundred questions.
func (h *handler) GetLensCatalogEntry(ctx context.Context, in *wire.GetLensCatalogEntryInput) (*wire.GetLensCatalogEntryOutput, error) {
	e, err := h.svc.GetCatalogEntry(ctx, val(in.EntryId))
	if err != nil {
		return nil, err
	}
	s := catalogSummary(e)
	out := &wire.GetLensCatalogEntryOutput{
		EntryId: s.EntryId, Title: s.Title, Description: s.Description, Categories: s.Categories, Version: s.Version,
		CatalogName: s.CatalogName, LensName: s.LensName, QuestionCount: s.QuestionCount, FrameworkPillars: s.FrameworkPillars,
		InstallStatus: s.InstallStatus, InstalledLensArn: s.InstalledLensArn, InstalledVersion: s.InstalledVersion,
		Pillars: []wire.LensCatalogPillar{}, Repairs: []wire.LensCatalogRepair{}, Questions: []wire.LensCatalogQuestion{},
		Source: &wire.LensCatalogSource{Repository: str(e.Source.Repository), Path: str(e.Source.Path), File: str(e.Source.File),
			Commit: str(e.Source.Commit), License: str(e.Source.License), UpstreamVersion: str(e.Source.Version), Sha256: str(e.Source.SHA256)},
	}
	for _, p := range e.Pillars {
		out.Pillars = append(out.Pillars, wire.LensCatalogPillar{PillarId: ptr(p.ID), PillarName: ptr(p.Name),
			QuestionCount: ptr(int32(p.Questions)), FrameworkPillars: nonNil(p.Framework)})
	}
	for _, r := range e.Repairs {
		out.Repairs = append(out.Repairs, wire.LensCatalogRepair{Path: ptr(r.Path), What: ptr(r.What()), Why: ptr(r.Why)})
	}
	for _, q := range e.Lens.Questions() {
		out.Questions = append(out.Questions, wire.LensCatalogQuestion{PillarId: ptr(q.PillarID), QuestionId: ptr(q.ID), Title: ptr(q.Title)})
	}
	return out, nil
}

// InstallLensCatalogEntry installs an entry into the caller's account. It
// is a request like any other, so the audit log records it.
func (h *handler) InstallLensCatalogEntry(ctx context.Context, in *wire.InstallLensCatalogEntryInput) (*wire.InstallLensCatalogEntryOutput, error) {
	done, err := h.svc.InstallCatalogLens(ctx, val(in.EntryId))
	if err != nil {
		return nil, err
	}
	return &wire.InstallLensCatalogEntryOutput{EntryId: in.EntryId, LensArn: ptr(done.LensARN), LensVersion: ptr(done.LensVersion),
		Status: wire.CatalogInstallResult(done.Status), PreviousVersion: str(done.PreviousVersion)}, nil
}

// catalogSummary is the wire form of an entry as ListLensCatalog lists it.
func catalogSummary(e *service.CatalogEntry) wire.LensCatalogEntrySummary {
	return wire.LensCatalogEntrySummary{
		EntryId: ptr(e.ID), Title: ptr(e.Title), Description: ptr(e.Description), Categories: nonNil(e.Categories),
		Version: ptr(e.Version), CatalogName: ptr(e.Catalog), LensName: ptr(e.Lens.Name), QuestionCount: ptr(int32(e.Questions)),
		FrameworkPillars: nonNil(e.FrameworkPillars()), InstallStatus: wire.CatalogInstallStatus(e.Status()),
		InstalledLensArn: str(e.InstalledLensARN), InstalledVersion: str(e.InstalledVersion),
	}
}

// nonNil returns ss, or an empty list for nil: lists are written as [],
// never left out, so that clients need not tell the two apart.
func nonNil(ss []string) []string {
	if ss == nil {
		return []string{}
	}
	return ss
}
