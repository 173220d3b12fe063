package scan

import (
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"
)

// noValue is what a Ref to AWS::NoValue resolves to: the property is absent.
type noValue struct{}

// cfnContext holds what intrinsic functions may resolve against.
type cfnContext struct {
	params    map[string]bool
	resources map[string]bool
	mappings  map[string]any
}

// readCloudFormation reads the resources of a CloudFormation (or SAM, or CDK
// output) template.
func readCloudFormation(file string, root *yaml.Node) ([]*Resource, error) {
	c := &converter{file: file}
	ctx := &cfnContext{params: map[string]bool{}, resources: map[string]bool{}}
	if p := mapGet(root, "Parameters"); p != nil && p.Kind == yaml.MappingNode {
		for i := 0; i < len(p.Content); i += 2 {
			ctx.params[p.Content[i].Value] = true
		}
	}
	if m := mapGet(root, "Mappings"); m != nil {
		v, err := c.value(m, 0)
		if err != nil {
			return nil, err
		}
		ctx.mappings, _ = v.(map[string]any)
	}
	res := mapGet(root, "Resources")
	if res.Kind != yaml.MappingNode {
		return nil, c.errorf(res, "Resources is not a mapping")
	}
	for i := 0; i < len(res.Content); i += 2 {
		ctx.resources[res.Content[i].Value] = true
	}
	var globals map[string]any
	if g := mapGet(mapGet(root, "Globals"), "Function"); g != nil {
		v, err := c.value(g, 0)
		if err != nil {
			return nil, err
		}
		globals, _ = ctx.resolve(v).(map[string]any)
	}
	var out []*Resource
	for i := 0; i+1 < len(res.Content); i += 2 {
		key, body := res.Content[i], res.Content[i+1]
		t := mapGet(body, "Type")
		if t == nil || t.Kind != yaml.ScalarNode {
			return nil, c.errorf(key, "resource %s has no Type", key.Value)
		}
		norm, ok := cfnKinds[t.Value]
		if !ok {
			continue
		}
		props := map[string]any{}
		if p := mapGet(body, "Properties"); p != nil {
			v, err := c.value(p, 0)
			if err != nil {
				return nil, err
			}
			switch r := ctx.resolve(v).(type) {
			case map[string]any:
				props = r
			case nil:
			default:
				return nil, c.errorf(p, "Properties of %s is not a mapping", key.Value)
			}
		}
		if t.Value == "AWS::Serverless::Function" {
			for k, v := range globals {
				if _, ok := props[k]; !ok {
					props[k] = v
				}
			}
		}
		out = append(out, &Resource{
			Kind: norm.kind, Type: t.Value, Name: key.Value, File: file, Line: key.Line,
			Props: norm.fn(props),
		})
	}
	return out, nil
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
