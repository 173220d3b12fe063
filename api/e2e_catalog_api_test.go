package api_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected"

	"github.com/wat-dev/wat"
	"github.com/wat-dev/wat/api/wire"
	"github.com/wat-dev/wat/internal/testserver"
	"github.com/wat-dev/wat/internal/watclient"
	"github.com/wat-dev/wat/lens/catalog"
)

// catalogEntry is the entry the API tests install: small, with a
// framework pillar (performance) and no own pillar.
const catalogEntry = "apache-iceberg-s3"

// TestLensCatalogAPI takes the catalog's three operations through what the
// console does: list and filter, page through, read an entry, install it,
// install it again, and find the install in the audit log.
func TestLensCatalogAPI(t *testing.T) {
	cat, err := catalog.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	forEachBackend(t, func(t *testing.T, srv *testserver.Server) {
		ctx, c := context.Background(), watclient.FromSDK(srv.Client)
		ids := func(in *wire.ListLensCatalogInput) []string {
			t.Helper()
			out, err := c.ListLensCatalog(ctx, in)
			if err != nil {
				t.Fatalf("ListLensCatalog(%+v): %v", in, err)
			}
			var got []string
			for _, e := range out.LensCatalogEntries {
				got = append(got, aws.ToString(e.EntryId))
			}
			return got
		}
		want := func(f catalog.Filter) []string {
			var out []string
			for _, e := range cat.List(f) {
				out = append(out, e.ID)
			}
			return out
		}
		if got := ids(&wire.ListLensCatalogInput{}); !slices.Equal(got, want(catalog.Filter{})) {
			t.Errorf("every entry = %v, want %v", got, want(catalog.Filter{}))
		}
		for _, f := range []catalog.Filter{{Category: "database"}, {Pillar: "sustainability"}, {Search: "ICEBERG"},
			{Category: "analytics", Pillar: "Cost Optimization"}, {Search: "no such lens anywhere"}} {
			in := &wire.ListLensCatalogInput{Category: optional(f.Category), Pillar: optional(f.Pillar), Search: optional(f.Search)}
			if got, w := ids(in), want(f); !slices.Equal(got, w) {
				t.Errorf("ListLensCatalog(%+v) = %v, want %v", f, got, w)
			}
		}

		// Pages of 5, each token leading to the next.
		var paged []string
		for token, n := (*string)(nil), 0; ; n++ {
			out, err := c.ListLensCatalog(ctx, &wire.ListLensCatalogInput{MaxResults: aws.Int32(5), NextToken: token})
			if err != nil || len(out.LensCatalogEntries) > 5 || n > 10 {
				t.Fatalf("page %d: %d entries, %v", n, len(out.LensCatalogEntries), err)
			}
			for _, e := range out.LensCatalogEntries {
				paged = append(paged, aws.ToString(e.EntryId))
			}
			if token = out.NextToken; token == nil {
				break
			}
		}
		if !slices.Equal(paged, want(catalog.Filter{})) {
			t.Errorf("paged = %v, want every entry", paged)
		}

		e, _ := cat.Entry(catalogEntry)
		got, err := c.GetLensCatalogEntry(ctx, &wire.GetLensCatalogEntryInput{EntryId: aws.String(catalogEntry)})
		if err != nil {
			t.Fatalf("GetLensCatalogEntry: %v", err)
		}
		if got.InstallStatus != wire.CatalogInstallStatusNotInstalled || got.InstalledLensArn != nil ||
			aws.ToString(got.Source.License) != "MIT-0" || aws.ToString(got.Source.Repository) == "" ||
			len(got.Pillars) != len(e.Pillars) || len(got.Questions) != e.Questions || aws.ToInt32(got.QuestionCount) != int32(e.Questions) ||
			aws.ToString(got.LensName) != e.Lens.Name || !slices.Equal(got.FrameworkPillars, e.FrameworkPillars()) {
			t.Errorf("GetLensCatalogEntry = %+v, want the entry, not installed", got)
		}
		if q := got.Questions[0]; aws.ToString(q.Title) != e.Lens.Questions()[0].Title {
			t.Errorf("the first question = %+v", q)
		}
		_, err = c.GetLensCatalogEntry(ctx, &wire.GetLensCatalogEntryInput{EntryId: aws.String("no-such-entry")})
		wantNotFound(t, err)

		in, err := c.InstallLensCatalogEntry(ctx, &wire.InstallLensCatalogEntryInput{EntryId: aws.String(catalogEntry)})
		if err != nil || in.Status != wire.CatalogInstallResultInstalled || aws.ToString(in.LensVersion) != e.Version {
			t.Fatalf("InstallLensCatalogEntry = %+v, %v", in, err)
		}
		lens, err := srv.Client.GetLens(ctx, &wellarchitected.GetLensInput{LensAlias: in.LensArn})
		if err != nil || aws.ToString(lens.Lens.Name) != e.Lens.Name || aws.ToString(lens.Lens.LensVersion) != e.Version {
			t.Errorf("GetLens of the installed lens = %+v, %v", lens, err)
		}
		again, err := c.InstallLensCatalogEntry(ctx, &wire.InstallLensCatalogEntryInput{EntryId: aws.String(catalogEntry)})
		if err != nil || again.Status != wire.CatalogInstallResultUnchanged || aws.ToString(again.LensArn) != aws.ToString(in.LensArn) {
			t.Errorf("installing again = %+v, %v; want UNCHANGED, the same lens", again, err)
		}
		got, err = c.GetLensCatalogEntry(ctx, &wire.GetLensCatalogEntryInput{EntryId: aws.String(catalogEntry)})
		if err != nil || got.InstallStatus != wire.CatalogInstallStatusInstalled || aws.ToString(got.InstalledLensArn) != aws.ToString(in.LensArn) ||
			aws.ToString(got.InstalledVersion) != e.Version {
			t.Errorf("the entry after installing = %+v, %v", got, err)
		}
		_, err = c.InstallLensCatalogEntry(ctx, &wire.InstallLensCatalogEntryInput{EntryId: aws.String("no-such-entry")})
		wantNotFound(t, err)

		var events []*wat.AuditEvent
		if err := srv.Store.View(ctx, func(tx wat.Tx) (err error) {
			events, err = tx.ListAuditEvents(ctx, wat.AuditFilter{EventName: "InstallLensCatalogEntry"}, 0, 100)
			return err
		}); err != nil {
			t.Fatal(err)
		}
		var ok int
		for _, ev := range events {
			if ev.ErrorCode == "" && ev.UserARN == srv.Admin.UserARN && strings.Contains(ev.RequestParameters, catalogEntry) &&
				strings.Contains(ev.ResponseElements, aws.ToString(in.LensArn)) {
				ok++
			}
		}
		if ok != 2 || len(events) != 3 {
			t.Errorf("audit events of InstallLensCatalogEntry: %d, %d successful naming the entry and lens; want 3, 2", len(events), ok)
		}
	})
}

// TestLensCatalogValidation: what the model constrains is refused before
// the catalog is read, naming the field.
func TestLensCatalogValidation(t *testing.T) {
	t.Parallel()
	srv := startSQLite(t)
	ctx, c := context.Background(), watclient.FromSDK(srv.Client)
	for _, tc := range []struct {
		in    *wire.ListLensCatalogInput
		field string
	}{
		{&wire.ListLensCatalogInput{MaxResults: aws.Int32(0)}, "MaxResults"},
		{&wire.ListLensCatalogInput{MaxResults: aws.Int32(51)}, "MaxResults"},
		{&wire.ListLensCatalogInput{Search: aws.String(strings.Repeat("x", 257))}, "Search"},
		{&wire.ListLensCatalogInput{Category: aws.String("")}, "Category"},
	} {
		_, err := c.ListLensCatalog(ctx, tc.in)
		wantValidation(t, err, tc.field)
	}
	for _, id := range []string{"Amazon-ECS", "amazon--ecs", strings.Repeat("a", 65)} {
		_, err := c.GetLensCatalogEntry(ctx, &wire.GetLensCatalogEntryInput{EntryId: aws.String(id)})
		wantValidation(t, err, "EntryId")
		_, err = c.InstallLensCatalogEntry(ctx, &wire.InstallLensCatalogEntryInput{EntryId: aws.String(id)})
		wantValidation(t, err, "EntryId")
	}
	var out wire.ListLensCatalogOutput
	err := c.Call(ctx, "GET", "/lensCatalog?MaxResults=many", nil, &out)
	wantValidation(t, err, "MaxResults")
}

// optional is s as an optional member: nil when empty.
func optional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
