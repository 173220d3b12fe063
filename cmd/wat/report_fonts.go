package main

import (
	"flag"
	"log/slog"
	"path/filepath"

	"github.com/wat-dev/wat/report"
	"github.com/wat-dev/wat/report/fontdir"
)

// The fonts of report PDFs: the ones embedded in report (Latin, Greek,
// Cyrillic, Hebrew, Arabic…), then the TrueType fonts of the directories
// given with --report-fonts (wat serve) or WAT_REPORT_FONTS (a list like
// PATH, for wat serve and wat report), then the fallback fonts embedded
// for Korean, Chinese, Japanese, Thai and emoji, then those Debian's font
// packages install (fontdir.Wellknown: Indic scripts, Ethiopic, symbols…).
// A fresh machine thus draws every script the binary has a font for, and
// the operator's fonts still win over the embedded fallback.

// addReportFontsFlag defines --report-fonts, defaulting to WAT_REPORT_FONTS.
func addReportFontsFlag(fs *flag.FlagSet, dirs *string, getenv func(string) string) {
	if *dirs == "" {
		*dirs = getenv("WAT_REPORT_FONTS")
	}
	fs.StringVar(dirs, "report-fonts", *dirs, "directories (separated by "+string(filepath.ListSeparator)+
		") of TrueType fonts for report PDFs, tried before the fonts embedded for CJK, Korean, Thai and emoji (WAT_REPORT_FONTS)")
}

// loadReportFonts finds the report fonts and says which were found.
func loadReportFonts(dirs string, log *slog.Logger) (*report.Fonts, error) {
	src := fontdir.Sources{Dirs: filepath.SplitList(dirs), System: fontdir.Debian}
	found, err := fontdir.Found(log, src)
	if err != nil {
		return nil, err
	}
	log.Info("report fonts found beyond the embedded ones", "count", len(found))
	log.Debug("report fonts", "files", found)
	return fontdir.Load(log, src)
}
