package main

import (
	"bytes"
	"context"
	"net/http"
	"strings"
	"testing"
)

// TestServeTrustedProxies: X-Forwarded-For names the client in the audit
// log only when the peer is one of --trusted-proxies; otherwise the peer's
// own address is recorded, since anyone can write the header.
func TestServeTrustedProxies(t *testing.T) {
	for _, c := range []struct {
		name string
		args []string
		want string
	}{
		{"untrusted", nil, `"sourceIPAddress":"127.0.0.1"`},
		{"trusted", []string{"--trusted-proxies", "10.0.0.0/8,127.0.0.1"}, `"sourceIPAddress":"203.0.113.7"`},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			w := MustRunMain(t, nil, append([]string{"--listen", "127.0.0.1:0", "--data-dir", dir}, c.args...)...)
			req, _ := http.NewRequest(http.MethodPost, w.Endpoint+"/workloads", strings.NewReader(`{}`))
			req.Header.Set("X-Forwarded-For", "203.0.113.7")
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != http.StatusForbidden {
				t.Fatalf("unsigned CreateWorkload: %d", resp.StatusCode)
			}
			w.Stop()
			var out, errb bytes.Buffer
			if code := run(context.Background(), []string{"admin", "--data-dir", dir, "audit"}, func(string) string { return "" }, &out, &errb); code != 0 {
				t.Fatalf("wat admin audit: %d %s", code, errb.String())
			}
			if !strings.Contains(out.String(), c.want) {
				t.Errorf("audit log does not hold %s:\n%s", c.want, out.String())
			}
		})
	}
}

func TestTrustedProxiesRefusesNonsense(t *testing.T) {
	_, err := parseServeConfig([]string{"--trusted-proxies", "10.0.0.0/8,proxy.example"}, func(string) string { return "" }, &bytes.Buffer{})
	if err == nil || !strings.Contains(err.Error(), "proxy.example") {
		t.Errorf("err = %v, want one naming proxy.example", err)
	}
}
