package scan

import (
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
