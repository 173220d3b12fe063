package api_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/wat-dev/wat"
	"github.com/wat-dev/wat/api"
	"github.com/wat-dev/wat/internal/testserver"
	"github.com/wat-dev/wat/oidc/oidctest"
	"github.com/wat-dev/wat/service"
)

const (
	readOnly   = "WellArchitectedConsoleReadOnlyAccess"
	fullAccess = "WellArchitectedConsoleFullAccess"
)

// policyNames lists a user's policies by name.
func policyNames(t *testing.T, e *ssoEnv, user string) []string {
	t.Helper()
	ps, err := e.srv.Service.ListPolicies(context.Background(), e.srv.Admin.AccountID, user)
	if err != nil {
		t.Fatalf("ListPolicies(%s): %v", user, err)
	}
	var names []string
	for _, p := range ps {
		names = append(names, p.Name)
	}
	return names
}

// wantLogin checks the newest ConsoleLogin of the default account: by
// alice, with the response elements want.
func wantLogin(t *testing.T, e *ssoEnv, want string) {
	t.Helper()
	var es []*wat.AuditEvent
	err := e.srv.Store.View(context.Background(), func(tx wat.Tx) (err error) {
		es, err = tx.ListAccountAuditEvents(context.Background(), e.srv.Admin.AccountID, 0, 20)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, ev := range es {
		if ev.EventName == "ConsoleLogin" {
			if ev.UserName != "alice@example.com" || ev.ResponseElements != want || ev.RequestParameters != `{"method":"oidc"}` {
				t.Fatalf("ConsoleLogin = %s %s %s, want alice@example.com, %s", ev.UserName, ev.RequestParameters, ev.ResponseElements, want)
			}
			return
		}
	}
	t.Fatal("no ConsoleLogin in the audit log")
}

func TestConsoleOIDCSignInProvisionsAndMapsGroups(t *testing.T) {
	e := startSSO(t, service.SSORules{Provision: service.ProvisionAuto, GroupPolicies: []service.GroupPolicy{
		{Group: "wa-readers", Policy: service.PolicyInput{Managed: readOnly}},
		{Group: "wa-writers", Policy: service.PolicyInput{Managed: fullAccess}},
	}}, nil)
	e.op.AddPerson(oidctest.Person{ID: "sub-alice", Username: "alice", Password: "pw-alice", Email: "alice@example.com",
		Groups: []string{"wa-readers", "unrelated"}})

	// First sign-in: the user is created, read-only by its group.
	c := e.mustSignIn("alice", "pw-alice")
	r := c.send("GET", "/console/api/session", "", nil)
	if !strings.Contains(r.body, `"userName":"alice@example.com"`) || strings.Contains(r.body, `"isAdmin":true`) {
		t.Fatalf("session = %s, want alice@example.com, not admin", r.body)
	}
	if got := policyNames(t, e, "alice@example.com"); len(got) != 1 || got[0] != readOnly {
		t.Fatalf("policies after the first sign-in = %v, want [%s]", got, readOnly)
	}
	if r := c.call("POST", "/workloadsSummaries", `{}`); r.status != http.StatusOK {
		t.Fatalf("ListWorkloads through the session: %d %s", r.status, r.body)
	}
	wantLogin(t, e, `{"ConsoleLogin":"Success","UserCreated":true,"PoliciesAttached":["`+readOnly+`"]}`)
	if r := c.call("POST", "/workloads", workloadJSON("By a reader")); r.status != http.StatusForbidden {
		t.Fatalf("CreateWorkload as a reader: %d %s, want 403", r.status, r.body)
	}

	// Moved from readers to writers at the provider: the next sign-in
	// detaches the one policy and attaches the other; a policy attached
	// by an operator under another name stays.
	if _, err := e.srv.Service.AttachPolicy(context.Background(), e.srv.Admin.AccountID, "alice@example.com",
		service.PolicyInput{Name: "extra", Document: []byte(`{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"wellarchitected:DeleteWorkload","Resource":"*"}]}`)}); err != nil {
		t.Fatal(err)
	}
	e.op.SetGroups("sub-alice", "wa-writers")
	c = e.mustSignIn("alice", "pw-alice")
	if got := policyNames(t, e, "alice@example.com"); strings.Join(got, ",") != fullAccess+",extra" && strings.Join(got, ",") != "extra,"+fullAccess {
		t.Fatalf("policies after moving to wa-writers = %v, want %s and extra", got, fullAccess)
	}
	wantLogin(t, e, `{"ConsoleLogin":"Success","PoliciesAttached":["`+fullAccess+`"],"PoliciesDetached":["`+readOnly+`"]}`)
	if r := c.call("POST", "/workloads", workloadJSON("By a writer")); r.status != http.StatusOK {
		t.Fatalf("CreateWorkload as a writer: %d %s", r.status, r.body)
	}

	// A changed e-mail address lands in the same user: the link is by
	// subject.
	e.op.SetEmail("sub-alice", "alice.smith@example.com")
	c = e.mustSignIn("alice", "pw-alice")
	if r := c.send("GET", "/console/api/session", "", nil); !strings.Contains(r.body, `"userName":"alice@example.com"`) {
		t.Fatalf("session after the e-mail change = %s, want the same user", r.body)
	}
	users, err := e.srv.Service.ListUsers(context.Background(), e.srv.Admin.AccountID)
	if err != nil {
		t.Fatal(err)
	}
	if len(users) != 2 { // admin and alice
		t.Fatalf("%d users after three sign-ins, want 2 (admin, alice)", len(users))
	}

	// Signing out ends the session and sends the browser to the
	// provider's end_session_endpoint.
	r = c.send("DELETE", "/console/api/session", "", map[string]string{"X-CSRF-Token": c.csrf})
	var out struct{ SignOutURL string }
	json.Unmarshal([]byte(r.body), &out)
	u, err := url.Parse(out.SignOutURL)
	if r.status != http.StatusOK || err != nil || !strings.HasPrefix(out.SignOutURL, e.op.Issuer+"/") ||
		u.Query().Get("client_id") != ssoClientID || u.Query().Get("post_logout_redirect_uri") != e.srv.URL+"/" {
		t.Fatalf("sign-out: %d %s, want 200 with the provider's end-session URL", r.status, r.body)
	}
	if r := c.send("GET", "/console/api/session", "", nil); !r.signedOut() {
		t.Fatalf("after signing out: %d %s", r.status, r.body)
	}
	if r := c.call("POST", "/workloadsSummaries", `{}`); r.status != http.StatusUnauthorized && r.status != http.StatusForbidden {
		t.Fatalf("API call after signing out: %d %s", r.status, r.body)
	}
}

func TestConsoleOIDCProvisionExistingRefusesUnknownUsers(t *testing.T) {
	e := startSSO(t, service.SSORules{Provision: service.ProvisionExisting}, nil)
	e.op.AddPerson(oidctest.Person{ID: "sub-bob", Username: "bob", Password: "pw-bob", Email: "bob@example.com"})

	_, p := e.signIn("bob", "pw-bob")
	refused(t, p, http.StatusForbidden, "There is no user bob@example.com")
	if users, _ := e.srv.Service.ListUsers(context.Background(), e.srv.Admin.AccountID); len(users) != 1 {
		t.Fatalf("%d users after a refused sign-in, want only the admin", len(users))
	}

	// Once an administrator creates the user, the same person signs in.
	if _, err := e.srv.Service.CreateUser(context.Background(), e.srv.Admin.AccountID, "bob@example.com", nil); err != nil {
		t.Fatal(err)
	}
	c := e.mustSignIn("bob", "pw-bob")
	if r := c.send("GET", "/console/api/session", "", nil); !strings.Contains(r.body, `"userName":"bob@example.com"`) {
		t.Fatalf("session = %s", r.body)
	}
}

func TestConsoleOIDCRefusesWhatItCannotVerify(t *testing.T) {
	e := startSSO(t, service.SSORules{Provision: service.ProvisionAuto}, nil)
	e.op.AddPerson(oidctest.Person{ID: "sub-carol", Username: "carol", Password: "pw-carol", Email: "carol@example.com"})
	e.op.AddPerson(oidctest.Person{ID: "sub-dan", Username: "dan", Password: "pw-dan", Email: "dan@example.com", EmailUnverified: true})

	t.Run("state", func(t *testing.T) {
		// The browser stops at wat's callback; it is then sent with
		// another state, as a forged link would be.
		b := browser(t)
		var callback *url.URL
		b.CheckRedirect = func(req *http.Request, via []*http.Request) error {
			if req.URL.Path == ssoCallback {
				callback = req.URL
				return http.ErrUseLastResponse
			}
			return nil
		}
		resp, err := e.op.SignIn(b, e.srv.URL+ssoStart, "carol", "pw-carol")
		readPage(t, resp, err)
		if callback == nil {
			t.Fatal("the provider never sent the browser to the callback")
		}
		q := callback.Query()
		q.Set("state", "forged")
		forged := *callback
		forged.RawQuery = q.Encode()
		b.CheckRedirect = nil
		refused(t, getPage(t, b, forged.String()), http.StatusBadRequest, "state does not match")
		// The pending sign-in is gone: the genuine callback cannot be
		// replayed either.
		refused(t, getPage(t, b, callback.String()), http.StatusBadRequest, "not started in this browser")
		// Nor sent from a browser that never started it.
		refused(t, getPage(t, browser(t), callback.String()), http.StatusBadRequest, "not started in this browser")
	})
	// ID tokens that are genuine but not for this sign-in, or signed by
	// another key: the provider's token endpoint is made to issue them.
	for _, tt := range []struct {
		name  string
		edit  func(map[string]any)
		forge bool
	}{
		{name: "audience", edit: func(c map[string]any) { c["aud"] = []string{"another-client"}; c["azp"] = "another-client" }},
		{name: "issuer", edit: func(c map[string]any) { c["iss"] = "https://idp.example.org" }},
		{name: "expired", edit: func(c map[string]any) {
			c["iat"], c["exp"] = time.Now().Add(-2*time.Hour).Unix(), time.Now().Add(-time.Hour).Unix()
		}},
		{name: "nonce", edit: func(c map[string]any) { c["nonce"] = "a-nonce-of-another-sign-in" }},
		{name: "signature", forge: true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if tt.forge {
				e.op.ForgeIDTokens(true)
			} else {
				e.op.EditIDTokens(tt.edit)
			}
			defer e.op.EditIDTokens(nil)
			b, p := e.signIn("carol", "pw-carol")
			refused(t, p, http.StatusUnauthorized, "could not be verified")
			base, _ := url.Parse(e.srv.URL)
			for _, ck := range b.Jar.Cookies(base) {
				if ck.Name == "wat_session" {
					t.Fatal("a session cookie was set")
				}
			}
		})
	}
	t.Run("unverified email", func(t *testing.T) {
		_, p := e.signIn("dan", "pw-dan")
		refused(t, p, http.StatusForbidden, "has not verified your e-mail address")
	})
	if users, _ := e.srv.Service.ListUsers(context.Background(), e.srv.Admin.AccountID); len(users) != 1 {
		t.Fatalf("%d users after refused sign-ins, want only the admin", len(users))
	}
	// The same person, nothing forged, signs in.
	e.mustSignIn("carol", "pw-carol")
}

func TestConsoleOIDCPasswordsOff(t *testing.T) {
	e := startSSO(t, service.SSORules{Provision: service.ProvisionAuto}, func(s *api.Server) { s.NoPasswords = true })
	c := newConsoleClient(t, e.srv.URL)
	r := c.send("GET", "/console/api/config", "", nil)
	if r.status != http.StatusOK || r.body != `{"passwords":false,"sso":{"name":"Test IdP","signInUrl":"/console/api/oidc/login"}}` {
		t.Fatalf("config: %d %s", r.status, r.body)
	}
	ctx := context.Background()
	if _, err := e.srv.Service.SetPassword(ctx, e.srv.Admin.AccountID, "admin", "a-good-long-password"); err != nil {
		t.Fatal(err)
	}
	if r := c.signIn(e.srv.Admin.AccountID, "admin", "a-good-long-password"); r.status != http.StatusForbidden ||
		!strings.Contains(r.message(), "turned off") || r.cookie() != nil {
		t.Fatalf("password sign-in with passwords off: %d %s", r.status, r.body)
	}
}

func TestConsoleConfigWithoutSSO(t *testing.T) {
	srv := newConsoleClient(t, testserver.Start(t, testserver.Options{}).URL)
	if r := srv.send("GET", "/console/api/config", "", nil); r.status != http.StatusOK || r.body != `{"passwords":true}` {
		t.Fatalf("config: %d %s", r.status, r.body)
	}
	if r := srv.send("GET", ssoStart, "", nil); r.status != http.StatusNotFound {
		t.Fatalf("OIDC sign-in without a provider: %d %s", r.status, r.body)
	}
}
