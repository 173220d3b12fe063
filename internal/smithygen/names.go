package main

import (
	"encoding/json"
	"fmt"
	"strings"
	"unicode"
)

// enumValue is one value of an enum shape.
type enumValue struct {
	Name  string // member name, "NOT_APPLICABLE"
	Value string // wire value, "NOT_APPLICABLE"
	Const string // Go constant, "RiskNotApplicable"
}

// isEnum reports whether s is an enum: a Smithy 2 enum shape or a string with
// the Smithy 1 enum trait.
func isEnum(s *Shape) bool {
	return s.Type == "enum" || s.Type == "string" && s.Traits.Has(traitEnum)
}

// enumValues returns the values of an enum shape in model order.
func enumValues(s *Shape) ([]enumValue, error) {
	var out []enumValue
	if s.Type == "enum" {
		for _, m := range s.Members {
			v := m.Name
			if m.Traits.Has(traitEnumValue) {
				if err := json.Unmarshal(m.Traits[traitEnumValue], &v); err != nil {
					return nil, fmt.Errorf("enum value %s: %w", m.Name, err)
				}
			}
			out = append(out, enumValue{Name: m.Name, Value: v, Const: s.Name + camel(m.Name)})
		}
		return out, nil
	}
	var defs []struct {
		Value string `json:"value"`
		Name  string `json:"name"`
	}
	if err := json.Unmarshal(s.Traits[traitEnum], &defs); err != nil {
		return nil, fmt.Errorf("enum trait: %w", err)
	}
	for _, d := range defs {
		name := d.Name
		if name == "" {
			name = d.Value
		}
		out = append(out, enumValue{Name: name, Value: d.Value, Const: s.Name + camel(name)})
	}
	return out, nil
}

// camel turns an enum member name into the CamelCase the AWS SDK for Go
// uses: "NOT_APPLICABLE" → "NotApplicable", "PDF" → "Pdf".
func camel(name string) string {
	var b strings.Builder
	for _, part := range strings.FieldsFunc(name, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}) {
		rs := []rune(strings.ToLower(part))
		rs[0] = unicode.ToUpper(rs[0])
		b.WriteString(string(rs))
	}
	return b.String()
}

// constraints are the checks that apply to one value: the target's traits,
// overridden by those of the member that points at it.
type constraints struct {
	Length  Bounds
	Range   Bounds
	Pattern string
}

// Empty reports whether no check applies.
func (c constraints) Empty() bool {
	return c.Length.Empty() && c.Range.Empty() && c.Pattern == ""
}

func (g *gen) constraints(target *Shape, member Traits) (constraints, error) {
	pick := func(id string) Traits {
		if member.Has(id) {
			return member
		}
		return target.Traits
	}
	var c constraints
	var err error
	if c.Length, err = pick(traitLength).Bounds(traitLength); err != nil {
		return c, err
	}
	if c.Range, err = pick(traitRange).Bounds(traitRange); err != nil {
		return c, err
	}
	c.Pattern = pick(traitPattern).String(traitPattern)
	if !c.Length.Empty() && target.Type != "string" && target.Type != "list" && target.Type != "map" {
		return c, fmt.Errorf("length trait on a %s is not supported", target.Type)
	}
	if !c.Range.Empty() && target.Type != "integer" && target.Type != "long" {
		return c, fmt.Errorf("range trait on a %s is not supported", target.Type)
	}
	if c.Pattern != "" {
		if target.Type != "string" {
			return c, fmt.Errorf("pattern trait on a %s is not supported", target.Type)
		}
		if _, err := translatePattern(c.Pattern); err != nil {
			return c, err
		}
	}
	return c, nil
}

// goType returns the Go type of a value of the shape: the element form
// (value) when elem is set, else the member form (pointer for scalars and
// structures, value for enums, lists and maps).
func (g *gen) goType(id string, elem bool) string {
	s := g.m.Shape(id)
	ptr := ""
	if !elem {
		ptr = "*"
	}
	switch {
	case isEnum(s):
		return s.Name
	case s.Type == "string":
		return ptr + "string"
	case s.Type == "integer":
		return ptr + "int32"
	case s.Type == "long":
		return ptr + "int64"
	case s.Type == "boolean":
		return ptr + "bool"
	case s.Type == "double":
		return ptr + "float64"
	case s.Type == "document":
		return "Document" // raw JSON: nil is absent, as for lists and maps
	case s.Type == "timestamp":
		return ptr + "Timestamp"
	case s.Type == "structure":
		return ptr + s.Name
	case s.Type == "list":
		return "[]" + g.valueType(s.Member, s.MemberTraits, true)
	case s.Type == "map":
		return "map[string]" + g.valueType(s.Value, s.ValueTraits, true)
	}
	panic("smithygen: no Go type for " + s.Type)
}

// binding says where an input member travels on the wire.
type binding struct {
	Kind string // "label", "query" or "body"
	Name string // URI label or query parameter name
}

func (g *gen) binding(parent *Shape, m *Member) binding {
	if _, ok := g.inputs[parent.ID]; ok {
		if m.Traits.Has(traitLabel) {
			return binding{Kind: "label", Name: m.Name}
		}
		if m.Traits.Has(traitQuery) {
			return binding{Kind: "query", Name: m.Traits.String(traitQuery)}
		}
	}
	return binding{Kind: "body", Name: m.Name}
}

// bodyMembers returns the members of s that travel in the JSON body.
func (g *gen) bodyMembers(s *Shape) []*Member {
	var out []*Member
	for _, m := range s.Members {
		if g.binding(s, m).Kind == "body" {
			out = append(out, m)
		}
	}
	return out
}
