package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/wat-dev/wat/internal/golden"
	"github.com/wat-dev/wat/scan/output"
)

// outputDir is the package of scan's output writers, whose test project
// and golden files the command's end-to-end tests use too.
const outputDir = "../../scan/output"

// scanProject is a small project: a CloudFormation template, CDK output, a
// Terraform plan, a file that is not a template, one that does not parse,
// and node_modules, which is not walked.
const scanProject = outputDir + "/testdata/project"

// runScan runs `wat scan args...` in-process.
func runScan(t testing.TB, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(context.Background(), append([]string{"scan"}, args...), func(string) string { return "" }, &out, &errb)
	return out.String(), errb.String(), code
}

// TestScanGolden scans the project in every format, from scan/output, so
// that its files are named as that package's golden files name them: what
// the command prints is what the writers write there.
func TestScanGolden(t *testing.T) {
	t.Chdir(outputDir)
	for _, format := range output.Formats {
		t.Run(format, func(t *testing.T) {
			stdout, stderr, code := runScan(t, "--format", format, "testdata/project")
			if code != 0 || stderr != "" {
				t.Fatalf("exit %d, stderr %s", code, stderr)
			}
			golden.Check(t, filepath.Join("testdata", format+".golden"), []byte(stdout))
		})
	}
}

func TestScanFailOn(t *testing.T) {
	dir := t.TempDir()
	write := func(name, doc string) string {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(doc), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	// s3-lifecycle-rules fails, severity medium (and rules of severity low).
	medium := write("medium.yaml", "Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      VersioningConfiguration: {Status: Enabled}\n      LoggingConfiguration: {DestinationBucketName: logs}\n      BucketEncryption: {ServerSideEncryptionConfiguration: [{ServerSideEncryptionByDefault: {SSEAlgorithm: aws:kms}}]}\n      LifecycleConfiguration: {Rules: []}\n      Tags: [{Key: a, Value: b}]\n")
	// rds-multi-az fails, severity high.
	high := write("high.yaml", "Resources:\n  D:\n    Type: AWS::RDS::DBInstance\n    Properties: {MultiAZ: false}\n")
	// api-domain-tls12 fails alone: a finding of severity medium, evidence
	// against SEC09-BP02, a HIGH-risk practice. --fail-on goes by the former.
	tls10 := write("tls10.yaml", "Resources:\n  D:\n    Type: AWS::ApiGateway::DomainName\n    Properties: {DomainName: api.example.com, SecurityPolicy: TLS_1_0}\n")
	clean := write("clean.yaml", "Resources:\n  L:\n    Type: AWS::Logs::LogGroup\n    Properties: {RetentionInDays: 7}\n")
	broken := write("broken.yaml", "Resources: [\n")
	for _, tc := range []struct {
		args []string
		want int
	}{
		{[]string{medium}, 0},
		{[]string{"--fail-on", "high", medium}, 0},
		{[]string{"--fail-on", "medium", medium}, 1},
		{[]string{high, "--fail-on", "high"}, 1},
		{[]string{"--fail-on", "high", tls10}, 0},
		{[]string{"--fail-on", "medium", tls10}, 1},
		{[]string{"--fail-on", "high", "--format", "sarif", tls10}, 0},
		{[]string{"--fail-on", "high", clean}, 0},
		{[]string{"--fail-on", "high", clean, broken}, 1},
		{[]string{clean, broken}, 0},
		{[]string{"--fail-on", "low", clean}, 2},
		{[]string{"--format", "sarif", clean}, 0},
		{[]string{"--format", "xml", clean}, 2},
		{[]string{"--apply", clean}, 2},
		{[]string{"--endpoint-url", "http://127.0.0.1:1", clean}, 2},
		{[]string{}, 2},
	} {
		_, stderr, code := runScan(t, tc.args...)
		if code != tc.want {
			t.Errorf("wat scan %v: exit %d, want %d (%s)", tc.args, code, tc.want, stderr)
		}
	}
	// The premise of tls10.yaml: the one rule that fails is medium, and a
	// practice it is evidence for is HIGH.
	out, _, _ := runScan(t, "--format", "json", tls10)
	var rep output.JSONReport
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	var failing []string
	for _, p := range rep.Pillars {
		for _, e := range p.Practices {
			for _, r := range e.Results {
				if r.Status == "FAIL" {
					failing = append(failing, r.Rule+" "+r.Severity+" "+e.Risk)
				}
			}
		}
	}
	if diff := cmp.Diff([]string{"api-domain-tls12 medium HIGH"}, failing); diff != "" {
		t.Errorf("tls10.yaml's failing results (-want +got):\n%s", diff)
	}
	if _, help, _ := runScan(t, "-h"); !strings.Contains(help, "severity of the finding itself") {
		t.Errorf("wat scan -h does not say --fail-on goes by the finding's severity:\n%s", help)
	}
}

// TestScanListRules lists the rules as JSON (scan/output checks the
// golden file and the practices) and as a table.
func TestScanListRules(t *testing.T) {
	stdout, stderr, code := runScan(t, "--list-rules", "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	golden.Check(t, filepath.Join(outputDir, "testdata", "rules.golden"), []byte(stdout))
	table, _, code := runScan(t, "--list-rules")
	if code != 0 || !strings.Contains(table, "rds-multi-az") || !strings.Contains(table, "REL10-BP01") {
		t.Errorf("exit %d, table:\n%s", code, table)
	}
}
