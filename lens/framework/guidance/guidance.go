// Package guidance holds wat's own guidance for the built-in framework lens:
// for each question what it is really asking, and for each best practice
// what it means, what good looks like, the usual anti-patterns, first steps
// and the level of effort. The texts are data (one YAML file per pillar under
// data/, reviewed like code); the lens generator folds them into the
// embedded lens document, so every reader of the lens (the API, reports, the
// console) shows the same words.
package guidance

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Set is the guidance of the whole framework, one Pillar per file.
type Set struct {
	Pillars []Pillar
}

// Pillar is one file: the guidance of a pillar's questions, in lens order.
type Pillar struct {
	File      string     `yaml:"-"`
	ID        string     `yaml:"pillar"`
	Questions []Question `yaml:"questions"`
}

// Question is the guidance of one question.
type Question struct {
	ID string `yaml:"id"`
	// Description says what the question is really asking (2–4 sentences).
	Description string `yaml:"description"`
	// HelpfulResource is the text shown beside the question's link: how
	// to approach answering it.
	HelpfulResource string     `yaml:"helpfulResource"`
	Practices       []Practice `yaml:"practices"`
}

// Practice is the guidance of one best practice (one choice of the lens).
type Practice struct {
	ID           string   `yaml:"id"` // the framework's id, e.g. SEC02-BP03
	Description  string   `yaml:"description"`
	Good         []string `yaml:"good"`
	AntiPatterns []string `yaml:"antiPatterns"`
	Steps        []string `yaml:"steps"`
	Effort       string   `yaml:"effort"` // low, medium or high
	// EffortBasis says where the effort level comes from: "framework" when
	// the framework's implementation guidance states it, otherwise the
	// reason in a sentence. Kept for reviewers; not published.
	EffortBasis string `yaml:"effortBasis"`
}

// Efforts are the levels of effort a practice may name.
var Efforts = []string{"low", "medium", "high"}

// Load reads the guidance from its folder (data/ of this package's
// directory, given as dir). The texts are not embedded here: they reach the
// binary once, inside the generated lens document.
func Load(dir string) (*Set, error) { return LoadFS(os.DirFS(dir), ".") }

// LoadFS reads every *.yaml file of dir in fsys, strictly: an unknown key
// is an error, so a typo cannot silently drop a text.
func LoadFS(fsys fs.FS, dir string) (*Set, error) {
	names, err := fs.Glob(fsys, path.Join(dir, "*.yaml"))
	if err != nil {
		return nil, err
	}
	set := &Set{}
	for _, name := range names {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, err
		}
		var p Pillar
		dec := yaml.NewDecoder(bytes.NewReader(data))
		dec.KnownFields(true)
		if err := dec.Decode(&p); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		p.File = path.Base(name)
		set.Pillars = append(set.Pillars, p)
	}
	return set, nil
}

// Question returns the guidance of the question with the given id.
func (s *Set) Question(id string) (*Question, bool) {
	for i := range s.Pillars {
		for j := range s.Pillars[i].Questions {
			if q := &s.Pillars[i].Questions[j]; q.ID == id {
				return q, true
			}
		}
	}
	return nil, false
}

// Practice returns the guidance of the practice with the given id.
func (s *Set) Practice(id string) (*Practice, bool) {
	for i := range s.Pillars {
		for j := range s.Pillars[i].Questions {
			q := &s.Pillars[i].Questions[j]
			for k := range q.Practices {
				if p := &q.Practices[k]; p.ID == id {
					return p, true
				}
			}
		}
	}
	return nil, false
}

// HelpfulText is a practice's helpful-resource text in the lens document:
// what good looks like, the anti-patterns, the effort and the risk level.
// Plain text with one item a line, so every reader of a lens (custom ones
// too) can show it as written.
func (p *Practice) HelpfulText(risk string) string {
	var b strings.Builder
	b.WriteString("What good looks like:\n")
	for _, g := range p.Good {
		b.WriteString("• " + g + "\n")
	}
	b.WriteString("Common anti-patterns:\n")
	for _, a := range p.AntiPatterns {
		b.WriteString("• " + a + "\n")
	}
	fmt.Fprintf(&b, "Level of effort: %s. Risk if not established: %s.", p.Effort, strings.ToLower(risk))
	return b.String()
}

// PlanText is a practice's improvement plan in the lens document: its first
// steps, numbered.
func (p *Practice) PlanText() string {
	lines := make([]string, len(p.Steps))
	for i, s := range p.Steps {
		lines[i] = fmt.Sprintf("%d. %s", i+1, s)
	}
	return strings.Join(lines, "\n")
}
