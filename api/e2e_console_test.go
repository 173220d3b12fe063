package api_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/wat-dev/wat"
	"github.com/wat-dev/wat/internal/testserver"
)

const msgBadSignIn = "The account, user name or password is incorrect."

// TestConsoleSignIn: the admin signs in with the generated password; every
// wrong credential gets the same 401; requests a cross-site form or page
// could send are refused; sign-ins are audited without the password.
func TestConsoleSignIn(t *testing.T) {
	forEachBackend(t, func(t *testing.T, srv *testserver.Server) {
		ctx := context.Background()
		acct := srv.Admin.AccountID
		pw := srv.Admin.ConsolePassword
		if len(pw) != 20 {
			t.Fatalf("the default admin's console password is %q, want 20 characters", pw)
		}
		if _, err := srv.Service.CreateUser(ctx, acct, "nopass", nil); err != nil {
			t.Fatal(err)
		}

		c := newConsoleClient(t, srv.URL)
		before := time.Now()
		r := c.signIn("", "admin", pw) // no account: the default one
		if r.status != http.StatusOK {
			t.Fatalf("sign in: %d %s", r.status, r.body)
		}
		var s struct {
			AccountID, UserName, UserArn, CsrfToken, ExpiresAt string
			IsAdmin, SignedIn                                  bool
		}
		if err := json.Unmarshal([]byte(r.body), &s); err != nil {
			t.Fatal(err)
		}
		if !s.SignedIn || s.AccountID != acct || s.UserName != "admin" || s.UserArn != srv.Admin.UserARN || !s.IsAdmin || len(s.CsrfToken) < 32 {
			t.Errorf("session = %+v", s)
		}
		exp, err := time.Parse(time.RFC3339, s.ExpiresAt)
		if err != nil || exp.Before(before.Add(12*time.Hour-time.Minute)) || exp.After(time.Now().Add(12*time.Hour+time.Minute)) {
			t.Errorf("expiresAt %q, want RFC 3339 12 hours from now", s.ExpiresAt)
		}
		ck := r.cookie()
		if ck == nil || len(ck.Value) < 40 || !ck.HttpOnly || ck.SameSite != http.SameSiteStrictMode || ck.Path != "/" || ck.Secure {
			t.Errorf("cookie %+v, want HttpOnly, SameSite=Strict, Path=/, not Secure over plain HTTP", ck)
		}
		if ck != nil && strings.Contains(r.body, ck.Value) {
			t.Error("the session token is in the JSON body: scripts could read it")
		}
		got := c.send("GET", "/console/api/session", "", nil)
		if got.status != http.StatusOK || got.body != r.body {
			t.Errorf("GET session: %d %s, want the sign-in's JSON %s", got.status, got.body, r.body)
		}
		if r := newConsoleClient(t, srv.URL).signIn(acct, "admin", pw); r.status != http.StatusOK {
			t.Errorf("sign in naming the account: %d %s", r.status, r.body)
		}

		// One answer for every wrong credential.
		for name, creds := range map[string][3]string{
			"wrong password":  {acct, "admin", pw + "x"},
			"unknown user":    {acct, "nobody", pw},
			"unknown account": {"999999999999", "admin", pw},
			"bad account":     {"not-an-account", "admin", pw},
			"no password set": {acct, "nopass", pw},
			"empty password":  {acct, "admin", ""},
			"case of name":    {acct, "Admin", pw},
		} {
			r := newConsoleClient(t, srv.URL).signIn(creds[0], creds[1], creds[2])
			if r.status != http.StatusUnauthorized || r.message() != msgBadSignIn || r.cookie() != nil {
				t.Errorf("%s: %d %s, want 401 %q and no cookie", name, r.status, r.body, msgBadSignIn)
			}
		}

		// What a form or page of another site can send is refused.
		anon := newConsoleClient(t, srv.URL)
		form := "accountId=" + acct + "&userName=admin&password=" + pw
		for name, h := range map[string]map[string]string{
			"form post":    {"Content-Type": "application/x-www-form-urlencoded"},
			"text/plain":   {"Content-Type": "text/plain"},
			"no type":      {},
			"other origin": {"Content-Type": "application/json", "Origin": "https://evil.example"},
			"null origin":  {"Content-Type": "application/json", "Origin": "null"},
		} {
			body := `{"userName":"admin","password":"` + pw + `"}`
			if strings.HasPrefix(h["Content-Type"], "application/x-www") {
				body = form
			}
			r := anon.send("POST", "/console/api/session", body, h)
			if r.status < 400 || r.cookie() != nil || r.message() == "" {
				t.Errorf("%s: %d %s, want refused with a message and no cookie", name, r.status, r.body)
			}
		}
		sameOrigin := map[string]string{"Content-Type": "application/json; charset=utf-8", "Origin": srv.URL}
		if r := anon.send("POST", "/console/api/session", `{"userName":"admin","password":"`+pw+`"}`, sameOrigin); r.status != http.StatusOK {
			t.Errorf("same-origin sign-in: %d %s", r.status, r.body)
		}
		if r := anon.send("POST", "/console/api/session", `{"userName":`, map[string]string{"Content-Type": "application/json"}); r.status != http.StatusBadRequest || r.message() == "" {
			t.Errorf("malformed JSON: %d %s, want 400 with a message", r.status, r.body)
		}
		// Signed out is an answer, not an error (a browser logs every 401).
		if r := anon.send("GET", "/console/api/session", "", nil); !r.signedOut() || r.cookie() != nil {
			t.Errorf("GET session without a cookie: %d %s, want 200 {\"signedIn\":false}", r.status, r.body)
		}
		anon.token = strings.Repeat("A", 43)
		if r := anon.send("GET", "/console/api/session", "", nil); !r.signedOut() || r.cookie() == nil || r.cookie().MaxAge >= 0 {
			t.Errorf("GET session with a made-up cookie: %d %s %v, want 200 {\"signedIn\":false} clearing the cookie", r.status, r.body, r.header["Set-Cookie"])
		}
		// The console's other endpoints still need a session.
		for _, path := range []string{"/console/api/users", "/console/api/audit"} {
			if r := anon.send("GET", path, "", nil); r.status != http.StatusUnauthorized || r.message() != "Not signed in." {
				t.Errorf("GET %s with a made-up cookie: %d %s, want 401", path, r.status, r.body)
			}
		}

		// The audit log has the sign-ins, never a password.
		srv.WaitAudit() // records are written just after their responses
		es, err := srv.Service.ListAuditEvents(ctx, wat.AuditFilter{EventName: "ConsoleLogin"}, 0, 100)
		if err != nil {
			t.Fatal(err)
		}
		var ok, failed int
		for _, e := range es {
			if strings.Contains(e.RequestParameters+e.ResponseElements+e.ErrorMessage, pw) {
				t.Errorf("audit event %+v holds the password", e)
			}
			switch e.ResponseElements {
			case `{"ConsoleLogin":"Success"}`:
				ok++
				if e.AccountID != acct || e.UserName != "admin" || e.UserARN != srv.Admin.UserARN {
					t.Errorf("successful sign-in recorded as %+v", e)
				}
			case `{"ConsoleLogin":"Failure"}`:
				failed++
				if e.ErrorCode == "" || e.UserName == "nobody" {
					t.Errorf("failed sign-in recorded as %+v", e)
				}
			}
		}
		if ok != 3 || failed != 7 {
			t.Errorf("audit log: %d successful and %d failed sign-ins, want 3 and 7", ok, failed)
		}
	})
}

// TestConsoleSignOut: signing out needs the CSRF token, ends the session
// at once and clears the cookie.
func TestConsoleSignOut(t *testing.T) {
	forEachBackend(t, func(t *testing.T, srv *testserver.Server) {
		c := consoleAdmin(t, srv)
		other := consoleAdmin(t, srv) // a second session of the same user
		if r := c.send("DELETE", "/console/api/session", "", nil); r.status != http.StatusForbidden || r.message() == "" {
			t.Errorf("sign out without the CSRF token: %d %s, want 403", r.status, r.body)
		}
		if r := c.send("DELETE", "/console/api/session", "", map[string]string{"X-CSRF-Token": other.csrf}); r.status != http.StatusForbidden {
			t.Errorf("sign out with another session's CSRF token: %d %s, want 403", r.status, r.body)
		}
		if r := c.call("POST", "/workloadsSummaries", "{}"); r.status != http.StatusOK {
			t.Fatalf("the session stopped working before signing out: %d %s", r.status, r.body)
		}
		r := c.call("DELETE", "/console/api/session", "")
		if r.status != http.StatusNoContent {
			t.Fatalf("sign out: %d %s", r.status, r.body)
		}
		if ck := r.cookie(); ck == nil || ck.Value != "" || ck.MaxAge >= 0 {
			t.Errorf("sign out cookie %+v, want it cleared (Max-Age=0)", ck)
		}
		if r := c.send("GET", "/console/api/session", "", nil); !r.signedOut() {
			t.Errorf("GET session after signing out: %d %s, want 200 signed out", r.status, r.body)
		}
		r = c.call("POST", "/workloadsSummaries", "{}")
		if r.status != http.StatusForbidden || r.errorType() != "UnrecognizedClientException" {
			t.Errorf("API call after signing out: %d %s %s, want 403 UnrecognizedClientException", r.status, r.errorType(), r.body)
		}
		if r := other.call("POST", "/workloadsSummaries", "{}"); r.status != http.StatusOK {
			t.Errorf("signing out ended the user's other session: %d %s", r.status, r.body)
		}
	})
}

// TestConsolePasswordChangeEndsSessions: a new password, or deleting the
// user, ends the user's sessions at once.
func TestConsolePasswordChangeEndsSessions(t *testing.T) {
	forEachBackend(t, func(t *testing.T, srv *testserver.Server) {
		ctx := context.Background()
		bob := consoleUser(t, srv, "bob", nil)
		if r := bob.send("GET", "/console/api/session", "", nil); r.status != http.StatusOK {
			t.Fatalf("bob's session: %d %s", r.status, r.body)
		}
		n, err := srv.Service.SetPassword(ctx, srv.Admin.AccountID, "bob", "the new password, long")
		if err != nil || n != 1 {
			t.Fatalf("SetPassword = %d, %v; want 1 session ended", n, err)
		}
		if r := bob.send("GET", "/console/api/session", "", nil); !r.signedOut() {
			t.Errorf("bob's session after a new password: %d %s, want 200 signed out", r.status, r.body)
		}
		if r := newConsoleClient(t, srv.URL).signIn(srv.Admin.AccountID, "bob", "a long enough password"); r.status != http.StatusUnauthorized {
			t.Errorf("the old password: %d %s", r.status, r.body)
		}
		bob.mustSignIn(srv.Admin.AccountID, "bob", "the new password, long")
		if _, err := srv.Service.SetPassword(ctx, srv.Admin.AccountID, "bob", "too short"); wat.ErrorCodeOf(err) != wat.EInvalid {
			t.Errorf("an 9-character password: %v, want EInvalid", err)
		}
		if err := srv.Service.DeleteUser(ctx, srv.Admin.AccountID, "bob"); err != nil {
			t.Fatal(err)
		}
		if r := bob.call("POST", "/workloadsSummaries", "{}"); r.status != http.StatusForbidden || r.errorType() != "UnrecognizedClientException" {
			t.Errorf("the deleted user's session: %d %s %s", r.status, r.errorType(), r.body)
		}
	})
}
