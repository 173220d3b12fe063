package scan

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/wat-dev/wat/internal/golden"
)

// tfSpec is one resource of a plan fixture's source: its type, name and
// planned values, the attributes Terraform knows only after apply, and the
// references of its expressions in the configuration.
type tfSpec struct {
	Type    string              `yaml:"type"`
	Name    string              `yaml:"name"`
	Values  map[string]any      `yaml:"values"`
	Unknown []string            `yaml:"unknown"`
	Refs    map[string][]string `yaml:"refs"`
}

// planJSON renders specs in the shape of `terraform show -json` for a plan
// that creates every resource (format 1.2, Terraform 1.9, AWS provider 5).
func planJSON(specs []tfSpec) ([]byte, error) {
	var planned, changes, config []any
	for _, s := range specs {
		addr := s.Type + "." + s.Name
		values := map[string]any{}
		for k, v := range s.Values {
			values[k] = v
		}
		unknown := map[string]any{}
		for _, u := range s.Unknown {
			unknown[u] = true
			delete(values, u)
		}
		planned = append(planned, map[string]any{
			"address": addr, "mode": "managed", "type": s.Type, "name": s.Name,
			"provider_name": "registry.terraform.io/hashicorp/aws", "schema_version": 0,
			"values": values, "sensitive_values": map[string]any{},
		})
		changes = append(changes, map[string]any{
			"address": addr, "mode": "managed", "type": s.Type, "name": s.Name,
			"provider_name": "registry.terraform.io/hashicorp/aws",
			"change": map[string]any{
				"actions": []string{"create"}, "before": nil, "after": values, "after_unknown": unknown,
				"before_sensitive": false, "after_sensitive": map[string]any{},
			},
		})
		exprs := map[string]any{}
		keys := make([]string, 0, len(s.Values))
		for k := range s.Values {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if _, isRef := s.Refs[k]; !isRef {
				exprs[k] = map[string]any{"constant_value": s.Values[k]}
			}
		}
		for k, refs := range s.Refs {
			exprs[k] = map[string]any{"references": refs}
		}
		config = append(config, map[string]any{
			"address": addr, "mode": "managed", "type": s.Type, "name": s.Name,
			"provider_config_key": "aws", "expressions": exprs, "schema_version": 0,
		})
	}
	plan := map[string]any{
		"format_version": "1.2", "terraform_version": "1.9.8",
		"planned_values":   map[string]any{"root_module": map[string]any{"resources": planned}},
		"resource_changes": changes,
		"configuration": map[string]any{
			"provider_config": map[string]any{"aws": map[string]any{"name": "aws", "full_name": "registry.terraform.io/hashicorp/aws",
				"version_constraint": "~> 5.0"}},
			"root_module": map[string]any{"resources": config},
		},
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	err := enc.Encode(plan)
	return b.Bytes(), err
}

// TestTerraformFixturesFresh regenerates the plan fixtures from
// testdata/terraform/src/*.yaml and compares them with the committed ones;
// -update rewrites them.
func TestTerraformFixturesFresh(t *testing.T) {
	srcs, _ := filepath.Glob(filepath.Join("testdata", "terraform", "src", "*.yaml"))
	if len(srcs) == 0 {
		t.Fatal("no Terraform fixture sources")
	}
	for _, src := range srcs {
		data, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		var specs []tfSpec
		dec := yaml.NewDecoder(bytes.NewReader(data))
		dec.KnownFields(true)
		if err := dec.Decode(&specs); err != nil {
			t.Fatalf("%s: %v", src, err)
		}
		want, err := planJSON(specs)
		if err != nil {
			t.Fatalf("%s: %v", src, err)
		}
		out := filepath.Join("testdata", "terraform", strings.TrimSuffix(filepath.Base(src), ".yaml")+".json")
		golden.Check(t, out, want)
	}
}
