package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected/types"

	"github.com/wat-dev/wat/internal/testserver"
	"github.com/wat-dev/wat/scan/output"
)

// A team's own rules (testdata/scan/own/rules), one for a framework practice
// and a choice of its custom lens (testdata/scan/own/lens.json), the other
// for a choice of that lens only.
var (
	ownRules = filepath.Join("testdata", "scan", "own", "rules")
	ownLens  = filepath.Join("testdata", "scan", "own", "lens.json")
	ownApp   = filepath.Join(scanProject, "app.yaml")
)

func TestScanOwnRules(t *testing.T) {
	stdout, stderr, code := runScan(t, ownApp, "--rules", ownRules, "--lens-file", ownLens, "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var out output.JSONReport
	if err := json.Unmarshal([]byte(stdout), &out); err != nil {
		t.Fatal(err)
	}
	status := map[string]string{} // choice -> status, over every pillar
	var custom *output.JSONPillar
	for i, p := range out.Pillars {
		if p.ID == "dataSafety" {
			custom = &out.Pillars[i]
		}
		for _, e := range p.Practices {
			status[e.ChoiceID] = e.Status
		}
	}
	if custom == nil || custom.Name != "Data safety" || custom.WithEvidence != 2 || custom.Passing != 1 {
		t.Fatalf("the custom lens's pillar: %+v", custom)
	}
	// The database is not Multi-AZ; the bucket keeps versions, which is also
	// evidence for the framework's practice the rule names.
	want := map[string]string{"data_db_standby": "FAIL", "data_bucket_versions": "PASS", "rel_backing_up_data_identified_backups_data": "PASS"}
	for choice, s := range want {
		if status[choice] != s {
			t.Errorf("%s: %q, want %s", choice, status[choice], s)
		}
	}
	// A custom choice takes its risk from the rule's severity: the failing
	// high-severity team rule trips --fail-on high.
	if _, _, code := runScan(t, ownApp, "--rules", ownRules, "--lens-file", ownLens, "--fail-on", "high"); code != 1 {
		t.Errorf("--fail-on high: exit %d, want 1", code)
	}
	stdout, _, _ = runScan(t, "--list-rules", "--rules", ownRules, "--lens-file", ownLens)
	if !strings.Contains(stdout, "team-db-standby") || !strings.Contains(stdout, "s3-versioning") {
		t.Errorf("--list-rules does not list the team's rules beside the built-in ones:\n%.500s", stdout)
	}
}

func TestScanOwnRulesErrors(t *testing.T) {
	dup := t.TempDir()
	rule, err := os.ReadFile(filepath.Join(ownRules, "team-bucket-versions.yml"))
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dup, "mine.yaml"), bytes.Replace(rule, []byte("id: team-bucket-versions"), []byte("id: s3-versioning"), 1), 0o644)
	badLens := filepath.Join(t.TempDir(), "lens.json")
	os.WriteFile(badLens, []byte(`{"schemaVersion": "2021-11-01", "name": "x", "pillars": []}`), 0o644)
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"custom choices without the lens", []string{"--rules", ownRules}, `choice "data_bucket_versions" is no best practice of the framework`},
		{"an id the built-in rules have", []string{"--rules", dup, "--lens-file", ownLens}, `rule id "s3-versioning" is already taken`},
		{"a custom lens's evidence without its rules", []string{"--workload", strings.Repeat("a", 32), "--lens", "arn:aws:wellarchitected:us-east-1:123456789012:lens/x"}, "--lens other than wellarchitected needs your rules"},
		{"a lens that does not validate", []string{"--rules", ownRules, "--lens-file", badLens}, "custom lens 1 is not valid"},
		{"a missing directory", []string{"--rules", filepath.Join(dup, "nope")}, "no such file or directory"},
		{"a lens without rules", []string{"--lens-file", ownLens}, "--lens-file goes with --rules"},
	} {
		_, stderr, code := runScan(t, append([]string{ownApp}, tc.args...)...)
		if code != 2 || !strings.Contains(stderr, tc.want) {
			t.Errorf("%s: exit %d, stderr %q, want 2 and %q", tc.name, code, stderr, tc.want)
		}
	}
}

// TestScanOwnRulesEvidence stores the team rules' scan as the evidence of
// a workload's review of the custom lens, and reads it back as checks.
func TestScanOwnRulesEvidence(t *testing.T) {
	srv := testserver.Start(t, testserver.Options{})
	ctx := context.Background()
	doc, err := os.ReadFile(ownLens)
	if err != nil {
		t.Fatal(err)
	}
	imp, err := srv.Client.ImportLens(ctx, &wellarchitected.ImportLensInput{JSONString: aws.String(string(doc)), ClientRequestToken: aws.String("own-lens")})
	if err != nil {
		t.Fatal(err)
	}
	arn := imp.LensArn
	if _, err := srv.Client.CreateLensVersion(ctx, &wellarchitected.CreateLensVersionInput{LensAlias: arn, LensVersion: aws.String("1.0"), ClientRequestToken: aws.String("v1")}); err != nil {
		t.Fatal(err)
	}
	w, err := srv.Client.CreateWorkload(ctx, &wellarchitected.CreateWorkloadInput{
		WorkloadName: aws.String("Own rules"), Description: aws.String("scanned with team rules"), Environment: types.WorkloadEnvironmentProduction,
		AwsRegions: []string{"us-east-1"}, ReviewOwner: aws.String("data team"), Lenses: []string{"wellarchitected", aws.ToString(arn)},
	})
	if err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"HOME": t.TempDir(), "AWS_ACCESS_KEY_ID": srv.Admin.AccessKeyID, "AWS_SECRET_ACCESS_KEY": srv.Admin.SecretAccessKey}
	var stdout, stderr bytes.Buffer
	code := run(ctx, []string{"scan", ownApp, "--rules", ownRules, "--lens-file", ownLens, "--workload", aws.ToString(w.WorkloadId),
		"--lens", aws.ToString(arn), "--endpoint-url", srv.URL}, func(k string) string { return env[k] }, &stdout, &stderr)
	if code != 0 {
		t.Fatalf("exit %d:\n%s", code, stderr.String())
	}
	checks, err := srv.Client.ListCheckDetails(ctx, &wellarchitected.ListCheckDetailsInput{WorkloadId: w.WorkloadId, LensArn: arn,
		PillarId: aws.String("dataSafety"), QuestionId: aws.String("data_copies"), ChoiceId: aws.String("data_db_standby")})
	if err != nil {
		t.Fatal(err)
	}
	if len(checks.CheckDetails) != 1 || aws.ToString(checks.CheckDetails[0].Id) != "team-db-standby" ||
		checks.CheckDetails[0].Status != types.CheckStatusError || aws.ToInt32(checks.CheckDetails[0].FlaggedResources) != 1 {
		t.Errorf("checks of data_db_standby: %+v", checks.CheckDetails)
	}
}
