package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// consoleSignIn signs in to a running wat's console and returns the HTTP
// status and the session cookie's value.
func consoleSignIn(t *testing.T, endpoint, accountID, user, password string) (int, string) {
	t.Helper()
	body, _ := json.Marshal(map[string]string{"accountId": accountID, "userName": user, "password": password})
	resp, err := http.Post(endpoint+"/console/api/session", "application/json", strings.NewReader(string(body)))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	for _, c := range resp.Cookies() {
		if c.Name == "wat_session" {
			return resp.StatusCode, c.Value
		}
	}
	return resp.StatusCode, ""
}

// signedIn reports whether GET /console/api/session with a cookie says
// signed in (signed out is 200 {"signedIn":false}).
func signedIn(t *testing.T, endpoint, token string) bool {
	t.Helper()
	req, _ := http.NewRequest("GET", endpoint+"/console/api/session", nil)
	req.AddCookie(&http.Cookie{Name: "wat_session", Value: token})
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var s struct{ SignedIn bool }
	if resp.StatusCode != http.StatusOK || json.NewDecoder(resp.Body).Decode(&s) != nil {
		t.Fatalf("GET /console/api/session: %s", resp.Status)
	}
	return s.SignedIn
}

type passwordOut struct {
	AccountId, UserName, Password string
	SessionsEnded                 int
}

// withStdin makes set-password read input as its stdin until the test ends.
func withStdin(t *testing.T, input string) {
	t.Helper()
	old := passwordInput
	passwordInput = strings.NewReader(input)
	t.Cleanup(func() { passwordInput = old })
}

func TestAdminSetPassword(t *testing.T) {
	dir, a := newDataDir(t)
	var accts listedAccounts
	a.do(t, &accts, "list-accounts")
	acct := accts.Accounts[0].AccountId
	a.do(t, new(createdUser), "create-user", "--account", acct, "--name", "bob")

	var gen passwordOut
	a.do(t, &gen, "set-password", "--account", acct, "--user", "bob", "--generate")
	if gen.AccountId != acct || gen.UserName != "bob" || !regexp.MustCompile(`^[A-Za-z2-9]{20}$`).MatchString(gen.Password) || gen.SessionsEnded != 0 {
		t.Errorf("set-password --generate = %+v", gen)
	}
	withStdin(t, "bob's own password\r\n")
	var typed passwordOut
	a.do(t, &typed, "set-password", "--account", acct, "--user", "bob")
	if typed.Password != "" {
		t.Errorf("set-password printed the password it read: %+v", typed)
	}
	withStdin(t, "too short\n")
	a.fail(t, 1, []string{"12 to 128 characters"}, "set-password", "--account", acct, "--user", "bob")
	withStdin(t, "")
	a.fail(t, 2, []string{"one line on stdin", "--generate"}, "set-password", "--account", acct, "--user", "bob")
	a.fail(t, 2, []string{"--user is required"}, "set-password", "--account", acct)
	a.fail(t, 1, []string{"No user named nobody"}, "set-password", "--account", acct, "--user", "nobody", "--generate")

	// Against a running server: the password signs in, and a new one ends
	// the session (within the server's auth cache TTL: another process).
	const ttl = 300 * time.Millisecond
	w := MustRunMain(t, map[string]string{"WAT_AUTH_CACHE_TTL": ttl.String()}, "--listen", "127.0.0.1:0", "--data-dir", dir)
	status, token := consoleSignIn(t, w.Endpoint, acct, "bob", "bob's own password")
	if status != 200 || token == "" {
		t.Fatalf("sign in with the password from stdin: %d", status)
	}
	if code, _ := consoleSignIn(t, w.Endpoint, acct, "bob", gen.Password); code != 401 {
		t.Errorf("the replaced password: %d, want 401", code)
	}
	var again passwordOut
	a.do(t, &again, "set-password", "--account", acct, "--user", "bob", "--generate")
	if again.SessionsEnded != 1 {
		t.Errorf("SessionsEnded = %d, want bob's one session", again.SessionsEnded)
	}
	deadline := time.Now().Add(ttl + 2*time.Second)
	for signedIn(t, w.Endpoint, token) {
		if time.Now().After(deadline) {
			t.Fatalf("bob's session still works %v after the new password", ttl+2*time.Second)
		}
		time.Sleep(20 * time.Millisecond)
	}
	if code, _ := consoleSignIn(t, w.Endpoint, acct, "bob", again.Password); code != 200 {
		t.Errorf("the new password: %d", code)
	}
	if strings.Contains(w.Stderr.String()+w.Stdout.String(), again.Password) || strings.Contains(w.Stderr.String(), token) {
		t.Error("the server printed a password or a session token")
	}
}

var (
	signInLineRE = regexp.MustCompile(`(?m)^  sign in: +account (\d{12}), user admin, password ([A-Za-z2-9]{20})  \(shown once; also in (\S+)\)$`)
	consoleURLRE = regexp.MustCompile(`(?m)^  console: +http://127\.0\.0\.1:\d+/`)
)

// TestFirstStartConsolePassword: the first start prints the console's
// address and the admin's password and keeps it in the credentials file;
// later starts point to the file; a database from before the console gets
// a password on its next start.
func TestFirstStartConsolePassword(t *testing.T) {
	dir := t.TempDir()
	w := MustRunMain(t, nil, "--listen", "127.0.0.1:0", "--data-dir", dir)
	out := w.Stdout.String()
	m := signInLineRE.FindStringSubmatch(out)
	if m == nil || !consoleURLRE.MatchString(out) {
		t.Fatalf("the first start does not print the console and the admin's password:\n%s", out)
	}
	acct, pw, credFile := m[1], m[2], m[3]
	if credFile != filepath.Join(dir, "credentials") {
		t.Errorf("the password is said to be in %s", credFile)
	}
	line := "# console sign-in: account " + acct + ", user admin, password " + pw + "\n"
	if creds := readFile(t, credFile); !strings.Contains(creds, line) || !strings.Contains(creds, "\n[default]\n") {
		t.Errorf("the credentials file lacks %q:\n%s", line, creds)
	}
	if code, _ := consoleSignIn(t, w.Endpoint, "", "admin", pw); code != 200 {
		t.Errorf("sign in with the printed password: %d", code)
	}
	if strings.Contains(w.Stderr.String(), pw) {
		t.Error("the password is in the log")
	}
	w.Stop()

	w = MustRunMain(t, nil, "--listen", "127.0.0.1:0", "--data-dir", dir)
	out = w.Stdout.String()
	if strings.Contains(out, pw) || !strings.Contains(out, "with the password in "+credFile) ||
		!strings.Contains(out, "wat admin set-password --account "+acct+" --user admin") || !consoleURLRE.MatchString(out) {
		t.Errorf("a later start:\n%s", out)
	}
	w.Stop()

	// A database from before the console: its admin has no password.
	db, err := sql.Open("sqlite", filepath.Join(dir, "wat.db"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.ExecContext(context.Background(), `DELETE FROM user_passwords`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	w = MustRunMain(t, nil, "--listen", "127.0.0.1:0", "--data-dir", dir)
	m = signInLineRE.FindStringSubmatch(w.Stdout.String())
	if m == nil || m[2] == pw {
		t.Fatalf("the start after the upgrade does not print a new password:\n%s", w.Stdout)
	}
	creds := readFile(t, credFile)
	if !strings.HasSuffix(creds, "# console sign-in: account "+acct+", user admin, password "+m[2]+"\n") {
		t.Errorf("the new password is not added to the credentials file:\n%s", creds)
	}
	if fi, err := os.Stat(credFile); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("credentials file mode: %v %v", fi.Mode(), err)
	}
	if code, _ := consoleSignIn(t, w.Endpoint, acct, "admin", m[2]); code != 200 {
		t.Errorf("sign in with the new password: %d", code)
	}
}
