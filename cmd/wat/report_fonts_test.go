package main

import (
	"io"
	"log/slog"
	"path/filepath"
	"testing"
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
