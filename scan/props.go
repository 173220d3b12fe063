package scan

import (
	"encoding/json"
	"regexp"
	"strconv"
	"strings"
)

// get walks maps by keys; an Unknown on the way is the result, a missing
// key gives nil.
func get(v any, keys ...string) any {
	for _, k := range keys {
		switch x := v.(type) {
		case map[string]any:
			v = x[k]
		case Unknown:
			return x
		case []any:
			// Terraform nests blocks as one-element lists.
			if len(x) == 0 {
				return nil
			}
			m, ok := x[0].(map[string]any)
			if !ok {
				return nil
			}
			v = m[k]
		default:
			return nil
		}
	}
	return v
}

// boolOr reads a boolean (CloudFormation also accepts "true"/"false"); an
// absent value is def, anything else Unknown.
func boolOr(v any, def any) any {
	switch x := v.(type) {
	case nil:
		return def
	case bool:
		return x
	case string:
		if b, err := strconv.ParseBool(x); err == nil {
			return b
		}
	case Unknown:
		return x
	}
	return Unknown{"not a boolean"}
}

// numOr reads a number (or a numeric string); absent is def.
func numOr(v any, def any) any {
	if v == nil {
		return def
	}
	if u, ok := v.(Unknown); ok {
		return u
	}
	if n, ok := number(v); ok {
		return n
	}
	return Unknown{"not a number"}
}

func number(v any) (float64, bool) {
	switch x := v.(type) {
	case float64:
		return x, true
	case int:
		return float64(x), true
	case string:
		n, err := strconv.ParseFloat(x, 64)
		return n, err == nil
	}
	return 0, false
}

// strOr reads a string; absent is def, a reference or other value Unknown.
func strOr(v any, def any) any {
	switch x := v.(type) {
	case nil:
		return def
	case string:
		return x
	case Unknown:
		return x
	}
	return Unknown{"not a literal string"}
}

// present tells whether a value is set (a reference counts); Unknown stays.
func present(v any) any {
	switch x := v.(type) {
	case nil:
		return false
	case Unknown:
		return x
	case string:
		return x != ""
	case []any:
		return len(x) > 0
	case map[string]any:
		return len(x) > 0
	}
	return true
}

// count is the length of a list (an absent list has none); the elements may
// be unknown, their number is not.
func count(v any) any {
	switch x := v.(type) {
	case nil:
		return 0.0
	case []any:
		return float64(len(x))
	case map[string]any:
		return float64(len(x))
	case Unknown:
		return x
	}
	return 1.0
}

// firstUnknown returns the first Unknown among vs, if any.
func firstUnknown(vs ...any) (Unknown, bool) {
	for _, v := range vs {
		if u, ok := v.(Unknown); ok {
			return u, true
		}
	}
	return Unknown{}, false
}

// and2 is the three-valued conjunction of booleans.
func and2(vs ...any) any {
	for _, v := range vs {
		if v == false {
			return false
		}
	}
	if u, ok := firstUnknown(vs...); ok {
		return u
	}
	return true
}

var familyRE = regexp.MustCompile(`^([a-z]+)(\d+)([a-z0-9-]*)$`)

// olderFamilies are EC2 families AWS lists as previous generation.
var olderFamilies = map[string]bool{
	"t1": true, "m1": true, "m2": true, "m3": true, "c1": true, "c3": true, "cc2": true,
	"cr1": true, "cg1": true, "g2": true, "i2": true, "r3": true, "hi1": true, "hs1": true,
}

// instanceProps derives the family facts of an EC2 instance type such as
// "m7g.large" (or "db.r6g.large" for RDS).
func instanceProps(p map[string]any, t any) {
	p["instance_type"] = t
	s, ok := t.(string)
	if !ok {
		p["instance_family"], p["arm64"], p["older_generation"] = t, t, t
		return
	}
	family, _, _ := strings.Cut(strings.TrimPrefix(s, "db."), ".")
	p["instance_family"] = family
	m := familyRE.FindStringSubmatch(family)
	p["arm64"] = family == "a1" || (m != nil && strings.Contains(m[3], "g"))
	p["older_generation"] = olderFamilies[family]
}

// tagCount counts tags given as a CloudFormation list, a SAM or Terraform
// map.
func tagCount(v any) any { return count(v) }

// upper reads a string in upper case (AWS enums are matched whatever the
// case a template uses); absent is def.
func upper(v any, def any) any {
	if s, ok := strOr(v, def).(string); ok {
		return strings.ToUpper(s)
	}
	return strOr(v, def)
}

// lower reads a string in lower case; absent is def.
func lower(v any, def any) any {
	if s, ok := strOr(v, def).(string); ok {
		return strings.ToLower(s)
	}
	return strOr(v, def)
}

// not1 is the three-valued negation.
func not1(v any) any {
	if b, ok := v.(bool); ok {
		return !b
	}
	return v
}

// or2 is the three-valued disjunction of booleans.
func or2(vs ...any) any {
	for _, v := range vs {
		if v == true {
			return true
		}
	}
	if u, ok := firstUnknown(vs...); ok {
		return u
	}
	return false
}

// someOf tells whether f holds for an element of a list (three-valued); an
// absent list has none.
func someOf(v any, f func(any) any) any {
	if u, ok := v.(Unknown); ok {
		return u
	}
	out := any(false)
	for _, e := range elements(v) {
		if u, ok := e.(Unknown); ok {
			out = or2(out, u)
			continue
		}
		out = or2(out, f(e))
		if out == true {
			return true
		}
	}
	return out
}

// everyOf tells whether f holds for every element of a list (three-valued).
func everyOf(v any, f func(any) any) any {
	return not1(someOf(v, func(e any) any { return not1(f(e)) }))
}

// isIn tells whether a literal string is one of set; absent is def.
func isIn(v any, def any, set ...string) any {
	switch s := strOr(v, def).(type) {
	case string:
		for _, w := range set {
			if strings.EqualFold(s, w) {
				return true
			}
		}
		return false
	default:
		return s
	}
}

// jsonValue decodes a policy or definition given as a JSON string (as
// Terraform and some templates do); documents already decoded stay.
func jsonValue(v any) any {
	s, ok := v.(string)
	if !ok {
		return v
	}
	var out any
	if err := json.Unmarshal([]byte(s), &out); err != nil {
		return Unknown{"not valid JSON"}
	}
	return out
}

// keyValue reads a list of {Key, Value} pairs (as load balancer attributes
// and option settings are written) into a map.
func keyValue(v any, key, value string) any {
	if u, ok := v.(Unknown); ok {
		return u
	}
	out := map[string]any{}
	for _, e := range elements(v) {
		m, ok := e.(map[string]any)
		if !ok {
			return Unknown{"attributes not known statically"}
		}
		k, ok := m[key].(string)
		if !ok {
			return Unknown{"attribute names not known statically"}
		}
		out[k] = m[value]
	}
	return out
}

// lookup reads one entry of a keyValue map.
func lookup(m any, k string) any {
	switch x := m.(type) {
	case map[string]any:
		return x[k]
	case Unknown:
		return x
	}
	return nil
}

// restrictingKeys are the condition keys that narrow who a public principal
// can be: a statement using one is not open to anyone.
var restrictingKeys = map[string]bool{
	"aws:sourcearn": true, "aws:sourceaccount": true, "aws:sourceowner": true, "aws:sourcevpc": true,
	"aws:sourcevpce": true, "aws:sourceip": true, "aws:principalorgid": true, "aws:principalorgpaths": true,
	"aws:principalaccount": true, "aws:principalarn": true, "aws:userid": true, "aws:sourceorgid": true,
	"aws:sourceorgpaths": true, "kms:calleraccount": true, "kms:viaservice": true,
}

// statements normalises a policy document (a map or its JSON) into one map
// per statement: effect, actions (lower case), admin_action ("*"),
// service_wildcard ("svc:*"), not_action, resources, public_principal,
// restricted (by a condition naming who may call) and
// denies_insecure_transport.
func statements(doc any) any {
	d := jsonValue(doc)
	var st any
	switch x := d.(type) {
	case nil:
		return []any{}
	case Unknown:
		return x
	case map[string]any:
		st = x["Statement"]
	default:
		return Unknown{"not a policy document"}
	}
	if u, ok := st.(Unknown); ok {
		return u
	}
	out := []any{}
	for _, s := range elements(st) {
		m, ok := s.(map[string]any)
		if !ok {
			out = append(out, Unknown{"statement not known statically"})
			continue
		}
		out = append(out, statement(m))
	}
	return out
}

func statement(s map[string]any) map[string]any {
	actions := s["Action"]
	if _, ok := actions.(Unknown); !ok {
		low := []any{}
		for _, a := range elements(actions) {
			low = append(low, lower(a, ""))
		}
		actions = low
	}
	admin := someOf(actions, func(a any) any { return isIn(a, "", "*", "*:*") })
	service := someOf(actions, func(a any) any {
		s, ok := a.(string)
		if !ok {
			return a
		}
		return strings.HasSuffix(s, ":*") && s != "*:*"
	})
	cond := s["Condition"]
	restricted := any(false)
	insecure := any(false)
	switch c := cond.(type) {
	case Unknown:
		restricted, insecure = c, c
	case map[string]any:
		for op, kv := range c {
			keys, ok := kv.(map[string]any)
			if !ok {
				restricted = or2(restricted, Unknown{"condition not known statically"})
				continue
			}
			for k, v := range keys {
				if restrictingKeys[strings.ToLower(k)] {
					restricted = true
				}
				if strings.EqualFold(op, "Bool") && strings.EqualFold(k, "aws:SecureTransport") {
					insecure = or2(insecure, someOf(v, func(e any) any { return boolOr(e, Unknown{"no value"}) == false }))
				}
			}
		}
	}
	effect := strOr(s["Effect"], "")
	return map[string]any{
		"effect":                    effect,
		"actions":                   actions,
		"admin_action":              admin,
		"service_wildcard":          service,
		"not_action":                s["NotAction"] != nil,
		"resources":                 s["Resource"],
		"public_principal":          publicPrincipal(s["Principal"]),
		"restricted":                restricted,
		"denies_insecure_transport": and2(eqStr(effect, "Deny"), insecure),
	}
}

// publicPrincipal tells whether a principal is everyone ("*" or AWS "*").
func publicPrincipal(p any) any {
	switch x := p.(type) {
	case nil:
		return false
	case string:
		return x == "*"
	case Unknown:
		return x
	case map[string]any:
		return someOf(x["AWS"], func(e any) any { return eqStr(e, "*") })
	}
	return false
}

// publicStatement is the statement shape of a resource policy that a rule
// about public access looks for: allow, to anyone, without a condition
// narrowing who.
func publicStatement(principal, restricted any) map[string]any {
	return map[string]any{"effect": "Allow", "public_principal": principal, "restricted": restricted}
}

// minorVersion reads the minor number of a "1.NN" version.
func minorVersion(v any, def any) any {
	s, ok := strOr(v, def).(string)
	if !ok {
		return strOr(v, def)
	}
	_, minor, found := strings.Cut(s, ".")
	if !found {
		return Unknown{"not a MAJOR.MINOR version"}
	}
	n, err := strconv.ParseFloat(minor, 64)
	if err != nil {
		return Unknown{"not a MAJOR.MINOR version"}
	}
	return n
}

// rateDays reads a rotation schedule "rate(N days)" as N; a cron schedule
// is unknown.
func rateDays(v any) any {
	s, ok := v.(string)
	if !ok {
		return strOr(v, Unknown{"no schedule"})
	}
	inner, found := strings.CutPrefix(strings.TrimSpace(s), "rate(")
	inner, closed := strings.CutSuffix(inner, ")")
	if !found || !closed {
		return Unknown{"a cron schedule"}
	}
	num, unit, _ := strings.Cut(strings.TrimSpace(inner), " ")
	n, err := strconv.ParseFloat(num, 64)
	if err != nil {
		return Unknown{"not a rate"}
	}
	switch strings.TrimSuffix(unit, "s") {
	case "day":
		return n
	case "hour":
		return n / 24
	}
	return Unknown{"not a rate in days or hours"}
}

// passwordLiteral tells whether a password is written in the template
// itself rather than taken from a secret store (a dynamic reference).
func passwordLiteral(v any) any {
	switch x := v.(type) {
	case nil:
		return false
	case string:
		return !strings.HasPrefix(x, "{{resolve:secretsmanager:") && !strings.HasPrefix(x, "{{resolve:ssm-secure:")
	case Unknown:
		return x
	}
	return false
}

// imagePinned tells whether a container image names a tag other than
// latest, or a digest.
func imagePinned(v any) any {
	s, ok := v.(string)
	if !ok {
		return strOr(v, Unknown{"no image"})
	}
	if strings.Contains(s, "@sha256:") {
		return true
	}
	name := s[strings.LastIndex(s, "/")+1:]
	_, tag, found := strings.Cut(name, ":")
	return found && tag != "" && tag != "latest"
}

// notStr tells whether a value differs from a literal string: a reference
// to another resource of the template does (it names that resource).
func notStr(v any, want string) any {
	switch x := v.(type) {
	case nil, ref:
		return true
	case string:
		return x != want
	}
	return strOr(v, "")
}

// customerKey tells whether a KMS key setting names a customer managed key
// rather than an AWS managed one (alias/aws/...).
func customerKey(v any) any {
	switch x := v.(type) {
	case nil:
		return false
	case ref:
		return true
	case string:
		return x != "" && !strings.Contains(x, "alias/aws/")
	}
	return strOr(v, "")
}
