package sigv4

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// canonicalRequest rebuilds, for the SDK signer, the request as the client
// signed it: same method, raw escaped path, raw query, Host, and only the
// headers named in signedHeaders with their received values.
//
// The SDK signer adds host and x-amz-date itself and signs content-length
// exactly when ContentLength > 0, so those three are not copied as headers.
// It skips some headers (User-Agent, Expect, ...) by their canonical
// spelling only; the headers are therefore stored under their lower-case
// names, which it does sign. Any remaining disagreement shows up as a
// different signed-headers list, which Verify rejects.
func canonicalRequest(r *http.Request, signedHeaders string) (*http.Request, error) {
	header := make(http.Header, strings.Count(signedHeaders, ";")+1)
	var length int64
	for rest := signedHeaders; rest != ""; {
		var name string
		name, rest, _ = strings.Cut(rest, ";")
		switch name {
		case "host":
			if r.Host == "" {
				return nil, errInvalid("The request has no Host header, but 'host' is a signed header.")
			}
		case "x-amz-date":
		case "content-length":
			n, err := contentLength(r)
			if err != nil {
				return nil, err
			}
			length = n
		default:
			values := r.Header.Values(name)
			if len(values) == 0 {
				return nil, errInvalid("The signed header %q is missing from the request.", name)
			}
			// Capped so that an append by the signer never writes into r.Header's array.
			header[name] = values[:len(values):len(values)]
		}
	}

	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return &http.Request{
		Method: r.Method,
		// The signer takes the path from Opaque ("//host/path") verbatim and
		// escapes it once more, as every AWS SDK does for non-S3 services.
		URL:           &url.URL{Scheme: scheme, Opaque: "//" + rawPath(r), RawQuery: r.URL.RawQuery},
		Host:          r.Host,
		Header:        header,
		ContentLength: length,
	}, nil
}

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
