// Package policy parses and evaluates IAM-style identity policies for the
// Well-Architected API: which principal may call which action on which
// resource. It is pure: documents come in as bytes, decisions go out as
// values, and nothing here does I/O.
//
// Parse validates a document as strictly as IAM does for the subset wat
// supports and compiles every pattern once; Evaluate then answers a Request
// without allocating, using IAM's rule that an explicit Deny beats any Allow
// and that anything not allowed is implicitly denied.
package policy

import (
	"bytes"
	"encoding/json"
)

// Effect is what a matching statement decides.
type Effect string

// The two effects a statement may have.
const (
	EffectAllow Effect = "Allow"
	EffectDeny  Effect = "Deny"
)

// The policy language versions IAM accepts. Policy variables such as
// ${aws:username} are only recognised in Version2012; in Version2008 (and
// when Version is absent, which IAM reads as Version2008) they are literal
// text.
const (
	Version2012 = "2012-10-17"
	Version2008 = "2008-10-17"
)

// Policy is a parsed identity policy document. Its exported fields are the
// normalised document, for display and listing; evaluation uses the form
// compiled by Parse, so treat a Policy as read-only. A Policy not made by
// Parse or Managed grants nothing.
type Policy struct {
	Version    string // "", Version2012 or Version2008
	ID         string // the optional top-level "Id"
	Statements []Statement

	compiled []compiledStatement
}

// Statement is one statement of a Policy. Exactly one of Action and
// NotAction is set, and exactly one of Resource and NotResource.
type Statement struct {
	Sid         string
	Effect      Effect
	Action      []string
	NotAction   []string
	Resource    []string
	NotResource []string

	// Condition maps operator (e.g. "ForAllValues:StringEquals") to
	// condition key to values, as in the document. Booleans and numbers in
	// the document are stringified. Nil when the statement has none.
	Condition map[string]map[string][]string
}

// compiledStatement is a Statement ready for Evaluate.
type compiledStatement struct {
	deny        bool
	notAction   bool
	actions     []pattern
	notResource bool
	resources   []pattern
	conds       []cond
}

// jsonPolicy and jsonStatement are the normalised wire form of a document.
type jsonPolicy struct {
	Version   string          `json:"Version,omitempty"`
	ID        string          `json:"Id,omitempty"`
	Statement []jsonStatement `json:"Statement"`
}

type jsonStatement struct {
	Sid         string                         `json:"Sid,omitempty"`
	Effect      Effect                         `json:"Effect"`
	Action      []string                       `json:"Action,omitempty"`
	NotAction   []string                       `json:"NotAction,omitempty"`
	Resource    []string                       `json:"Resource,omitempty"`
	NotResource []string                       `json:"NotResource,omitempty"`
	Condition   map[string]map[string][]string `json:"Condition,omitempty"`
}

// MarshalJSON returns the normalised document: Statement always an array,
// Action/Resource lists always arrays, condition values always arrays of
// strings, keys in a fixed order. Parse accepts it and yields an equal Policy.
func (p *Policy) MarshalJSON() ([]byte, error) {
	return p.encode("")
}

// String returns the normalised document indented for reading.
func (p *Policy) String() string {
	b, err := p.encode("  ")
	if err != nil {
		return "<invalid policy: " + err.Error() + ">"
	}
	return string(b)
}

func (p *Policy) encode(indent string) ([]byte, error) {
	doc := jsonPolicy{Version: p.Version, ID: p.ID, Statement: make([]jsonStatement, len(p.Statements))}
	for i, s := range p.Statements {
		doc.Statement[i] = jsonStatement(s)
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	// Escaping <, > and & would lengthen the document towards the size limit.
	enc.SetEscapeHTML(false)
	enc.SetIndent("", indent)
	if err := enc.Encode(doc); err != nil {
		return nil, err
	}
	return bytes.TrimRight(buf.Bytes(), "\n"), nil
}
