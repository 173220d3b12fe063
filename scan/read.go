package scan

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Limits bound the work one file can cause.
const (
	// MaxFileSize is the largest file read; larger ones are reported, not read.
	MaxFileSize = 32 << 20
	// maxDepth is the deepest nesting of mappings and sequences accepted.
	maxDepth = 100
	// maxNodes bounds the values one document expands to, aliases included,
	// so that an alias bomb fails fast instead of exhausting memory.
	maxNodes = 2_000_000
)

// ErrNotTemplate reports a file that parses but is neither a CloudFormation
// template nor a Terraform plan; such files are skipped.
var ErrNotTemplate = errors.New("not a CloudFormation template or Terraform plan")

// Read reads one file's bytes: a CloudFormation template (JSON or YAML, SAM,
// CDK output) or a Terraform plan in `terraform show -json` form. A file that
// is neither returns ErrNotTemplate; one that does not parse returns a
// *Problem with the line where parsing stopped.
//
// Read never panics: should a file of a shape no reader foresaw still make
// one panic, that file alone is reported, as a *Problem naming it, and the
// scan of the other files goes on. The readers are meant to need no such
// net (FuzzRead calls them without it); it is there so that a bug costs one
// file's results, not the scan.
func Read(file string, data []byte) (res []*Resource, err error) {
	defer func() {
		if v := recover(); v != nil {
			res, err = nil, &Problem{File: file, Message: fmt.Sprintf("not read: wat failed on this file (a bug, please report it): %v", v)}
		}
	}()
	return read(file, data)
}

// read is Read without the recovery from panics, for the fuzz tests.
func read(file string, data []byte) ([]*Resource, error) {
	if len(data) > MaxFileSize {
		return nil, &Problem{File: file, Message: fmt.Sprintf("file larger than %d MiB, not read", MaxFileSize>>20)}
	}
	if bytes.IndexByte(data[:min(len(data), 8000)], 0) >= 0 {
		return nil, &Problem{File: file, Message: "binary file, not read"}
	}
	doc, ok := parseJSON(data)
	if !ok {
		doc = new(yaml.Node)
		if err := yaml.Unmarshal(data, doc); err != nil {
			return nil, &Problem{File: file, Line: yamlErrorLine(err), Message: "does not parse: " + err.Error()}
		}
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return nil, ErrNotTemplate
	}
	root := doc.Content[0]
	switch {
	case mapGet(root, "Resources") != nil && looksCloudFormation(root):
		return readCloudFormation(file, root)
	case mapGet(root, "planned_values") != nil && mapGet(root, "format_version") != nil:
		return readTerraformPlan(file, root)
	}
	return nil, ErrNotTemplate
}

// looksCloudFormation tells a template from another document with a
// "Resources" key: each resource has a Type like "AWS::S3::Bucket".
func looksCloudFormation(root *yaml.Node) bool {
	if mapGet(root, "AWSTemplateFormatVersion") != nil {
		return true
	}
	res := mapGet(root, "Resources")
	if res == nil || res.Kind != yaml.MappingNode || len(res.Content) == 0 {
		return false
	}
	t := mapGet(res.Content[1], "Type")
	return t != nil && t.Kind == yaml.ScalarNode && strings.Contains(t.Value, "::")
}

// yamlErrorLine extracts the line from yaml.v3's "yaml: line N: ..." errors.
func yamlErrorLine(err error) int {
	var n int
	if _, e := fmt.Sscanf(err.Error(), "yaml: line %d:", &n); e == nil {
		return n
	}
	var te *yaml.TypeError
	if errors.As(err, &te) && len(te.Errors) > 0 {
		if _, e := fmt.Sscanf(te.Errors[0], "line %d:", &n); e == nil {
			return n
		}
	}
	return 0
}

// mapGet returns the value of key in a mapping node, or nil.
func mapGet(n *yaml.Node, key string) *yaml.Node {
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return nil
}

// converter turns YAML nodes into plain values (map[string]any, []any,
// string, float64, bool, nil), the short-form intrinsics into their long
// form ({"Fn::Sub": ...}), under the depth and size limits.
type converter struct {
	file  string
	nodes int
}

func (c *converter) errorf(n *yaml.Node, format string, args ...any) error {
	return &Problem{File: c.file, Line: n.Line, Message: fmt.Sprintf(format, args...)}
}

// shortForms maps the short-form intrinsic tags to their long-form keys.
var shortForms = map[string]string{
	"!Ref": "Ref", "!Condition": "Condition",
	"!Sub": "Fn::Sub", "!GetAtt": "Fn::GetAtt", "!Join": "Fn::Join", "!If": "Fn::If",
	"!Equals": "Fn::Equals", "!Select": "Fn::Select", "!Split": "Fn::Split",
	"!FindInMap": "Fn::FindInMap", "!ImportValue": "Fn::ImportValue", "!Base64": "Fn::Base64",
	"!GetAZs": "Fn::GetAZs", "!Not": "Fn::Not", "!And": "Fn::And", "!Or": "Fn::Or",
	"!Cidr": "Fn::Cidr", "!Transform": "Fn::Transform", "!Length": "Fn::Length",
	"!ToJsonString": "Fn::ToJsonString",
}

func (c *converter) value(n *yaml.Node, depth int) (any, error) {
	c.nodes++
	if c.nodes > maxNodes {
		return nil, c.errorf(n, "document expands to more than %d values (alias bomb?)", maxNodes)
	}
	if depth > maxDepth {
		return nil, c.errorf(n, "nested deeper than %d levels", maxDepth)
	}
	if n.Kind == yaml.AliasNode {
		return c.value(n.Alias, depth+1)
	}
	if key, ok := shortForms[n.Tag]; ok {
		cp := *n
		cp.Tag = ""
		if n.Kind == yaml.ScalarNode {
			cp.Tag = "!!str"
		}
		v, err := c.value(&cp, depth+1)
		if err != nil {
			return nil, err
		}
		if s, ok := v.(string); ok && key == "Fn::GetAtt" {
			v = toAnySlice(strings.SplitN(s, ".", 2))
		}
		return map[string]any{key: v}, nil
	}
	switch n.Kind {
	case yaml.MappingNode:
		m := make(map[string]any, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			if k.Kind == yaml.AliasNode || k.Tag == "!!merge" {
				return nil, c.errorf(k, "merge keys and aliases as keys are not supported")
			}
			v, err := c.value(n.Content[i+1], depth+1)
			if err != nil {
				return nil, err
			}
			m[k.Value] = v
		}
		return m, nil
	case yaml.SequenceNode:
		s := make([]any, 0, len(n.Content))
		for _, e := range n.Content {
			v, err := c.value(e, depth+1)
			if err != nil {
				return nil, err
			}
			s = append(s, v)
		}
		return s, nil
	case yaml.ScalarNode:
		return scalar(n), nil
	}
	return nil, c.errorf(n, "unexpected YAML node")
}

// scalar decodes a scalar by its resolved tag; anything odd stays a string.
func scalar(n *yaml.Node) any {
	switch n.ShortTag() {
	case "!!null":
		return nil
	case "!!bool":
		if b, err := strconv.ParseBool(n.Value); err == nil {
			return b
		}
	case "!!int", "!!float":
		if f, err := strconv.ParseFloat(n.Value, 64); err == nil {
			return f
		}
	}
	switch n.ShortTag() {
	case "!!bool", "!!int", "!!float":
		var v any
		if err := n.Decode(&v); err == nil {
			switch x := v.(type) {
			case int:
				return float64(x)
			case int64:
				return float64(x)
			case uint64:
				return float64(x)
			default:
				return x
			}
		}
	}
	return n.Value
}

func toAnySlice(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}
