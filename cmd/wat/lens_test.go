package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wat-dev/wat/internal/golden"
)

// lensTestdata is where package lens keeps its test lenses.
const lensTestdata = "../../lens/testdata"

// runLens runs `wat lens args...` in-process.
func runLens(t testing.TB, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(context.Background(), append([]string{"lens"}, args...), func(string) string { return "" }, &out, &errb)
	return out.String(), errb.String(), code
}

// lensGolden compares got with testdata/lens/NAME, or rewrites it with
// -update.
func lensGolden(t *testing.T, name, got string) {
	t.Helper()
	golden.Check(t, filepath.Join("testdata", "lens", name), []byte(got))
}

func glob(t *testing.T, pattern string) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(lensTestdata, pattern))
	if err != nil || len(files) == 0 {
		t.Fatalf("no files match %s", pattern)
	}
	return files
}

// TestLensLintValid lints the valid test lenses: they pass, limits.json
// (every value at the format's limit) with warnings about the values
// longer than the API responses returning them.
func TestLensLintValid(t *testing.T) {
	stdout, stderr, code := runLens(t, append([]string{"lint"}, glob(t, "valid/*.json")...)...)
	if code != 0 || stderr != "" {
		t.Errorf("exit %d\nstdout: %s\nstderr: %s", code, stdout, stderr)
	}
	lines := strings.Split(strings.TrimSuffix(stdout, "\n"), "\n")
	for _, l := range lines {
		if !strings.HasPrefix(l, filepath.Join(lensTestdata, "valid/limits.json")) || !strings.Contains(l, ": warning: ") {
			t.Errorf("not a warning about limits.json: %s", l)
		}
	}
	if len(lines) != 8 {
		t.Errorf("%d warnings, want 8:\n%s", len(lines), stdout)
	}
	stdout, _, code = runLens(t, append([]string{"lint", "--json"}, glob(t, "valid/*.json")...)...)
	var got []lintProblem
	if err := json.Unmarshal([]byte(stdout), &got); code != 0 || err != nil || len(got) != 8 {
		t.Fatalf("--json: exit %d, %v, stdout %s", code, err, stdout)
	}
	for _, p := range got {
		if p.Severity != severityWarning {
			t.Errorf("--json: severity %q of %+v", p.Severity, p)
		}
	}
}

// TestLensLintInvalid lints every invalid test lens at once, and a file that
// does not exist, in both output formats.
func TestLensLintInvalid(t *testing.T) {
	files := append(glob(t, "invalid/*.json"), "testdata/lens/missing.json")
	stdout, stderr, code := runLens(t, append([]string{"lint"}, files...)...)
	if code != 1 || stderr != "" {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	lensGolden(t, "lint.golden", stdout)

	// --json may come after the files, and lists the same problems.
	stdout, _, code = runLens(t, append(append([]string{"lint"}, files...), "--json")...)
	if code != 1 {
		t.Errorf("--json: exit %d", code)
	}
	var got []lintProblem
	dec := json.NewDecoder(strings.NewReader(stdout))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&got); err != nil {
		t.Fatalf("--json output: %v\n%s", err, stdout)
	}
	var lines []string
	for _, p := range got {
		lines = append(lines, p.text())
	}
	lensGolden(t, "lint.golden", strings.Join(lines, "\n")+"\n")
	lensGolden(t, "lint-types.json.golden", lintJSON(t, filepath.Join(lensTestdata, "invalid/types.json")))
}

// TestLensLintPublicLenses lints public lenses written for AWS's tool:
// those once refused for values longer than API responses, or URLs with
// spaces, now pass with warnings only; a defective one still fails,
// naming its defect.
func TestLensLintPublicLenses(t *testing.T) {
	wahub := func(name string) string { return filepath.Join("../../lens/catalog/lenses", name) }
	passing := []string{
		wahub("Amazon-MSK-Lens__custom-lens-msk-v1.0.json"),
		wahub("Amazon-S3-Lens__Amazon_S3_Lens.json"),
		wahub("ApiGwLambda__custom-lens-apigw-lambda-v0.1.json"),
		wahub("IDP-custom-lens__Amazon_Machine_Learning_IDP_Lens.json"),
		wahub("OpenSearch__custom-lens-OpenSearch.json"),
		wahub("SaaS-Anywhere-Lens__SaaS-Anywhere-Custom-Lens-v0.1.json"),
		wahub("Streaming-Media-Lens__streaming-media-lens-v1.02.json"),
	}
	stdout, stderr, code := runLens(t, append([]string{"lint"}, passing...)...)
	if code != 0 || stderr != "" || stdout == "" {
		t.Errorf("exit %d, stderr %q, stdout %d bytes", code, stderr, len(stdout))
	}
	for _, l := range strings.Split(strings.TrimSuffix(stdout, "\n"), "\n") {
		if !strings.Contains(l, ": warning: ") {
			t.Errorf("not a warning: %s", l)
		}
	}

	stdout, stderr, code = runLens(t, "lint",
		wahub("SaaS-Anywhere-Lens__SaaS-Anywhere-Custom-Lens-v0.1.json"),
		wahub("Amazon-ECS-Lens__Amazon_ECS_Lens.json"),
		wahub("EMR-spark-lens__custom-lens-emr-spark-v1.0.json"))
	if code != 1 || stderr != "" {
		t.Errorf("with defective lenses: exit %d, stderr %q", code, stderr)
	}
	lensGolden(t, "lint-wahub.golden", stdout)
}

func lintJSON(t *testing.T, file string) string {
	stdout, _, _ := runLens(t, "lint", "--json", file)
	return stdout
}

func TestLensUsage(t *testing.T) {
	tests := []struct {
		args []string
		code int
		want string // in stdout or stderr
	}{
		{nil, 2, "wat lens lint [--json] FILE..."},
		{[]string{"help"}, 0, "wat lens risk [--question ID] FILE"},
		{[]string{"frobnicate"}, 2, `unknown command "frobnicate"`},
		{[]string{"lint"}, 2, "no lens files given"},
		{[]string{"lint", "--yaml", "x.json"}, 2, "flag provided but not defined: -yaml"},
		{[]string{"lint", "--", "--json"}, 1, "--json: cannot read the file"},
		{[]string{"risk"}, 2, "give one lens file"},
		{[]string{"risk", "a.json", "b.json"}, 2, "give one lens file"},
		{[]string{"risk", "--question", "nope", filepath.Join(lensTestdata, "valid/full.json")}, 2, `has no question "nope"`},
		{[]string{"risk", "testdata/lens/missing.json"}, 1, "no such file"},
	}
	for _, tt := range tests {
		stdout, stderr, code := runLens(t, tt.args...)
		if code != tt.code || !strings.Contains(stdout+stderr, tt.want) {
			t.Errorf("wat lens %s: exit %d, want %d with %q\nstdout: %s\nstderr: %s", strings.Join(tt.args, " "), code, tt.code, tt.want, stdout, stderr)
		}
	}
	if stdout, _, _ := runLens(t); stdout != "" {
		t.Errorf("usage errors write to stdout: %q", stdout)
	}
	var out bytes.Buffer
	if code := run(context.Background(), nil, nil, &bytes.Buffer{}, &out); code != 2 || !strings.Contains(out.String(), "wat lens lint") {
		t.Errorf("wat's usage does not mention wat lens:\n%s", out.String())
	}
}

func TestLensRisk(t *testing.T) {
	tests := []struct {
		golden string
		args   []string
		code   int
	}{
		{"risk-full.golden", []string{filepath.Join(lensTestdata, "valid/full.json")}, 0},
		{"risk-warnings.golden", []string{"testdata/lens/risk-warnings.json"}, 0},
		{"risk-question.golden", []string{"testdata/lens/risk-warnings.json", "--question", "reviews"}, 0},
		{"risk-invalid.golden", []string{filepath.Join(lensTestdata, "invalid/risk-rules.json")}, 1},
	}
	for _, tt := range tests {
		stdout, stderr, code := runLens(t, append([]string{"risk"}, tt.args...)...)
		if code != tt.code || stderr != "" {
			t.Errorf("%s: exit %d, want %d; stderr %q", tt.golden, code, tt.code, stderr)
		}
		lensGolden(t, tt.golden, stdout)
	}
}

// TestLensRiskSamples checks a question of 15 choices lists a sample of
// 4096 of its 32767 answers, and counts them all.
func TestLensRiskSamples(t *testing.T) {
	file := filepath.Join(t.TempDir(), "wide.json")
	if err := os.WriteFile(file, wideLens(1), 0o644); err != nil {
		t.Fatal(err)
	}
	stdout, _, code := runLens(t, "risk", file)
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stdout)
	}
	lines := strings.Split(strings.TrimSuffix(stdout, "\n"), "\n")
	rows := 0
	for _, l := range lines {
		if strings.HasPrefix(l, "  x") || strings.HasPrefix(l, "  .") {
			rows++
		}
	}
	if rows != 4096 || !strings.Contains(stdout, "  4096 of the 32767 answers, a sample\n") ||
		!strings.HasSuffix(stdout, "  32767 answers: NONE 2, MEDIUM 8190, HIGH 24575\n") {
		t.Errorf("%d rows; output starts\n%.1500s\nends\n%s", rows, stdout, lines[len(lines)-1])
	}
}
