package scan

import "go.yaml.in/yaml/v3"

// readCloudFormation reads the resources of a CloudFormation (or SAM, or CDK
// output) template. Properties are converted from YAML nodes and their
// intrinsic functions resolved in one pass (resolved), and the facts one
// resource of the template gives another are set before they are returned
// (cfnLink), so that a resource is complete when it leaves its file.
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
		v, err := c.resolved(ctx, g, 0)
		if err != nil {
			return nil, err
		}
		globals, _ = v.(map[string]any)
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
			v, err := c.resolved(ctx, p, 0)
			if err != nil {
				return nil, err
			}
			switch r := v.(type) {
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
	cfnLink(out)
	return out, nil
}

// cfnLink sets the properties one resource of a template gives another: a
// queue named as another's dead-letter queue. Targets are resources of the
// same template.
func cfnLink(resources []*Resource) {
	byName := map[string]*Resource{}
	for _, r := range resources {
		byName[r.Name] = r
	}
	for _, r := range resources {
		switch r.Kind {
		case "sqs_queue":
			if t := byName[stringOf(r.Props["dead_letter_target"])]; t != nil && t.Kind == "sqs_queue" {
				t.Props["is_dead_letter_queue"] = true
			}
		}
	}
}
