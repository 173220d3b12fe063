package catalog

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"regexp"
	"strings"

	"go.yaml.in/yaml/v3"
)

// IndexFile is the name of a catalog folder's optional index. It is YAML
// (so JSON too), and not named *.json so that it is never taken for a
// lens document.
const IndexFile = "catalog.yaml"

// index is what IndexFile holds. Every field but an entry's file may be
// left out: a folder of lens documents is a catalog as it is, and the
// index only says more about them.
type index struct {
	// Name names the catalog in listings; the folder's path by default.
	Name string `yaml:"name"`
	// Source holds what the entries' sources have in common (the
	// repository, commit and licence of a set of published lenses).
	Source  sourceFields  `yaml:"source"`
	Entries []entryFields `yaml:"entries"`
}

// entryFields is an entry of the index. What is worked out from the
// document (pillars, questions, the upstream version) has no field.
type entryFields struct {
	// File is the lens document's name in the folder.
	File string `yaml:"file"`
	// ID defaults to one made from the file's name (fileID): its ASCII
	// letters and digits lowercased, accents dropped, each run of other
	// characters a hyphen, and a digest of the name when it has letters
	// of other scripts.
	ID string `yaml:"id"`
	// Title and Description default to the lens's name and description.
	Title       string   `yaml:"title"`
	Description string   `yaml:"description"`
	Categories  []string `yaml:"categories"`
	// Version defaults to a digest of the lens as installed, so that any
	// change to it reaches the accounts that installed it.
	Version string       `yaml:"version"`
	Source  sourceFields `yaml:"source"`
	Repairs []Repair     `yaml:"repairs"`
}

// sourceFields is where an entry's document comes from; an entry's fields
// override the index's.
type sourceFields struct {
	Repository string `yaml:"repository"`
	Path       string `yaml:"path"`
	Commit     string `yaml:"commit"`
	License    string `yaml:"license"`
	// SHA256, when given, must be the file's: it proves the file is still
	// the one the repairs were written for, as published.
	SHA256 string `yaml:"sha256"`
}

// over returns s with the fields e sets replaced.
func (s sourceFields) over(e sourceFields) sourceFields {
	for _, f := range []struct {
		dst *string
		v   string
	}{
		{&s.Repository, e.Repository}, {&s.Path, e.Path}, {&s.Commit, e.Commit}, {&s.License, e.License}, {&s.SHA256, e.SHA256},
	} {
		if f.v != "" {
			*f.dst = f.v
		}
	}
	return s
}

var (
	// slugRE is the form of entry ids and categories.
	slugRE = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	// versionRE is CreateLensVersion's rule for a version name, which an
	// entry's version becomes when installed.
	versionRE = regexp.MustCompile(`^[A-Za-z0-9.]{1,32}$`)
)

// Limits of an index's values. An id is stored as a tag value (at most
// 256 characters), and a title is shown on one line.
const (
	maxIDLen          = 64
	maxTitleLen       = 128
	maxDescriptionLen = 2048
)

// readIndex reads the folder's index; an empty index when there is none.
// Unknown fields are errors, so that a misspelt one is not silently
// without effect.
func readIndex(fsys fs.FS) (*index, error) {
	data, err := fs.ReadFile(fsys, IndexFile)
	if errors.Is(err, fs.ErrNotExist) {
		return &index{}, nil
	}
	if err != nil {
		return nil, err
	}
	var ix index
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&ix); err != nil && !errors.Is(err, io.EOF) {
		return nil, err
	}
	for i, e := range ix.Entries {
		if e.File == "" {
			return nil, fmt.Errorf("entries[%d] names no file", i)
		}
		for _, r := range e.Repairs {
			if err := r.check(); err != nil {
				return nil, fmt.Errorf("entry %s: %w", e.File, err)
			}
		}
	}
	return &ix, nil
}

// upstreamVersion is the document's own "_version" member, a convention of
// published lenses that the format drops, or else the commit. It reads
// the top-level members only as far as "_version", which authors put
// before the pillars, the bulk of a document.
func upstreamVersion(data []byte, commit string) string {
	if !bytes.Contains(data, []byte(`"_version"`)) {
		return commit
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return commit
	}
	for dec.More() {
		key, err := dec.Token()
		if err != nil {
			return commit
		}
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return commit
		}
		var s string
		if key == "_version" && json.Unmarshal(v, &s) == nil && strings.TrimSpace(s) != "" {
			return strings.TrimSpace(s)
		}
	}
	return commit
}
