// Readers of normalised property values, three-valued: a value is known (true,
// false, a number, a string) or Unknown, and every reader keeps Unknown.

package scan

import (
	"encoding/json"
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

// eqStr compares a literal string; absent is false.
func eqStr(v any, want string) any {
	switch s := strOr(v, "").(type) {
	case string:
		return s == want
	default:
		return s
	}
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

// not1 is the three-valued negation.
func not1(v any) any {
	if b, ok := v.(bool); ok {
		return !b
	}
	return v
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

// tagCount counts tags given as a CloudFormation list, a SAM or Terraform
// map.
func tagCount(v any) any { return count(v) }

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
