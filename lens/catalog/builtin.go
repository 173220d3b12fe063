package catalog

import (
	"embed"
	"io/fs"
	"sync"
)

// lenses is the catalog embedded in wat: the lens documents as published,
// their licence, and the index that describes and repairs them.
//
//go:embed lenses
var lenses embed.FS

// BuiltinName names the embedded catalog.
const BuiltinName = "wat"

// builtin reads the embedded catalog on first use, not at start: it is
// 2.4 MB of lens documents to validate, and a server that never shows the
// catalog should not pay for it (wat starts serving in milliseconds).
var builtin = sync.OnceValues(func() (*Catalog, error) {
	sub, err := fs.Sub(lenses, "lenses")
	if err != nil {
		return nil, err
	}
	return Load(sub, BuiltinName)
})

// Builtin returns the catalog embedded in wat. Its tests rule out an
// error; it is returned all the same rather than panicking a server.
func Builtin() (*Catalog, error) { return builtin() }

// Open returns the embedded catalog followed by the team catalogs in the
// folders dirs, in that order, read now: a server given a folder it
// cannot use should refuse to start, saying why.
func Open(dirs ...string) (*Catalog, error) {
	b, err := Builtin()
	if err != nil {
		return nil, err
	}
	cats := []*Catalog{b}
	for _, dir := range dirs {
		c, err := LoadDir(dir)
		if err != nil {
			return nil, err
		}
		cats = append(cats, c)
	}
	return Merge(cats...)
}
