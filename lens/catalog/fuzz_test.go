package catalog

import (
	"testing"
	"testing/fstest"
)

// FuzzLoad reads a folder whose index and lens are arbitrary, as an
// operator's --lens-catalog folder may be: Load returns a catalog or an
// error, and never panics, whatever repairs the index asks for.
func FuzzLoad(f *testing.F) {
	f.Add([]byte("entries:\n  - file: a.json\n    repairs:\n      - {path: name, was: A, set: B, why: w}\n"), []byte(teamLens("A")))
	f.Add([]byte("entries:\n  - file: a.json\n    repairs:\n      - {path: 'pillars[0].questions', append: {id: x}, why: w}\n"), []byte(teamLens("A")))
	f.Add([]byte("entries:\n  - file: a.json\n    repairs:\n      - {path: name, line: 3, was: A, set: '\"B\"', why: w}\n"), []byte(teamLens("A")))
	f.Add([]byte("name: [x]\nentries: 3\n"), []byte(`{"name": NaN}`))
	f.Add([]byte("entries:\n  - {file: a.json, id: '', version: '', source: {sha256: zz}}\n"), []byte("{}"))
	f.Fuzz(func(t *testing.T, index, doc []byte) {
		c, err := Load(fstest.MapFS{IndexFile: {Data: index}, "a.json": {Data: doc}}, "fuzz")
		if (c == nil) == (err == nil) {
			t.Fatalf("Load = %v, %v: want a catalog or an error", c, err)
		}
		if c != nil {
			for _, e := range c.Entries() {
				if e.Lens == nil || len(e.Document) == 0 {
					t.Fatalf("entry %s without its lens", e.ID)
				}
			}
		}
	})
}

// FuzzParsePath: repair paths come from an index; parsing one never
// panics, and what it parses prints back as it was.
func FuzzParsePath(f *testing.F) {
	for _, s := range []string{"name", "pillars[1].questions[2].riskRules", "a[0][1].b", "[0]", "a[", "a[-1]", "a.", "a[1]x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		steps, err := parsePath(s)
		if err == nil && pathString(steps) != s {
			t.Fatalf("parsePath(%q) prints back as %q", s, pathString(steps))
		}
	})
}
