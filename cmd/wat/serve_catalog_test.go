package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
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
