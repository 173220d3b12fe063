package policy

import (
	"encoding/json"
	"fmt"
	"strings"
)

// baseOp is a condition operator without its negation, IfExists suffix or
// set qualifier.
type baseOp uint8

const (
	opStringEquals baseOp = iota
	opStringEqualsIgnoreCase
	opStringLike
	opArnLike // IAM's ArnEquals and ArnLike behave the same
	opBool
	opNull
)

// setQual is the ForAnyValue:/ForAllValues: prefix, if any.
type setQual uint8

const (
	setNone setQual = iota
	setAny
	setAll
)

var operators = map[string]struct {
	base   baseOp
	negate bool
}{
	"StringEquals":              {opStringEquals, false},
	"StringNotEquals":           {opStringEquals, true},
	"StringEqualsIgnoreCase":    {opStringEqualsIgnoreCase, false},
	"StringNotEqualsIgnoreCase": {opStringEqualsIgnoreCase, true},
	"StringLike":                {opStringLike, false},
	"StringNotLike":             {opStringLike, true},
	"ArnEquals":                 {opArnLike, false},
	"ArnLike":                   {opArnLike, false},
	"ArnNotEquals":              {opArnLike, true},
	"ArnNotLike":                {opArnLike, true},
	"Bool":                      {opBool, false},
	"Null":                      {opNull, false},
}

// cond is one (operator, key) pair of a statement's Condition, compiled.
type cond struct {
	key      string
	base     baseOp
	negate   bool
	ifExists bool
	set      setQual
	values   []pattern    // string and Bool operators
	arns     []arnPattern // ARN operators
	// For Null: whether some value is "true" (matches an absent key) and
	// whether some value is "false" (matches a present key).
	nullAbsent, nullPresent bool
}

// parseOperator splits an operator such as "ForAllValues:StringLikeIfExists".
func parseOperator(name string) (cond, string) {
	var c cond
	rest := name
	if r, ok := strings.CutPrefix(rest, "ForAnyValue:"); ok {
		c.set, rest = setAny, r
	} else if r, ok := strings.CutPrefix(rest, "ForAllValues:"); ok {
		c.set, rest = setAll, r
	}
	rest, c.ifExists = strings.CutSuffix(rest, "IfExists")
	op, ok := operators[rest]
	if !ok {
		return c, fmt.Sprintf("unknown condition operator %q", name)
	}
	c.base, c.negate = op.base, op.negate
	if op.base == opNull && (c.ifExists || c.set != setNone) {
		return c, "Null takes neither IfExists nor ForAnyValue:/ForAllValues:"
	}
	return c, ""
}

// parseCondition validates and compiles a statement's Condition block.
func parseCondition(ps *problems, path string, raw json.RawMessage, vars bool) (map[string]map[string][]string, []cond) {
	if kind(raw) != '{' {
		ps.add(path, "must be an object mapping operators to keys to values")
		return nil, nil
	}
	var ops map[string]json.RawMessage
	_ = json.Unmarshal(raw, &ops)
	var (
		out   map[string]map[string][]string
		conds []cond
	)
	for _, op := range sortedKeys(ops) {
		opPath := path + "." + op
		proto, msg := parseOperator(op)
		if msg != "" {
			ps.add(opPath, "%s", msg)
			continue
		}
		if kind(ops[op]) != '{' {
			ps.add(opPath, "must be an object mapping condition keys to values")
			continue
		}
		var keys map[string]json.RawMessage
		_ = json.Unmarshal(ops[op], &keys)
		if len(keys) == 0 {
			ps.add(opPath, "must name at least one condition key")
			continue
		}
		for _, key := range sortedKeys(keys) {
			keyPath := opPath + "." + key
			if key == "" {
				ps.add(keyPath, "condition key must not be empty")
				continue
			}
			values, ok := condValues(ps, keyPath, keys[key])
			if !ok {
				continue
			}
			c := proto
			c.key = key
			if !compileValues(ps, keyPath, &c, values, vars) {
				continue
			}
			if out == nil {
				out = map[string]map[string][]string{}
			}
			if out[op] == nil {
				out[op] = map[string][]string{}
			}
			out[op][key] = values
			conds = append(conds, c)
		}
	}
	return out, conds
}

// condValues decodes a condition's value: a string, boolean or number, or a
// non-empty array of them, stringified as IAM does.
func condValues(ps *problems, path string, raw json.RawMessage) ([]string, bool) {
	if kind(raw) != '[' {
		v, ok := scalar(raw)
		if !ok {
			ps.add(path, "must be a string, boolean or number, or an array of them")
		}
		return []string{v}, ok
	}
	var items []json.RawMessage
	_ = json.Unmarshal(raw, &items)
	if len(items) == 0 {
		ps.add(path, "must not be empty")
		return nil, false
	}
	values := make([]string, len(items))
	ok := true
	for i, r := range items {
		v, good := scalar(r)
		if !good {
			ps.add(fmt.Sprintf("%s[%d]", path, i), "must be a string, boolean or number")
			ok = false
		}
		values[i] = v
	}
	return values, ok
}

func scalar(raw json.RawMessage) (string, bool) {
	switch k := kind(raw); {
	case k == '"':
		var s string
		err := json.Unmarshal(raw, &s)
		return s, err == nil
	case k == 't' || k == 'f' || k == '-' || '0' <= k && k <= '9':
		var n json.Number
		if k == 't' || k == 'f' {
			var b bool
			err := json.Unmarshal(raw, &b)
			return fmt.Sprint(b), err == nil
		}
		err := json.Unmarshal(raw, &n)
		return n.String(), err == nil
	}
	return "", false
}

// compileValues checks values against c's operator and compiles them.
func compileValues(ps *problems, path string, c *cond, values []string, vars bool) bool {
	for _, v := range values {
		switch c.base {
		case opBool, opNull:
			if !strings.EqualFold(v, "true") && !strings.EqualFold(v, "false") {
				ps.add(path, "value %q must be \"true\" or \"false\"", v)
				return false
			}
			isTrue := strings.EqualFold(v, "true")
			c.nullAbsent = c.nullAbsent || isTrue
			c.nullPresent = c.nullPresent || !isTrue
			c.values = append(c.values, compilePattern(v, false, false))
		case opArnLike:
			c.arns = append(c.arns, compileARN(v, vars))
		case opStringLike:
			c.values = append(c.values, compilePattern(v, true, vars))
		default:
			c.values = append(c.values, compilePattern(v, false, vars))
		}
	}
	return true
}
