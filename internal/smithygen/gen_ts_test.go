package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/wat-dev/wat/internal/golden"
)

// consoleDir holds the console's generated client.
const consoleDir = "../../web/src/api/gen"

// TestConsoleClientIsFresh fails when the committed web/src/api/gen/*.ts
// differ from what the generator makes of the committed models; with -update
// it rewrites them (as `go generate ./web` does).
func TestConsoleClientIsFresh(t *testing.T) {
	if golden.Update() {
		if err := runTS(specPaths, consoleDir); err != nil { // also removes files no longer generated
			t.Fatal(err)
		}
	}
	m, err := LoadModels(specPaths...)
	if err != nil {
		t.Fatal(err)
	}
	files, err := GenerateTS(m)
	if err != nil {
		t.Fatal(err)
	}
	committed, err := filepath.Glob(filepath.Join(consoleDir, "*.ts"))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, p := range committed {
		names = append(names, filepath.Base(p))
	}
	if diff := cmp.Diff(sortedKeys(files), names); diff != "" {
		t.Errorf("files in web/src/api/gen (-generated +committed):\n%s\nregenerate with `go generate ./web`", diff)
	}
	for _, name := range sortedKeys(files) {
		golden.Check(t, filepath.Join(consoleDir, name), files[name])
	}
}

// tsModel is a model with the bindings ops.ts must get right: labels (one a
// number), query parameters (one renamed, one a list), body members, an
// idempotency token in the query and one in the body, and an operation
// without input or output.
const tsModel = `{
 "smithy": "2.0",
 "shapes": {
  "ex#Svc": {"type": "service", "operations": [{"target": "ex#PutThing"}, {"target": "ex#DeleteThing"}, {"target": "ex#Ping"}]},
  "ex#PutThing": {"type": "operation", "input": {"target": "ex#PutThingInput"}, "output": {"target": "ex#PutThingOutput"},
   "traits": {"smithy.api#http": {"method": "PUT", "uri": "/things/{Arn}/versions/{Version}"}}},
  "ex#DeleteThing": {"type": "operation", "input": {"target": "ex#DeleteThingInput"}, "output": {"target": "smithy.api#Unit"},
   "traits": {"smithy.api#http": {"method": "DELETE", "uri": "/things/{Arn}"}}},
  "ex#Ping": {"type": "operation", "traits": {"smithy.api#http": {"method": "GET", "uri": "/ping"}}},
  "ex#PutThingInput": {"type": "structure", "members": {
   "Arn": {"target": "smithy.api#String", "traits": {"smithy.api#httpLabel": {}, "smithy.api#required": {}}},
   "Version": {"target": "smithy.api#Integer", "traits": {"smithy.api#httpLabel": {}, "smithy.api#required": {}}},
   "Keys": {"target": "ex#Keys", "traits": {"smithy.api#httpQuery": "tagKeys", "smithy.api#required": {}, "smithy.api#clientOptional": {}}},
   "Color": {"target": "ex#Color"},
   "Token": {"target": "smithy.api#String", "traits": {"smithy.api#idempotencyToken": {}, "smithy.api#required": {}}}
  }},
  "ex#PutThingOutput": {"type": "structure", "members": {
   "Counts": {"target": "ex#Counts"},
   "At": {"target": "smithy.api#Timestamp"},
   "Since": {"target": "smithy.api#Timestamp", "traits": {"smithy.api#timestampFormat": "date-time"}},
   "Any": {"target": "smithy.api#Document"}
  }},
  "ex#DeleteThingInput": {"type": "structure", "members": {
   "Arn": {"target": "smithy.api#String", "traits": {"smithy.api#httpLabel": {}, "smithy.api#required": {}}},
   "Token": {"target": "smithy.api#String", "traits": {"smithy.api#httpQuery": "ClientRequestToken", "smithy.api#idempotencyToken": {}}}
  }},
  "ex#Keys": {"type": "list", "member": {"target": "smithy.api#String"}},
  "ex#Color": {"type": "enum", "members": {"RED": {"target": "smithy.api#Unit"}, "DARK_BLUE": {"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": "dark-blue"}}}},
  "ex#Counts": {"type": "map", "key": {"target": "ex#Color"}, "value": {"target": "smithy.api#Integer"}}
 }
}`

func TestGenerateTS(t *testing.T) {
	m, err := ParseModel([]byte(tsModel))
	if err != nil {
		t.Fatal(err)
	}
	files, err := GenerateTS(m)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []struct{ file, text string }{
		{"types.ts", "export type Color = 'RED' | 'dark-blue';\n"},
		{"types.ts", "export type Counts = Partial<Record<Color, number>>;\n"},
		{"types.ts", "  Arn: string;\n  Version: number;\n  Keys?: string[];\n  Color?: Color;\n" +
			"  /** Idempotency token: a fresh one is sent when absent. */\n  Token?: string;\n"},
		{"types.ts", "  /** Seconds since the Unix epoch. */\n  At?: number;\n  /** RFC 3339 date-time. */\n  Since?: string;\n  Any?: unknown;\n"},
		{"ops.ts", "import { call, clientToken, seg, type CallOptions } from '../client';\n"},
		{"ops.ts", "export function putThing(input: T.PutThingInput, opts?: CallOptions): Promise<T.PutThingOutput> {\n" +
			"  return call('PUT', '/things/' + seg(input.Arn) + '/versions/' + seg(input.Version), {\n" +
			"    query: { tagKeys: input.Keys },\n" +
			"    body: { Color: input.Color, Token: input.Token ?? clientToken() },\n  }, opts);\n}\n"},
		{"ops.ts", "export function deleteThing(input: T.DeleteThingInput, opts?: CallOptions): Promise<void> {\n" +
			"  return call('DELETE', '/things/' + seg(input.Arn), {\n" +
			"    query: { ClientRequestToken: input.Token ?? clientToken() },\n  }, opts);\n}\n"},
		{"ops.ts", "export function ping(opts?: CallOptions): Promise<void> {\n  return call('GET', '/ping', {}, opts);\n}\n"},
	} {
		if got := string(files[want.file]); !strings.Contains(got, want.text) {
			t.Errorf("%s lacks\n%s\nin\n%s", want.file, want.text, got)
		}
	}
}

// TestGenerateTSRefuses checks that what ops.ts could not send right fails
// generation instead of producing a wrong client.
func TestGenerateTSRefuses(t *testing.T) {
	for name, edit := range map[string][3]string{
		"greedy label":   {`"/things/{Arn}"}`, `"/things/{Arn+}"}`, "greedy label {Arn+}"},
		"missing label":  {`"/things/{Arn}/versions/{Version}"`, `"/things/{Arn}/versions"`, "member Version is a label the URI lacks"},
		"unknown label":  {`"uri": "/ping"`, `"uri": "/ping/{Nope}"`, "no input member is the label {Nope}"},
		"shadowing name": {`"ex#Color"`, `"ex#Record"`, "Record would shadow"},
	} {
		t.Run(name, func(t *testing.T) {
			src := strings.ReplaceAll(tsModel, edit[0], edit[1])
			if src == tsModel {
				t.Fatalf("the edit %q changes nothing", edit[0])
			}
			m, err := ParseModel([]byte(src))
			if err != nil {
				t.Fatal(err)
			}
			_, err = GenerateTS(m)
			if err == nil || !strings.Contains(err.Error(), edit[2]) {
				t.Errorf("GenerateTS: %v; want an error saying %q", err, edit[2])
			}
		})
	}
}

// TestConsoleClientDirHoldsOnlyGenerated keeps hand-written code out of the
// generated directory, where regenerating would not see it.
func TestConsoleClientDirHoldsOnlyGenerated(t *testing.T) {
	entries, err := os.ReadDir(consoleDir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !isOurs(filepath.Join(consoleDir, e.Name())) {
			t.Errorf("web/src/api/gen/%s is not generated by smithygen", e.Name())
		}
	}
}

// ownModel is a second model file, as spec/wat.json is: its own service,
// whose output reuses a shape of the first file, with documentation.
const ownModel = `{
 "smithy": "2.0",
 "shapes": {
  "own#Own": {"type": "service", "operations": [{"target": "own#GetColor"}]},
  "own#GetColor": {"type": "operation", "input": {"target": "own#GetColorInput"}, "output": {"target": "own#GetColorOutput"},
   "traits": {"smithy.api#http": {"method": "GET", "uri": "/things/{Arn}/color"}}},
  "own#GetColorInput": {"type": "structure", "members": {
   "Arn": {"target": "smithy.api#String", "traits": {"smithy.api#httpLabel": {}, "smithy.api#required": {}}}
  }},
  "own#GetColorOutput": {"type": "structure", "traits": {"smithy.api#documentation": "What GetColor answers."}, "members": {
   "Color": {"target": "ex#Color", "traits": {"smithy.api#documentation": "The thing's color (*/ ends no comment)."}}
  }}
 }
}`

// TestGenerateTSOfTwoFiles checks that the console gets the operations and
// shapes of every model file, under one header, in one namespace.
func TestGenerateTSOfTwoFiles(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	ex, own := write("ex.json", tsModel), write("own.json", ownModel)
	m, err := LoadModels(ex, own)
	if err != nil {
		t.Fatal(err)
	}
	files, err := GenerateTS(m)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []struct{ file, text string }{
		{"ops.ts", "// Code generated by smithygen from ex.json, own.json; DO NOT EDIT.\n"},
		{"ops.ts", "export function getColor(input: T.GetColorInput, opts?: CallOptions): Promise<T.GetColorOutput> {\n" +
			"  return call('GET', '/things/' + seg(input.Arn) + '/color', {}, opts);\n}\n"},
		{"ops.ts", "export function putThing("},
		{"types.ts", "/**\n * GetColorOutput is the output of GetColor.\n *\n * What GetColor answers.\n */\nexport interface GetColorOutput {\n" +
			"  /** The thing's color (*\\/ ends no comment). */\n  Color?: Color;\n}\n"},
	} {
		if got := string(files[want.file]); !strings.Contains(got, want.text) {
			t.Errorf("%s lacks\n%s\nin\n%s", want.file, want.text, got)
		}
	}

	// A map of the second file named as a map of the first would be
	// declared twice in types.ts.
	twice := strings.Replace(ownModel, `"own#GetColorInput": {`,
		`"own#Counts": {"type": "map", "key": {"target": "smithy.api#String"}, "value": {"target": "smithy.api#Integer"}},
  "own#GetColorInput": {`, 1)
	m, err = LoadModels(ex, write("twice.json", twice))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := GenerateTS(m); err == nil || !strings.Contains(err.Error(), "both named Counts") {
		t.Errorf("GenerateTS with two maps named Counts: %v", err)
	}
}
