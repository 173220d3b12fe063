package main

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// miniModel returns a one-operation model whose input structure has the
// given members, plus extra shapes, as a Smithy JSON AST.
func miniModel(t *testing.T, members map[string]any, extra map[string]any) []byte {
	t.Helper()
	shapes := map[string]any{
		"ex#Svc": map[string]any{"type": "service", "operations": []any{map[string]any{"target": "ex#Op"}}},
		"ex#Op": map[string]any{
			"type":   "operation",
			"input":  map[string]any{"target": "ex#OpInput"},
			"output": map[string]any{"target": "smithy.api#Unit"},
			"traits": map[string]any{"smithy.api#http": map[string]any{"method": "POST", "uri": "/op/{Id}", "code": 200}},
		},
		"ex#OpInput": map[string]any{"type": "structure", "members": members, "traits": map[string]any{"smithy.api#input": map[string]any{}}},
		"ex#Str":     map[string]any{"type": "string"},
	}
	for k, v := range extra {
		shapes[k] = v
	}
	b, err := json.Marshal(map[string]any{"smithy": "2.0", "shapes": shapes})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func idLabel() map[string]any {
	return map[string]any{"target": "ex#Str", "traits": map[string]any{"smithy.api#httpLabel": map[string]any{}, "smithy.api#required": map[string]any{}}}
}

func TestGenerateRejectsUnsupported(t *testing.T) {
	tests := []struct {
		name    string
		members map[string]any
		extra   map[string]any
		want    string
	}{
		{
			name:    "float member",
			members: map[string]any{"Id": idLabel(), "F": map[string]any{"target": "ex#F"}},
			extra:   map[string]any{"ex#F": map[string]any{"type": "float"}},
			want:    `type "float" is not supported`,
		},
		{
			name:    "httpHeader",
			members: map[string]any{"Id": idLabel(), "H": map[string]any{"target": "ex#Str", "traits": map[string]any{"smithy.api#httpHeader": "X-H"}}},
			want:    "smithy.api#httpHeader is not supported",
		},
		{
			name:    "unknown target",
			members: map[string]any{"Id": idLabel(), "X": map[string]any{"target": "ex#Nope"}},
			want:    "unknown target ex#Nope",
		},
		{
			name:    "pattern RE2 cannot run",
			members: map[string]any{"Id": idLabel(), "P": map[string]any{"target": "ex#P"}},
			extra:   map[string]any{"ex#P": map[string]any{"type": "string", "traits": map[string]any{"smithy.api#pattern": "^(?!x)"}}},
			want:    "not supported",
		},
		{
			name:    "enum constant collides with a structure",
			members: map[string]any{"Id": idLabel(), "C": map[string]any{"target": "ex#Color"}},
			extra: map[string]any{
				"ex#Color":    map[string]any{"type": "enum", "members": map[string]any{"RED": map[string]any{"target": "smithy.api#Unit", "traits": map[string]any{"smithy.api#enumValue": "red"}}}},
				"ex#ColorRed": map[string]any{"type": "structure", "members": map[string]any{}},
			},
			want: "identifier ColorRed is declared by both",
		},
		{
			name:    "structure named like hand-written code",
			members: map[string]any{"Id": idLabel()},
			extra:   map[string]any{"ex#Router": map[string]any{"type": "structure", "members": map[string]any{}}},
			want:    "identifier Router is declared by both",
		},
		{
			name:    "list bound to a label",
			members: map[string]any{"Id": map[string]any{"target": "ex#L", "traits": map[string]any{"smithy.api#httpLabel": map[string]any{}}}},
			extra:   map[string]any{"ex#L": map[string]any{"type": "list", "member": map[string]any{"target": "ex#Str"}}},
			want:    "cannot be bound to the label",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := ParseModel(miniModel(t, tt.members, tt.extra))
			if err == nil {
				_, err = Generate(m)
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error = %v, want one containing %q", err, tt.want)
			}
		})
	}
}

// TestMemberTraitsOverrideTarget checks that a length trait on a member
// replaces the one of its target, as Smithy specifies.
func TestMemberTraitsOverrideTarget(t *testing.T) {
	members := map[string]any{
		"Id":   idLabel(),
		"Name": map[string]any{"target": "ex#Name", "traits": map[string]any{"smithy.api#length": map[string]any{"max": 5}}},
	}
	extra := map[string]any{"ex#Name": map[string]any{"type": "string", "traits": map[string]any{"smithy.api#length": map[string]any{"min": 1, "max": 9}}}}
	m, err := ParseModel(miniModel(t, members, extra))
	if err != nil {
		t.Fatal(err)
	}
	files, err := Generate(m)
	if err != nil {
		t.Fatal(err)
	}
	src := string(files["validate_gen.go"])
	if !strings.Contains(src, "c.strLength(*v.Name, 0, 5)") {
		t.Errorf("validate_gen.go does not check Name with the member's length 0..5:\n%s", src)
	}
	types := string(files["types_gen.go"])
	for _, want := range []string{"Id *string `json:\"-\"`", "Name *string `json:\"Name,omitzero\"`", "type OpOutput struct{}"} {
		if !strings.Contains(types, want) {
			t.Errorf("types_gen.go lacks %q:\n%s", want, types)
		}
	}
}

func TestCamel(t *testing.T) {
	for in, want := range map[string]string{
		"NOT_APPLICABLE":  "NotApplicable",
		"PDF":             "Pdf",
		"HIGH":            "High",
		"review-template": "ReviewTemplate",
		"V1_2":            "V12",
	} {
		if got := camel(in); got != want {
			t.Errorf("camel(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestEnumConstantsMatchSDK checks that every enum constant is named as the
// AWS SDK for Go names it, so code reads the same on both sides.
func TestEnumConstantsMatchSDK(t *testing.T) {
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/aws/aws-sdk-go-v2/service/wellarchitected").Output()
	if err != nil {
		t.Fatalf("locate the SDK: %v", err)
	}
	f, err := parser.ParseFile(token.NewFileSet(), filepath.Join(strings.TrimSpace(string(out)), "types", "enums.go"), nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	sdk := map[string]string{} // constant → value
	for _, decl := range f.Decls {
		gd, ok := decl.(*ast.GenDecl)
		if !ok || gd.Tok != token.CONST {
			continue
		}
		for _, spec := range gd.Specs {
			vs := spec.(*ast.ValueSpec)
			for i, name := range vs.Names {
				if lit, ok := vs.Values[i].(*ast.BasicLit); ok {
					sdk[name.Name], _ = strconv.Unquote(lit.Value)
				}
			}
		}
	}
	m, err := LoadModel(specPath)
	if err != nil {
		t.Fatal(err)
	}
	ours := map[string]string{}
	for _, s := range m.ShapesOfType("enum", "string") {
		if !isEnum(s) {
			continue
		}
		vals, err := enumValues(s)
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range vals {
			ours[v.Const] = v.Value
		}
	}
	if len(ours) < 100 {
		t.Fatalf("only %d enum constants in the model", len(ours))
	}
	if diff := cmp.Diff(sdk, ours); diff != "" {
		t.Errorf("enum constants differ from the SDK's (-sdk +ours):\n%s", diff)
	}
}
