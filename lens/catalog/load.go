package catalog

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"runtime"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/wat-dev/wat"
	"github.com/wat-dev/wat/lens"
)

// maxProblemsPerFile bounds the problems a LoadError lists for one lens
// file: the first ones say what is wrong, `wat lens lint` lists them all.
const maxProblemsPerFile = 10

// LoadError is every problem found in a catalog folder. Load refuses the
// folder as a whole when there is any, so that a catalog is never served
// with some of its lenses silently missing.
type LoadError struct {
	Catalog  string
	Problems []FileProblem
}

// FileProblem is one problem of one file of a catalog folder; File is
// empty for the folder as a whole.
type FileProblem struct {
	File    string
	Message string
}

func (e *LoadError) Error() string {
	lines := make([]string, 0, len(e.Problems)+1)
	for _, p := range e.Problems {
		if p.File == "" {
			lines = append(lines, p.Message)
		} else {
			lines = append(lines, path.Join(e.Catalog, p.File)+": "+p.Message)
		}
	}
	if len(lines) == 1 {
		return "lens catalog " + e.Catalog + ": " + lines[0]
	}
	return fmt.Sprintf("lens catalog %s has %d problems:\n  %s", e.Catalog, len(lines), strings.Join(lines, "\n  "))
}

// LoadDir reads the catalog folder dir (see Load).
func LoadDir(dir string) (*Catalog, error) { return Load(os.DirFS(dir), dir) }

// Load reads a catalog folder: every *.json file in it is a lens document,
// described by the entry of IndexFile that names it if there is one, by
// defaults otherwise. Entries come in the index's order, then the files
// it does not name in the order of their names. name says in messages
// which folder this is, and names the catalog unless its index does. Any
// problem fails the whole folder with a *LoadError naming each file and
// problem, those of the documents in ImportLens's words.
func Load(fsys fs.FS, name string) (*Catalog, error) {
	fail := &LoadError{Catalog: name}
	add := func(file, format string, args ...any) {
		fail.Problems = append(fail.Problems, FileProblem{File: file, Message: fmt.Sprintf(format, args...)})
	}
	// A folder that is not there (a mistyped --lens-catalog) reads as an
	// empty one through os.DirFS: say so instead of serving no lenses.
	if _, err := fs.Stat(fsys, "."); errors.Is(err, fs.ErrNotExist) {
		add("", "there is no such folder")
		return nil, fail
	} else if err != nil {
		add("", "cannot read the folder: %v", err)
		return nil, fail
	}
	ix, err := readIndex(fsys)
	if err != nil {
		add(IndexFile, "%v", err)
		return nil, fail
	}
	if ix.Name != "" {
		name = ix.Name
	}
	files, err := fs.Glob(fsys, "*.json")
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		add("", "the folder holds no lens documents (*.json)")
		return nil, fail
	}
	listed := map[string]bool{}
	fields := slices.Clone(ix.Entries)
	for _, e := range ix.Entries {
		if listed[e.File] {
			add(IndexFile, "two entries name %s", e.File)
		}
		listed[e.File] = true
		if !slices.Contains(files, e.File) {
			add(IndexFile, "entry %s: there is no such file in the folder", e.File)
		}
	}
	for _, f := range files {
		if !listed[f] {
			fields = append(fields, entryFields{File: f})
		}
	}
	if len(fail.Problems) > 0 {
		return nil, fail
	}
	loaded := loadEntries(fsys, name, ix.Source, fields)
	c := &Catalog{byID: map[string]*Entry{}}
	names := map[string]string{} // lens name key -> entry id
	given := map[string]bool{}   // entry id -> whether the index gives it
	for i, f := range fields {
		e := loaded[i].entry
		for _, p := range loaded[i].problems {
			add(f.File, "%s", p)
		}
		if e == nil {
			continue
		}
		if prev, dup := c.byID[e.ID]; dup {
			// The folder is refused rather than one of the two given
			// the id by the order of the files: a file added later must
			// not take over an id that installs already record.
			if f.ID == "" && !given[e.ID] {
				add(f.File, "its name makes the id %q, as the name of %s does: rename one of the files, or give one of them an id in %s", e.ID, prev.Source.File, IndexFile)
			} else {
				add(f.File, "its id %q is also the id of %s: give one of them another id in %s", e.ID, prev.Source.File, IndexFile)
			}
		}
		given[e.ID] = given[e.ID] || f.ID != ""
		// Two lenses of an account cannot have one name; every entry of a
		// catalog must be installable beside every other.
		if prev, dup := names[wat.NameKey(e.Lens.Name)]; dup {
			add(f.File, "the lens is named %q, as is the lens of entry %q: two lenses of an account cannot share a name", e.Lens.Name, prev)
		}
		names[wat.NameKey(e.Lens.Name)] = e.ID
		c.byID[e.ID] = e
		c.entries = append(c.entries, e)
	}
	if len(fail.Problems) > 0 {
		return nil, fail
	}
	return c, nil
}

// loaded is what loadEntry returns.
type loaded struct {
	entry    *Entry
	problems []string
}

// loadEntries loads the entries on every core: validating documents is
// most of the time a catalog takes to read (the embedded one's 2.4 MB
// take about 70 ms on one core).
func loadEntries(fsys fs.FS, catalog string, shared sourceFields, fields []entryFields) []loaded {
	out := make([]loaded, len(fields))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(fields)) {
		wg.Go(func() {
			for i := range next {
				e, ps := loadEntry(fsys, catalog, shared, fields[i])
				out[i] = loaded{e, ps}
			}
		})
	}
	for i := range fields {
		next <- i
	}
	close(next)
	wg.Wait()
	return out
}

// loadEntry reads, repairs and validates one entry's document, and fills
// the entry's defaults. It returns the problems in the order to show them.
func loadEntry(fsys fs.FS, catalog string, shared sourceFields, f entryFields) (*Entry, []string) {
	raw, err := fs.ReadFile(fsys, f.File)
	if err != nil {
		return nil, []string{err.Error()}
	}
	src := shared.over(f.Source)
	sum := sha256.Sum256(raw)
	if digest := hex.EncodeToString(sum[:]); src.SHA256 != "" && !strings.EqualFold(src.SHA256, digest) {
		return nil, []string{fmt.Sprintf("its SHA-256 is %s, not %s as %s says: the file is not the one the entry describes", digest, src.SHA256, IndexFile)}
	}
	data, err := applyText(raw, f.Repairs)
	if err == nil {
		data, err = applyValues(data, f.Repairs)
	}
	if err != nil {
		return nil, []string{err.Error()}
	}
	l, doc, ps := lens.Validate(data)
	if len(ps) > 0 {
		rewritten := slices.ContainsFunc(f.Repairs, func(r Repair) bool { return r.Line <= 0 })
		return nil, documentProblems(ps, rewritten, f.File)
	}
	norm, err := doc.Normalize()
	if err != nil {
		return nil, []string{err.Error()}
	}
	e := &Entry{
		ID: f.ID, Title: f.Title, Description: f.Description, Categories: f.Categories, Version: f.Version,
		Catalog: catalog, Repairs: f.Repairs, Lens: l, Document: norm,
		Source: Source{Repository: src.Repository, Path: src.Path, File: f.File, Commit: src.Commit,
			License: src.License, Version: upstreamVersion(data, src.Commit), SHA256: hex.EncodeToString(sum[:])},
	}
	if e.ID == "" {
		e.ID = fileID(f.File)
	}
	if e.Title == "" {
		e.Title = l.Name
	}
	if e.Description == "" {
		e.Description = l.Description
	}
	if e.Version == "" {
		d := sha256.Sum256(norm)
		e.Version = hex.EncodeToString(d[:6])
	}
	for _, p := range l.Pillars {
		e.Pillars = append(e.Pillars, Pillar{ID: p.ID, Name: p.Name, Questions: len(p.Questions), Framework: classify(p.Name)})
		e.Questions += len(p.Questions)
	}
	return e, e.check()
}

// check reports what the index gives that cannot work.
func (e *Entry) check() []string {
	var out []string
	if !slugRE.MatchString(e.ID) || len(e.ID) > maxIDLen {
		out = append(out, fmt.Sprintf("id %q: use at most %d lowercase letters, digits and single hyphens", e.ID, maxIDLen))
	}
	if !versionRE.MatchString(e.Version) {
		out = append(out, fmt.Sprintf("version %q: a lens version is 1 to 32 letters, digits and periods", e.Version))
	}
	if n := utf8.RuneCountInString(e.Title); n > maxTitleLen {
		out = append(out, fmt.Sprintf("title: %d characters long; at most %d are allowed", n, maxTitleLen))
	}
	if n := utf8.RuneCountInString(e.Description); n > maxDescriptionLen {
		out = append(out, fmt.Sprintf("description: %d characters long; at most %d are allowed", n, maxDescriptionLen))
	}
	for _, c := range e.Categories {
		if !slugRE.MatchString(c) {
			out = append(out, fmt.Sprintf("category %q: use lowercase letters, digits and single hyphens", c))
		}
	}
	return out
}

// documentProblems words the validator's problems as ImportLens does. A
// document changed by repairs of values was written out again, so lines
// and columns would not be the file's: they are left out.
func documentProblems(ps []lens.Problem, rewritten bool, file string) []string {
	out := make([]string, 0, min(len(ps), maxProblemsPerFile)+1)
	for _, p := range ps[:min(len(ps), maxProblemsPerFile)] {
		if rewritten {
			p.Line, p.Col = 0, 0
		}
		out = append(out, p.String())
	}
	if more := len(ps) - maxProblemsPerFile; more > 0 {
		out = append(out, fmt.Sprintf("and %d more problems (wat lens lint %s lists them all)", more, file))
	}
	return out
}
