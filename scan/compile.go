package scan

import (
	"reflect"
	"slices"
)

// compiledRule is a rule whose conditions are compiled into functions:
// they evaluate as Condition.Eval does, without looking again, for every
// resource, at which form the condition has or what kind of value a
// comparison is with.
type compiledRule struct {
	*Rule
	when      func(map[string]any) Tri // nil when the rule applies to every resource
	condition func(map[string]any) Tri
}

func compileRule(r *Rule) *compiledRule {
	c := &compiledRule{Rule: r, condition: compileCondition(&r.Condition)}
	if r.When != nil {
		c.when = compileCondition(r.When)
	}
	return c
}

// compileCondition returns a function giving what c.Eval gives.
func compileCondition(c *Condition) func(map[string]any) Tri {
	switch {
	case c.All != nil:
		subs := compileAll(c.All)
		return func(props map[string]any) Tri {
			out := True
			for _, s := range subs {
				switch s(props) {
				case False:
					return False
				case Undetermined:
					out = Undetermined
				}
			}
			return out
		}
	case c.Any != nil:
		subs := compileAll(c.Any)
		return func(props map[string]any) Tri {
			out := False
			for _, s := range subs {
				switch s(props) {
				case True:
					return True
				case Undetermined:
					out = Undetermined
				}
			}
			return out
		}
	case c.Not != nil:
		sub := compileCondition(c.Not)
		return func(props map[string]any) Tri {
			switch sub(props) {
			case True:
				return False
			case False:
				return True
			}
			return Undetermined
		}
	}
	return compileComparison(c)
}

func compileAll(cs []Condition) []func(map[string]any) Tri {
	out := make([]func(map[string]any) Tri, len(cs))
	for i := range cs {
		out[i] = compileCondition(&cs[i])
	}
	return out
}

// compileComparison compiles a condition on one property: an unknown
// property is undetermined whatever the comparison.
func compileComparison(c *Condition) func(map[string]any) Tri {
	prop := c.Property
	test := func(v any, present bool) Tri { return False }
	switch {
	case c.Contains != nil:
		eq := equalTo(c.Contains)
		test = func(v any, _ bool) Tri {
			return quantify(v, true, func(e any) Tri {
				if _, unknown := e.(Unknown); unknown {
					return Undetermined
				}
				return tri(eq(e))
			})
		}
	case c.Some != nil:
		inner := compileCondition(c.Some)
		test = func(v any, _ bool) Tri { return quantify(v, true, elementOf(inner)) }
	case c.Every != nil:
		inner := compileCondition(c.Every)
		test = func(v any, _ bool) Tri { return quantify(v, false, elementOf(inner)) }
	case c.Exists != nil:
		want := *c.Exists
		test = func(v any, present bool) Tri { return tri((present && v != nil) == want) }
	case c.Equals != nil:
		eq := equalTo(c.Equals)
		test = func(v any, _ bool) Tri { return tri(eq(v)) }
	case c.NotEquals != nil:
		eq := equalTo(c.NotEquals)
		test = func(v any, _ bool) Tri { return tri(!eq(v)) }
	case c.In != nil:
		eqs := equalToAny(c.In)
		test = func(v any, _ bool) Tri { return tri(eqs(v)) }
	case c.NotIn != nil:
		eqs := equalToAny(c.NotIn)
		test = func(v any, _ bool) Tri { return tri(!eqs(v)) }
	case c.Gte != nil:
		bound := *c.Gte
		test = func(v any, _ bool) Tri {
			n, isNum := v.(float64)
			return tri(isNum && n >= bound)
		}
	case c.Lte != nil:
		bound := *c.Lte
		test = func(v any, _ bool) Tri {
			n, isNum := v.(float64)
			return tri(isNum && n <= bound)
		}
	}
	return func(props map[string]any) Tri {
		v, ok := props[prop]
		if _, unknown := v.(Unknown); unknown {
			return Undetermined
		}
		return test(v, ok)
	}
}

// elementOf evaluates a compiled condition on one element of a list, as
// Condition.evalElement does.
func elementOf(inner func(map[string]any) Tri) func(any) Tri {
	return func(e any) Tri {
		switch x := e.(type) {
		case map[string]any:
			return inner(x)
		case Unknown:
			return Undetermined
		}
		return inner(map[string]any{"value": e})
	}
}

// equalTo returns same(·, w), its comparison chosen once by what w is.
func equalTo(w any) func(any) bool {
	switch x := w.(type) {
	case float64:
		return func(v any) bool { m, ok := v.(float64); return ok && m == x }
	case int:
		n := float64(x)
		return func(v any) bool { m, ok := v.(float64); return ok && m == n }
	case string:
		return func(v any) bool { s, ok := v.(string); return ok && s == x }
	case bool:
		return func(v any) bool { b, ok := v.(bool); return ok && b == x }
	case nil:
		return func(v any) bool { return v == nil }
	}
	return func(v any) bool { return reflect.DeepEqual(v, w) }
}

// equalToAny tells whether a value is same as one of ws.
func equalToAny(ws []any) func(any) bool {
	eqs := make([]func(any) bool, len(ws))
	for i, w := range ws {
		eqs[i] = equalTo(w)
	}
	return func(v any) bool { return slices.ContainsFunc(eqs, func(eq func(any) bool) bool { return eq(v) }) }
}
