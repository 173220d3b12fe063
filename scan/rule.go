package scan

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"reflect"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/wat-dev/wat/lens"
	"github.com/wat-dev/wat/lens/framework"
)

//go:embed rules/*.yaml
var builtin embed.FS

// Rule is one check, kept as data under rules/: which kinds of resource it
// looks at, the condition a resource must meet, and the best practices of
// the framework (by choice id) that a resource meeting it is evidence for.
type Rule struct {
	ID          string     `yaml:"id"`
	Title       string     `yaml:"title"`
	Description string     `yaml:"description"`
	Kinds       []string   `yaml:"kinds"`
	Severity    string     `yaml:"severity"` // high, medium or low
	When        *Condition `yaml:"when"`     // the rule applies only to resources meeting it
	Condition   Condition  `yaml:"condition"`
	Choices     []string   `yaml:"choices"`

	// Practices are the best practices behind Choices, in that order.
	Practices []framework.BestPractice `yaml:"-"`
	// customPillars are the pillars of the custom lenses a rule's choices
	// come from, for the report to group their practices.
	customPillars []*lens.Pillar
}

// Condition is the rule's expression over a resource's normalised
// properties: all/any/not of conditions, or one comparison of a property.
// It evaluates to true, false, or unknown when a property it needs is
// Unknown (three-valued logic: false wins in all, true wins in any).
//
// Over a list property, contains asks whether an element equals a value,
// and some/every evaluate a condition on the elements (a map element gives
// the properties; a scalar one is the property "value"): some is true when
// one element meets it, every when all do (an absent or empty list has no
// element); an unknown list, or an unknown element where the others do not
// decide, gives unknown.
type Condition struct {
	All []Condition `yaml:"all"`
	Any []Condition `yaml:"any"`
	Not *Condition  `yaml:"not"`

	Property  string   `yaml:"property"`
	Equals    any      `yaml:"equals"`
	NotEquals any      `yaml:"notEquals"`
	In        []any    `yaml:"in"`
	NotIn     []any    `yaml:"notIn"`
	Exists    *bool    `yaml:"exists"`
	Gte       *float64 `yaml:"gte"`
	Lte       *float64 `yaml:"lte"`

	Contains any        `yaml:"contains"`
	Some     *Condition `yaml:"some"`
	Every    *Condition `yaml:"every"`
}

// Tri is a three-valued truth.
type Tri int8

// The truths.
const (
	False Tri = iota
	True
	Undetermined
)

// Eval evaluates the condition over a resource's properties.
func (c *Condition) Eval(props map[string]any) Tri {
	switch {
	case c.All != nil:
		out := True
		for i := range c.All {
			switch c.All[i].Eval(props) {
			case False:
				return False
			case Undetermined:
				out = Undetermined
			}
		}
		return out
	case c.Any != nil:
		out := False
		for i := range c.Any {
			switch c.Any[i].Eval(props) {
			case True:
				return True
			case Undetermined:
				out = Undetermined
			}
		}
		return out
	case c.Not != nil:
		switch c.Not.Eval(props) {
		case True:
			return False
		case False:
			return True
		}
		return Undetermined
	}
	v, ok := props[c.Property]
	if _, unknown := v.(Unknown); unknown {
		return Undetermined
	}
	switch {
	case c.Contains != nil:
		return quantify(v, true, func(e any) Tri {
			if _, unknown := e.(Unknown); unknown {
				return Undetermined
			}
			return tri(same(e, c.Contains))
		})
	case c.Some != nil:
		return quantify(v, true, c.Some.evalElement)
	case c.Every != nil:
		return quantify(v, false, c.Every.evalElement)
	}
	var r bool
	switch {
	case c.Exists != nil:
		r = (ok && v != nil) == *c.Exists
	case c.Equals != nil:
		r = same(v, c.Equals)
	case c.NotEquals != nil:
		r = !same(v, c.NotEquals)
	case c.In != nil:
		r = slices.ContainsFunc(c.In, func(w any) bool { return same(v, w) })
	case c.NotIn != nil:
		r = !slices.ContainsFunc(c.NotIn, func(w any) bool { return same(v, w) })
	case c.Gte != nil:
		n, isNum := v.(float64)
		r = isNum && n >= *c.Gte
	case c.Lte != nil:
		n, isNum := v.(float64)
		r = isNum && n <= *c.Lte
	}
	return tri(r)
}

func tri(b bool) Tri {
	if b {
		return True
	}
	return False
}

// elements returns a list property's elements: nil has none, a list its
// own, any other value is a list of one.
func elements(v any) []any {
	switch x := v.(type) {
	case nil:
		return nil
	case []any:
		return x
	}
	return []any{v}
}

// quantify evaluates f on the elements of v: with some, true if one is true;
// otherwise (every) false if one is false; else unknown if one is unknown.
func quantify(v any, some bool, f func(any) Tri) Tri {
	decisive, other := False, True
	if some {
		decisive, other = True, False
	}
	out := other
	for _, e := range elements(v) {
		switch f(e) {
		case decisive:
			return decisive
		case Undetermined:
			out = Undetermined
		}
	}
	return out
}

// evalElement evaluates the condition on one element of a list.
func (c *Condition) evalElement(e any) Tri {
	switch x := e.(type) {
	case map[string]any:
		return c.Eval(x)
	case Unknown:
		return Undetermined
	}
	return c.Eval(map[string]any{"value": e})
}

// same compares a property with a value written in a rule, numbers by value.
func same(v, w any) bool {
	if n, ok := number(w); ok {
		if _, isStr := w.(string); !isStr {
			m, isNum := v.(float64)
			return isNum && m == n
		}
	}
	return reflect.DeepEqual(v, w)
}

// check reports what is wrong with the condition's shape.
func (c *Condition) check(where string) error {
	forms := 0
	for _, set := range []bool{c.All != nil, c.Any != nil, c.Not != nil, c.Property != ""} {
		if set {
			forms++
		}
	}
	if forms != 1 {
		return fmt.Errorf("%s: needs exactly one of all, any, not, property", where)
	}
	for i := range c.All {
		if err := c.All[i].check(fmt.Sprintf("%s.all[%d]", where, i)); err != nil {
			return err
		}
	}
	for i := range c.Any {
		if err := c.Any[i].check(fmt.Sprintf("%s.any[%d]", where, i)); err != nil {
			return err
		}
	}
	if c.Not != nil {
		return c.Not.check(where + ".not")
	}
	ops := 0
	for _, set := range []bool{c.Equals != nil, c.NotEquals != nil, c.In != nil, c.NotIn != nil, c.Exists != nil, c.Gte != nil, c.Lte != nil,
		c.Contains != nil, c.Some != nil, c.Every != nil} {
		if set {
			ops++
		}
	}
	if c.Property == "" {
		if ops > 0 {
			return fmt.Errorf("%s: a comparison needs a property", where)
		}
		return nil
	}
	if ops != 1 {
		return fmt.Errorf("%s: property %q needs exactly one of equals, notEquals, in, notIn, exists, gte, lte, contains, some, every", where, c.Property)
	}
	if c.Some != nil {
		return c.Some.check(where + ".some")
	}
	if c.Every != nil {
		return c.Every.check(where + ".every")
	}
	return nil
}

// Severities in order.
var severities = []string{"low", "medium", "high"}

// ParseRule reads one rule document and checks it: its shape, its
// severity, and that every choice id is a best practice of the framework.
func ParseRule(data []byte) (*Rule, error) { return parseRule(data, nil) }

// parseRule is ParseRule with the choices of c's custom lenses allowed too.
func parseRule(data []byte, c *Catalog) (*Rule, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	var r Rule
	if err := dec.Decode(&r); err != nil {
		return nil, err
	}
	var errs []error
	if r.ID == "" || r.Title == "" || r.Description == "" {
		errs = append(errs, errors.New("id, title and description are required"))
	}
	if len(r.Kinds) == 0 {
		errs = append(errs, errors.New("kinds is required"))
	}
	if !slices.Contains(severities, r.Severity) {
		errs = append(errs, fmt.Errorf("severity %q is not one of %s", r.Severity, strings.Join(severities, ", ")))
	}
	if err := r.Condition.check("condition"); err != nil {
		errs = append(errs, err)
	}
	if r.When != nil {
		if err := r.When.check("when"); err != nil {
			errs = append(errs, err)
		}
	}
	if len(r.Choices) == 0 {
		errs = append(errs, errors.New("choices is required"))
	}
	for _, id := range r.Choices {
		bp, ok := c.practice(id, r.Severity)
		if !ok {
			where := "of the framework"
			if c != nil && len(c.custom) > 0 {
				where = "of the framework or of the custom lenses given"
			}
			errs = append(errs, fmt.Errorf("choice %q is no best practice %s", id, where))
			continue
		}
		if _, builtin := framework.Practice(id); !builtin {
			r.customPillars = c.customPillars()
		}
		r.Practices = append(r.Practices, bp)
	}
	if err := errors.Join(errs...); err != nil {
		return nil, fmt.Errorf("rule %q: %w", r.ID, err)
	}
	return &r, nil
}

// Rules returns the built-in rules, ordered by id.
func Rules() ([]*Rule, error) {
	return LoadRules(builtin, "rules")
}

// LoadRules reads every *.yaml rule in dir of fsys; file names must be the
// rule ids.
func LoadRules(fsys fs.FS, dir string) ([]*Rule, error) {
	names, err := fs.Glob(fsys, path.Join(dir, "*.yaml"))
	if err != nil {
		return nil, err
	}
	var out []*Rule
	for _, name := range names {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, err
		}
		r, err := ParseRule(data)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		if want := strings.TrimSuffix(path.Base(name), ".yaml"); r.ID != want {
			return nil, fmt.Errorf("%s: id %q differs from the file name", name, r.ID)
		}
		out = append(out, r)
	}
	return out, nil
}
