package main

import (
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"golang.org/x/image/font/gofont/goregular"
)

// TestReportFontsConfig: --report-fonts takes WAT_REPORT_FONTS as its
// default; a directory that cannot be read stops wat from starting.
func TestReportFontsConfig(t *testing.T) {
	env := map[string]string{"WAT_REPORT_FONTS": "/env/fonts"}
	getenv := func(k string) string { return env[k] }
	c, err := parseServeConfig(nil, getenv, io.Discard)
	if err != nil || c.ReportFonts != "/env/fonts" {
		t.Errorf("from the environment: %q, %v", c.ReportFonts, err)
	}
	c, err = parseServeConfig([]string{"--report-fonts", "/flag/fonts"}, getenv, io.Discard)
	if err != nil || c.ReportFonts != "/flag/fonts" {
		t.Errorf("from the flag: %q, %v", c.ReportFonts, err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	if _, err := loadReportFonts("", log); err != nil {
		t.Errorf("no directory: %v", err)
	}
	if _, err := loadReportFonts(filepath.Join(t.TempDir(), "missing"), log); err == nil {
		t.Error("a missing directory was accepted")
	}
}

// TestReportFontsOrder: without --report-fonts, wat draws Korean, Chinese,
// Japanese, Thai and emoji with the fonts in its binary, before any the
// machine has installed; the operator's fonts come before those.
func TestReportFontsOrder(t *testing.T) {
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	embedded := []string{"go", "dejavusans", "fallbackhangul", "droidsansfallbackfull", "notosansthai", "notoemoji"}
	fonts, err := loadReportFonts("", log)
	if err != nil {
		t.Fatal(err)
	}
	if names := fonts.Names(); len(names) < len(embedded) || !slices.Equal(names[:len(embedded)], embedded) {
		t.Errorf("without --report-fonts: faces %v, want %v first", names, embedded)
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "Chosen.ttf"), goregular.TTF, 0o600); err != nil {
		t.Fatal(err)
	}
	fonts, err = loadReportFonts(dir, log)
	if err != nil {
		t.Fatal(err)
	}
	want := slices.Insert(slices.Clone(embedded), 2, "chosen")
	if names := fonts.Names(); len(names) < len(want) || !slices.Equal(names[:len(want)], want) {
		t.Errorf("with --report-fonts: faces %v, want %v first", names, want)
	}
}
