package api_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	gooidc "github.com/coreos/go-oidc/v3/oidc"

	"github.com/wat-dev/wat/oidc/oidctest"
	"github.com/wat-dev/wat/service"
)

// signOutURL signs c's session out and returns the provider's sign-out
// URL the answer sends the browser to.
func signOutURL(t *testing.T, c *consoleClient) *url.URL {
	t.Helper()
	r := c.send("DELETE", "/console/api/session", "", map[string]string{"X-CSRF-Token": c.csrf})
	var out struct{ SignOutURL string }
	json.Unmarshal([]byte(r.body), &out)
	u, err := url.Parse(out.SignOutURL)
	if r.status != http.StatusOK || err != nil || out.SignOutURL == "" {
		t.Fatalf("sign-out: %d %s, want 200 with the provider's end-session URL", r.status, r.body)
	}
	if r := c.send("GET", "/console/api/session", "", nil); !r.signedOut() {
		t.Fatalf("after signing out: %d %s", r.status, r.body)
	}
	return u
}

// TestConsoleOIDCSignOutSendsIDTokenHint: signing out of a single sign-on
// session sends the browser to the provider's end_session_endpoint with
// the ID token the provider issued at that session's sign-in, which the
// provider (zitadel's, which checks the hint's signature, issuer and
// authorized party) accepts: it ends that person's session and sends the
// browser back to the console. A session opened before wat kept ID tokens
// signs out all the same, without the hint.
func TestConsoleOIDCSignOutSendsIDTokenHint(t *testing.T) {
	rules := service.SSORules{Provision: service.ProvisionAuto}
	e := startSSO(t, rules, nil)
	e.op.AddPerson(oidctest.Person{ID: "sub-alice", Username: "alice", Password: "pw-alice", Email: "alice@example.com"})
	ctx := context.Background()

	// Two sessions of alice, each ID token marked with its sign-in (the
	// provider signs the marked tokens with its own key).
	mark := func(m string) { e.op.EditIDTokens(func(c map[string]any) { c["test_sign_in"] = m }) }
	mark("first")
	b1, p := e.signIn("alice", "pw-alice")
	if p.status != http.StatusOK || p.url.Path != "/" {
		t.Fatalf("first sign-in ended at %s with %d: %s", p.url, p.status, p.body)
	}
	first := e.console(b1)
	mark("second")
	second := e.mustSignIn("alice", "pw-alice")
	e.op.EditIDTokens(nil)

	u := signOutURL(t, first)
	q := u.Query()
	if got := u.Scheme + "://" + u.Host + u.Path; got != e.op.Issuer+"/end_session" {
		t.Errorf("sign-out URL %s, want the provider's end_session_endpoint", got)
	}
	if q.Get("client_id") != ssoClientID || q.Get("post_logout_redirect_uri") != e.srv.URL+"/" {
		t.Errorf("sign-out URL %s: want client_id %s and post_logout_redirect_uri %s/", u, ssoClientID, e.srv.URL)
	}
	// The hint is the provider's ID token of this session's sign-in.
	op, err := gooidc.NewProvider(ctx, e.op.Issuer)
	if err != nil {
		t.Fatal(err)
	}
	idt, err := op.Verifier(&gooidc.Config{ClientID: ssoClientID, SkipExpiryCheck: true}).Verify(ctx, q.Get("id_token_hint"))
	if err != nil {
		t.Fatalf("id_token_hint %q does not verify: %v", q.Get("id_token_hint"), err)
	}
	var claims struct {
		SignIn string `json:"test_sign_in"`
	}
	if err := idt.Claims(&claims); err != nil || idt.Subject != "sub-alice" || claims.SignIn != "first" {
		t.Errorf("id_token_hint names %s of sign-in %q (%v), want sub-alice of the first", idt.Subject, claims.SignIn, err)
	}
	// The provider takes it: it ends alice's session and sends the
	// browser back to the console.
	back := getPage(t, b1, u.String())
	if back.status != http.StatusOK || back.url.String() != e.srv.URL+"/" {
		t.Errorf("following the sign-out URL ended at %s with %d: %s", back.url, back.status, back.body)
	}
	if got, want := e.op.SignOuts(), []oidctest.SignOut{{Subject: "sub-alice", ClientID: ssoClientID}}; !slices.Equal(got, want) {
		t.Errorf("the provider's sign-outs = %v, want %v", got, want)
	}
	// Alice's other session is hers to end.
	if r := second.send("GET", "/console/api/session", "", nil); r.signedOut() {
		t.Errorf("signing out of one session ended the other")
	}
	if q := signOutURL(t, second).Query(); !strings.Contains(q.Get("id_token_hint"), ".") || q.Get("id_token_hint") == u.Query().Get("id_token_hint") {
		t.Errorf("the second session's hint %q: want its own ID token", q.Get("id_token_hint"))
	}

	// A session opened before wat kept the ID token: the same sign-out,
	// without the hint, which the provider takes too.
	res, _, err := e.srv.Service.SignInExternal(ctx, rules, service.ExternalIdentity{Issuer: e.op.Issuer, Subject: "sub-alice", UserName: "alice@example.com"})
	if err != nil {
		t.Fatal(err)
	}
	old := newConsoleClient(t, e.srv.URL)
	old.token, old.csrf = res.Token, res.Session.CSRFToken
	u = signOutURL(t, old)
	if q := u.Query(); q.Has("id_token_hint") || q.Get("client_id") != ssoClientID || q.Get("post_logout_redirect_uri") != e.srv.URL+"/" {
		t.Errorf("sign-out URL of a session without an ID token: %s", u)
	}
	if back := getPage(t, browser(t), u.String()); back.status != http.StatusOK || back.url.String() != e.srv.URL+"/" {
		t.Errorf("following it ended at %s with %d: %s", back.url, back.status, back.body)
	}
}

// TestConsoleOIDCSignOutWithoutEndSession: a provider that offers no
// RP-initiated logout leaves the sign-out to wat alone: 204, the session
// ended, no URL to go on to.
func TestConsoleOIDCSignOutWithoutEndSession(t *testing.T) {
	e := startSSO(t, service.SSORules{Provision: service.ProvisionAuto}, nil)
	e.op.HideEndSession(true)
	e.op.AddPerson(oidctest.Person{ID: "sub-bob", Username: "bob", Password: "pw-bob", Email: "bob@example.com"})
	c := e.mustSignIn("bob", "pw-bob")
	r := c.send("DELETE", "/console/api/session", "", map[string]string{"X-CSRF-Token": c.csrf})
	if r.status != http.StatusNoContent || r.body != "" {
		t.Errorf("sign-out: %d %s, want 204", r.status, r.body)
	}
	if r := c.send("GET", "/console/api/session", "", nil); !r.signedOut() {
		t.Errorf("after signing out: %d %s", r.status, r.body)
	}
	if got := e.op.SignOuts(); len(got) != 0 {
		t.Errorf("the provider's sign-outs = %v, want none", got)
	}
}
