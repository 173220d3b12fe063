package scan

import (
	"regexp"

	"go.yaml.in/yaml/v3"
)

// tfResource is one managed resource of a plan's planned values.
type tfResource struct {
	address, typ string
	line         int
	values       map[string]any
}

// readTerraformPlan reads the planned resources of `terraform show -json`
// output: planned_values.root_module and its child modules, with the
// attributes Terraform knows only after apply (resource_changes'
// after_unknown) marked Unknown.
func readTerraformPlan(file string, root *yaml.Node) ([]*Resource, error) {
	c := &converter{file: file}
	var planned []*tfResource
	if err := c.tfModule(mapGet(mapGet(root, "planned_values"), "root_module"), 0, &planned); err != nil {
		return nil, err
	}
	if rc := mapGet(root, "resource_changes"); rc != nil && rc.Kind == yaml.SequenceNode {
		byAddr := map[string]*tfResource{}
		for _, r := range planned {
			byAddr[r.address] = r
		}
		for _, ch := range rc.Content {
			addr, ok := tfString(mapGet(ch, "address"))
			r := byAddr[addr]
			if !ok || r == nil {
				continue
			}
			// A change without after_unknown (or without a change at all, as
			// a hand-written or truncated plan may be) marks nothing unknown.
			au := mapGet(mapGet(ch, "change"), "after_unknown")
			if au == nil {
				continue
			}
			v, err := c.value(au, 0)
			if err != nil {
				return nil, err
			}
			markUnknown(r.values, v)
		}
	}
	refs := map[string]string{} // sub-resource address -> bucket address, from the configuration
	tfConfigRefs(mustValue(c, mapGet(mapGet(root, "configuration"), "root_module")), "", refs)
	return tfNormalise(file, planned, refs), nil
}

// tfString returns the text of a string node. Addresses and types of
// another shape (null, a number, a list) name no resource: reading their
// node's Value would take a list for "" and null for "null".
func tfString(n *yaml.Node) (string, bool) {
	if n == nil || n.Kind != yaml.ScalarNode || n.ShortTag() != "!!str" || n.Value == "" {
		return "", false
	}
	return n.Value, true
}

func mustValue(c *converter, n *yaml.Node) any {
	if n == nil {
		return nil
	}
	v, _ := c.value(n, 0)
	return v
}

func (c *converter) tfModule(m *yaml.Node, depth int, out *[]*tfResource) error {
	if m == nil {
		return nil
	}
	if depth > maxDepth {
		return c.errorf(m, "modules nested deeper than %d levels", maxDepth)
	}
	if rs := mapGet(m, "resources"); rs != nil && rs.Kind == yaml.SequenceNode {
		for _, r := range rs.Content {
			addr, okAddr := tfString(mapGet(r, "address"))
			typ, okType := tfString(mapGet(r, "type"))
			mode := mapGet(r, "mode")
			if !okAddr || !okType || (mode != nil && mode.Value != "managed") {
				continue
			}
			vals := map[string]any{}
			if vn := mapGet(r, "values"); vn != nil {
				v, err := c.value(vn, 0)
				if err != nil {
					return err
				}
				if vm, ok := v.(map[string]any); ok {
					vals = vm
				}
			}
			*out = append(*out, &tfResource{address: addr, typ: typ, line: r.Line, values: vals})
		}
	}
	if cms := mapGet(m, "child_modules"); cms != nil && cms.Kind == yaml.SequenceNode {
		for _, cm := range cms.Content {
			if err := c.tfModule(cm, depth+1, out); err != nil {
				return err
			}
		}
	}
	return nil
}

// markUnknown replaces the values that after_unknown marks true by Unknown.
func markUnknown(vals map[string]any, au any) {
	am, ok := au.(map[string]any)
	if !ok {
		return
	}
	for k, u := range am {
		switch x := u.(type) {
		case bool:
			if x {
				vals[k] = Unknown{"known after apply"}
			}
		case []any:
			if list, ok := vals[k].([]any); ok {
				for i := range min(len(list), len(x)) {
					if b, _ := x[i].(bool); b {
						list[i] = Unknown{"known after apply"}
					} else if em, ok := list[i].(map[string]any); ok {
						markUnknown(em, x[i])
					}
				}
			}
		case map[string]any:
			if vm, ok := vals[k].(map[string]any); ok {
				markUnknown(vm, x)
			}
		}
	}
}

var bucketRefRE = regexp.MustCompile(`^aws_s3_bucket\.[A-Za-z0-9_-]+$`)

// tfConfigRefs finds, in the configuration, the bucket each S3 sub-resource
// (aws_s3_bucket_versioning and the like) refers to, since its bucket name
// is often known only after apply.
func tfConfigRefs(mod any, prefix string, out map[string]string) {
	for _, r := range asList(get(mod, "resources")) {
		addr, _ := get(r, "address").(string)
		for _, ref := range asList(get(r, "expressions", "bucket", "references")) {
			if s, ok := ref.(string); ok && bucketRefRE.MatchString(s) {
				out[prefix+addr] = prefix + s
			}
		}
	}
	if calls, ok := get(mod, "module_calls").(map[string]any); ok {
		for name, call := range calls {
			tfConfigRefs(get(call, "module"), prefix+"module."+name+".", out)
		}
	}
}

func asList(v any) []any {
	l, _ := v.([]any)
	return l
}

// indexRE strips count and for_each keys from an address.
var indexRE = regexp.MustCompile(`\[[^\]]*\]`)
