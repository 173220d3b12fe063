package main

import (
	"encoding/json"
	"fmt"
)

// The traits the generator reads, and how it reads their values.

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
	traitTrait     = "smithy.api#trait"
)

// The traits beyond Smithy's prelude that the generator understands.
const (
	// traitActionName is AWS's aws.iam#actionName: the IAM action an
	// operation is authorised as, when it is not the operation's name.
	traitActionName = "aws.iam#actionName"
	// traitRejectUnknown is wat's own (defined in spec/wat.json): a body
	// member the structure does not define is a violation, not skipped.
	traitRejectUnknown = "com.wat.wellarchitected#rejectUnknownMembers"
	// traitMaskURLPath is wat's own (defined in spec/wat.json): a URL whose
	// path and query may hold a secret, which logs keep the host of only.
	traitMaskURLPath = "com.wat.wellarchitected#maskUrlPath"
	// traitDocumentation is written into the generated doc comments.
	traitDocumentation = "smithy.api#documentation"
)

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
