package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Model is the part of one or more Smithy JSON ASTs the generator
// understands: every shape by absolute ID, with members kept in model order.
type Model struct {
	Shapes map[string]*Shape
	// Sources names the files the shapes come from (base names), in the
	// order they were given: Shape.Source indexes it.
	Sources []string
}

// Shape is one Smithy shape.
type Shape struct {
	ID   string // "com.amazonaws.wellarchitected#Workload"
	Name string // "Workload"
	Type string // "structure", "string", "enum", ...

	Members []*Member // structure members and enum values, in model order
	Member  string    // list element target
	Key     string    // map key target
	Value   string    // map value target

	MemberTraits, KeyTraits, ValueTraits Traits   // traits on the list member, map key and map value
	Input                                string   // operation input target ("" when none)
	Output                               string   // operation output target ("" when none)
	Ops                                  []string // service operation targets
	Errors                               []string // operation error targets
	Traits                               Traits
	Source                               int // index in Model.Sources; -1 for the prelude
}

// Member is a structure member or an enum value.
type Member struct {
	Name   string
	Target string
	Traits Traits
}

// Traits maps a trait ID to its raw JSON value.
type Traits map[string]json.RawMessage

// preludeTypes are the prelude shapes a member may target directly.
var preludeTypes = map[string]string{
	"smithy.api#String":    "string",
	"smithy.api#Integer":   "integer",
	"smithy.api#Long":      "long",
	"smithy.api#Boolean":   "boolean",
	"smithy.api#Timestamp": "timestamp",
	"smithy.api#Double":    "double",
	"smithy.api#Document":  "document",
}

// LoadModel reads a Smithy JSON AST file.
func LoadModel(path string) (*Model, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	m, err := ParseModel(data)
	if err != nil {
		return nil, err
	}
	m.Sources = []string{filepath.Base(path)}
	return m, nil
}

// ParseModel parses a Smithy JSON AST.
func ParseModel(data []byte) (*Model, error) {
	var doc struct {
		Smithy string                     `json:"smithy"`
		Shapes map[string]json.RawMessage `json:"shapes"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("parse model: %w", err)
	}
	if !strings.HasPrefix(doc.Smithy, "2.") {
		return nil, fmt.Errorf("parse model: unsupported Smithy version %q", doc.Smithy)
	}
	m := &Model{Shapes: make(map[string]*Shape, len(doc.Shapes))}
	for id, raw := range doc.Shapes {
		s, err := parseShape(id, raw)
		if err != nil {
			return nil, fmt.Errorf("parse model: shape %s: %w", id, err)
		}
		m.Shapes[id] = s
	}
	for id, typ := range preludeTypes {
		m.Shapes[id] = &Shape{ID: id, Name: shapeName(id), Type: typ, Source: -1}
	}
	return m, nil
}

type rawRef struct {
	Target string `json:"target"`
	Traits Traits `json:"traits"`
}

func parseShape(id string, raw json.RawMessage) (*Shape, error) {
	var r struct {
		Type       string          `json:"type"`
		Members    json.RawMessage `json:"members"`
		Member     *rawRef         `json:"member"`
		Key        *rawRef         `json:"key"`
		Value      *rawRef         `json:"value"`
		Input      *rawRef         `json:"input"`
		Output     *rawRef         `json:"output"`
		Operations []rawRef        `json:"operations"`
		Errors     []rawRef        `json:"errors"`
		Traits     Traits          `json:"traits"`
	}
	if err := json.Unmarshal(raw, &r); err != nil {
		return nil, err
	}
	s := &Shape{ID: id, Name: shapeName(id), Type: r.Type, Traits: r.Traits}
	target := func(ref *rawRef) string {
		if ref == nil {
			return ""
		}
		return ref.Target
	}
	s.Member, s.Key, s.Value = target(r.Member), target(r.Key), target(r.Value)
	traits := func(ref *rawRef) Traits {
		if ref == nil {
			return nil
		}
		return ref.Traits
	}
	s.MemberTraits, s.KeyTraits, s.ValueTraits = traits(r.Member), traits(r.Key), traits(r.Value)
	s.Input, s.Output = target(r.Input), target(r.Output)
	for _, op := range r.Operations {
		s.Ops = append(s.Ops, op.Target)
	}
	for _, e := range r.Errors {
		s.Errors = append(s.Errors, e.Target)
	}
	if len(r.Members) > 0 {
		members, err := parseMembers(r.Members)
		if err != nil {
			return nil, err
		}
		s.Members = members
	}
	return s, nil
}

// parseMembers decodes a members object keeping the order of its keys, which
// encoding/json maps would lose.
func parseMembers(raw json.RawMessage) ([]*Member, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return nil, fmt.Errorf("members: want an object")
	}
	var out []*Member
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, err
		}
		name, _ := tok.(string)
		var m struct {
			Target string `json:"target"`
			Traits Traits `json:"traits"`
		}
		if err := dec.Decode(&m); err != nil {
			return nil, fmt.Errorf("member %s: %w", name, err)
		}
		out = append(out, &Member{Name: name, Target: m.Target, Traits: m.Traits})
	}
	return out, nil
}

func shapeName(id string) string {
	if i := strings.IndexByte(id, '#'); i >= 0 {
		return id[i+1:]
	}
	return id
}

// Shape returns the shape with the given ID; it panics on a dangling
// reference, which Validate reports first.
func (m *Model) Shape(id string) *Shape {
	s, ok := m.Shapes[id]
	if !ok {
		panic("smithygen: unknown shape " + id)
	}
	return s
}

// Service returns the model's single service shape; a model read from
// several files has several (Services).
func (m *Model) Service() (*Shape, error) {
	var found *Shape
	for _, s := range m.Shapes {
		if s.Type == "service" {
			if found != nil {
				return nil, fmt.Errorf("model has more than one service")
			}
			found = s
		}
	}
	if found == nil {
		return nil, fmt.Errorf("model has no service")
	}
	return found, nil
}

// Operations returns the operations of every service of the model sorted
// by name.
func (m *Model) Operations() ([]*Shape, error) {
	svcs := m.Services()
	if len(svcs) == 0 {
		return nil, fmt.Errorf("model has no service")
	}
	var ops []*Shape
	for _, svc := range svcs {
		some, err := m.OperationsOf(svc)
		if err != nil {
			return nil, err
		}
		ops = append(ops, some...)
	}
	sort.Slice(ops, func(i, j int) bool { return ops[i].Name < ops[j].Name })
	return ops, nil
}

// ShapesOfType returns the shapes of the given types sorted by name,
// leaving out the prelude and trait definitions (a structure with the
// smithy.api#trait trait describes a trait's value, not data on the wire).
func (m *Model) ShapesOfType(types ...string) []*Shape {
	var out []*Shape
	for _, s := range m.Shapes {
		for _, t := range types {
			if s.Type == t && !strings.HasPrefix(s.ID, "smithy.api#") && !s.Traits.Has(traitTrait) {
				out = append(out, s)
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}
