package main

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected/types"
	"github.com/aws/smithy-go"

	"github.com/wat-dev/wat/internal/testserver"
)

// sdkClient is the official client of a running wat, signed with a key.
func sdkClient(endpoint, keyID, secret string) *wellarchitected.Client {
	return wellarchitected.New(wellarchitected.Options{
		Region:       "us-east-1",
		BaseEndpoint: aws.String(endpoint),
		Credentials:  credentials.NewStaticCredentialsProvider(keyID, secret, ""),
		Retryer:      aws.NopRetryer{},
	})
}

func createWorkloadSDK(t *testing.T, c *wellarchitected.Client, name string) {
	t.Helper()
	_, err := c.CreateWorkload(context.Background(), &wellarchitected.CreateWorkloadInput{
		WorkloadName: aws.String(name), Description: aws.String("made by a test"),
		Environment: types.WorkloadEnvironmentProduction, AwsRegions: []string{"us-east-1"},
		ReviewOwner: aws.String("owner@example.com"), Lenses: []string{"wellarchitected"},
		ClientRequestToken: aws.String(name),
	})
	if err != nil {
		t.Fatalf("CreateWorkload: %v", err)
	}
}

// listWorkloads returns how many workloads the key's account sees, or the
// API error code.
func listWorkloads(c *wellarchitected.Client) (int, string) {
	out, err := c.ListWorkloads(context.Background(), &wellarchitected.ListWorkloadsInput{})
	if err != nil {
		var ae smithy.APIError
		if errors.As(err, &ae) {
			return 0, ae.ErrorCode()
		}
		return 0, err.Error()
	}
	return len(out.WorkloadSummaries), ""
}

// waitRejected waits, up to within, for the key to be refused as unknown.
func waitRejected(t *testing.T, c *wellarchitected.Client, within time.Duration, what string) {
	t.Helper()
	deadline := time.Now().Add(within)
	for {
		_, code := listWorkloads(c)
		if code == "UnrecognizedClientException" {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: the key still works (last error %q) after %v", what, code, within)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestAdminWhileServing runs the admin commands as a second process would,
// on the SQLite file of a running server, and checks what the server makes
// of them with the official SDK.
func TestAdminWhileServing(t *testing.T) {
	dir, a := newDataDir(t)
	const ttl = 500 * time.Millisecond
	w := MustRunMain(t, map[string]string{"WAT_AUTH_CACHE_TTL": ttl.String()}, "--listen", "127.0.0.1:0", "--data-dir", dir)
	creds := readCredentials(t, dir)
	admin := sdkClient(w.Endpoint, creds[0], creds[1])
	createWorkloadSDK(t, admin, "Default account's workload")

	var acct createdAccount
	a.do(t, &acct, "create-account", "--name", "tenant")
	c := sdkClient(w.Endpoint, acct.AccessKeyId, acct.SecretAccessKey)
	if n, code := listWorkloads(c); n != 0 || code != "" {
		t.Fatalf("the new account's ListWorkloads: %d workloads, error %q; want its own empty list", n, code)
	}
	if n, _ := listWorkloads(admin); n != 1 {
		t.Fatalf("the default account sees %d workloads, want 1", n)
	}

	// A key the server has just used (and cached) stops working within the TTL.
	var second createdUser
	a.do(t, &second, "create-access-key", "--account", acct.AccountId, "--user", "admin")
	c2 := sdkClient(w.Endpoint, second.AccessKeyId, second.SecretAccessKey)
	if _, code := listWorkloads(c2); code != "" {
		t.Fatalf("the second key: %s", code)
	}
	start := time.Now()
	_, stderr, code := a.run(t, "update-access-key", "--access-key-id", acct.AccessKeyId, "--status", "Inactive")
	if code != 0 {
		t.Fatalf("update-access-key: %d %s", code, stderr)
	}
	waitRejected(t, c, ttl+2*time.Second, "update-access-key --status Inactive")
	if since := time.Since(start); since > ttl+time.Second {
		t.Errorf("the deactivated key worked for %v, the TTL is %v", since, ttl)
	}
	if _, code := listWorkloads(c2); code != "" {
		t.Errorf("deactivating one key broke the other: %s", code)
	}
	a.do(t, new(updatedKey), "update-access-key", "--access-key-id", acct.AccessKeyId, "--status", "Active")
	deadline := time.Now().Add(ttl + 2*time.Second)
	for _, code := listWorkloads(c); code != ""; _, code = listWorkloads(c) {
		if time.Now().After(deadline) {
			t.Fatalf("the reactivated key is still refused: %s", code)
		}
		time.Sleep(20 * time.Millisecond)
	}

	_, stderr, code = a.run(t, "delete-access-key", "--access-key-id", second.AccessKeyId)
	if code != 0 {
		t.Fatalf("delete-access-key: %d %s", code, stderr)
	}
	waitRejected(t, c2, ttl+2*time.Second, "delete-access-key")

	// Secrets appear only in the JSON on stdout: never in a log or an error.
	for _, s := range []string{acct.SecretAccessKey, second.SecretAccessKey} {
		if strings.Contains(w.Stderr.String(), s) || strings.Contains(w.Stdout.String(), s) {
			t.Errorf("the server printed a secret")
		}
	}
}

// readCredentials returns the key id and secret of DIR/credentials.
func readCredentials(t *testing.T, dir string) [2]string {
	t.Helper()
	b := readFile(t, dir+"/credentials")
	var out [2]string
	for _, line := range strings.Split(b, "\n") {
		if v, ok := strings.CutPrefix(line, "aws_access_key_id = "); ok {
			out[0] = v
		}
		if v, ok := strings.CutPrefix(line, "aws_secret_access_key = "); ok {
			out[1] = v
		}
	}
	return out
}

// TestAdminPostgres runs the lifecycle with --database-url, and the
// server on the same PostgreSQL sees the new account.
func TestAdminPostgres(t *testing.T) {
	url := testserver.PostgresDatabase(t)
	dir := t.TempDir()
	env := map[string]string{"WAT_MASTER_KEY": strings.Repeat("ab", 32)}
	w := MustRunMain(t, env, "--listen", "127.0.0.1:0", "--data-dir", dir, "--database-url", url)
	a := &adminEnv{env: env, base: []string{"--database-url", url}}
	testAdminLifecycle(t, a)

	var acct createdAccount
	a.do(t, &acct, "create-account", "--name", "pg tenant")
	if n, code := listWorkloads(sdkClient(w.Endpoint, acct.AccessKeyId, acct.SecretAccessKey)); n != 0 || code != "" {
		t.Errorf("the new account on PostgreSQL: %d workloads, error %q", n, code)
	}
	a.fail(t, 1, []string{"already exists"}, "create-user", "--account", acct.AccountId, "--name", "admin")
}
