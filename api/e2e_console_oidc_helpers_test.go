package api_test

// Helpers of the single sign-on tests: a real OpenID provider (package
// oidctest: zitadel's op) beside a real wat server configured to sign in
// with it, and a browser-like client with a cookie jar following redirects.

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"testing"

	"github.com/wat-dev/wat/api"
	"github.com/wat-dev/wat/internal/testserver"
	"github.com/wat-dev/wat/oidc"
	"github.com/wat-dev/wat/oidc/oidctest"
	"github.com/wat-dev/wat/service"
)

const (
	ssoClientID = "wat-console"
	ssoSecret   = "client-secret-of-wat"
	ssoCallback = "/console/api/oidc/callback"
	ssoStart    = "/console/api/oidc/login"
)

// ssoEnv is a provider and a wat server signing in with it.
type ssoEnv struct {
	t   *testing.T
	srv *testserver.Server
	op  *oidctest.Provider
}

// startSSO starts a provider and a wat server with rules; edit, when not
// nil, changes the server's configuration first.
func startSSO(t *testing.T, rules service.SSORules, edit func(*api.Server)) *ssoEnv {
	t.Helper()
	op, err := oidctest.Start(nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { op.Close() })
	srv := testserver.Start(t, testserver.Options{Configure: func(s *api.Server, base string) {
		p, err := oidc.New(oidc.Config{Issuer: op.Issuer, ClientID: ssoClientID, ClientSecret: ssoSecret,
			RedirectURL: base + ssoCallback, Name: "Test IdP", GroupsClaim: oidctest.GroupsClaim, Scopes: []string{"email", "profile", "groups"}})
		if err != nil {
			t.Fatal(err)
		}
		s.SSO, s.SSORules = p, rules
		if edit != nil {
			edit(s)
		}
	}})
	op.AddClient(ssoClientID, ssoSecret, srv.URL+ssoCallback)
	return &ssoEnv{t: t, srv: srv, op: op}
}

// browser is a client with a cookie jar that follows redirects.
func browser(t *testing.T) *http.Client {
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	return &http.Client{Jar: jar}
}

// page is a response read whole, with the URL it came from.
type page struct {
	status int
	url    *url.URL
	body   string
}

func readPage(t *testing.T, resp *http.Response, err error) page {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return page{status: resp.StatusCode, url: resp.Request.URL, body: string(b)}
}

// getPage gets u with client.
func getPage(t *testing.T, client *http.Client, u string) page {
	t.Helper()
	resp, err := client.Get(u)
	return readPage(t, resp, err)
}

// signIn signs in as the person at the provider with a new browser and
// returns that browser and the page it ends on.
func (e *ssoEnv) signIn(username, password string) (*http.Client, page) {
	e.t.Helper()
	b := browser(e.t)
	resp, err := e.op.SignIn(b, e.srv.URL+ssoStart, username, password)
	return b, readPage(e.t, resp, err)
}

// mustSignIn signs in and returns a console client of the new session.
func (e *ssoEnv) mustSignIn(username, password string) *consoleClient {
	e.t.Helper()
	b, p := e.signIn(username, password)
	if p.status != http.StatusOK || p.url.Path != "/" {
		e.t.Fatalf("signing in as %s ended at %s with %d: %s", username, p.url, p.status, p.body)
	}
	return e.console(b)
}

// console returns a console client of the session b's jar holds, with its
// CSRF token.
func (e *ssoEnv) console(b *http.Client) *consoleClient {
	e.t.Helper()
	base, _ := url.Parse(e.srv.URL)
	c := newConsoleClient(e.t, e.srv.URL)
	for _, ck := range b.Jar.Cookies(base) {
		if ck.Name == "wat_session" {
			c.token = ck.Value
		}
	}
	if c.token == "" {
		e.t.Fatal("the browser holds no wat_session cookie")
	}
	r := c.send("GET", "/console/api/session", "", nil)
	var s struct {
		SignedIn  bool
		CSRFToken string
	}
	json.Unmarshal([]byte(r.body), &s)
	if !s.SignedIn || s.CSRFToken == "" {
		e.t.Fatalf("the session cookie opens no session: %d %s", r.status, r.body)
	}
	c.csrf = s.CSRFToken
	return c
}

// refused checks that p is the refusal page with status and a message
// containing want.
func refused(t *testing.T, p page, status int, want string) {
	t.Helper()
	if p.status != status || !strings.Contains(p.body, "Sign-in refused") || !strings.Contains(p.body, want) {
		t.Fatalf("got %d at %s: %s\nwant %d, the refusal page saying %q", p.status, p.url, p.body, status, want)
	}
}
