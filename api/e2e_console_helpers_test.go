package api_test

// Helpers of the console's end-to-end tests: a browser-like client over
// plain net/http that signs in with a password, keeps the session cookie
// and sends the CSRF token, as the web console does.

import (
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"

	"github.com/wat-dev/wat/internal/testserver"
	"github.com/wat-dev/wat/service"
)

// consoleClient talks to a server as the web console does.
type consoleClient struct {
	t      *testing.T
	base   string
	client *http.Client
	token  string // the wat_session cookie's value, once signed in
	csrf   string
}

func newConsoleClient(t *testing.T, base string) *consoleClient {
	return &consoleClient{t: t, base: base, client: http.DefaultClient}
}

// newConsoleClientFrom is newConsoleClient connecting from a loopback
// address of its own (127.0.0.2, …), so that the server sees another
// client address.
func newConsoleClientFrom(t *testing.T, base, ip string) *consoleClient {
	d := &net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(ip)}}
	tr := &http.Transport{DialContext: d.DialContext}
	t.Cleanup(tr.CloseIdleConnections)
	return &consoleClient{t: t, base: base, client: &http.Client{Transport: tr}}
}

// consoleResponse is a response read whole.
type consoleResponse struct {
	status int
	header http.Header
	body   string
}

// message is the "message" of a console endpoint's JSON error.
func (r consoleResponse) message() string {
	var m struct{ Message string }
	json.Unmarshal([]byte(r.body), &m)
	return m.Message
}

// signedOut reports whether the response is GET /console/api/session's
// answer without a session.
func (r consoleResponse) signedOut() bool {
	return r.status == http.StatusOK && r.body == `{"signedIn":false}`
}

// cookie returns the response's wat_session cookie, or nil.
func (r consoleResponse) cookie() *http.Cookie {
	for _, c := range (&http.Response{Header: r.header}).Cookies() {
		if c.Name == "wat_session" {
			return c
		}
	}
	return nil
}

// send sends a request with the given headers and, once signed in, the
// session cookie (but no CSRF token unless headers has one).
func (c *consoleClient) send(method, path, body string, headers map[string]string) consoleResponse {
	c.t.Helper()
	req, err := http.NewRequest(method, c.base+path, strings.NewReader(body))
	if err != nil {
		c.t.Fatal(err)
	}
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	if c.token != "" {
		req.AddCookie(&http.Cookie{Name: "wat_session", Value: c.token})
	}
	resp, err := c.client.Do(req)
	if err != nil {
		c.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		c.t.Fatal(err)
	}
	return consoleResponse{status: resp.StatusCode, header: resp.Header, body: string(b)}
}

// signIn posts the credentials as the console's sign-in form does, and
// keeps the session when it succeeds.
func (c *consoleClient) signIn(accountID, userName, password string) consoleResponse {
	c.t.Helper()
	body, _ := json.Marshal(map[string]string{"accountId": accountID, "userName": userName, "password": password})
	r := c.send("POST", "/console/api/session", string(body), map[string]string{"Content-Type": "application/json"})
	if r.status == http.StatusOK {
		var s struct{ CSRFToken string }
		json.Unmarshal([]byte(r.body), &s)
		if ck := r.cookie(); ck != nil {
			c.token, c.csrf = ck.Value, s.CSRFToken
		}
	}
	return r
}

// mustSignIn signs in or fails the test.
func (c *consoleClient) mustSignIn(accountID, userName, password string) {
	c.t.Helper()
	if r := c.signIn(accountID, userName, password); r.status != http.StatusOK || c.token == "" || c.csrf == "" {
		c.t.Fatalf("sign in as %s: %d %s", userName, r.status, r.body)
	}
}

// call calls the AWS-compatible API with the session cookie and the CSRF
// token, as the console does.
func (c *consoleClient) call(method, path, body string) consoleResponse {
	c.t.Helper()
	h := map[string]string{"X-CSRF-Token": c.csrf}
	if body != "" {
		h["Content-Type"] = "application/json"
	}
	return c.send(method, path, body, h)
}

// errorType is the AWS error type of an API response.
func (r consoleResponse) errorType() string { return r.header.Get("X-Amzn-ErrorType") }

// consoleUser creates a user of the default account with a policy (nil:
// none) and a console password, and returns a client signed in as it.
func consoleUser(t *testing.T, srv *testserver.Server, name string, pol *service.PolicyInput) *consoleClient {
	t.Helper()
	ctx := context.Background()
	if _, err := srv.Service.CreateUser(ctx, srv.Admin.AccountID, name, pol); err != nil {
		t.Fatalf("CreateUser(%s): %v", name, err)
	}
	const pw = "a long enough password"
	if _, err := srv.Service.SetPassword(ctx, srv.Admin.AccountID, name, pw); err != nil {
		t.Fatalf("SetPassword(%s): %v", name, err)
	}
	c := newConsoleClient(t, srv.URL)
	c.mustSignIn(srv.Admin.AccountID, name, pw)
	return c
}

// consoleAdmin returns a client signed in as the default account's admin.
func consoleAdmin(t *testing.T, srv *testserver.Server) *consoleClient {
	t.Helper()
	c := newConsoleClient(t, srv.URL)
	c.mustSignIn("", "admin", srv.Admin.ConsolePassword)
	return c
}

// workloadJSON is a minimal valid CreateWorkload body.
func workloadJSON(name string) string {
	b, _ := json.Marshal(map[string]any{
		"WorkloadName": name, "Description": "made in the console", "Environment": "PREPRODUCTION",
		"AwsRegions": []string{"us-east-1"}, "ReviewOwner": "owner@example.com", "Lenses": []string{"wellarchitected"},
		"ClientRequestToken": name,
	})
	return string(b)
}
