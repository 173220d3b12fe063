package main

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	wa "github.com/aws/aws-sdk-go-v2/service/wellarchitected"

	"github.com/wat-dev/wat/internal/testserver"
)

// TestImportSourceCredentials resolves `wat import`'s source from profiles
// of a shared config file in a temporary HOME, as people moving from AWS
// have them, and signs a real call to a wat server with what each gives:
// static keys, a credential_process, a role assumed (through a fake STS on
// a loopback port) with a source_profile's keys, and the environment's
// keys. A profile that gives nothing fails before any request.
func TestImportSourceCredentials(t *testing.T) {
	ctx := context.Background()
	srv := testserver.Start(t, testserver.Options{})
	key, secret := srv.Admin.AccessKeyID, srv.Admin.SecretAccessKey

	// The fake STS answers AssumeRole with the wat server's key and a
	// session token, as AWS's answers with a role's temporary keys, and
	// records who signed each call.
	var mu sync.Mutex
	var signers, roles []string
	sts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := r.ParseForm(); err != nil || r.PostForm.Get("Action") != "AssumeRole" {
			http.Error(w, "not AssumeRole", http.StatusBadRequest)
			return
		}
		_, cred, _ := strings.Cut(r.Header.Get("Authorization"), "Credential=")
		mu.Lock()
		signers = append(signers, strings.Split(cred, "/")[0])
		roles = append(roles, r.PostForm.Get("RoleArn")+" "+r.PostForm.Get("RoleSessionName"))
		mu.Unlock()
		w.Header().Set("Content-Type", "text/xml")
		fmt.Fprintf(w, `<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult>`+
			`<Credentials><AccessKeyId>%s</AccessKeyId><SecretAccessKey>%s</SecretAccessKey><SessionToken>session-token</SessionToken>`+
			`<Expiration>2099-01-01T00:00:00Z</Expiration></Credentials>`+
			`<AssumedRoleUser><Arn>arn:aws:sts::123456789012:assumed-role/Reader/migration</Arn><AssumedRoleId>AROAEXAMPLE:migration</AssumedRoleId></AssumedRoleUser>`+
			`</AssumeRoleResult><ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></AssumeRoleResponse>`, key, secret)
	}))
	t.Cleanup(sts.Close)

	home := t.TempDir()
	script := filepath.Join(home, "creds.sh")
	if err := os.WriteFile(script, []byte(fmt.Sprintf("#!/bin/sh\nprintf '%%s' '{\"Version\": 1, \"AccessKeyId\": \"%s\", \"SecretAccessKey\": \"%s\"}'\n", key, secret)), 0o700); err != nil {
		t.Fatal(err)
	}
	writeAWSFile(t, filepath.Join(home, ".aws", "config"), fmt.Sprintf(`[profile static]
aws_access_key_id = %[1]s
aws_secret_access_key = %[2]s
region = eu-west-3

[profile process]
credential_process = %[3]s

[profile base]
aws_access_key_id = BASEKEYNOTWAT
aws_secret_access_key = base-secret

[profile role]
role_arn = arn:aws:iam::123456789012:role/Reader
role_session_name = migration
source_profile = base
services = fake-sts

[services fake-sts]
sts =
  endpoint_url = %[4]s

[profile region-only]
region = eu-west-1

[profile broken-process]
credential_process = /bin/false

[profile dangling]
role_arn = arn:aws:iam::123456789012:role/Reader
source_profile = nowhere
`, key, secret, script, sts.URL))
	base := map[string]string{"HOME": home}

	for _, tc := range []struct {
		name, profile, region string
		env                   map[string]string
		wantSource, wantRegn  string
	}{
		{name: "static keys", profile: "static", wantSource: "profile static", wantRegn: "eu-west-3"},
		{name: "credential_process", profile: "process", wantSource: "profile process", wantRegn: "us-east-1"},
		{name: "role_arn with source_profile", profile: "role", region: "ap-south-1", wantSource: "profile role", wantRegn: "ap-south-1"},
		{name: "AWS_PROFILE", env: map[string]string{"AWS_PROFILE": "process", "AWS_REGION": "sa-east-1"}, wantSource: "profile process", wantRegn: "sa-east-1"},
		{name: "environment keys", env: map[string]string{"AWS_ACCESS_KEY_ID": key, "AWS_SECRET_ACCESS_KEY": secret}, wantSource: "environment", wantRegn: "us-east-1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			env := map[string]string{}
			for k, v := range base {
				env[k] = v
			}
			for k, v := range tc.env {
				env[k] = v
			}
			src, err := resolveSource(ctx, func(k string) string { return env[k] }, srv.URL, tc.region, tc.profile)
			if err != nil {
				t.Fatalf("resolveSource: %v", err)
			}
			if src.Source != tc.wantSource || src.Region != tc.wantRegn || src.AccessKeyID != key {
				t.Errorf("resolveSource = %s, %s, %s; want %s, %s, %s", src.Source, src.Region, src.AccessKeyID, tc.wantSource, tc.wantRegn, key)
			}
			// Signed for the server's region: the region found was checked above.
			c := wa.New(wa.Options{Region: "us-east-1", BaseEndpoint: aws.String(src.Endpoint), Credentials: src.Credentials})
			if _, err := c.ListWorkloads(ctx, &wa.ListWorkloadsInput{}); err != nil {
				t.Errorf("ListWorkloads signed with them: %v", err)
			}
		})
	}
	if len(signers) != 1 || signers[0] != "BASEKEYNOTWAT" || roles[0] != "arn:aws:iam::123456789012:role/Reader migration" {
		t.Errorf("the fake STS's AssumeRole calls were signed by %v for %v; want one by BASEKEYNOTWAT for the role", signers, roles)
	}

	for _, tc := range []struct{ profile, want string }{
		{"missing", `no profile "missing"`},
		{"region-only", `profile "region-only" has no credentials`},
		{"broken-process", `profile "broken-process" gave no credentials`},
		{"dangling", `names source_profile "nowhere"`},
	} {
		if _, err := resolveSource(ctx, func(k string) string { return base[k] }, srv.URL, "", tc.profile); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("resolveSource(%s) = %v; want an error with %q", tc.profile, err, tc.want)
		}
	}

	// `wat import` itself reads with the profile's credentials.
	dst := testserver.Start(t, testserver.Options{})
	env := map[string]string{"HOME": home, "AWS_ACCESS_KEY_ID": dst.Admin.AccessKeyID, "AWS_SECRET_ACCESS_KEY": dst.Admin.SecretAccessKey}
	var stdout, stderr bytes.Buffer
	code := run(ctx, []string{"import", "--from-endpoint", srv.URL, "--from-profile", "process", "--endpoint-url", dst.URL},
		func(k string) string { return env[k] }, &stdout, &stderr)
	if code != 0 || !strings.Contains(stderr.String(), "(profile process) into "+dst.URL+" (environment)") {
		t.Errorf("wat import with a credential_process source: exit %d\n%s", code, stderr.String())
	}
}

// writeAWSFile writes an AWS shared config file, making its directory.
func writeAWSFile(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
}
