package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// validPolicy is an inline policy document the policy package accepts.
const validPolicy = `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "wellarchitected:ListWorkloads", "Resource": "*"}]}`

// knownManaged is a managed policy the policy package defines.
const knownManaged = "WellArchitectedConsoleReadOnlyAccess"

var (
	accountIDPattern = regexp.MustCompile(`^\d{12}$`)
	keyIDPattern     = regexp.MustCompile(`^AKIA[A-Z2-7]{16}$`)
	rfc3339Pattern   = regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$`)
)

// adminEnv runs `wat admin` commands in-process against one database.
type adminEnv struct {
	env  map[string]string
	base []string // the flags naming the database
}

// newDataDir is a data dir initialised by a first `wat serve`, as an
// operator's would be.
func newDataDir(t *testing.T) (string, *adminEnv) {
	t.Helper()
	dir := t.TempDir()
	w := MustRunMain(t, nil, "--listen", "127.0.0.1:0", "--data-dir", dir)
	if code := w.Stop(); code != 0 {
		t.Fatalf("wat serve: exit %d\n%s", code, w.Stderr)
	}
	return dir, &adminEnv{base: []string{"--data-dir", dir}}
}

// run runs `wat admin BASE args...` and returns its stdout, stderr and exit status.
func (a *adminEnv) run(t *testing.T, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	full := append(append([]string{"admin"}, a.base...), args...)
	code := run(context.Background(), full, func(k string) string { return a.env[k] }, &out, &errb)
	return out.String(), errb.String(), code
}

// do runs a command that must succeed and decodes its one JSON object
// strictly into out.
func (a *adminEnv) do(t *testing.T, out any, args ...string) {
	t.Helper()
	stdout, stderr, code := a.run(t, args...)
	if code != 0 {
		t.Fatalf("wat admin %s: exit %d\nstderr: %s", strings.Join(args, " "), code, stderr)
	}
	if stderr != "" {
		t.Errorf("wat admin %s wrote to stderr: %s", args[0], stderr)
	}
	dec := json.NewDecoder(strings.NewReader(stdout))
	dec.DisallowUnknownFields()
	if err := dec.Decode(out); err != nil {
		t.Fatalf("wat admin %s: stdout is not the expected JSON object: %v\n%s", args[0], err, stdout)
	}
	if dec.More() {
		t.Fatalf("wat admin %s printed more than one JSON object:\n%s", args[0], stdout)
	}
}

// fail runs a command that must fail with exit status code and a message
// on stderr containing every one of want, and nothing on stdout.
func (a *adminEnv) fail(t *testing.T, code int, want []string, args ...string) string {
	t.Helper()
	stdout, stderr, got := a.run(t, args...)
	if got != code {
		t.Errorf("wat admin %s: exit %d, want %d\nstdout: %s\nstderr: %s", strings.Join(args, " "), got, code, stdout, stderr)
	}
	if stdout != "" {
		t.Errorf("wat admin %s failed but printed on stdout: %s", args[0], stdout)
	}
	for _, w := range want {
		if !strings.Contains(stderr, w) {
			t.Errorf("wat admin %s: stderr %q does not say %q", strings.Join(args, " "), stderr, w)
		}
	}
	return stderr
}

type (
	createdAccount struct{ AccountId, AccessKeyId, SecretAccessKey string }
	createdUser    struct{ UserArn, AccessKeyId, SecretAccessKey string }
	listedAccounts struct {
		Accounts []struct{ AccountId, Name, CreatedAt string }
	}
	listedUsers struct {
		Users []struct {
			UserName, UserArn string
			IsAdmin           bool
			CreatedAt         string
			Policies          []string
		}
	}
	listedKeys struct {
		AccessKeys []struct{ AccessKeyId, Status, CreatedAt string }
	}
	listedPolicies struct {
		Policies []struct {
			PolicyName string
			Managed    bool
			Document   map[string]any
		}
	}
	deletedAccount struct {
		AccountId string
		Deleted   bool
	}
	deletedUser struct {
		AccountId, UserName string
		Deleted             bool
	}
	updatedKey struct{ AccessKeyId, Status string }
	deletedKey struct {
		AccessKeyId string
		Deleted     bool
	}
	attachedPolicy struct {
		AccountId, UserName, PolicyName string
		Managed                         bool
	}
	detachedPolicy struct {
		AccountId, UserName, PolicyName string
		Managed, Detached               bool
	}
)

func writePolicy(t *testing.T, name, body string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestAdminLifecycle drives every command once and checks its JSON shape.
func TestAdminLifecycle(t *testing.T) {
	_, a := newDataDir(t)
	testAdminLifecycle(t, a)
}

func testAdminLifecycle(t *testing.T, a *adminEnv) {
	var acct createdAccount
	a.do(t, &acct, "create-account", "--name", "team-a")
	if !accountIDPattern.MatchString(acct.AccountId) || !keyIDPattern.MatchString(acct.AccessKeyId) || len(acct.SecretAccessKey) != 40 {
		t.Fatalf("create-account = %+v", acct)
	}
	var accts listedAccounts
	a.do(t, &accts, "list-accounts")
	found := false
	for _, x := range accts.Accounts {
		if !rfc3339Pattern.MatchString(x.CreatedAt) {
			t.Errorf("CreatedAt %q is not RFC 3339 UTC", x.CreatedAt)
		}
		if x.AccountId == acct.AccountId && x.Name == "team-a" {
			found = true
		}
	}
	if !found {
		t.Errorf("list-accounts %+v lacks %s", accts, acct.AccountId)
	}

	policyFile := writePolicy(t, "reader.json", validPolicy)
	var bob createdUser
	a.do(t, &bob, "create-user", "--account", acct.AccountId, "--name", "bob", "--policy", policyFile)
	if bob.UserArn != "arn:aws:iam::"+acct.AccountId+":user/bob" || !keyIDPattern.MatchString(bob.AccessKeyId) || len(bob.SecretAccessKey) != 40 {
		t.Errorf("create-user = %+v", bob)
	}
	var users listedUsers
	a.do(t, &users, "list-users", "--account", acct.AccountId)
	if len(users.Users) != 2 || users.Users[0].UserName != "admin" || !users.Users[0].IsAdmin ||
		users.Users[1].UserName != "bob" || users.Users[1].IsAdmin || users.Users[1].UserArn != bob.UserArn ||
		strings.Join(users.Users[1].Policies, ",") != "reader" || users.Users[0].Policies == nil ||
		!rfc3339Pattern.MatchString(users.Users[1].CreatedAt) {
		t.Errorf("list-users = %+v", users)
	}

	// Keys: a second one, then the quota.
	var second createdUser
	a.do(t, &second, "create-access-key", "--account", acct.AccountId, "--user", "bob")
	if second.UserArn != bob.UserArn || second.AccessKeyId == bob.AccessKeyId {
		t.Errorf("create-access-key = %+v", second)
	}
	a.fail(t, 1, []string{"2 access keys"}, "create-access-key", "--account", acct.AccountId, "--user", "bob")
	var updated updatedKey
	a.do(t, &updated, "update-access-key", "--access-key-id", bob.AccessKeyId, "--status", "Inactive")
	if updated != (updatedKey{bob.AccessKeyId, "Inactive"}) {
		t.Errorf("update-access-key = %+v", updated)
	}
	var keys listedKeys
	a.do(t, &keys, "list-access-keys", "--account", acct.AccountId, "--user", "bob")
	if len(keys.AccessKeys) != 2 || keys.AccessKeys[0].AccessKeyId != bob.AccessKeyId || keys.AccessKeys[0].Status != "Inactive" ||
		keys.AccessKeys[1].AccessKeyId != second.AccessKeyId || keys.AccessKeys[1].Status != "Active" ||
		!rfc3339Pattern.MatchString(keys.AccessKeys[0].CreatedAt) {
		t.Errorf("list-access-keys = %+v", keys)
	}
	var dk deletedKey
	a.do(t, &dk, "delete-access-key", "--access-key-id", bob.AccessKeyId)
	if dk != (deletedKey{bob.AccessKeyId, true}) {
		t.Errorf("delete-access-key = %+v", dk)
	}
	a.do(t, &keys, "list-access-keys", "--account", acct.AccountId, "--user", "bob")
	if len(keys.AccessKeys) != 1 || keys.AccessKeys[0].AccessKeyId != second.AccessKeyId {
		t.Errorf("after delete-access-key: %+v", keys)
	}

	// Policies: a named inline one, a managed one, replace, detach.
	var att attachedPolicy
	a.do(t, &att, "attach-policy", "--account", acct.AccountId, "--user", "bob", "--policy", policyFile, "--policy-name", "second")
	if att != (attachedPolicy{acct.AccountId, "bob", "second", false}) {
		t.Errorf("attach-policy = %+v", att)
	}
	a.do(t, &att, "attach-policy", "--account", acct.AccountId, "--user", "bob", "--managed", knownManaged)
	if att != (attachedPolicy{acct.AccountId, "bob", knownManaged, true}) {
		t.Errorf("attach-policy --managed = %+v", att)
	}
	replacement := writePolicy(t, "second.json", strings.Replace(validPolicy, "ListWorkloads", "GetWorkload", 1))
	a.do(t, &att, "attach-policy", "--account", acct.AccountId, "--user", "bob", "--policy", replacement)
	var pols listedPolicies
	a.do(t, &pols, "list-policies", "--account", acct.AccountId, "--user", "bob")
	var names []string
	for _, p := range pols.Policies {
		names = append(names, p.PolicyName)
		if p.Document == nil {
			t.Errorf("policy %s has no Document", p.PolicyName)
		}
		if (p.PolicyName == knownManaged) != p.Managed {
			t.Errorf("policy %s: Managed %v", p.PolicyName, p.Managed)
		}
	}
	if strings.Join(names, ",") != knownManaged+",reader,second" {
		t.Errorf("list-policies names %v", names)
	}
	if doc, _ := json.Marshal(pols.Policies[2].Document); !strings.Contains(string(doc), "GetWorkload") {
		t.Errorf("attaching an existing name did not replace the policy: %s", doc)
	}
	var det detachedPolicy
	a.do(t, &det, "detach-policy", "--account", acct.AccountId, "--user", "bob", "--managed", knownManaged)
	if det != (detachedPolicy{acct.AccountId, "bob", knownManaged, true, true}) {
		t.Errorf("detach-policy = %+v", det)
	}
	a.fail(t, 1, []string{"no inline policy named reader2"}, "detach-policy", "--account", acct.AccountId, "--user", "bob", "--policy-name", "reader2")
	a.do(t, &det, "detach-policy", "--account", acct.AccountId, "--user", "bob", "--policy-name", "reader")
	a.do(t, &pols, "list-policies", "--account", acct.AccountId, "--user", "bob")
	if len(pols.Policies) != 1 || pols.Policies[0].PolicyName != "second" {
		t.Errorf("after detaching: %+v", pols)
	}

	var du deletedUser
	a.do(t, &du, "delete-user", "--account", acct.AccountId, "--name", "bob")
	if du != (deletedUser{acct.AccountId, "bob", true}) {
		t.Errorf("delete-user = %+v", du)
	}
	a.do(t, &users, "list-users", "--account", acct.AccountId)
	if len(users.Users) != 1 {
		t.Errorf("after delete-user: %+v", users)
	}
	a.fail(t, 1, []string{"No access key"}, "update-access-key", "--access-key-id", second.AccessKeyId, "--status", "Active")

	var da deletedAccount
	a.do(t, &da, "delete-account", "--account", acct.AccountId)
	if da != (deletedAccount{acct.AccountId, true}) {
		t.Errorf("delete-account = %+v", da)
	}
	a.do(t, &accts, "list-accounts")
	for _, x := range accts.Accounts {
		if x.AccountId == acct.AccountId {
			t.Errorf("list-accounts still shows the deleted account")
		}
	}
}

func TestAdminErrors(t *testing.T) {
	_, a := newDataDir(t)
	var acct createdAccount
	a.do(t, &acct, "create-account", "--name", "errors")
	id := acct.AccountId
	a.do(t, new(createdUser), "create-user", "--account", id, "--name", "carol")
	badJSON := writePolicy(t, "broken.json", `{"Version": "2012-10-17", "Statement": [`)

	for _, tc := range []struct {
		name string
		code int
		want []string
		args []string
	}{
		{"unknown account", 1, []string{"No account with ID 999999999999"}, []string{"create-user", "--account", "999999999999", "--name", "x"}},
		{"malformed account", 1, []string{"not an account ID"}, []string{"list-users", "--account", "12"}},
		{"duplicate user", 1, []string{"already exists"}, []string{"create-user", "--account", id, "--name", "carol"}},
		{"duplicate user other case", 1, []string{"already exists"}, []string{"create-user", "--account", id, "--name", "CAROL"}},
		{"bad user name", 1, []string{"not a valid user name"}, []string{"create-user", "--account", id, "--name", "no spaces"}},
		{"long user name", 1, []string{"not a valid user name"}, []string{"create-user", "--account", id, "--name", strings.Repeat("u", 65)}},
		{"bad policy file", 1, []string{"broken.json"}, []string{"attach-policy", "--account", id, "--user", "carol", "--policy", badJSON}},
		{"missing policy file", 1, []string{"nope.json"}, []string{"attach-policy", "--account", id, "--user", "carol", "--policy", "/nonexistent/nope.json"}},
		{"unknown managed policy", 1, []string{"no managed policy named", "NoSuchPolicy"}, []string{"attach-policy", "--account", id, "--user", "carol", "--managed", "NoSuchPolicy"}},
		{"unknown managed policy at create", 1, []string{"NoSuchPolicy"}, []string{"create-user", "--account", id, "--name", "dave", "--managed", "NoSuchPolicy"}},
		{"deleting admin", 1, []string{"admin", "cannot be deleted"}, []string{"delete-user", "--account", id, "--name", "admin"}},
		{"unknown user", 1, []string{"No user named zed"}, []string{"list-access-keys", "--account", id, "--user", "zed"}},
		{"unknown key", 1, []string{"No access key"}, []string{"delete-access-key", "--access-key-id", "AKIAAAAAAAAAAAAAAAAA"}},
		{"bad status", 2, []string{"Active or Inactive"}, []string{"update-access-key", "--access-key-id", "AKIAAAAAAAAAAAAAAAAA", "--status", "off"}},
		{"missing flag", 2, []string{"--name is required"}, []string{"create-account"}},
		{"policy and managed", 2, []string{"not both"}, []string{"attach-policy", "--account", id, "--user", "carol", "--policy", badJSON, "--managed", knownManaged}},
		{"stray argument", 2, []string{"unexpected argument"}, []string{"list-accounts", "extra"}},
		{"unknown flag", 2, []string{"-bogus"}, []string{"list-accounts", "--bogus"}},
	} {
		t.Run(tc.name, func(t *testing.T) { a.fail(t, tc.code, tc.want, tc.args...) })
	}
	// A failed create left nothing behind.
	var users listedUsers
	a.do(t, &users, "list-users", "--account", id)
	if len(users.Users) != 2 {
		t.Errorf("users after the failures: %+v", users.Users)
	}
}

func TestAdminDeleteAccountWithWorkloads(t *testing.T) {
	dir, a := newDataDir(t)
	w := MustRunMain(t, nil, "--listen", "127.0.0.1:0", "--data-dir", dir)
	var acct createdAccount
	a.do(t, &acct, "create-account", "--name", "busy")
	c := sdkClient(w.Endpoint, acct.AccessKeyId, acct.SecretAccessKey)
	createWorkloadSDK(t, c, "Busy workload")
	a.fail(t, 1, []string{"1 workloads", "force"}, "delete-account", "--account", acct.AccountId)
	a.do(t, new(deletedAccount), "delete-account", "--account", acct.AccountId, "--force")
	a.do(t, new(listedAccounts), "list-accounts")
	a.fail(t, 1, []string{"No account"}, "list-users", "--account", acct.AccountId)
}

func TestAdminUsage(t *testing.T) {
	dir := t.TempDir()
	a := &adminEnv{base: []string{"--data-dir", dir}}
	a.fail(t, 2, []string{"Usage:", "create-account", "attach-policy"})
	a.fail(t, 2, []string{"unknown command", "Usage:"}, "frobnicate")
	// An admin command never creates a database (a mistyped data dir).
	a.fail(t, 1, []string{"no wat database"}, "list-accounts")
	if _, err := os.Stat(filepath.Join(dir, "wat.db")); err == nil {
		t.Errorf("wat admin created a database")
	}
	if _, err := os.Stat(filepath.Join(dir, "master.key")); err == nil {
		t.Errorf("wat admin created a master key")
	}
}

// TestAdminEnvironment reads the database and the key from WAT_* variables
// (and the flags after the command), as serve does.
func TestAdminEnvironment(t *testing.T) {
	dir, _ := newDataDir(t)
	key, err := os.ReadFile(filepath.Join(dir, "master.key"))
	if err != nil {
		t.Fatal(err)
	}
	moved := filepath.Join(t.TempDir(), "elsewhere.key")
	if err := os.Rename(filepath.Join(dir, "master.key"), moved); err != nil {
		t.Fatal(err)
	}
	a := &adminEnv{env: map[string]string{"WAT_DATA_DIR": dir}}
	a.fail(t, 1, []string{"master key"}, "list-accounts")
	a.env["WAT_MASTER_KEY"] = strings.TrimSpace(string(key))
	var accts listedAccounts
	a.do(t, &accts, "list-accounts")
	if len(accts.Accounts) != 1 || accts.Accounts[0].Name != "default" {
		t.Errorf("list-accounts = %+v", accts)
	}
	b := &adminEnv{env: map[string]string{"WAT_MASTER_KEY": strings.TrimSpace(string(key))}}
	b.do(t, &accts, "list-accounts", "--data-dir", dir)
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
