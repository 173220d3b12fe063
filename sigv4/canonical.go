package sigv4

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
)

// The canonical request is built here from the received request, byte for
// byte as the AWS SDK for Go's signer builds it from the request it sends
// (TestNativeMatchesSDKSigner compares the two on many requests). What that
// signer does, and so what is reproduced:
//   - the path is the one on the request line, escaped once more (every
//     byte but A–Z a–z 0–9 - . _ ~ and '/' as %XX), as every AWS SDK does
//     for services other than S3;
//   - the query is decoded, then every key and value escaped the same way
//     (a space as %20), sorted by key then value;
//   - it signs host (its default port removed), x-amz-date (the time it
//     signs at) and content-length (when positive) itself, and every other
//     header it is given with its values trimmed, runs of spaces made one,
//     and joined with ',';
//   - its list of signed headers is sorted, lower-case and without repeats.

// signedHeaderInfo is what readSignedHeaders learns of a request's signed
// headers.
type signedHeaderInfo struct {
	length int64 // the signed Content-Length; 0 when it is not signed
	// canonical says the list is the one the signer would make of these
	// headers. parseAuthorization made sure it is sorted, lower-case and
	// without repeats; the signer adds host and x-amz-date to every list.
	canonical bool
}

// readSignedHeaders checks that every header the client says it signed
// (list, as parseAuthorization checked it) is on r, in the list's order.
func readSignedHeaders(r *http.Request, list string) (signedHeaderInfo, error) {
	var info signedHeaderInfo
	host, date := false, false
	for rest := list; ; {
		name, more, found := strings.Cut(rest, ";")
		switch name {
		case "host":
			if r.Host == "" {
				return info, errInvalid("The request has no Host header, but 'host' is a signed header.")
			}
			host = true
		case "x-amz-date":
			date = true
		case "content-length":
			n, err := contentLength(r)
			if err != nil {
				return info, err
			}
			info.length = n
		default:
			if len(headerValues(r.Header, name)) == 0 {
				return info, errInvalid("The signed header %q is missing from the request.", name)
			}
		}
		if !found {
			break
		}
		rest = more
	}
	info.canonical = host && date
	return info, nil
}

// wouldSign is the list of signed headers the signer makes of list's
// headers: for the message refusing a list that differs from it.
func wouldSign(list string, length int64) string {
	names := []string{"host", "x-amz-date"}
	for _, name := range strings.Split(list, ";") {
		switch name {
		case "host", "x-amz-date":
		case "content-length":
			if length > 0 {
				names = append(names, name)
			}
		default:
			names = append(names, name)
		}
	}
	slices.Sort(names)
	return strings.Join(slices.Compact(names), ";")
}

// appendCanonicalRequest appends r's canonical request to buf. list is the
// client's list of signed headers, found canonical by readSignedHeaders.
func appendCanonicalRequest(buf []byte, r *http.Request, list string, length int64, payloadHash string, t time.Time) []byte {
	buf = append(buf, r.Method...)
	buf = append(buf, '\n')
	buf = appendCanonicalPath(buf, rawPath(r))
	buf = append(buf, '\n')
	buf = appendCanonicalQuery(buf, r.URL.RawQuery)
	buf = append(buf, '\n')
	for rest := list; rest != ""; {
		var name string
		name, rest, _ = strings.Cut(rest, ";")
		buf = append(buf, name...)
		buf = append(buf, ':')
		switch name {
		case "host":
			buf = appendTrimmed(buf, signedHost(r), false)
		case "x-amz-date":
			buf = t.UTC().AppendFormat(buf, amzDateFormat)
		case "content-length":
			buf = strconv.AppendInt(buf, length, 10)
		default:
			for i, v := range headerValues(r.Header, name) {
				if i > 0 {
					buf = append(buf, ',')
				}
				buf = appendTrimmed(buf, v, true)
			}
		}
		buf = append(buf, '\n')
	}
	buf = append(buf, '\n')
	buf = append(buf, list...)
	buf = append(buf, '\n')
	return append(buf, payloadHash...)
}

// appendCanonicalPath appends the path the signer signs: from its first
// '/', without a query, escaped once more.
func appendCanonicalPath(buf []byte, p string) []byte {
	if i := strings.IndexByte(p, '?'); i >= 0 {
		p = p[:i]
	}
	if i := strings.IndexByte(p, '/'); i >= 0 {
		p = p[i:]
	} else {
		p = ""
	}
	if p == "" {
		p = "/"
	}
	const hexUpper = "0123456789ABCDEF"
	for i := 0; i < len(p); i++ {
		if c := p[i]; c == '/' || isUnreserved(c) {
			buf = append(buf, c)
		} else {
			buf = append(buf, '%', hexUpper[c>>4], hexUpper[c&15])
		}
	}
	return buf
}

func isUnreserved(c byte) bool {
	return 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~'
}

// appendCanonicalQuery appends the query the signer signs. Most calls have
// none; the others have a few parameters, so the allocations of decoding
// are left as they are.
func appendCanonicalQuery(buf []byte, raw string) []byte {
	if raw == "" {
		return buf
	}
	type param struct{ key, value string }
	var params []param
	values, _ := url.ParseQuery(raw) // what url.URL.Query keeps of it
	for k, vs := range values {
		ek := queryEscape(k)
		for _, v := range vs {
			params = append(params, param{ek, queryEscape(v)})
		}
	}
	slices.SortFunc(params, func(a, b param) int {
		if c := strings.Compare(a.key, b.key); c != 0 {
			return c
		}
		return strings.Compare(a.value, b.value)
	})
	for i, p := range params {
		if i > 0 {
			buf = append(buf, '&')
		}
		buf = append(buf, p.key...)
		buf = append(buf, '=')
		buf = append(buf, p.value...)
	}
	return buf
}

// queryEscape is url.QueryEscape with a space as %20: a '+' it wrote can
// only stand for a space, a '+' of the input being %2B.
func queryEscape(s string) string {
	return strings.ReplaceAll(url.QueryEscape(s), "+", "%20")
}

// signedHost is the Host the signer signs: without the scheme's default
// port. It strips as the signer does (an IPv6 literal loses its brackets
// with the port), since the client's signer did the same to the same Host.
func signedHost(r *http.Request) string {
	host := r.Host
	colon := strings.IndexByte(host, ':')
	if colon < 0 {
		return host
	}
	port := host[colon+1:]
	if i := strings.Index(host, "]:"); i >= 0 {
		port = host[i+2:]
	} else if strings.Contains(host, "]") {
		port = ""
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	if port == "" || !(scheme == "http" && port == "80") && !(scheme == "https" && port == "443") {
		return host
	}
	if i := strings.IndexByte(host, ']'); i >= 0 {
		return strings.TrimPrefix(host[:i], "[")
	}
	return host[:colon]
}

// appendTrimmed appends v with runs of spaces made one and, when trim is
// set, every leading and trailing white space removed (the host's value has
// its spaces made one and those at its ends removed, nothing else).
func appendTrimmed(buf []byte, v string, trim bool) []byte {
	if trim {
		v = strings.TrimSpace(v)
	} else {
		v = strings.Trim(v, " ")
	}
	for i := 0; i < len(v); i++ {
		if v[i] == ' ' && i > 0 && v[i-1] == ' ' {
			continue
		}
		buf = append(buf, v[i])
	}
	return buf
}

// headerValues is h.Values(name) for a lower-case token name, without
// allocating its canonical spelling.
func headerValues(h http.Header, name string) []string {
	var b [64]byte
	if len(name) > len(b) {
		return h.Values(name)
	}
	upper := true
	for i := 0; i < len(name); i++ {
		c := name[i]
		if upper && 'a' <= c && c <= 'z' {
			c -= 'a' - 'A'
		}
		b[i] = c
		upper = c == '-'
	}
	return h[string(b[:len(name)])]
}
