package oidc

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

// discoveryServer serves a discovery document with endSession as its
// end_session_endpoint (none when "").
func discoveryServer(t *testing.T, endSession string) string {
	t.Helper()
	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		doc := map[string]any{"issuer": srv.URL, "authorization_endpoint": srv.URL + "/auth",
			"token_endpoint": srv.URL + "/token", "jwks_uri": srv.URL + "/keys"}
		if endSession != "" {
			doc["end_session_endpoint"] = srv.URL + endSession
		}
		json.NewEncoder(w).Encode(doc)
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

// TestEndSessionURL: the sign-out URL carries the client, where to come
// back and the session's ID token as id_token_hint, beside the query the
// provider's endpoint has; a hint that would make it too long for the
// servers between is left out; a provider without RP-initiated logout
// has no URL.
func TestEndSessionURL(t *testing.T) {
	ctx := context.Background()
	issuer := discoveryServer(t, "/logout?realm=staff")
	p, err := New(Config{Issuer: issuer, ClientID: "wat", RedirectURL: "https://wat.example.com/console/api/oidc/callback"})
	if err != nil {
		t.Fatal(err)
	}
	const hint = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2ln"
	for _, tc := range []struct {
		hint, want string
	}{
		{hint, hint},
		{"", ""},
		{strings.Repeat("x", maxHintURL), ""},
	} {
		u, err := url.Parse(p.EndSessionURL(ctx, p.ConsoleURL(), tc.hint))
		if err != nil {
			t.Fatal(err)
		}
		q := u.Query()
		if u.Path != "/logout" || q.Get("realm") != "staff" || q.Get("client_id") != "wat" ||
			q.Get("post_logout_redirect_uri") != "https://wat.example.com/" || q.Get("id_token_hint") != tc.want || q.Has("id_token_hint") != (tc.want != "") {
			t.Errorf("EndSessionURL with a hint of %d characters = %s, want the hint %q", len(tc.hint), u, tc.want)
		}
	}

	p, err = New(Config{Issuer: discoveryServer(t, ""), ClientID: "wat", RedirectURL: "https://wat.example.com/console/api/oidc/callback"})
	if err != nil {
		t.Fatal(err)
	}
	if got := p.EndSessionURL(ctx, p.ConsoleURL(), hint); got != "" {
		t.Errorf("EndSessionURL of a provider without end_session_endpoint = %q, want none", got)
	}
}
