package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/wat-dev/wat/service"
)

// TestLensCatalogListAndShow: the catalog as a reviewer browses it, every
// entry with its version, questions, pillars and categories; one entry in
// full with its source, licence and repairs.
func TestLensCatalogListAndShow(t *testing.T) {
	stdout, stderr, code := runLens(t, "catalog", "list")
	if code != 0 || stderr != "" {
		t.Fatalf("list: exit %d, stderr %q", code, stderr)
	}
	lensGolden(t, "catalog-list.golden", stdout)
	stdout, _, code = runLens(t, "catalog", "show", "amazon-ecs")
	if code != 0 {
		t.Fatalf("show: exit %d", code)
	}
	lensGolden(t, "catalog-show-ecs.golden", stdout)

	stdout, _, _ = runLens(t, "catalog", "list", "--json", "--pillar", "sustainability", "--category", "database")
	var entries []catalogEntryJSON
	if err := json.Unmarshal([]byte(stdout), &entries); err != nil {
		t.Fatal(err)
	}
	if len(entries) != 2 || entries[0].ID != "amazon-documentdb" || entries[1].ID != "amazon-dynamodb" || entries[1].Source.License != "MIT-0" {
		t.Errorf("list --json --pillar sustainability --category database: %+v", entries)
	}
	stdout, _, _ = runLens(t, "catalog", "show", "--json", "amazon-athena")
	var athena catalogEntryJSON
	if err := json.Unmarshal([]byte(stdout), &athena); err != nil {
		t.Fatal(err)
	}
	if len(athena.Repairs) != 1 || athena.Repairs[0].What != `"Spark on EMR Best Practice Lens" → "Athena SQL Best Practice Lens"` || athena.LensName != "Athena SQL Best Practice Lens" {
		t.Errorf("show --json amazon-athena: %+v", athena)
	}

	for _, args := range [][]string{{"show", "amazon-ec2"}, {"show"}, {"list", "extra"}, {"frobnicate"}} {
		_, stderr, code := runLens(t, append([]string{"catalog"}, args...)...)
		if code == 0 || stderr == "" {
			t.Errorf("catalog %v: exit %d, stderr %q; want a failure saying why", args, code, stderr)
		}
	}
}

// writeTeamCatalog writes a team's catalog folder of one lens, "payments"
// at version, and returns the folder.
func writeTeamCatalog(t *testing.T, dir, version string) string {
	t.Helper()
	doc := `{"schemaVersion": "2021-11-01", "name": "Payments platform", "pillars": [{"id": "sec", "name": "Security",
	  "questions": [{"id": "keys", "title": "How are keys rotated (` + version + `)?", "choices": [
	    {"id": "auto", "title": "Rotated automatically", "improvementPlan": {"displayText": "Rotate keys."}},
	    {"id": "keys_no", "title": "None of these"}],
	  "riskRules": [{"condition": "auto", "risk": "NO_RISK"}, {"condition": "default", "risk": "HIGH_RISK"}]}]}]}`
	os.MkdirAll(dir, 0o755)
	for name, data := range map[string]string{
		"payments.json": doc,
		"catalog.yaml":  "name: Example Corp\nentries:\n  - {file: payments.json, id: payments, version: \"" + version + "\", categories: [practice]}\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestLensCatalogTeamFolder: a team's folder joins the catalog; one with
// an invalid lens is refused, naming the file and the problem, as wat
// serve refuses to start with it.
func TestLensCatalogTeamFolder(t *testing.T) {
	dir := writeTeamCatalog(t, t.TempDir(), "1")
	stdout, stderr, code := runLens(t, "catalog", "list", "--lens-catalog", dir, "--category", "practice")
	if code != 0 || !regexp.MustCompile(`(?m)^payments +1 +1 +SEC +practice +Payments platform +Example Corp$`).MatchString(stdout) {
		t.Errorf("list with a team folder: exit %d, stderr %q, stdout\n%s", code, stderr, stdout)
	}
	os.WriteFile(filepath.Join(dir, "broken.json"), []byte(`{"schemaVersion": "2021-11-01", "name": "Broken", "pillars": []}`), 0o644)
	_, stderr, code = runLens(t, "catalog", "list", "--lens-catalog", dir)
	want := "wat lens catalog list: lens catalog " + dir + ": " + filepath.Join(dir, "broken.json") + ": pillars: needs at least one pillar (line 1, column 62)\n"
	if code != 1 || stderr != want {
		t.Errorf("list with a broken team folder: exit %d, stderr %q\nwant %q", code, stderr, want)
	}
}

// TestLensCatalogInstall installs entries into the database of wat serve:
// once, again (nothing to do), and a newer version of a team's entry.
func TestLensCatalogInstall(t *testing.T) {
	dir, _ := newDataDir(t)
	stdout, stderr, code := runLens(t, "catalog", "install", "--data-dir", dir, "amazon-ecs")
	if code != 0 || !regexp.MustCompile(`^Installed amazon-ecs as arn:aws:wellarchitected:us-east-1:\d{12}:lens/[0-9a-f]{32}, version 1\.0\.\n$`).MatchString(stdout) {
		t.Fatalf("install: exit %d, stderr %q, stdout %q", code, stderr, stdout)
	}
	stdout, _, _ = runLens(t, "catalog", "install", "--data-dir", dir, "--json", "amazon-ecs")
	var again catalogInstallJSON
	if err := json.Unmarshal([]byte(stdout), &again); err != nil || again.Status != service.CatalogLensUnchanged || again.LensVersion != "1.0" {
		t.Errorf("second install: %+v, %v", again, err)
	}

	team := writeTeamCatalog(t, filepath.Join(t.TempDir(), "team"), "1")
	if _, stderr, code := runLens(t, "catalog", "install", "--data-dir", dir, "--lens-catalog", team, "payments"); code != 0 {
		t.Fatalf("install from a team folder: exit %d, %s", code, stderr)
	}
	writeTeamCatalog(t, team, "2")
	stdout, stderr, code = runLens(t, "catalog", "install", "--data-dir", dir, "--lens-catalog", team, "payments")
	if code != 0 || !strings.HasPrefix(stdout, "Upgraded arn:") || !strings.Contains(stdout, " from version 1 to 2: ") {
		t.Errorf("upgrade: exit %d, stderr %q, stdout %q", code, stderr, stdout)
	}

	// What the server's API shows: two published custom lenses, tagged.
	f := &reportFixture{dir: dir}
	f.service(t, func(ctx context.Context, svc *service.Service) error {
		ctx, err := asAccountAdmin(ctx, svc, "")
		if err != nil {
			return err
		}
		lenses, _, err := svc.ListLenses(ctx, service.LensFilter{Type: service.LensTypeCustomSelf}, "", 0)
		var got []string
		for _, l := range lenses {
			got = append(got, fmt.Sprintf("%s %s %s %s", l.Name, l.Version, l.Tags[service.TagCatalogEntry], l.Tags[service.TagCatalogVersion]))
		}
		slices.Sort(got) // lenses come in the order of their ARNs
		if want := "Amazon ECS Lens 1.0 amazon-ecs 1.0|Payments platform 2 payments 2"; strings.Join(got, "|") != want {
			t.Errorf("the account's lenses: %q, want %q", got, want)
		}
		return err
	})

	_, stderr, code = runLens(t, "catalog", "install", "--data-dir", dir, "amazon-ec2")
	if code != 1 || stderr != "wat lens catalog install: The lens catalog has no entry \"amazon-ec2\"\n" {
		t.Errorf("unknown entry: exit %d, stderr %q", code, stderr)
	}
	_, stderr, code = runLens(t, "catalog", "install", "--data-dir", t.TempDir(), "amazon-ecs")
	if code != 1 || !strings.Contains(stderr, "no wat database at ") {
		t.Errorf("no database: exit %d, stderr %q", code, stderr)
	}
}
