package sigv4

import (
	"net/http"
	"strconv"
	"strings"
)

// rawPath returns the path exactly as it appeared on the request line.
// r.URL.EscapedPath re-escapes paths that contain characters such as '{' or
// '|', which a client (botocore, for one) signed unescaped.
func rawPath(r *http.Request) string {
	uri := r.RequestURI
	if i := strings.Index(uri, "://"); i >= 0 && !strings.HasPrefix(uri, "/") {
		// absolute-form: scheme://authority/path?query
		uri = uri[i+len("://"):]
		if j := strings.IndexByte(uri, '/'); j >= 0 {
			uri = uri[j:]
		} else {
			uri = "/"
		}
	}
	if !strings.HasPrefix(uri, "/") {
		// Not a server request (or "*"): trust the parsed URL.
		return r.URL.EscapedPath()
	}
	if i := strings.IndexByte(uri, '?'); i >= 0 {
		uri = uri[:i]
	}
	return uri
}

// contentLength returns the signed Content-Length, which the SDK signer can
// only reproduce when it is positive.
func contentLength(r *http.Request) (int64, error) {
	n := r.ContentLength
	if s := r.Header.Get("Content-Length"); s != "" {
		var err error
		if n, err = strconv.ParseInt(s, 10, 64); err != nil {
			return 0, errInvalid("The signed Content-Length %.20q is not a number.", s)
		}
	}
	if n <= 0 {
		return 0, errInvalid("%s A signed 'content-length' must be the positive Content-Length of the request; do not sign it for an empty body.", msgSignatureMismatch)
	}
	return n, nil
}
