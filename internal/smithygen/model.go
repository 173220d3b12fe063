package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strings"
)

// Model is the part of a Smithy JSON AST the generator understands: every
// shape by absolute ID, with members kept in model order.
type Model struct {
	Shapes map[string]*Shape
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
	Traits                               Traits
}

// Member is a structure member or an enum value.
type Member struct {
	Name   string
	Target string
	Traits Traits
}

// Traits maps a trait ID to its raw JSON value.
type Traits map[string]json.RawMessage

const (
	unitID = "smithy.api#Unit"

	traitRequired  = "smithy.api#required"
	traitLength    = "smithy.api#length"
	traitRange     = "smithy.api#range"
	traitPattern   = "smithy.api#pattern"
	traitEnum      = "smithy.api#enum"
	traitEnumValue = "smithy.api#enumValue"
	traitHTTP      = "smithy.api#http"
	traitLabel     = "smithy.api#httpLabel"
	traitQuery     = "smithy.api#httpQuery"
	traitHeader    = "smithy.api#httpHeader"
	traitPayload   = "smithy.api#httpPayload"
	traitIdemToken = "smithy.api#idempotencyToken"
	traitError     = "smithy.api#error"
	traitHTTPError = "smithy.api#httpError"
)

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
	return ParseModel(data)
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
		m.Shapes[id] = &Shape{ID: id, Name: shapeName(id), Type: typ}
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

// Service returns the model's single service shape.
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

// Operations returns the service's operations sorted by name.
func (m *Model) Operations() ([]*Shape, error) {
	svc, err := m.Service()
	if err != nil {
		return nil, err
	}
	var ops []*Shape
	for _, id := range svc.Ops {
		s, ok := m.Shapes[id]
		if !ok || s.Type != "operation" {
			return nil, fmt.Errorf("service operation %s is not an operation shape", id)
		}
		ops = append(ops, s)
	}
	sort.Slice(ops, func(i, j int) bool { return ops[i].Name < ops[j].Name })
	return ops, nil
}

// ShapesOfType returns the shapes of the given types sorted by name.
func (m *Model) ShapesOfType(types ...string) []*Shape {
	var out []*Shape
	for _, s := range m.Shapes {
		for _, t := range types {
			if s.Type == t && !strings.HasPrefix(s.ID, "smithy.api#") {
				out = append(out, s)
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// Has reports whether the trait is present.
func (t Traits) Has(id string) bool {
	_, ok := t[id]
	return ok
}

// String returns a string-valued trait, or "".
func (t Traits) String(id string) string {
	var s string
	if raw, ok := t[id]; ok {
		_ = json.Unmarshal(raw, &s)
	}
	return s
}

// Bounds is a min/max pair of a length or range trait; nil means unbounded.
type Bounds struct {
	Min, Max *int64
}

// Empty reports whether neither bound is set.
func (b Bounds) Empty() bool { return b.Min == nil && b.Max == nil }

// Bounds decodes a length or range trait.
func (t Traits) Bounds(id string) (Bounds, error) {
	raw, ok := t[id]
	if !ok {
		return Bounds{}, nil
	}
	var r struct {
		Min *json.Number `json:"min"`
		Max *json.Number `json:"max"`
	}
	if err := json.Unmarshal(raw, &r); err != nil {
		return Bounds{}, fmt.Errorf("%s: %w", id, err)
	}
	conv := func(n *json.Number) (*int64, error) {
		if n == nil {
			return nil, nil
		}
		v, err := n.Int64()
		if err != nil {
			return nil, fmt.Errorf("%s: non-integer bound %s is not supported", id, *n)
		}
		return &v, nil
	}
	var b Bounds
	var err error
	if b.Min, err = conv(r.Min); err != nil {
		return Bounds{}, err
	}
	if b.Max, err = conv(r.Max); err != nil {
		return Bounds{}, err
	}
	return b, nil
}

// HTTP is the value of the smithy.api#http trait.
type HTTP struct {
	Method string `json:"method"`
	URI    string `json:"uri"`
	Code   int    `json:"code"`
}

// HTTP decodes the http trait of an operation.
func (t Traits) HTTP() (HTTP, error) {
	raw, ok := t[traitHTTP]
	if !ok {
		return HTTP{}, fmt.Errorf("no %s trait", traitHTTP)
	}
	h := HTTP{Code: 200}
	if err := json.Unmarshal(raw, &h); err != nil {
		return HTTP{}, err
	}
	return h, nil
}
