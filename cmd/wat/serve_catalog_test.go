package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/wat-dev/wat/api/wire"
	"github.com/wat-dev/wat/internal/watclient"
)

// TestServeRefusesABrokenLensCatalog: a team's catalog folder whose lens
// does not validate stops wat serve at start, naming the file and the
// problem in ImportLens's words, before anything listens.
func TestServeRefusesABrokenLensCatalog(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "team.json"), []byte(`{"schemaVersion":"2021-11-01","name":"Team lens","description":"x","pillars":[]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	code := run(context.Background(), []string{"serve", "--listen", "127.0.0.1:0", "--data-dir", t.TempDir(), "--lens-catalog", dir},
		func(string) string { return "" }, &out, &errb)
	if code == 0 {
		t.Fatalf("wat serve started with a broken lens catalog:\n%s", errb.String())
	}
	if !strings.Contains(errb.String(), "team.json") || !strings.Contains(errb.String(), "pillars") {
		t.Errorf("stderr does not name the file and its problem:\n%s", errb.String())
	}
}

// TestServeLensCatalogFromEnvironment: WAT_LENS_CATALOG names the folders
// as the flag does, separated like PATH.
func TestServeLensCatalogFromEnvironment(t *testing.T) {
	env := map[string]string{"WAT_LENS_CATALOG": "/a" + string(filepath.ListSeparator) + "/b"}
	cfg, err := parseServeConfig([]string{"--lens-catalog", "/c"}, func(k string) string { return env[k] }, &bytes.Buffer{})
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(cfg.LensCatalogs, ","); got != "/a,/b,/c" {
		t.Errorf("LensCatalogs = %s, want /a,/b,/c", got)
	}
}

// TestServeLensCatalogOfNonLatinNames serves a team's folder whose files
// are named in the team's languages, and takes every entry through the
// API as the console and `wat lens catalog` do: listed, read by its id and
// installed by it, then shown installed.
func TestServeLensCatalogOfNonLatinNames(t *testing.T) {
	dir := t.TempDir()
	names := []string{"安全.json", "Безопасность.json", "Sécurité des données.json", "🚀.json", "Платежи v2.json", "Сеть v2.json"}
	for i, name := range names {
		doc := fmt.Sprintf(`{"schemaVersion": "2021-11-01", "name": "Team lens %d", "pillars": [{"id": "sec", "name": "Security",
		  "questions": [{"id": "keys", "title": "How are keys rotated?", "choices": [
		    {"id": "auto", "title": "Rotated automatically", "improvementPlan": {"displayText": "Rotate keys."}},
		    {"id": "keys_no", "title": "None of these"}],
		  "riskRules": [{"condition": "auto", "risk": "NO_RISK"}, {"condition": "default", "risk": "HIGH_RISK"}]}]}]}`, i)
		if err := os.WriteFile(filepath.Join(dir, name), []byte(doc), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	data := t.TempDir()
	w := MustRunMain(t, nil, "--listen", "127.0.0.1:0", "--data-dir", data, "--lens-catalog", dir)
	creds := readCredentials(t, data)
	c := watclient.FromSDK(sdkClient(w.Endpoint, creds[0], creds[1]))
	ctx := context.Background()

	list, err := c.ListLensCatalog(ctx, &wire.ListLensCatalogInput{MaxResults: aws.Int32(50)})
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{} // entry id -> file
	for _, e := range list.LensCatalogEntries {
		if aws.ToString(e.CatalogName) == dir {
			files[aws.ToString(e.EntryId)] = ""
		}
	}
	if len(files) != len(names) {
		t.Fatalf("the team's entries have %d ids, want %d: %v", len(files), len(names), files)
	}
	for id := range files {
		got, err := c.GetLensCatalogEntry(ctx, &wire.GetLensCatalogEntryInput{EntryId: aws.String(id)})
		if err != nil {
			t.Errorf("GetLensCatalogEntry(%q): %v", id, err)
			continue
		}
		files[id] = aws.ToString(got.Source.File)
		in, err := c.InstallLensCatalogEntry(ctx, &wire.InstallLensCatalogEntryInput{EntryId: aws.String(id)})
		if err != nil || in.Status != wire.CatalogInstallResultInstalled {
			t.Errorf("InstallLensCatalogEntry(%q) = %+v, %v", id, in, err)
			continue
		}
		if got, err := c.GetLensCatalogEntry(ctx, &wire.GetLensCatalogEntryInput{EntryId: aws.String(id)}); err != nil ||
			got.InstallStatus != wire.CatalogInstallStatusInstalled || aws.ToString(got.InstalledLensArn) != aws.ToString(in.LensArn) {
			t.Errorf("GetLensCatalogEntry(%q) after the install = %+v, %v", id, got, err)
		}
	}
	var served []string
	for _, f := range files {
		served = append(served, f)
	}
	slices.Sort(served)
	slices.Sort(names)
	if !slices.Equal(served, names) {
		t.Errorf("the entries read by id are of %q, want %q", served, names)
	}
	if files["securite-des-donnees"] != "Sécurité des données.json" {
		t.Errorf("ids: %v; want securite-des-donnees for Sécurité des données.json", files)
	}
}
