// Package web holds the console's built assets, embedded in the binary:
// `make build` runs the Vite build of this directory into dist/console
// before compiling, and a binary built without it serves the API alone.
package web

// The console's client of the API (src/api/gen) is generated from the same
// models as the server's wire layer; a test in internal/smithygen fails when
// it is stale.
//
//go:generate go run ../internal/smithygen -spec ../spec/wellarchitected-2020-03-31.json -spec ../spec/wat.json -ts src/api/gen

import (
	"embed"
	"io/fs"
)

// dist is the build output. It always holds README.md, so that the
// directive compiles before the console is built.
//
//go:embed all:dist
var dist embed.FS

// Console returns the built console (index.html, assets/, favicons) and
// whether this binary has one: false when dist/console/index.html was not
// built.
func Console() (fs.FS, bool) {
	sub, err := fs.Sub(dist, "dist/console")
	if err != nil {
		return nil, false
	}
	if _, err := fs.Stat(sub, "index.html"); err != nil {
		return nil, false
	}
	return sub, true
}
