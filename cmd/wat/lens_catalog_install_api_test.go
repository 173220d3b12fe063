package main

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected"

	"github.com/wat-dev/wat"
	"github.com/wat-dev/wat/internal/testserver"
	"github.com/wat-dev/wat/service"
)

// TestLensCatalogInstallThroughAPI: with an endpoint, install calls the
// server's InstallLensCatalogEntry signed with the environment's keys, so
// the lens is the caller's account's and the install is audited; the
// endpoint may come from the environment too.
func TestLensCatalogInstallThroughAPI(t *testing.T) {
	srv := testserver.Start(t, testserver.Options{})
	ctx := context.Background()
	env := map[string]string{"HOME": t.TempDir(), "AWS_ACCESS_KEY_ID": srv.Admin.AccessKeyID, "AWS_SECRET_ACCESS_KEY": srv.Admin.SecretAccessKey}
	install := func(args ...string) (string, string, int) {
		var stdout, stderr bytes.Buffer
		code := run(ctx, append([]string{"lens", "catalog", "install"}, args...), func(k string) string { return env[k] }, &stdout, &stderr)
		return stdout.String(), stderr.String(), code
	}
	stdout, stderr, code := install("--endpoint-url", srv.URL, "--json", "amazon-athena")
	var done catalogInstallJSON
	if err := json.Unmarshal([]byte(stdout), &done); code != 0 || err != nil || done.Status != service.CatalogLensInstalled {
		t.Fatalf("install: exit %d, %+v, stderr %q", code, done, stderr)
	}
	got, err := srv.Client.GetLens(ctx, &wellarchitected.GetLensInput{LensAlias: aws.String(done.LensArn)})
	if err != nil || aws.ToString(got.Lens.Owner) != srv.Admin.AccountID {
		t.Errorf("GetLens of the installed lens: %+v, %v", got, err)
	}
	var events []*wat.AuditEvent
	if err := srv.Store.View(ctx, func(tx wat.Tx) (err error) {
		events, err = tx.ListAuditEvents(ctx, wat.AuditFilter{EventName: "InstallLensCatalogEntry"}, 0, 10)
		return err
	}); err != nil || len(events) != 1 || events[0].UserARN != srv.Admin.UserARN {
		t.Errorf("audit events of the install: %+v, %v", events, err)
	}

	env["AWS_ENDPOINT_URL"] = srv.URL
	stdout, stderr, code = install("amazon-athena")
	if want := "amazon-athena is installed already as " + done.LensArn + ", version 1.0.\n"; code != 0 || stdout != want {
		t.Errorf("again, endpoint from the environment: exit %d, %q, stderr %q; want %q", code, stdout, stderr, want)
	}
	_, stderr, code = install("no-such-entry")
	if code != 1 || !strings.Contains(stderr, "ResourceNotFoundException: The lens catalog has no entry \"no-such-entry\"") {
		t.Errorf("unknown entry: exit %d, stderr %q", code, stderr)
	}
	for _, args := range [][]string{
		{"--endpoint-url", srv.URL, "--data-dir", t.TempDir(), "amazon-athena"},
		{"--lens-catalog", t.TempDir(), "amazon-athena"},
		{"--account", "123456789012", "amazon-athena"},
	} {
		if _, stderr, code := install(args...); code != 2 {
			t.Errorf("%q: exit %d, stderr %q; want a usage error", args, code, stderr)
		}
	}
	delete(env, "AWS_ACCESS_KEY_ID")
	if _, stderr, code := install("amazon-athena"); code != 1 || !strings.Contains(stderr, "no credentials") {
		t.Errorf("no credentials: exit %d, stderr %q", code, stderr)
	}
}
