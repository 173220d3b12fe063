package webhook

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"sync/atomic"
	"testing"
	"time"
)

// TestPermitsByDefault: loopback, private, link-local (with the metadata
// service), unique-local and unspecified addresses are refused; public
// ones pass; --webhook-allow opens prefixes and host names.
func TestPermitsByDefault(t *testing.T) {
	var none *Allow
	for _, ip := range []string{"127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1",
		"0.0.0.0", "::1", "fe80::1", "fd00:ec2::254", "::ffff:127.0.0.1", "::"} {
		if none.Permits("example.com", netip.MustParseAddr(ip)) {
			t.Errorf("%s permitted by default", ip)
		}
	}
	for _, ip := range []string{"93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946", "8.8.8.8"} {
		if !none.Permits("example.com", netip.MustParseAddr(ip)) {
			t.Errorf("public %s refused", ip)
		}
	}
	a, err := ParseAllow([]string{"10.0.0.0/8, hooks.internal", "::1"})
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		host, ip string
		want     bool
	}{
		{"x", "10.9.9.9", true}, {"x", "::1", true}, {"hooks.internal", "192.168.1.1", true}, {"HOOKS.internal.", "127.0.0.1", true},
		{"other.internal", "192.168.1.1", false}, {"x", "127.0.0.1", false}, {"x", "169.254.169.254", false},
	}
	for _, c := range cases {
		if got := a.Permits(c.host, netip.MustParseAddr(c.ip)); got != c.want {
			t.Errorf("Permits(%s, %s) = %v, want %v", c.host, c.ip, got, c.want)
		}
	}
	for _, bad := range []string{"10.0.0.0/33", "exa mple", "http://x"} {
		if _, err := ParseAllow([]string{bad}); err == nil {
			t.Errorf("ParseAllow(%q) accepted", bad)
		}
	}
}

// TestSenderRefusesAtDialTime: a receiver on loopback is never connected
// to by default, even though its URL names it by a host name that passes
// every check on the text ("localhost"); allowing the prefix delivers it,
// signed. A redirect is not followed.
func TestSenderRefusesAtDialTime(t *testing.T) {
	var hits, redirected atomic.Int32
	secret := "whsec_" + "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXh4eA=="
	var verifyErr atomic.Value
	rcv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		b, _ := io.ReadAll(r.Body)
		if err := Verify(secret, r.Header, b, time.Now()); err != nil {
			verifyErr.Store(err)
		}
		w.WriteHeader(204)
	}))
	defer rcv.Close()
	target := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { redirected.Add(1) }))
	defer target.Close()
	redirect := httptest.NewServer(http.RedirectHandler(target.URL, http.StatusTemporaryRedirect))
	defer redirect.Close()
	localhostURL := "http://localhost:" + rcv.URL[len("http://127.0.0.1:"):]

	ctx := context.Background()
	_, _, err := NewSender(nil).Send(ctx, localhostURL, "msg_1", time.Now(), []byte(`{}`), []string{secret})
	var refused *ErrRefused
	if !errors.As(err, &refused) || hits.Load() != 0 {
		t.Fatalf("default sender to localhost: err %v, %d requests received; want refused, none", err, hits.Load())
	}
	allow, err := ParseAllow([]string{"127.0.0.0/8", "::1"})
	if err != nil {
		t.Fatal(err)
	}
	s := NewSender(allow)
	status, _, err := s.Send(ctx, localhostURL, "msg_1", time.Now(), []byte(`{}`), []string{secret})
	if err != nil || status != 204 || hits.Load() != 1 {
		t.Fatalf("allowed sender: status %d, err %v, %d requests; want 204, one", status, err, hits.Load())
	}
	if v := verifyErr.Load(); v != nil {
		t.Errorf("the receiver could not verify the signature: %v", v)
	}
	status, _, err = s.Send(ctx, redirect.URL, "msg_2", time.Now(), []byte(`{}`), []string{secret})
	if err == nil || status != http.StatusTemporaryRedirect || redirected.Load() != 0 {
		t.Errorf("redirect: status %d, err %v, target hit %d times; want 307 as a failure, not followed", status, err, redirected.Load())
	}
}
