package policy

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
)

// MaxChars is the largest document Parse accepts, in characters not counting
// whitespace: IAM's limit for a managed policy.
const MaxChars = 6144

// maxBytes bounds the raw document, whitespace included, so that a document
// padded with whitespace cannot make Parse do unbounded work.
const maxBytes = 8 * MaxChars

// Parse reads and validates an IAM identity policy document and compiles it
// for Evaluate. Every problem found is reported in one EInvalid *wat.Error
// whose Fields name JSON paths such as "Statement[1].Action[0]"; "$" names
// the document as a whole.
func Parse(doc []byte) (*Policy, error) {
	var ps problems
	if n := chars(doc); n > MaxChars || len(doc) > maxBytes {
		ps.add("$", "policy document is %d characters long (not counting whitespace, %d bytes in all); the maximum is %d characters, IAM's managed-policy limit", n, len(doc), MaxChars)
		return nil, ps.err()
	}
	if kind(doc) != '{' || !json.Valid(doc) {
		ps.add("$", "policy document must be a JSON object")
		return nil, ps.err()
	}
	var top map[string]json.RawMessage
	if err := json.Unmarshal(doc, &top); err != nil {
		ps.add("$", "policy document must be a JSON object")
		return nil, ps.err()
	}
	p := &Policy{}
	for _, k := range sortedKeys(top) {
		switch k {
		case "Version", "Id", "Statement":
		default:
			ps.add(k, "unknown key; a policy has only Version, Id and Statement")
		}
	}
	if raw, ok := top["Version"]; ok {
		if v, ok := ps.str("Version", raw); ok {
			if v != Version2012 && v != Version2008 {
				ps.add("Version", "must be %q or %q", Version2012, Version2008)
			}
			p.Version = v
		}
	}
	if raw, ok := top["Id"]; ok {
		p.ID, _ = ps.str("Id", raw)
	}
	vars := p.Version == Version2012

	raw, ok := top["Statement"]
	switch {
	case !ok:
		ps.add("Statement", "is required")
	case kind(raw) == '{':
		p.parseStatement(&ps, "Statement", raw, vars)
	case kind(raw) == '[':
		var list []json.RawMessage
		_ = json.Unmarshal(raw, &list)
		if len(list) == 0 {
			ps.add("Statement", "must not be empty")
		}
		for i, r := range list {
			p.parseStatement(&ps, fmt.Sprintf("Statement[%d]", i), r, vars)
		}
	default:
		ps.add("Statement", "must be an object or an array of objects")
	}
	sids := map[string]bool{}
	for i, s := range p.Statements {
		if s.Sid != "" && sids[s.Sid] {
			ps.add(fmt.Sprintf("Statement[%d].Sid", i), "duplicate Sid %q", s.Sid)
		}
		sids[s.Sid] = true
	}
	if len(ps) > 0 {
		return nil, ps.err()
	}
	return p, nil
}

// parseStatement validates one statement and, if it is sound, appends it.
func (p *Policy) parseStatement(ps *problems, path string, raw json.RawMessage, vars bool) {
	before := len(*ps)
	if kind(raw) != '{' {
		ps.add(path, "must be an object")
		return
	}
	var m map[string]json.RawMessage
	_ = json.Unmarshal(raw, &m)
	for _, k := range sortedKeys(m) {
		switch k {
		case "Sid", "Effect", "Action", "NotAction", "Resource", "NotResource", "Condition":
		case "Principal", "NotPrincipal":
			ps.add(path+"."+k, "identity policies have no %s: the principal is whoever the policy is attached to", k)
		default:
			ps.add(path+"."+k, "unknown key")
		}
	}
	var s Statement
	var c compiledStatement
	if r, ok := m["Sid"]; ok {
		s.Sid, _ = ps.str(path+".Sid", r)
	}
	if r, ok := m["Effect"]; !ok {
		ps.add(path+".Effect", "is required")
	} else if e, ok := ps.str(path+".Effect", r); ok {
		if e != string(EffectAllow) && e != string(EffectDeny) {
			ps.add(path+".Effect", "must be \"Allow\" or \"Deny\"")
		}
		s.Effect = Effect(e)
		c.deny = s.Effect == EffectDeny
	}

	name, list, paths := ps.either(m, path, "Action", "NotAction")
	for i, a := range list {
		if msg := checkAction(a); msg != "" {
			ps.add(paths[i], "%s", msg)
		}
		c.actions = append(c.actions, compilePattern(a, true, false))
	}
	c.notAction = name == "NotAction"
	if c.notAction {
		s.NotAction = list
	} else {
		s.Action = list
	}

	name, list, paths = ps.either(m, path, "Resource", "NotResource")
	for i, r := range list {
		if msg := checkResource(r, vars); msg != "" {
			ps.add(paths[i], "%s", msg)
		}
		c.resources = append(c.resources, compilePattern(r, true, vars))
	}
	c.notResource = name == "NotResource"
	if c.notResource {
		s.NotResource = list
	} else {
		s.Resource = list
	}

	if r, ok := m["Condition"]; ok {
		s.Condition, c.conds = parseCondition(ps, path+".Condition", r, vars)
	}
	if len(*ps) == before {
		p.Statements = append(p.Statements, s)
		p.compiled = append(p.compiled, c)
	}
}

// either reads exactly one of two list-valued keys, such as Action and
// NotAction, and returns which one it read, its items and their paths.
func (ps *problems) either(m map[string]json.RawMessage, path, a, notA string) (string, []string, []string) {
	ra, okA := m[a]
	rn, okN := m[notA]
	switch {
	case okA && okN:
		ps.add(path+"."+notA, "a statement has exactly one of %s and %s", a, notA)
		return "", nil, nil
	case okN:
		list, paths := ps.strList(path+"."+notA, rn)
		return notA, list, paths
	case okA:
		list, paths := ps.strList(path+"."+a, ra)
		return a, list, paths
	}
	ps.add(path+"."+a, "is required (or %s)", notA)
	return "", nil, nil
}

// checkAction explains what is wrong with an action pattern, or returns "".
func checkAction(a string) string {
	if a == "*" {
		return ""
	}
	service, name, ok := strings.Cut(a, ":")
	if !ok || !strings.EqualFold(service, "wellarchitected") {
		return fmt.Sprintf("action %q must be \"*\" or of the form \"wellarchitected:Name\" (Name may use * and ?)", a)
	}
	if name == "" {
		return fmt.Sprintf("action %q has no name after the colon", a)
	}
	for _, r := range name {
		if !(r == '*' || r == '?' || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9') {
			return fmt.Sprintf("action %q may contain only letters, digits, * and ? after the colon", a)
		}
	}
	return ""
}

// checkResource explains what is wrong with a resource pattern, or returns "".
func checkResource(r string, vars bool) string {
	if r == "*" {
		return ""
	}
	if !strings.HasPrefix(r, "arn:") || len(splitARNPattern(r, vars)) < 6 {
		return fmt.Sprintf("resource %q must be \"*\" or an ARN (arn:partition:service:region:account:resource)", r)
	}
	return ""
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
