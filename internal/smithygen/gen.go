package main

import (
	"fmt"
	"go/token"
	"sort"
	"strings"
	"unicode"
)

// gen holds the model and what the emitters derive from it for one of its
// files (or, with svc nil, for every operation of the model).
type gen struct {
	m        *Model
	spec     string // base name of the spec file, for the generated header
	ops      []*Shape
	inputs   map[string]*Shape // input structure ID → its operation
	patterns map[string]int    // model pattern → index of its compiled variable
	names    map[string]string // Go identifier → what declared it, to catch collisions
	checked  map[string]bool   // aggregate shape ID → has something to validate

	svc  *Shape // the service generated; nil: every operation of the model
	stem string // "" for the first file; else its service's name ("Wat"), which names its tables
}

// handWritten are identifiers the hand-written files of package wire declare.
var handWritten = []string{
	"Handler", "Unimplemented", "Operation", "Operations", "OperationByName",
	"Request", "Router", "NewRouter", "Timestamp", "NewTimestamp",
	"DateTime", "NewDateTime", "Document", "IsSensitiveMember", "IsMaskedURLMember", "Amender",
}

// check rejects what the generator does not support, so that an unexpected
// model fails loudly at generation time instead of producing a wrong server.
func (g *gen) check() error {
	ops, err := g.m.Operations()
	if g.svc != nil {
		ops, err = g.m.OperationsOf(g.svc)
	}
	if err != nil {
		return err
	}
	g.ops = ops
	for _, name := range handWritten {
		g.names[name] = "hand-written code"
	}
	if g.stem != "" {
		for _, suffix := range []string{"Operations", "Handler"} {
			if err := g.declare(g.stem+suffix, "service "+g.svc.ID); err != nil {
				return err
			}
		}
	}
	for _, op := range ops {
		if _, err := op.Traits.HTTP(); err != nil {
			return fmt.Errorf("operation %s: %w", op.Name, err)
		}
		for _, suffix := range []string{"Input", "Output"} {
			if s := g.opShape(op, suffix); s != nil && s.Name == op.Name+suffix {
				continue // the structure declares the name itself
			}
			if err := g.declare(op.Name+suffix, "operation "+op.Name); err != nil {
				return err
			}
		}
		if in := g.opShape(op, "Input"); in != nil {
			if prev, ok := g.inputs[in.ID]; ok {
				return fmt.Errorf("structure %s is the input of both %s and %s", in.Name, prev.Name, op.Name)
			}
			if !g.owns(in) {
				return fmt.Errorf("operation %s: its input %s is defined in another file", op.Name, in.ID)
			}
			g.inputs[in.ID] = op
		}
	}
	for id, s := range g.m.Shapes {
		if strings.HasPrefix(id, "smithy.api#") || !g.owns(s) || s.Traits.Has(traitTrait) {
			continue
		}
		if err := g.checkShape(s); err != nil {
			return fmt.Errorf("shape %s: %w", s.Name, err)
		}
	}
	for _, op := range ops { // after the shapes: their references are known to resolve
		if err := g.checkOperation(op); err != nil {
			return fmt.Errorf("operation %s: %w", op.Name, err)
		}
	}
	return nil
}

// declare records a Go identifier and fails if it is already taken.
func (g *gen) declare(ident, by string) error {
	if prev, ok := g.names[ident]; ok && prev != by {
		return fmt.Errorf("identifier %s is declared by both %s and %s", ident, prev, by)
	}
	g.names[ident] = by
	return nil
}

func (g *gen) checkShape(s *Shape) error {
	switch s.Type {
	case "service", "operation", "resource":
		return nil
	case "string", "integer", "long", "boolean", "timestamp", "double", "document":
		if isEnum(s) {
			return g.checkEnum(s)
		}
		return nil
	case "enum":
		return g.checkEnum(s)
	case "structure":
		if err := g.checkIdent(s.Name); err != nil {
			return err
		}
		if err := g.declare(s.Name, "structure "+s.ID); err != nil {
			return err
		}
		fields := map[string]bool{}
		for _, mem := range s.Members {
			field := fieldName(mem.Name)
			if err := g.checkIdent(field); err != nil {
				return fmt.Errorf("member %s: %w", mem.Name, err)
			}
			if fields[field] {
				return fmt.Errorf("member %s: Go field %s is declared twice", mem.Name, field)
			}
			fields[field] = true
			if err := g.checkRef(mem.Target); err != nil {
				return fmt.Errorf("member %s: %w", mem.Name, err)
			}
			if _, err := timestampFormat(g.m.Shape(mem.Target), mem.Traits); err != nil {
				return fmt.Errorf("member %s: %w", mem.Name, err)
			}
			for _, t := range []string{traitHeader, traitPayload, "smithy.api#httpPrefixHeaders", "smithy.api#httpQueryParams", "smithy.api#httpResponseCode"} {
				if mem.Traits.Has(t) {
					return fmt.Errorf("member %s: trait %s is not supported", mem.Name, t)
				}
			}
			if _, err := g.constraints(g.m.Shape(mem.Target), mem.Traits); err != nil {
				return fmt.Errorf("member %s: %w", mem.Name, err)
			}
		}
		return nil
	case "list":
		if err := g.checkRef(s.Member); err != nil {
			return err
		}
		if _, err := timestampFormat(g.m.Shape(s.Member), s.MemberTraits); err != nil {
			return err
		}
		_, err := g.constraints(g.m.Shape(s.Member), s.MemberTraits)
		return err
	case "map":
		if err := g.checkRef(s.Key); err != nil {
			return err
		}
		if k := g.m.Shape(s.Key); k.Type != "string" && k.Type != "enum" {
			return fmt.Errorf("map key %s is a %s; only string keys are supported", k.Name, k.Type)
		}
		if _, err := g.constraints(g.m.Shape(s.Key), s.KeyTraits); err != nil {
			return err
		}
		if err := g.checkRef(s.Value); err != nil {
			return err
		}
		if _, err := timestampFormat(g.m.Shape(s.Value), s.ValueTraits); err != nil {
			return err
		}
		_, err := g.constraints(g.m.Shape(s.Value), s.ValueTraits)
		return err
	}
	return fmt.Errorf("shape type %q is not supported", s.Type)
}

func (g *gen) checkRef(id string) error {
	s, ok := g.m.Shapes[id]
	if !ok {
		return fmt.Errorf("unknown target %s", id)
	}
	switch s.Type {
	case "string", "enum", "integer", "long", "boolean", "timestamp", "double", "document", "structure", "list", "map":
		return nil
	}
	return fmt.Errorf("target %s of type %q is not supported", s.Name, s.Type)
}

func (g *gen) checkIdent(name string) error {
	if name == "" || !token.IsIdentifier(name) || !unicode.IsUpper([]rune(name)[0]) {
		return fmt.Errorf("%q is not an exported Go identifier", name)
	}
	return nil
}

func (g *gen) checkEnum(s *Shape) error {
	if err := g.checkIdent(s.Name); err != nil {
		return err
	}
	if err := g.declare(s.Name, "enum "+s.ID); err != nil {
		return err
	}
	vals, err := enumValues(s)
	if err != nil {
		return err
	}
	if len(vals) == 0 {
		return fmt.Errorf("enum has no values")
	}
	for _, v := range vals {
		if err := g.declare(v.Const, "enum "+s.ID); err != nil {
			return err
		}
	}
	return nil
}

// opShape returns the structure an operation declares as input or output, or
// nil when the model has none (or smithy.api#Unit).
func (g *gen) opShape(op *Shape, which string) *Shape {
	id := op.Input
	if which == "Output" {
		id = op.Output
	}
	if id == "" || id == unitID {
		return nil
	}
	return g.m.Shape(id)
}

// sortedKeys returns the keys of a map in order.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
