package service_test

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/wat-dev/wat"
	"github.com/wat-dev/wat/lens/catalog"
	"github.com/wat-dev/wat/service"
	"github.com/wat-dev/wat/sqlstore"
)

// catalogFixture is a store with one account, and services over it that
// may each be given another lens catalog, as a server restarted with a
// newer wat would be.
type catalogFixture struct {
	store   wat.Store
	account string
	admin   context.Context
}

func newCatalogFixture(t *testing.T) *catalogFixture {
	t.Helper()
	ctx := context.Background()
	db, err := sqlstore.OpenSQLite(ctx, filepath.Join(t.TempDir(), "wat.db"), []byte("0123456789abcdef0123456789abcdef"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	creds, err := service.New(service.Config{Store: db, Region: "us-east-1"}).EnsureDefaultAccount(ctx)
	if err != nil {
		t.Fatal(err)
	}
	p := &wat.Principal{AccountID: creds.AccountID, UserName: "admin", UserARN: creds.UserARN, IsAdmin: true}
	return &catalogFixture{store: db, account: creds.AccountID, admin: wat.NewContextWithPrincipal(ctx, p)}
}

// service returns a service over the fixture's store with cat (nil: the
// embedded catalog).
func (f *catalogFixture) service(cat *catalog.Catalog) *service.Service {
	return service.New(service.Config{Store: f.store, Region: "us-east-1", LensCatalog: cat, AuthCacheTTL: -1})
}

// teamCatalog is a catalog of one entry, "payments" at version, whose one
// question is titled title.
func teamCatalog(t *testing.T, version, title string) *catalog.Catalog {
	t.Helper()
	doc := fmt.Sprintf(`{"schemaVersion": "2021-11-01", "name": "Payments", "pillars": [{"id": "sec", "name": "Security",
	  "questions": [{"id": "keys", "title": %q, "choices": [
	    {"id": "auto", "title": "Rotated automatically", "improvementPlan": {"displayText": "Rotate keys."}},
	    {"id": "keys_no", "title": "None of these"}],
	  "riskRules": [{"condition": "auto", "risk": "NO_RISK"}, {"condition": "default", "risk": "HIGH_RISK"}]}]}]}`, title)
	c, err := catalog.Load(fstest.MapFS{
		"payments.json": {Data: []byte(doc)},
		"catalog.yaml":  {Data: []byte(fmt.Sprintf("entries:\n  - {file: payments.json, version: %q}\n", version))},
	}, "team")
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func wantCatalogCode(t *testing.T, err error, code wat.ErrorCode, text string) {
	t.Helper()
	if wat.ErrorCodeOf(err) != code || !strings.Contains(fmt.Sprint(err), text) {
		t.Fatalf("error %v, want %s saying %q", err, code, text)
	}
}

// TestInstallCatalogLens: an entry of the embedded catalog becomes a
// published custom lens of the account, tagged with its origin; installing
// it again changes nothing; the catalog shows it installed.
func TestInstallCatalogLens(t *testing.T) {
	f := newCatalogFixture(t)
	s, ctx := f.service(nil), f.admin
	got, err := s.InstallCatalogLens(ctx, "amazon-ecs")
	if err != nil {
		t.Fatal(err)
	}
	if got.Status != service.CatalogLensInstalled || got.LensVersion != "1.0" || !strings.HasPrefix(got.LensARN, "arn:aws:wellarchitected:us-east-1:"+f.account+":lens/") {
		t.Fatalf("install: %+v", got)
	}
	li, err := s.GetLens(ctx, got.LensARN, "")
	if err != nil {
		t.Fatal(err)
	}
	if li.Type != service.LensTypeCustomSelf || li.Status != wat.LensPublished || li.Version != "1.0" || li.Name != "Amazon ECS Lens" ||
		li.Tags[service.TagCatalogEntry] != "amazon-ecs" || li.Tags[service.TagCatalogVersion] != "1.0" {
		t.Errorf("the installed lens: %+v", li)
	}
	again, err := s.InstallCatalogLens(ctx, "amazon-ecs")
	if err != nil || again.Status != service.CatalogLensUnchanged || again.LensARN != got.LensARN {
		t.Errorf("second install: %+v, %v", again, err)
	}
	e, err := s.GetCatalogEntry(ctx, "amazon-ecs")
	if err != nil || e.Status() != service.CatalogInstalled || e.InstalledLensARN != got.LensARN || e.Questions != 36 {
		t.Errorf("GetCatalogEntry: %+v, %v", e, err)
	}
	list, _, err := s.ListCatalog(ctx, catalog.Filter{Category: "containers"}, "", 0)
	if err != nil || len(list) != 1 || list[0].Status() != service.CatalogInstalled {
		t.Errorf("ListCatalog(containers): %v, %v", list, err)
	}
	page, next, err := s.ListCatalog(ctx, catalog.Filter{}, "", 20)
	if err != nil || len(page) != 20 || next == "" || page[1].Status() != service.CatalogNotInstalled {
		t.Errorf("ListCatalog: %d entries, next %q, %v", len(page), next, err)
	}
	_, err = s.InstallCatalogLens(ctx, "amazon-ec2")
	wantCatalogCode(t, err, wat.ENotFound, `The lens catalog has no entry "amazon-ec2"`)
	_, err = s.GetCatalogEntry(ctx, "amazon-ec2")
	wantCatalogCode(t, err, wat.ENotFound, `The lens catalog has no entry "amazon-ec2"`)
}

// TestInstallCatalogLensUpgrade: a newer catalog version of an installed
// entry is published as a new major version of the same lens, so that a
// workload reviewing the older one keeps it and is notified.
func TestInstallCatalogLensUpgrade(t *testing.T) {
	f := newCatalogFixture(t)
	ctx := f.admin
	v1 := f.service(teamCatalog(t, "1", "How are keys rotated?"))
	first, err := v1.InstallCatalogLens(ctx, "payments")
	if err != nil {
		t.Fatal(err)
	}
	w, err := v1.CreateWorkload(ctx, service.CreateWorkloadInput{Workload: wat.Workload{Name: "Checkout", Description: "d",
		Environment: wat.EnvironmentProduction, AWSRegions: []string{"us-east-1"}, ReviewOwner: "ops"}, Lenses: []string{first.LensARN}})
	if err != nil {
		t.Fatal(err)
	}
	v2 := f.service(teamCatalog(t, "2", "How, and how often, are keys rotated?"))
	if e, _ := v2.GetCatalogEntry(ctx, "payments"); e.Status() != service.CatalogUpgradeAvailable {
		t.Errorf("before the upgrade: %s, want %s", e.Status(), service.CatalogUpgradeAvailable)
	}
	up, err := v2.InstallCatalogLens(ctx, "payments")
	if err != nil {
		t.Fatal(err)
	}
	want := service.CatalogInstall{LensARN: first.LensARN, LensVersion: "2", Status: service.CatalogLensUpgraded, PreviousVersion: "1"}
	if *up != want {
		t.Errorf("upgrade: %+v, want %+v", *up, want)
	}
	rv, err := v2.GetLensReview(ctx, w.ID, first.LensARN, 0)
	if err != nil || rv.Lens.Version != "1" {
		t.Fatalf("the workload's review moved to %v (%v); a major version leaves it on 1", rv.Lens.Version, err)
	}
	ns, _, err := v2.ListNotifications(ctx, w.ID, "", "", 0)
	if err != nil || len(ns) != 1 || ns[0].Type != service.NotificationLensVersionUpgraded || ns[0].CurrentVersion != "1" || ns[0].Lens.Version != "2" {
		t.Fatalf("notifications %+v, %v", ns, err)
	}
	if err := v2.UpgradeLensReview(ctx, w.ID, first.LensARN, "Before payments 2", "t1"); err != nil {
		t.Fatal(err)
	}
	rv, _ = v2.GetLensReview(ctx, w.ID, first.LensARN, 0)
	q, _ := rv.Lens.Lens.Question("keys")
	if rv.Lens.Version != "2" || q.Title != "How, and how often, are keys rotated?" {
		t.Errorf("after upgrading the review: version %s, question %q", rv.Lens.Version, q.Title)
	}
	if again, _ := v2.InstallCatalogLens(ctx, "payments"); again.Status != service.CatalogLensUnchanged {
		t.Errorf("installing 2 again: %s", again.Status)
	}
}

// TestInstallCatalogLensRules: installing follows ImportLens's rules for
// names and quotas; a deleted installed lens is installed anew.
func TestInstallCatalogLensRules(t *testing.T) {
	f := newCatalogFixture(t)
	s, ctx := f.service(teamCatalog(t, "1", "How are keys rotated?")), f.admin
	doc := `{"schemaVersion": "2021-11-01", "name": %q, "pillars": [{"id": "ppp", "name": "P", "questions": [{"id": "qqq", "title": "Q?",
	  "choices": [{"id": "ccc", "title": "C", "improvementPlan": {"displayText": "Do C."}}],
	  "riskRules": [{"condition": "ccc", "risk": "NO_RISK"}, {"condition": "default", "risk": "HIGH_RISK"}]}]}]}`
	mine, err := s.ImportLens(ctx, service.ImportLensInput{JSON: fmt.Sprintf(doc, "payments")})
	if err != nil {
		t.Fatal(err)
	}
	_, err = s.InstallCatalogLens(ctx, "payments")
	wantCatalogCode(t, err, wat.EConflict, `Lens `+mine+` of this account is already named "Payments": delete it, or import it under another name, to install payments from the lens catalog`)
	if err := s.DeleteLens(ctx, mine, "ALL", ""); err != nil {
		t.Fatal(err)
	}
	first, err := s.InstallCatalogLens(ctx, "payments")
	if err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteLens(ctx, first.LensARN, "ALL", ""); err != nil {
		t.Fatal(err)
	}
	second, err := s.InstallCatalogLens(ctx, "payments")
	if err != nil || second.Status != service.CatalogLensInstalled || second.LensARN == first.LensARN {
		t.Fatalf("after deleting the installed lens: %+v, %v; want a new lens", second, err)
	}
	for i := range service.MaxCustomLensesPerAccount - 1 {
		if _, err := s.ImportLens(ctx, service.ImportLensInput{JSON: fmt.Sprintf(doc, fmt.Sprint("Lens ", i))}); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.DeleteLens(ctx, second.LensARN, "ALL", ""); err != nil {
		t.Fatal(err)
	}
	if _, err := s.ImportLens(ctx, service.ImportLensInput{JSON: fmt.Sprintf(doc, "The last")}); err != nil {
		t.Fatal(err)
	}
	_, err = s.InstallCatalogLens(ctx, "payments")
	wantCatalogCode(t, err, wat.EQuota, "The account already has 15 custom lenses, the most allowed")
}

// TestInstallCatalogLensNeedsImportAndPublish: reading the catalog needs
// ListLenses; installing needs ImportLens and CreateLensVersion, so that a
// policy denying either denies installing too.
func TestInstallCatalogLensNeedsImportAndPublish(t *testing.T) {
	f := newCatalogFixture(t)
	s := f.service(teamCatalog(t, "1", "How are keys rotated?"))
	bg := context.Background()
	user := func(name string, policy *service.PolicyInput) context.Context {
		t.Helper()
		creds, err := s.CreateUser(bg, f.account, name, policy)
		if err != nil {
			t.Fatal(err)
		}
		_, p, err := s.Authenticate(bg, creds.AccessKeyID)
		if err != nil {
			t.Fatal(err)
		}
		return wat.NewContextWithPrincipal(bg, p)
	}
	allow := func(actions ...string) *service.PolicyInput {
		return &service.PolicyInput{Name: "p", Document: []byte(`{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Resource": "*",
		  "Action": ["wellarchitected:` + strings.Join(actions, `", "wellarchitected:`) + `"]}]}`)}
	}
	reader := user("reader", &service.PolicyInput{Managed: "WellArchitectedConsoleReadOnlyAccess"})
	if _, _, err := s.ListCatalog(reader, catalog.Filter{}, "", 0); err != nil {
		t.Errorf("ListCatalog as a reader: %v", err)
	}
	_, err := s.InstallCatalogLens(reader, "payments")
	wantCatalogCode(t, err, wat.EForbidden, "is not authorized to perform: wellarchitected:ImportLens")
	_, err = s.InstallCatalogLens(user("importer", allow("ImportLens")), "payments")
	wantCatalogCode(t, err, wat.EForbidden, "is not authorized to perform: wellarchitected:CreateLensVersion")
	_, _, err = s.ListCatalog(user("nobody", nil), catalog.Filter{}, "", 0)
	wantCatalogCode(t, err, wat.EForbidden, "is not authorized to perform: wellarchitected:ListLenses")
	if _, err := s.InstallCatalogLens(user("author", allow("ImportLens", "CreateLensVersion")), "payments"); err != nil {
		t.Errorf("with both actions allowed: %v", err)
	}
}
