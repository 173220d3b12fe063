package scan

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// props reads a one-resource template and returns its properties.
func props(t *testing.T, doc string) map[string]any {
	t.Helper()
	res, err := Read("t.yaml", []byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	if len(res) != 1 {
		t.Fatalf("%d resources", len(res))
	}
	return res[0].Props
}

func TestIntrinsics(t *testing.T) {
	const head = "Parameters:\n  P: {Type: String}\nMappings:\n  M: {a: {b: Enabled}}\nConditions:\n  C: !Equals [!Ref P, x]\nResources:\n  Other: {Type: AWS::SSM::Parameter}\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      VersioningConfiguration:\n        Status: "
	for expr, want := range map[string]any{
		"Enabled":                                true,
		"!Ref P":                                 Unknown{"Ref to parameter P"},
		"!Ref AWS::Region":                       Unknown{"Ref to AWS::Region"},
		"!Sub Enabled":                           true,
		"!Sub '${P}'":                            Unknown{"Fn::Sub with variables"},
		"!Join ['', [Ena, bled]]":                true,
		"!Join ['', [Ena, !Ref P]]":              Unknown{"Fn::Join of unknown values"},
		"!Select [1, [Suspended, Enabled]]":      true,
		"!Select [0, !Split [',', 'Enabled,x']]": true,
		"!Select [5, [Enabled]]":                 Unknown{"Fn::Select of unknown values"},
		"!FindInMap [M, a, b]":                   true,
		"!FindInMap [M, !Ref P, b]":              Unknown{"Fn::FindInMap with unknown keys"},
		"!If [C, Enabled, Suspended]":            Unknown{"Fn::If"},
		"!ImportValue shared":                    Unknown{"Fn::ImportValue"},
		"!Base64 Enabled":                        Unknown{"Fn::Base64"},
		"!Ref AWS::NoValue":                      false,
		"!GetAtt Other.TopicName":                Unknown{"not a literal string"},
		`{"Fn::Join": ["", ["En", "abled"]]}`:    true,
	} {
		if got := props(t, head+expr+"\n")["versioning"]; !cmp.Equal(got, want) {
			t.Errorf("Status: %s gives %#v, want %#v", expr, got, want)
		}
	}
}

func TestReadKinds(t *testing.T) {
	res, err := Read("x.yaml", []byte(`
Resources:
  A: {Type: AWS::SSM::Parameter}
  F:
    Type: AWS::Serverless::Function
    Properties: {Architectures: [!Ref Arch]}
Parameters:
  Arch: {Type: String}
`))
	if err != nil {
		t.Fatal(err)
	}
	if len(res) != 1 || res[0].Kind != "lambda_function" || res[0].Line != 4 || res[0].Location() != "x.yaml:4" {
		t.Fatalf("got %+v", res)
	}
	if _, ok := res[0].Props["architecture"].(Unknown); !ok {
		t.Errorf("architecture from a parameter: %#v, want Unknown", res[0].Props["architecture"])
	}
}

// TestBadInput checks that broken, hostile and foreign files give an error
// (a located problem, or ErrNotTemplate) quickly, without panicking.
func TestBadInput(t *testing.T) {
	bomb := "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
	for i := 'b'; i <= 'j'; i++ {
		bomb += fmt.Sprintf("%c: &%c [*%c, *%c, *%c, *%c, *%c, *%c, *%c, *%c, *%c, *%c]\n", i, i, i-1, i-1, i-1, i-1, i-1, i-1, i-1, i-1, i-1, i-1)
	}
	bomb += "Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties: {Tags: *j}\n"
	deep := "Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      Tags: " + strings.Repeat("[", 5000) + strings.Repeat("]", 5000) + "\n"
	huge := append([]byte("Resources: {}\n#"), bytes.Repeat([]byte("x"), MaxFileSize)...)
	for _, tc := range []struct {
		name, data string
		line       int    // the problem's line, if a problem
		msg        string // part of its message
		notTmpl    bool
	}{
		{name: "invalid YAML", data: "Resources:\n  B:\n    Type: [\n", line: 3, msg: "does not parse"},
		{name: "tab indentation", data: "Resources:\n\tB: 1\n", line: 2, msg: "does not parse"},
		{name: "alias bomb", data: bomb, msg: "alias bomb"},
		{name: "deep nesting", data: deep, msg: "nested deeper"},
		{name: "binary", data: "\x7fELF\x02\x01\x01\x00\x00\x00", msg: "binary"},
		{name: "huge", data: string(huge), msg: "larger than"},
		{name: "resources not a mapping", data: "AWSTemplateFormatVersion: 2010-09-09\nResources: [1]\n", line: 2, msg: "not a mapping"},
		{name: "resource without type", data: "AWSTemplateFormatVersion: 2010-09-09\nResources:\n  B: {Properties: {}}\n", line: 3, msg: "no Type"},
		{name: "properties not a mapping", data: "Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties: [1]\n", line: 4, msg: "not a mapping"},
		{name: "package.json", data: `{"name": "app", "version": "1.0.0"}`, notTmpl: true},
		{name: "empty", data: "", notTmpl: true},
		{name: "scalar", data: "42", notTmpl: true},
		{name: "other Resources", data: "Resources:\n  x: 1\n", notTmpl: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			start := time.Now()
			_, err := Read("f.yaml", []byte(tc.data))
			if d := time.Since(start); d > 2*time.Second {
				t.Errorf("took %v", d)
			}
			if tc.notTmpl {
				if !errors.Is(err, ErrNotTemplate) {
					t.Errorf("error %v, want ErrNotTemplate", err)
				}
				return
			}
			var p *Problem
			if !errors.As(err, &p) {
				t.Fatalf("error %v, want a *Problem", err)
			}
			if p.File != "f.yaml" || !strings.Contains(p.Message, tc.msg) || (tc.line != 0 && p.Line != tc.line) {
				t.Errorf("problem %q (line %d), want line %d and %q", p.Error(), p.Line, tc.line, tc.msg)
			}
		})
	}
}

func FuzzRead(f *testing.F) {
	for _, seed := range []string{
		"Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties: {VersioningConfiguration: {Status: !Ref P}}\n",
		"Resources:\n  F: {Type: AWS::Lambda::Function, Properties: {Architectures: !Split [',', !Sub 'a,${X}']}}\n",
		"Resources:\n  A: {Type: AWS::AutoScaling::AutoScalingGroup, Properties: {MinSize: !Select [0, [1]], MaxSize: x, AvailabilityZones: !GetAZs ''}}\n",
		`{"format_version":"1.2","planned_values":{"root_module":{"resources":[{"address":"aws_s3_bucket.b","mode":"managed","type":"aws_s3_bucket","values":{"bucket":"b"}}],"child_modules":[{"resources":[]}]}},"resource_changes":[{"address":"aws_s3_bucket.b","change":{"after_unknown":{"tags":[true]}}}]}`,
		"a: &a [*a]\nResources: *a\n",
	} {
		f.Add([]byte(seed))
	}
	rules, err := Rules()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) { readEvaluate(t, rules, data) })
}
