package scan

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"

	"github.com/wat-dev/wat/lens"
	"github.com/wat-dev/wat/lens/framework"
)

// Catalog resolves the choice ids rules name to best practices: those of
// the framework, and the choices of custom lenses a scan is given, so that
// a team's own rules can be evidence for its own lens.
type Catalog struct {
	custom  map[string]framework.BestPractice // by choice id
	pillars map[string]string                 // custom pillar id -> name
	order   []string                          // custom pillar ids, in lens order
}

// NewCatalog returns the catalog of the framework and of the custom lens
// documents given (the custom-lens JSON format). A lens that does not
// validate, or a choice id two lenses (or a lens and the framework) both
// use, is an error: a rule's choice must name one practice.
func NewCatalog(lensDocs ...[]byte) (*Catalog, error) {
	c := &Catalog{custom: map[string]framework.BestPractice{}, pillars: map[string]string{}}
	for i, doc := range lensDocs {
		l, _, problems := lens.Validate(doc)
		if len(problems) > 0 {
			msgs := make([]string, 0, min(len(problems), 5))
			for _, p := range problems[:min(len(problems), 5)] {
				msgs = append(msgs, p.String())
			}
			return nil, fmt.Errorf("custom lens %d is not valid (%d problems): %s", i+1, len(problems), strings.Join(msgs, "; "))
		}
		for _, p := range l.Pillars {
			if _, ok := c.pillars[p.ID]; !ok {
				c.pillars[p.ID] = p.Name
				c.order = append(c.order, p.ID)
			}
			for _, q := range p.Questions {
				for _, ch := range q.Choices {
					if _, ok := framework.Practice(ch.ID); ok {
						return nil, fmt.Errorf("lens %q: choice %q is also a framework best practice", l.Name, ch.ID)
					}
					if prev, ok := c.custom[ch.ID]; ok {
						return nil, fmt.Errorf("lens %q: choice %q is also a choice of question %q", l.Name, ch.ID, prev.QuestionID)
					}
					url := ch.HelpfulResource.URL
					if url == "" {
						url = ch.ImprovementPlan.URL
					}
					c.custom[ch.ID] = framework.BestPractice{ID: ch.ID, Title: ch.Title, ChoiceID: ch.ID,
						QuestionID: q.ID, PillarID: p.ID, URL: url}
				}
			}
		}
	}
	return c, nil
}

// Has tells whether id is a choice of the catalog's custom lenses.
func (c *Catalog) Has(id string) bool {
	_, ok := c.custom[id]
	return ok
}

// practice resolves a choice id; a custom lens's choice has no risk level
// of its own, so it takes the level of the rule's severity.
func (c *Catalog) practice(id, severity string) (framework.BestPractice, bool) {
	if bp, ok := framework.Practice(id); ok {
		return bp, true
	}
	if c == nil {
		return framework.BestPractice{}, false
	}
	bp, ok := c.custom[id]
	bp.Level = map[string]framework.Level{"high": framework.High, "medium": framework.Medium, "low": framework.Low}[severity]
	return bp, ok
}

// customPillars are the custom lenses' pillars, in their order.
func (c *Catalog) customPillars() []*lens.Pillar {
	if c == nil {
		return nil
	}
	out := make([]*lens.Pillar, 0, len(c.order))
	for _, id := range c.order {
		out = append(out, &lens.Pillar{ID: id, Name: c.pillars[id]})
	}
	return out
}

// LoadRuleDirs reads the rules of a team's own directories (every *.yaml
// and *.yml file), their choices resolved with c. A rule id must be new:
// the built-in ones and those of earlier directories are taken.
func LoadRuleDirs(c *Catalog, builtin []*Rule, dirs ...string) ([]*Rule, error) {
	taken := map[string]bool{}
	for _, r := range builtin {
		taken[r.ID] = true
	}
	var out []*Rule
	for _, dir := range dirs {
		fsys := os.DirFS(dir)
		var names []string
		for _, pattern := range []string{"*.yaml", "*.yml"} {
			m, err := fs.Glob(fsys, pattern)
			if err != nil {
				return nil, err
			}
			names = append(names, m...)
		}
		if len(names) == 0 {
			if _, err := os.Stat(dir); err != nil {
				return nil, err
			}
		}
		var errs []error
		for _, name := range names {
			data, err := fs.ReadFile(fsys, name)
			if err != nil {
				return nil, err
			}
			r, err := parseRule(data, c)
			if err != nil {
				errs = append(errs, fmt.Errorf("%s: %w", dir+"/"+name, err))
				continue
			}
			if taken[r.ID] {
				errs = append(errs, fmt.Errorf("%s: rule id %q is already taken (by a built-in rule or an earlier file)", dir+"/"+name, r.ID))
				continue
			}
			taken[r.ID] = true
			out = append(out, r)
		}
		if err := errors.Join(errs...); err != nil {
			return nil, err
		}
	}
	return out, nil
}
