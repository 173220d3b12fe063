package api_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
)

// TestConsoleSignInAuditIsCapped: a sign-in attempt is recorded under the
// same caps as an API call, so a huge User-Agent on the sign-in form cannot
// grow the audit log either.
func TestConsoleSignInAuditIsCapped(t *testing.T) {
	srv := startSQLite(t)
	c := newConsoleClient(t, srv.URL)
	body, _ := json.Marshal(map[string]string{"accountId": srv.Admin.AccountID, "userName": "nobody", "password": "wrong"})
	r := c.send("POST", "/console/api/session", string(body), map[string]string{
		"Content-Type": "application/json", "User-Agent": strings.Repeat("u", 900<<10)})
	if r.status != http.StatusUnauthorized {
		t.Fatalf("sign-in with a wrong password: %d %s", r.status, r.body)
	}
	e := auditEvents(t, srv.Store)[r.header.Get("x-amzn-RequestId")]
	if e == nil {
		t.Fatal("the failed sign-in was not audited")
	}
	if e.EventName != "ConsoleLogin" || len(e.UserAgent) > 256 || !strings.HasSuffix(e.UserAgent, "[truncated]") {
		t.Errorf("recorded %s with a user agent of %d bytes", e.EventName, len(e.UserAgent))
	}
}
