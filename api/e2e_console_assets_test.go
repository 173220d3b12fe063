package api_test

import (
	"bytes"
	"compress/gzip"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/wat-dev/wat/api"
	"github.com/wat-dev/wat/internal/testserver"
)

const wantCSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
	"font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"

// builtConsole is a console as the Vite build writes it.
var builtConsole = fstest.MapFS{
	"index.html":             {Data: []byte(`<!doctype html><html><head><script type="module" src="/assets/index-Bx1.js"></script></head><body><div id="root"></div></body></html>`)},
	"assets/index-Bx1.js":    {Data: []byte(strings.Repeat("console.log('wat console');\n", 200))},
	"assets/index-Cc2.css":   {Data: []byte(strings.Repeat("body { margin: 0 }\n", 100))},
	"assets/logo-D3.woff2":   {Data: []byte("wOF2 not really a font")},
	"favicon.svg":            {Data: []byte(`<svg xmlns="http://www.w3.org/2000/svg"></svg>`)},
	"assets/nested/chunk.js": {Data: []byte("export const x = 1;\n")},
	"not-served/secret.txt":  {Data: []byte("outside the served paths")},
}

// startWithConsole serves the API of a test server's service with the
// given console files, as `wat serve` does with the embedded build.
func startWithConsole(t *testing.T, console fs.FS, tls, secureCookies bool) (*testserver.Server, *httptest.Server) {
	t.Helper()
	srv := startSQLite(t)
	h := api.New(srv.Service, slog.New(slog.NewTextHandler(io.Discard, nil)))
	h.Audit = srv.Store
	h.Console = console
	h.SecureCookies = secureCookies
	hs := httptest.NewUnstartedServer(h)
	if tls {
		hs.StartTLS()
	} else {
		hs.Start()
	}
	t.Cleanup(hs.Close)
	return srv, hs
}

// get fetches path with the given Accept-Encoding ("" for none), not
// letting the transport decompress anything.
func get(t *testing.T, c *http.Client, method, url, acceptEncoding string, headers ...string) (*http.Response, []byte) {
	t.Helper()
	req, _ := http.NewRequest(method, url, nil)
	req.Header.Set("Accept-Encoding", acceptEncoding) // set, even empty: no transparent gzip
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, b
}

func wantConsoleHeaders(t *testing.T, what string, h http.Header) {
	t.Helper()
	for k, v := range map[string]string{
		"Content-Security-Policy": wantCSP, "X-Content-Type-Options": "nosniff",
		"Referrer-Policy": "same-origin", "X-Frame-Options": "DENY",
	} {
		if got := h.Get(k); got != v {
			t.Errorf("%s: %s = %q, want %q", what, k, got, v)
		}
	}
}

// TestConsoleServesItsBuild: the built console's files with their caching
// rules, types, gzip forms and security headers.
func TestConsoleServesItsBuild(t *testing.T) {
	t.Parallel()
	srv, hs := startWithConsole(t, builtConsole, false, false)
	c := hs.Client()
	for _, p := range []string{"/", "/index.html"} {
		resp, body := get(t, c, "GET", hs.URL+p, "")
		if resp.StatusCode != 200 || !bytes.Equal(body, builtConsole["index.html"].Data) {
			t.Errorf("GET %s: %d %q, want index.html unchanged", p, resp.StatusCode, body)
		}
		if resp.Header.Get("Cache-Control") != "no-cache" || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
			t.Errorf("GET %s: Cache-Control %q, Content-Type %q", p, resp.Header.Get("Cache-Control"), resp.Header.Get("Content-Type"))
		}
		wantConsoleHeaders(t, "GET "+p, resp.Header)
		etag := resp.Header.Get("ETag")
		if resp, _ := get(t, c, "GET", hs.URL+p, "", "If-None-Match", etag); etag == "" || resp.StatusCode != http.StatusNotModified {
			t.Errorf("GET %s with If-None-Match %q: %d, want 304", p, etag, resp.StatusCode)
		}
	}
	if resp, body := get(t, c, "HEAD", hs.URL+"/", ""); resp.StatusCode != 200 || len(body) != 0 {
		t.Errorf("HEAD /: %d, %d bytes", resp.StatusCode, len(body))
	}

	js := builtConsole["assets/index-Bx1.js"].Data
	resp, body := get(t, c, "GET", hs.URL+"/assets/index-Bx1.js", "gzip, deflate, br")
	if resp.Header.Get("Content-Encoding") != "gzip" || !strings.Contains(resp.Header.Get("Vary"), "Accept-Encoding") {
		t.Fatalf("asset with Accept-Encoding gzip: Content-Encoding %q, Vary %q", resp.Header.Get("Content-Encoding"), resp.Header.Get("Vary"))
	}
	zr, err := gzip.NewReader(bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if plain, _ := io.ReadAll(zr); !bytes.Equal(plain, js) || len(body) >= len(js) {
		t.Errorf("the gzip form (%d bytes) does not decompress to the %d-byte file", len(body), len(js))
	}
	if resp.Header.Get("Cache-Control") != "public, max-age=31536000, immutable" || resp.Header.Get("Content-Type") != "text/javascript; charset=utf-8" {
		t.Errorf("asset: Cache-Control %q, Content-Type %q", resp.Header.Get("Cache-Control"), resp.Header.Get("Content-Type"))
	}
	wantConsoleHeaders(t, "asset", resp.Header)
	for _, ae := range []string{"", "identity", "gzip;q=0", "br"} {
		resp, body := get(t, c, "GET", hs.URL+"/assets/index-Bx1.js", ae)
		if resp.Header.Get("Content-Encoding") != "" || !bytes.Equal(body, js) {
			t.Errorf("Accept-Encoding %q: Content-Encoding %q, %d bytes", ae, resp.Header.Get("Content-Encoding"), len(body))
		}
	}
	for p, ctype := range map[string]string{
		"/assets/index-Cc2.css": "text/css; charset=utf-8", "/assets/logo-D3.woff2": "font/woff2",
		"/favicon.svg": "image/svg+xml", "/assets/nested/chunk.js": "text/javascript; charset=utf-8",
	} {
		if resp, _ := get(t, c, "GET", hs.URL+p, ""); resp.StatusCode != 200 || resp.Header.Get("Content-Type") != ctype {
			t.Errorf("GET %s: %d %q, want 200 %q", p, resp.StatusCode, resp.Header.Get("Content-Type"), ctype)
		}
	}
	for _, p := range []string{"/assets/missing.js", "/favicon.ico", "/assets/../not-served/secret.txt", "/assets/%2e%2e/not-served/secret.txt"} {
		resp, body := get(t, c, "GET", hs.URL+p, "")
		if resp.StatusCode == 200 || bytes.Contains(body, []byte("outside the served paths")) {
			t.Errorf("GET %s: %d %q, want no file", p, resp.StatusCode, body)
		}
	}
	// The API beside it.
	if r := newConsoleClient(t, hs.URL).send("GET", "/no-such-path", "", nil); r.status != 403 || r.errorType() != "MissingAuthenticationTokenException" {
		t.Errorf("an unsigned API path: %d %s", r.status, r.errorType())
	}
	if r := newConsoleClient(t, hs.URL).send("POST", "/", "{}", nil); r.status != 403 || r.errorType() == "" {
		t.Errorf("POST /: %d %q, want the API's answer", r.status, r.errorType())
	}
	c2 := newConsoleClient(t, hs.URL)
	c2.mustSignIn("", "admin", srv.Admin.ConsolePassword)
	r := c2.call("POST", "/workloadsSummaries", "{}")
	if r.status != 200 || r.header.Get("X-Content-Type-Options") != "nosniff" || r.header.Get("Content-Security-Policy") != "" {
		t.Errorf("API response: %d, nosniff %q, CSP %q", r.status, r.header.Get("X-Content-Type-Options"), r.header.Get("Content-Security-Policy"))
	}
	wantConsoleHeaders(t, "console endpoint", c2.send("GET", "/console/api/session", "", nil).header)
}

// TestConsoleNotBuilt: a binary without the console says so at /, and the
// API works as ever.
func TestConsoleNotBuilt(t *testing.T) {
	t.Parallel()
	srv := startSQLite(t) // testserver sets no console
	for _, p := range []string{"/", "/index.html"} {
		resp, body := get(t, http.DefaultClient, "GET", srv.URL+p, "")
		if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") ||
			!bytes.Contains(body, []byte("not built into this binary")) || !bytes.Contains(body, []byte("make build")) {
			t.Errorf("GET %s: %d %q %s", p, resp.StatusCode, resp.Header.Get("Content-Type"), body)
		}
		if bytes.Contains(body, []byte("<script")) {
			t.Errorf("GET %s: the page has a script, which the CSP forbids", p)
		}
		wantConsoleHeaders(t, "GET "+p, resp.Header)
	}
	if resp, _ := get(t, http.DefaultClient, "GET", srv.URL+"/assets/index.js", ""); resp.StatusCode != 404 {
		t.Errorf("an asset without a console: %d, want 404", resp.StatusCode)
	}
	if n := countWorkloads(t, srv.Client); n != 0 {
		t.Errorf("ListWorkloads: %d", n)
	}
	// Sign-in works without the built console: the API is all it needs.
	consoleAdmin(t, srv)
}

// TestConsoleCookieSecure: the session cookie is Secure over TLS, or when
// the server is told it is behind a TLS-terminating proxy.
func TestConsoleCookieSecure(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name         string
		tls, setting bool
	}{{"TLS", true, false}, {"--secure-cookies", false, true}} {
		srv, hs := startWithConsole(t, nil, tc.tls, tc.setting)
		c := newConsoleClient(t, hs.URL)
		c.client = hs.Client()
		r := c.signIn("", "admin", srv.Admin.ConsolePassword)
		if ck := r.cookie(); r.status != 200 || ck == nil || !ck.Secure || !ck.HttpOnly || ck.SameSite != http.SameSiteStrictMode {
			t.Errorf("%s: %d, cookie %+v, want Secure", tc.name, r.status, ck)
		}
	}
}
