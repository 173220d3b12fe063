package api

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strconv"
	"strings"
)

// The console's built files (package web, or whatever Server.Console
// holds): index.html, favicon.svg or favicon.ico, and assets/ with hashed
// names. They are read once, with gzip forms of those worth compressing,
// and served from memory.

// consoleCSP allows the console's own scripts, styles, images, fonts and
// API calls and nothing else: no inline script, no framing, no plugins.
// Inline styles stay allowed for the component library.
const consoleCSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
	"font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"

// consoleHeaders sets the headers every console response carries.
func consoleHeaders(h http.Header) {
	h.Set("Content-Security-Policy", consoleCSP)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "same-origin")
	h.Set("X-Frame-Options", "DENY")
}

// notBuiltPage is served at / by a binary built without the console.
const notBuiltPage = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>wat</title></head>
<body>
<h1>wat</h1>
<p>The web console is not built into this binary. Build it with <code>make build</code>
(Node.js and npm needed). The Well-Architected API works without it, at this address.</p>
</body>
</html>
`

// consoleFile is one file of the console, ready to serve.
type consoleFile struct {
	body  []byte
	gz    []byte // nil when not worth compressing
	ctype string
	etag  string
}

// consoleFiles are the console's files by URL path; nil when the server
// has no built console.
type consoleFiles map[string]*consoleFile

// isConsolePath reports whether a GET or HEAD of p is the console's.
func isConsolePath(p string) bool {
	return p == "/" || p == "/index.html" || p == "/favicon.svg" || p == "/favicon.ico" || strings.HasPrefix(p, "/assets/")
}

// loadConsole reads the built console from fsys: nil when fsys is nil or
// has no index.html.
func (s *Server) loadConsole(fsys fs.FS) consoleFiles {
	if fsys == nil {
		return nil
	}
	files := consoleFiles{}
	add := func(name string) error {
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			return err
		}
		files["/"+name] = newConsoleFile(name, b)
		return nil
	}
	if err := add("index.html"); err != nil {
		return nil
	}
	for _, name := range []string{"favicon.svg", "favicon.ico"} {
		_ = add(name) // optional
	}
	err := fs.WalkDir(fsys, "assets", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		return add(name)
	})
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		s.log.Error("reading the console's assets", "err", err)
	}
	return files
}

func newConsoleFile(name string, b []byte) *consoleFile {
	sum := sha256.Sum256(b)
	f := &consoleFile{body: b, ctype: contentType(name), etag: `"` + hex.EncodeToString(sum[:12]) + `"`}
	if compressible(f.ctype) && len(b) > 256 {
		var buf bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
		zw.Write(b)
		zw.Close()
		if buf.Len() < len(b)*9/10 {
			f.gz = buf.Bytes()
		}
	}
	return f
}

// contentTypes are the types of a Vite build's files, fixed here so they
// do not depend on the host's mime.types.
var contentTypes = map[string]string{
	".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8",
	".mjs": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8",
	".json": "application/json", ".map": "application/json", ".svg": "image/svg+xml",
	".png": "image/png", ".ico": "image/x-icon", ".woff2": "font/woff2", ".woff": "font/woff",
	".ttf": "font/ttf", ".txt": "text/plain; charset=utf-8", ".wasm": "application/wasm",
}

func contentType(name string) string {
	ext := strings.ToLower(path.Ext(name))
	if t, ok := contentTypes[ext]; ok {
		return t
	}
	if t := mime.TypeByExtension(ext); t != "" {
		return t
	}
	return "application/octet-stream"
}

func compressible(ctype string) bool {
	return strings.HasPrefix(ctype, "text/") || strings.HasPrefix(ctype, "application/json") ||
		ctype == "image/svg+xml" || ctype == "application/wasm" || ctype == "font/ttf"
}

// serveConsoleFile answers a GET or HEAD of a console path.
func (s *Server) serveConsoleFile(w http.ResponseWriter, r *http.Request) {
	s.consoleOnce.Do(func() { s.console = s.loadConsole(s.Console) })
	h := w.Header()
	p := r.URL.Path
	if p == "/" {
		p = "/index.html"
	}
	if s.console == nil && p == "/index.html" {
		h.Set("Content-Type", "text/html; charset=utf-8")
		h.Set("Cache-Control", "no-cache")
		w.WriteHeader(http.StatusOK)
		if r.Method != http.MethodHead {
			w.Write([]byte(notBuiltPage))
		}
		return
	}
	f := s.console[p]
	if f == nil {
		http.Error(w, "404 page not found", http.StatusNotFound)
		return
	}
	switch {
	case strings.HasPrefix(p, "/assets/"):
		h.Set("Cache-Control", "public, max-age=31536000, immutable") // hashed names
	case p == "/index.html":
		h.Set("Cache-Control", "no-cache") // it names the current assets
	default:
		h.Set("Cache-Control", "public, max-age=86400")
	}
	body, etag := f.body, f.etag
	if f.gz != nil {
		h.Set("Vary", "Accept-Encoding")
		if acceptsGzip(r.Header.Get("Accept-Encoding")) {
			body, etag = f.gz, strings.TrimSuffix(f.etag, `"`)+`-gz"`
			h.Set("Content-Encoding", "gzip")
		}
	}
	h.Set("Content-Type", f.ctype)
	h.Set("ETag", etag)
	if etagMatches(r.Header.Get("If-None-Match"), etag) {
		h.Del("Content-Encoding")
		w.WriteHeader(http.StatusNotModified)
		return
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		w.Write(body)
	}
}

// acceptsGzip reports whether an Accept-Encoding value accepts gzip: named
// (or matched by *) with a quality above zero.
func acceptsGzip(accept string) bool {
	gzipQ, starQ := -1.0, -1.0
	for _, part := range strings.Split(accept, ",") {
		name, params, _ := strings.Cut(part, ";")
		q := 1.0
		for _, p := range strings.Split(params, ";") {
			k, v, _ := strings.Cut(strings.TrimSpace(p), "=")
			if strings.EqualFold(k, "q") {
				if f, err := strconv.ParseFloat(v, 64); err == nil {
					q = f
				}
			}
		}
		switch strings.ToLower(strings.TrimSpace(name)) {
		case "gzip":
			gzipQ = q
		case "*":
			starQ = q
		}
	}
	if gzipQ >= 0 {
		return gzipQ > 0
	}
	return starQ > 0
}

// etagMatches reports whether an If-None-Match value names etag.
func etagMatches(header, etag string) bool {
	for _, t := range strings.Split(header, ",") {
		t = strings.TrimPrefix(strings.TrimSpace(t), "W/")
		if t == etag || t == "*" {
			return true
		}
	}
	return false
}
