package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected/types"

	"github.com/wat-dev/wat/internal/testserver"
)

// TestScanWorkloadApply runs `wat scan --workload` against a real server:
// the upload, the suggestions it prints without changing an answer, then
// --apply, signed from the environment and from a shared credentials file.
func TestScanWorkloadApply(t *testing.T) {
	srv := testserver.Start(t, testserver.Options{})
	ctx := context.Background()
	out, err := srv.Client.CreateWorkload(ctx, &wellarchitected.CreateWorkloadInput{
		WorkloadName: aws.String("Scanned"), Description: aws.String("scanned by the CLI"), Environment: types.WorkloadEnvironmentProduction,
		AwsRegions: []string{"us-east-1"}, ReviewOwner: aws.String("ops"), Lenses: []string{"wellarchitected"},
	})
	if err != nil {
		t.Fatal(err)
	}
	w := aws.ToString(out.WorkloadId)
	home := t.TempDir()
	env := map[string]string{"HOME": home, "AWS_ACCESS_KEY_ID": srv.Admin.AccessKeyID, "AWS_SECRET_ACCESS_KEY": srv.Admin.SecretAccessKey,
		"AWS_ENDPOINT_URL": srv.URL}
	scanAs := func(env map[string]string, args ...string) (string, string, int) {
		var stdout, stderr bytes.Buffer
		code := run(ctx, append([]string{"scan"}, args...), func(k string) string { return env[k] }, &stdout, &stderr)
		return stdout.String(), stderr.String(), code
	}
	answered := func() int {
		r, err := srv.Client.GetLensReview(ctx, &wellarchitected.GetLensReviewInput{WorkloadId: &w, LensAlias: aws.String("wellarchitected")})
		if err != nil {
			t.Fatal(err)
		}
		return 57 - int(r.LensReview.RiskCounts["UNANSWERED"])
	}

	stdout, stderr, code := scanAs(env, scanProject, "--workload", w)
	if code != 0 || !strings.Contains(stdout, "practices with evidence pass") {
		t.Fatalf("exit %d, stdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
	if !strings.Contains(stderr, "Stored the evidence of ") || !strings.Contains(stderr, "--apply applies them") ||
		!strings.Contains(stderr, "observability: selects +ops_observability_dist_trace") {
		t.Errorf("stderr does not tell the upload and the suggestions:\n%s", stderr)
	}
	if n := answered(); n != 0 {
		t.Errorf("without --apply, %d questions are answered", n)
	}

	// --apply, signed with a profile of the shared credentials file.
	creds := filepath.Join(home, ".aws", "credentials")
	if err := os.MkdirAll(filepath.Dir(creds), 0o700); err != nil {
		t.Fatal(err)
	}
	ini := "[ci]\naws_access_key_id = " + srv.Admin.AccessKeyID + "\naws_secret_access_key = " + srv.Admin.SecretAccessKey + "\n"
	if err := os.WriteFile(creds, []byte(ini), 0o600); err != nil {
		t.Fatal(err)
	}
	fileEnv := map[string]string{"HOME": home}
	_, stderr, code = scanAs(fileEnv, "--format", "sarif", "--workload", w, "--apply", "--profile", "ci", "--endpoint-url", srv.URL, scanProject)
	if code != 0 || !strings.Contains(stderr, "Applying the suggested answers to ") ||
		!strings.Contains(stderr, "observability: selects +ops_observability_dist_trace") || !strings.Contains(stderr, "risk UNANSWERED -> ") {
		t.Fatalf("--apply: exit %d, stderr:\n%s", code, stderr)
	}
	a, err := srv.Client.GetAnswer(ctx, &wellarchitected.GetAnswerInput{WorkloadId: &w, LensAlias: aws.String("wellarchitected"), QuestionId: aws.String("observability")})
	if err != nil || !strings.Contains(strings.Join(a.Answer.SelectedChoices, " "), "ops_observability_dist_trace") {
		t.Errorf("after --apply, observability selects %v (%v)", a.Answer.SelectedChoices, err)
	}
	if answered() == 0 {
		t.Error("after --apply no question is answered")
	}
	_, stderr, code = scanAs(env, scanProject, "--workload", w, "--apply")
	if code != 0 || !strings.Contains(stderr, "suggests no change") {
		t.Errorf("a second --apply: exit %d, stderr:\n%s", code, stderr)
	}

	// Errors: a workload that does not exist, no credentials.
	if _, stderr, code = scanAs(env, scanProject, "--workload", "--apply"); code != 2 || !strings.Contains(stderr, "not a workload ID") {
		t.Errorf("--workload --apply: exit %d, stderr:\n%s", code, stderr)
	}
	_, stderr, code = scanAs(env, scanProject, "--workload", strings.Repeat("0", 32))
	if code != 1 || !strings.Contains(stderr, "ResourceNotFoundException") {
		t.Errorf("unknown workload: exit %d, stderr:\n%s", code, stderr)
	}
	_, stderr, code = scanAs(map[string]string{"HOME": t.TempDir()}, scanProject, "--workload", w, "--endpoint-url", srv.URL)
	if code != 1 || !strings.Contains(stderr, "no credentials") {
		t.Errorf("no credentials: exit %d, stderr:\n%s", code, stderr)
	}
}

func TestResolveAWS(t *testing.T) {
	home := t.TempDir()
	dir := filepath.Join(home, ".aws")
	os.MkdirAll(dir, 0o700)
	os.WriteFile(filepath.Join(dir, "credentials"), []byte("# keys\n[default]\naws_access_key_id=AKDEFAULT\naws_secret_access_key = s1\n\n[ci]\nAWS_ACCESS_KEY_ID = AKCI\naws_secret_access_key = s2\n"), 0o600)
	os.WriteFile(filepath.Join(dir, "config"), []byte("[default]\nregion = eu-west-1\n[profile ci]\nregion = eu-central-1\nendpoint_url = https://wat.example.com\n[profile cfg]\naws_access_key_id = AKCFG\naws_secret_access_key = s3\n"), 0o600)
	for _, tc := range []struct {
		env                   map[string]string
		profile               string
		key, region, endpoint string
	}{
		{map[string]string{}, "", "AKDEFAULT", "eu-west-1", defaultEndpoint},
		{map[string]string{"AWS_ACCESS_KEY_ID": "AKENV", "AWS_SECRET_ACCESS_KEY": "x", "AWS_REGION": "us-west-2"}, "", "AKENV", "us-west-2", defaultEndpoint},
		{map[string]string{"AWS_ACCESS_KEY_ID": "AKENV", "AWS_SECRET_ACCESS_KEY": "x"}, "ci", "AKCI", "eu-central-1", "https://wat.example.com"},
		{map[string]string{"AWS_PROFILE": "cfg", "AWS_ENDPOINT_URL": "http://e"}, "", "AKCFG", "us-east-1", "http://e"},
	} {
		tc.env["HOME"] = home
		got, err := resolveAWS(func(k string) string { return tc.env[k] }, "", "", tc.profile)
		if err != nil || got.Credentials.AccessKeyID != tc.key || got.Region != tc.region || got.Endpoint != tc.endpoint {
			t.Errorf("env %v, profile %q: %+v, %v; want key %s, region %s, endpoint %s", tc.env, tc.profile, got, err, tc.key, tc.region, tc.endpoint)
		}
	}
	if _, err := resolveAWS(func(k string) string { return map[string]string{"HOME": home}[k] }, "", "", "missing"); err == nil {
		t.Error("a missing profile gave credentials")
	}
}
