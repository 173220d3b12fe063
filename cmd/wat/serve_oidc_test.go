package main

import (
	"io"
	"net/http"
	"net/http/cookiejar"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wat-dev/wat/oidc/oidctest"
)

// TestServeOIDCConfig: single sign-on's settings that cannot work are
// refused before anything starts, naming the flag.
func TestServeOIDCConfig(t *testing.T) {
	dir := t.TempDir()
	policy := filepath.Join(dir, "auditors.json")
	if err := os.WriteFile(policy, []byte(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"wellarchitected:Get*","Resource":"*"}]}`), 0o600); err != nil {
		t.Fatal(err)
	}
	sso := []string{"--oidc-issuer", "https://idp.example.org", "--oidc-client-id", "wat"}
	for _, tc := range []struct {
		name string
		args []string
		env  map[string]string
		want string // an error naming it; "" for none
	}{
		{"passwords off without sign-on", []string{"--console-passwords=false"}, nil, "--console-passwords=false needs single sign-on"},
		{"passwords off by env", nil, map[string]string{"WAT_CONSOLE_PASSWORDS": "false"}, "needs single sign-on"},
		{"passwords env not a bool", nil, map[string]string{"WAT_CONSOLE_PASSWORDS": "nah"}, "WAT_CONSOLE_PASSWORDS"},
		{"passwords off with sign-on", append(sso, "--console-passwords=false"), nil, ""},
		{"bad provisioning", append(sso, "--oidc-provision", "sometimes"), nil, "provisioning mode"},
		{"bad account", append(sso, "--oidc-account", "12"), nil, "account ID"},
		{"group policy without =", append(sso, "--oidc-group-policy", "readers"), nil, "--oidc-group-policy"},
		{"unknown managed policy", append(sso, "--oidc-group-policy", "readers=AdministratorAccess"), nil, "no managed policy"},
		{"missing policy file", append(sso, "--oidc-group-policy", "readers=file:"+filepath.Join(dir, "none.json")), nil, "--oidc-group-policy"},
		{"inline and managed", append(sso, "--oidc-group-policy", "auditors=file:"+policy,
			"--oidc-group-policy", "readers=WellArchitectedConsoleReadOnlyAccess"), nil, ""},
		{"secret twice", append(sso, "--oidc-client-secret-file", policy), map[string]string{"WAT_OIDC_CLIENT_SECRET": "s"}, "not both"},
		{"from the environment", nil, map[string]string{"WAT_OIDC_ISSUER": "https://idp.example.org", "WAT_OIDC_CLIENT_ID": "wat",
			"WAT_OIDC_PROVISION": "existing", "WAT_OIDC_GROUP_POLICY": "a=WellArchitectedConsoleReadOnlyAccess,b=WellArchitectedConsoleFullAccess"}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := parseServeConfig(append([]string{"--data-dir", t.TempDir()}, tc.args...), func(k string) string { return tc.env[k] }, io.Discard)
			if tc.want == "" && err != nil || tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)) {
				t.Errorf("error %v, want one naming %q", err, tc.want)
			}
		})
	}
	// The redirect URL defaults to the listen address, which must name a
	// host a browser can reach.
	c := defaultOIDC()
	if got, err := c.redirectURL("http://127.0.0.1:8080"); err != nil || got != "http://127.0.0.1:8080/console/api/oidc/callback" {
		t.Errorf("redirectURL = %q, %v", got, err)
	}
	if _, err := c.redirectURL("http://0.0.0.0:8080"); err == nil || !strings.Contains(err.Error(), "--oidc-redirect-url is required") {
		t.Errorf("redirectURL on every interface: %v", err)
	}
}

// TestServeOIDC: `wat serve` with single sign-on and passwords off signs
// a person in through a real provider, refuses passwords, and never
// prints the client secret.
func TestServeOIDC(t *testing.T) {
	op, err := oidctest.Start(nil)
	if err != nil {
		t.Fatal(err)
	}
	defer op.Close()
	op.AddPerson(oidctest.Person{ID: "sub-erin", Username: "erin", Password: "pw-erin", Email: "erin@example.com"})
	dir := t.TempDir()
	const secret = "the-client-secret-4711"
	secretFile := filepath.Join(dir, "oidc-secret")
	if err := os.WriteFile(secretFile, []byte(secret+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	w := MustRunMain(t, nil, "--listen", "127.0.0.1:0", "--data-dir", filepath.Join(dir, "data"), "--oidc-issuer", op.Issuer,
		"--oidc-client-id", "wat", "--oidc-client-secret-file", secretFile, "--oidc-name", "Company SSO", "--console-passwords=false",
		"--log-level", "debug")
	callback := w.Endpoint + "/console/api/oidc/callback"
	if !strings.Contains(w.Stdout.String(), "sign-on:     "+op.Issuer+"  (callback to register there: "+callback+")") {
		t.Fatalf("stdout does not name the provider and the callback:\n%s", w.Stdout)
	}
	op.AddClient("wat", secret, callback)

	if code, body := get(t, w.Endpoint+"/console/api/config"); code != 200 ||
		body != `{"passwords":false,"sso":{"name":"Company SSO","signInUrl":"/console/api/oidc/login"}}` {
		t.Fatalf("config: %d %s", code, body)
	}
	resp, err := http.Post(w.Endpoint+"/console/api/session", "application/json",
		strings.NewReader(`{"userName":"admin","password":"whatever-it-is"}`))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden {
		t.Fatalf("password sign-in with --console-passwords=false: %d", resp.StatusCode)
	}

	jar, _ := cookiejar.New(nil)
	b := &http.Client{Jar: jar}
	resp, err = op.SignIn(b, w.Endpoint+"/console/api/oidc/login", "erin", "pw-erin")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 || resp.Request.URL.String() != w.Endpoint+"/" {
		t.Fatalf("signing in ended at %s with %d", resp.Request.URL, resp.StatusCode)
	}
	resp, err = b.Get(w.Endpoint + "/console/api/session")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(body), `"signedIn":true`) || !strings.Contains(string(body), `"userName":"erin@example.com"`) {
		t.Fatalf("session after signing in: %s", body)
	}
	w.Stop()
	if out := w.Stdout.String() + w.Stderr.String(); strings.Contains(out, secret) {
		t.Fatalf("the client secret was printed or logged:\n%s", out)
	}
}
