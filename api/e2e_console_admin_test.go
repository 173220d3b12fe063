package api_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/wat-dev/wat/internal/testserver"
	"github.com/wat-dev/wat/service"
)

// TestConsoleUsers: the admin lists its own account's users with their
// keys, never a secret; no one else may.
func TestConsoleUsers(t *testing.T) {
	forEachBackend(t, func(t *testing.T, srv *testserver.Server) {
		ctx := context.Background()
		admin := consoleAdmin(t, srv)
		bob := consoleUser(t, srv, "bob", &service.PolicyInput{Managed: "WellArchitectedConsoleFullAccess"})
		carol, err := srv.Service.CreateUser(ctx, srv.Admin.AccountID, "carol", nil)
		if err != nil {
			t.Fatal(err)
		}
		other, err := srv.Service.CreateAccount(ctx, "other")
		if err != nil {
			t.Fatal(err)
		}

		r := admin.call("GET", "/console/api/users", "")
		if r.status != http.StatusOK {
			t.Fatalf("GET users: %d %s", r.status, r.body)
		}
		for _, secret := range []string{srv.Admin.SecretAccessKey, carol.SecretAccessKey, "argon2", other.AccountID} {
			if strings.Contains(r.body, secret) {
				t.Errorf("the users list holds %q:\n%s", secret, r.body)
			}
		}
		var got struct {
			Users []struct {
				UserName, UserArn, CreatedAt string
				IsAdmin, HasPassword         bool
				AccessKeys                   []struct {
					AccessKeyID, CreatedAt string
					Active                 bool
				}
			}
		}
		if err := json.Unmarshal([]byte(r.body), &got); err != nil {
			t.Fatal(err)
		}
		if len(got.Users) != 3 {
			t.Fatalf("users %+v, want admin, bob, carol", got.Users)
		}
		a, b, c := got.Users[0], got.Users[1], got.Users[2]
		if a.UserName != "admin" || !a.IsAdmin || !a.HasPassword || len(a.AccessKeys) != 1 || a.AccessKeys[0].AccessKeyID != srv.Admin.AccessKeyID ||
			!a.AccessKeys[0].Active || a.CreatedAt == "" || a.UserArn != srv.Admin.UserARN {
			t.Errorf("admin = %+v", a)
		}
		if b.UserName != "bob" || b.IsAdmin || !b.HasPassword {
			t.Errorf("bob = %+v", b)
		}
		if c.UserName != "carol" || c.HasPassword || len(c.AccessKeys) != 1 || c.AccessKeys[0].AccessKeyID != carol.AccessKeyID {
			t.Errorf("carol = %+v", c)
		}

		if r := bob.call("GET", "/console/api/users", ""); r.status != http.StatusForbidden || r.message() == "" {
			t.Errorf("GET users as bob (full access, not admin): %d %s, want 403", r.status, r.body)
		}
		if r := admin.send("GET", "/console/api/users", "", nil); r.status != http.StatusForbidden {
			t.Errorf("GET users without the CSRF token: %d %s, want 403", r.status, r.body)
		}
		if r := newConsoleClient(t, srv.URL).send("GET", "/console/api/users", "", nil); r.status != http.StatusUnauthorized {
			t.Errorf("GET users signed out: %d %s, want 401", r.status, r.body)
		}
	})
}

// TestConsoleAudit: the admin reads its account's audit log, newest first,
// page by page, in the shape of `wat admin audit`.
func TestConsoleAudit(t *testing.T) {
	forEachBackend(t, func(t *testing.T, srv *testserver.Server) {
		ctx := context.Background()
		admin := consoleAdmin(t, srv) // a ConsoleLogin event
		for _, name := range []string{"First", "Second"} {
			if r := admin.call("POST", "/workloads", workloadJSON(name)); r.status != http.StatusOK {
				t.Fatalf("CreateWorkload: %d %s", r.status, r.body)
			}
		}
		other, err := srv.Service.CreateAccount(ctx, "other")
		if err != nil {
			t.Fatal(err)
		}
		createWorkload(t, srv.NewClient(other.AccessKeyID, other.SecretAccessKey), workloadInput("Not yours"))

		type page struct {
			Events []struct {
				EventName, EventSource, EventType string
				UserIdentity                      struct{ AccountID, UserName string }
				RequestParameters                 map[string]any
				ResponseElements                  map[string]any
			}
			NextToken string
		}
		read := func(query string) page {
			t.Helper()
			r := admin.call("GET", "/console/api/audit"+query, "")
			if r.status != http.StatusOK {
				t.Fatalf("GET audit%s: %d %s", query, r.status, r.body)
			}
			var p page
			if err := json.Unmarshal([]byte(r.body), &p); err != nil {
				t.Fatal(err)
			}
			return p
		}
		var names []string
		token := ""
		for i := 0; i < 10; i++ {
			p := read("?maxResults=2&nextToken=" + token)
			for _, e := range p.Events {
				if e.UserIdentity.AccountID != srv.Admin.AccountID {
					t.Errorf("an event of account %s is listed", e.UserIdentity.AccountID)
				}
				names = append(names, e.EventName)
			}
			if token = p.NextToken; token == "" {
				break
			}
		}
		if got := strings.Join(names, ","); got != "CreateWorkload,CreateWorkload,ConsoleLogin" {
			t.Errorf("events %s, want the two CreateWorkload calls then the sign-in", got)
		}
		first := read("").Events
		if len(first) != 3 || first[0].EventSource != "wellarchitected.amazonaws.com" || first[0].RequestParameters["WorkloadName"] != "****" ||
			first[2].EventSource != "signin.amazonaws.com" || first[2].EventType != "AwsConsoleSignIn" || first[2].ResponseElements["ConsoleLogin"] != "Success" {
			t.Errorf("events %+v", first)
		}

		if r := admin.call("GET", "/console/api/audit?maxResults=0", ""); r.status != http.StatusBadRequest {
			t.Errorf("maxResults=0: %d %s", r.status, r.body)
		}
		if r := admin.call("GET", "/console/api/audit?nextToken=abc", ""); r.status != http.StatusBadRequest {
			t.Errorf("a bad nextToken: %d %s", r.status, r.body)
		}
		bob := consoleUser(t, srv, "bob", &service.PolicyInput{Managed: "WellArchitectedConsoleFullAccess"})
		if r := bob.call("GET", "/console/api/audit", ""); r.status != http.StatusForbidden {
			t.Errorf("GET audit as bob: %d %s, want 403", r.status, r.body)
		}
		if r := admin.call("POST", "/console/api/audit", ""); r.status != http.StatusMethodNotAllowed {
			t.Errorf("POST audit: %d %s, want 405", r.status, r.body)
		}
		if r := admin.call("GET", "/console/api/nothing", ""); r.status != http.StatusNotFound || r.message() == "" {
			t.Errorf("an unknown console endpoint: %d %s, want 404", r.status, r.body)
		}
	})
}
