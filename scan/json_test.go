package scan

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"go.yaml.in/yaml/v3"
)

// sameTree reports how two YAML trees differ in what the readers use:
// kinds, styles, tags, values, lines and children.
func sameTree(a, b *yaml.Node, path string) string {
	if a.Kind != b.Kind || a.Style != b.Style || a.Tag != b.Tag || a.Value != b.Value || a.Line != b.Line ||
		a.Anchor != b.Anchor || a.Alias != nil || b.Alias != nil || len(a.Content) != len(b.Content) {
		return fmt.Sprintf("%s: JSON gives kind %d style %d tag %q value %q line %d (%d children), YAML kind %d style %d tag %q value %q line %d (%d children)",
			path, a.Kind, a.Style, a.Tag, a.Value, a.Line, len(a.Content), b.Kind, b.Style, b.Tag, b.Value, b.Line, len(b.Content))
	}
	for i := range a.Content {
		if d := sameTree(a.Content[i], b.Content[i], fmt.Sprintf("%s/%d", path, i)); d != "" {
			return d
		}
	}
	return ""
}

// jsonSeeds are JSON documents at the edges of what JSON and YAML read alike.
var jsonSeeds = []string{
	`{}`,
	`{"a":1,"b":[true,false,null],"c":{"d":"e"}}`,
	"{\r\n  \"a\": 1,\r  \"b\":\t[ -0, 1.5e3, 1E+2, -12.25, 9223372036854775807, 9223372036854775808, 18446744073709551616, 1e400 ]\n}\n",
	`{"s": "tab\tnew\nline \"quoted\" back\\slash \u00e9 \u20ac \ud83d\ude00 \u0000 slash\/"}`,
	`{"raw": "é € 😀 ` + "\u0085 \u2028 \u00a0 \ufeff \x7f" + `"}`,
	`{"Resources": {"B": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": {"Fn::Sub": "x-${AWS::Region}"}}}}}`,
	`{"dup": 1, "dup": 2}`,
	`{"<<": {"a": 1}}`,
	`{"k"` + "\n" + `: 1}`,
	`{"` + strings.Repeat("k", 1100) + `": 1}`,
	`{"a": [1, 2,]}`,
	`{"a": 01}`,
	`{"a": .5}`,
	`{"a": tru}`,
	`{"a": "b"} x`,
	`{"a": "b"}{}`,
	"\ufeff{}",
	`{"a": "---"}`,
	"{\n\"a\":\n1\n}",
	"{\"a\": [\n{\"b\": \"c\"}\n,\n{}\n]\n}",
}

// FuzzJSONMatchesYAML checks parseJSON's promise: whatever it reads,
// yaml.v3 reads into the same tree.
func FuzzJSONMatchesYAML(f *testing.F) {
	for _, s := range jsonSeeds {
		f.Add([]byte(s))
	}
	files, _ := filepath.Glob("testdata/terraform/*.json")
	more, _ := filepath.Glob("../cmd/wat/testdata/scan/project/*/*.json")
	for _, file := range append(files, more...) {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, ok := parseJSON(data)
		if !ok {
			return
		}
		var want yaml.Node
		if err := yaml.Unmarshal(data, &want); err != nil {
			t.Fatalf("parseJSON reads %q, yaml.v3 does not: %v", data, err)
		}
		if d := sameTree(doc.Content[0], want.Content[0], ""); d != "" {
			t.Fatalf("%q: %s", data, d)
		}
	})
}

// TestJSONReadsAsYAML reads the seeds and the JSON fixtures both ways.
func TestJSONReadsAsYAML(t *testing.T) {
	read := 0
	for _, s := range jsonSeeds {
		doc, ok := parseJSON([]byte(s))
		if !ok {
			continue
		}
		read++
		var want yaml.Node
		if err := yaml.Unmarshal([]byte(s), &want); err != nil {
			t.Errorf("parseJSON reads %q, yaml.v3 does not: %v", s, err)
			continue
		}
		if d := sameTree(doc.Content[0], want.Content[0], ""); d != "" {
			t.Errorf("%q: %s", s, d)
		}
	}
	if read < 8 {
		t.Errorf("parseJSON read %d of the seeds, want the valid JSON among them", read)
	}
	for _, refused := range []string{`{"s": "\/"}`, `{"k"` + "\n" + `: 1}`, `{"a": 1e400}`, "\ufeff{}", `{"a": "` + "\u2028" + `"}`} {
		if _, ok := parseJSON([]byte(refused)); ok {
			t.Errorf("parseJSON reads %q, which YAML reads otherwise or refuses", refused)
		}
	}
}

// FuzzResolved checks that converting and resolving in one pass is
// converting, then resolving: the same value, or the same error.
func FuzzResolved(f *testing.F) {
	for _, seed := range []string{
		"Parameters: {P: {Type: String}}\nResources: {Q: {Type: AWS::SQS::Queue}}\nX: {a: !Ref P, b: !GetAtt Q.Arn, c: [!Ref AWS::NoValue, 1], d: {Ref: AWS::NoValue}}\n",
		"X: {Fn::Join: ['', [a, !Ref P]], Fn::Join: [',', [a, b]]}\n",
		"X: {Ref: Q, Ref: AWS::NoValue}\nResources: {Q: {Type: T}}\n",
		"X: {a: 1, a: {Ref: AWS::NoValue}, b: {Fn::Sub: x, y: {Ref: AWS::NoValue}}}\n",
		"X: &a {k: !Sub '${!x}', l: [*a]}\n",
		"X: {!Ref Ref: x, <<: {a: 1}}\n",
		"X: !If [C, {Fn::Select: [0, [a]]}, !FindInMap [M, a, b]]\nMappings: {M: {a: {b: !Ref AWS::NoValue}}}\n",
		"X: " + strings.Repeat("[", 120) + strings.Repeat("]", 120) + "\n",
	} {
		f.Add([]byte(seed))
	}
	files, _ := filepath.Glob("testdata/cfn/*")
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	opts := cmp.Options{cmp.AllowUnexported(ref{}), cmpopts.EquateNaNs(), cmp.Comparer(func(a, b Problem) bool { return a == b })}
	f.Fuzz(func(t *testing.T, data []byte) {
		var doc yaml.Node
		if yaml.Unmarshal(data, &doc) != nil || len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
			return
		}
		root := doc.Content[0]
		ctx := &cfnContext{params: map[string]bool{}, resources: map[string]bool{}}
		for _, k := range []string{"Parameters", "Resources"} {
			if m := mapGet(root, k); m != nil && m.Kind == yaml.MappingNode {
				for i := 0; i < len(m.Content); i += 2 {
					if k == "Parameters" {
						ctx.params[m.Content[i].Value] = true
					} else {
						ctx.resources[m.Content[i].Value] = true
					}
				}
			}
		}
		if m := mapGet(root, "Mappings"); m != nil {
			if v, err := (&converter{file: "f"}).value(m, 0); err == nil {
				ctx.mappings, _ = v.(map[string]any)
			}
		}
		for i := 1; i < len(root.Content); i += 2 {
			one, two := &converter{file: "f"}, &converter{file: "f"}
			got, gotErr := one.resolved(ctx, root.Content[i], 0)
			raw, wantErr := two.value(root.Content[i], 0)
			var want any
			if wantErr == nil {
				want = ctx.resolve(raw)
			}
			if d := cmp.Diff(fmt.Sprint(wantErr), fmt.Sprint(gotErr)); d != "" {
				t.Fatalf("%q: errors differ (-value+resolve +resolved):\n%s", data, d)
			}
			if d := cmp.Diff(want, got, opts); d != "" {
				t.Fatalf("%q: values differ (-value+resolve +resolved):\n%s", data, d)
			}
			if one.nodes != two.nodes {
				t.Fatalf("%q: resolved counts %d values, value %d", data, one.nodes, two.nodes)
			}
		}
	})
}
