package scan

import (
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"
)

// noValue is what a Ref to AWS::NoValue resolves to: the property is absent.
type noValue struct{}

// cfnContext holds what intrinsic functions may resolve against.
type cfnContext struct {
	params    map[string]bool
	resources map[string]bool
	mappings  map[string]any
}

// resolved converts a node as converter.value does and resolves the
// intrinsic functions in it as cfnContext.resolve does, in one pass: it is
// ctx.resolve(c.value(n, depth)), without building the unresolved copy
// (only an intrinsic function's argument is converted as it is written,
// and resolved by the function). It visits the same nodes in the same
// order, so it fails where and as c.value fails.
func (c *converter) resolved(ctx *cfnContext, n *yaml.Node, depth int) (any, error) {
	_, short := shortForms[n.Tag]
	short = short && n.Kind != yaml.AliasNode
	if short || n.Kind != yaml.MappingNode && n.Kind != yaml.SequenceNode && n.Kind != yaml.AliasNode {
		// A scalar, a short-form intrinsic (converted to {"Fn::...": ...})
		// or a node c.value refuses.
		v, err := c.value(n, depth)
		if err != nil || !short {
			return v, err
		}
		return ctx.resolve(v), nil
	}
	c.nodes++
	if c.nodes > maxNodes {
		return nil, c.errorf(n, "document expands to more than %d values (alias bomb?)", maxNodes)
	}
	if depth > maxDepth {
		return nil, c.errorf(n, "nested deeper than %d levels", maxDepth)
	}
	switch n.Kind {
	case yaml.AliasNode:
		return c.resolved(ctx, n.Alias, depth+1)
	case yaml.SequenceNode:
		s := make([]any, 0, len(n.Content))
		for _, e := range n.Content {
			v, err := c.resolved(ctx, e, depth+1)
			if err != nil {
				return nil, err
			}
			if v != (noValue{}) {
				s = append(s, v)
			}
		}
		return s, nil
	}
	if fn := intrinsicKey(n); fn != "" {
		// {"Ref": ...} or {"Fn::...": ...}: its argument as written (the
		// last one when the key is repeated, as a map keeps it).
		var arg any
		for i := 0; i+1 < len(n.Content); i += 2 {
			v, err := c.value(n.Content[i+1], depth+1)
			if err != nil {
				return nil, err
			}
			arg = v
		}
		return ctx.intrinsic(fn, arg), nil
	}
	m := make(map[string]any, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i]
		if k.Kind == yaml.AliasNode || k.Tag == "!!merge" {
			return nil, c.errorf(k, "merge keys and aliases as keys are not supported")
		}
		v, err := c.resolved(ctx, n.Content[i+1], depth+1)
		if err != nil {
			return nil, err
		}
		if v == (noValue{}) {
			delete(m, k.Value)
		} else {
			m[k.Value] = v
		}
	}
	return m, nil
}

// intrinsicKey returns the function of a mapping that converts to a map of
// one intrinsic function's key ("Ref", "Condition", "Fn::..."), or "".
func intrinsicKey(n *yaml.Node) string {
	if len(n.Content) < 2 {
		return ""
	}
	fn := n.Content[0].Value
	if fn != "Ref" && fn != "Condition" && !strings.HasPrefix(fn, "Fn::") {
		return ""
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if k := n.Content[i]; k.Kind == yaml.AliasNode || k.Tag == "!!merge" || k.Value != fn {
			return ""
		}
	}
	return fn
}

// resolve evaluates the intrinsic functions that can be evaluated without
// deploying; the others become Unknown.
func (ctx *cfnContext) resolve(v any) any {
	switch x := v.(type) {
	case []any:
		out := make([]any, 0, len(x))
		for _, e := range x {
			if r := ctx.resolve(e); r != (noValue{}) {
				out = append(out, r)
			}
		}
		return out
	case map[string]any:
		if len(x) == 1 {
			for k, arg := range x {
				if k == "Ref" || k == "Condition" || strings.HasPrefix(k, "Fn::") {
					return ctx.intrinsic(k, arg)
				}
			}
		}
		out := make(map[string]any, len(x))
		for k, e := range x {
			if r := ctx.resolve(e); r != (noValue{}) {
				out[k] = r
			}
		}
		return out
	}
	return v
}

func (ctx *cfnContext) intrinsic(fn string, arg any) any {
	switch fn {
	case "Ref":
		name, _ := arg.(string)
		switch {
		case name == "AWS::NoValue":
			return noValue{}
		case ctx.resources[name]:
			return ref{name}
		case ctx.params[name]:
			return Unknown{"Ref to parameter " + name}
		}
		return Unknown{"Ref to " + name}
	case "Fn::GetAtt":
		if parts, ok := arg.([]any); ok && len(parts) == 2 {
			if name, ok := parts[0].(string); ok && ctx.resources[name] {
				return ref{fmt.Sprintf("%s.%v", name, parts[1])}
			}
		}
		return Unknown{"Fn::GetAtt"}
	case "Fn::Sub":
		if s, ok := ctx.resolve(arg).(string); ok && !strings.Contains(strings.ReplaceAll(s, "${!", ""), "${") {
			return strings.ReplaceAll(s, "${!", "${")
		}
		return Unknown{"Fn::Sub with variables"}
	case "Fn::Join":
		if a, ok := ctx.resolve(arg).([]any); ok && len(a) == 2 {
			delim, ok1 := a[0].(string)
			list, ok2 := a[1].([]any)
			if ok1 && ok2 {
				parts := make([]string, len(list))
				for i, e := range list {
					s, ok := e.(string)
					if !ok {
						return Unknown{"Fn::Join of unknown values"}
					}
					parts[i] = s
				}
				return strings.Join(parts, delim)
			}
		}
		return Unknown{"Fn::Join of unknown values"}
	case "Fn::Select":
		if a, ok := ctx.resolve(arg).([]any); ok && len(a) == 2 {
			idx, ok1 := number(a[0])
			list, ok2 := a[1].([]any)
			if ok1 && ok2 && idx >= 0 && int(idx) < len(list) && float64(int(idx)) == idx {
				return list[int(idx)]
			}
		}
		return Unknown{"Fn::Select of unknown values"}
	case "Fn::Split":
		if a, ok := ctx.resolve(arg).([]any); ok && len(a) == 2 {
			delim, ok1 := a[0].(string)
			s, ok2 := a[1].(string)
			if ok1 && ok2 && delim != "" {
				return toAnySlice(strings.Split(s, delim))
			}
		}
		return Unknown{"Fn::Split of unknown values"}
	case "Fn::FindInMap":
		if a, ok := ctx.resolve(arg).([]any); ok && len(a) >= 3 {
			var cur any = ctx.mappings
			for _, k := range a[:3] {
				key, ok := k.(string)
				m, isMap := cur.(map[string]any)
				if !ok || !isMap {
					return Unknown{"Fn::FindInMap with unknown keys"}
				}
				cur = m[key]
			}
			if cur != nil {
				return ctx.resolve(cur)
			}
		}
		return Unknown{"Fn::FindInMap with unknown keys"}
	}
	// Fn::If, Fn::ImportValue, Fn::Base64, Fn::GetAZs, conditions, Fn::Cidr...
	return Unknown{fn}
}
