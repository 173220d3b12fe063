package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	wa "github.com/aws/aws-sdk-go-v2/service/wellarchitected"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected/types"

	"github.com/wat-dev/wat/internal/testserver"
)

// TestImportMatchesNamesAsTheTargetDoes imports a workload into a target
// that already has one of the same name as wat compares names: typed there
// with its accent precomposed, in capitals, where the source has it in
// full-width letters with a combining accent. The import updates that
// workload instead of failing to create a second one.
func TestImportMatchesNamesAsTheTargetDoes(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	src := testserver.Start(t, testserver.Options{})
	dst := testserver.Start(t, testserver.Options{})
	create := func(c *wa.Client, name, description string) {
		t.Helper()
		if _, err := c.CreateWorkload(ctx, &wa.CreateWorkloadInput{WorkloadName: aws.String(name), Description: aws.String(description),
			Environment: types.WorkloadEnvironmentProduction, ReviewOwner: aws.String("Léa"), AwsRegions: []string{"eu-west-3"}, Lenses: []string{"wellarchitected"}}); err != nil {
			t.Fatalf("CreateWorkload(%q): %v", name, err)
		}
	}
	create(src.Client, "Ｃａｆｅ\u0301 Ｓｔｒａßｅ 支付", "as the source has it")
	create(dst.Client, "CAFÉ STRASSE 支付", "typed in the target")

	home := t.TempDir()
	creds := filepath.Join(home, "credentials")
	if err := os.WriteFile(creds, []byte(fmt.Sprintf("[source]\naws_access_key_id = %s\naws_secret_access_key = %s\n\n[target]\naws_access_key_id = %s\naws_secret_access_key = %s\n",
		src.Admin.AccessKeyID, src.Admin.SecretAccessKey, dst.Admin.AccessKeyID, dst.Admin.SecretAccessKey)), 0o600); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"HOME": home, "AWS_SHARED_CREDENTIALS_FILE": creds}
	var stdout, stderr bytes.Buffer
	code := run(ctx, []string{"import", "--from-endpoint", src.URL, "--from-profile", "source", "--endpoint-url", dst.URL, "--profile", "target"},
		func(k string) string { return env[k] }, &stdout, &stderr)
	if code != 0 {
		t.Fatalf("wat import: exit %d\n%s", code, stderr.String())
	}
	if !strings.Contains(squeeze(stderr.String()), "workloads: 1 updated") {
		t.Errorf("the import's summary lacks %q:\n%s", "workloads: 1 updated", stderr.String())
	}
	ws, err := dst.Client.ListWorkloads(ctx, &wa.ListWorkloadsInput{})
	if err != nil {
		t.Fatal(err)
	}
	if len(ws.WorkloadSummaries) != 1 {
		t.Fatalf("the target has %d workloads, want the one it had", len(ws.WorkloadSummaries))
	}
	got, err := dst.Client.GetWorkload(ctx, &wa.GetWorkloadInput{WorkloadId: ws.WorkloadSummaries[0].WorkloadId})
	if err != nil {
		t.Fatal(err)
	}
	if d := aws.ToString(got.Workload.Description); d != "as the source has it" {
		t.Errorf("the target's workload has description %q, want the source's", d)
	}
}
