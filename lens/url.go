package lens

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
	"unicode/utf8"
)

// Links in lens documents are written by hand and pasted from browsers and
// spreadsheets: public lenses carry URLs with a trailing space, a space in
// a query, or an accented path. A browser follows such a link all the
// same, because it trims the spaces around a URL and percent-encodes the
// rest; wat stores what the browser would request, so every client, the
// console's links and the Markdown report included, gets a URL that is one
// token. What a browser cannot make a link of (another scheme, no host, a
// space in the host, a control character) stays an error.

// urlSpace is what is trimmed around a URL, as a browser does.
const urlSpace = " \t\r\n"

// urlProblem says why a URL cannot be stored; at is the byte offset of the
// offending character in the URL as written, -1 for the URL as a whole.
type urlProblem struct {
	at  int
	msg string
}

// normalizeURL returns u as wat stores it: without the spaces around it,
// with the characters a URL cannot hold in its path, query and fragment
// percent-encoded as UTF-8 (a space as %20, "é" as %C3%A9, a '%' that
// starts no escape as %25). Escapes already there are kept, so normalizing
// twice changes nothing. An empty or blank u is "". A URL that is not an
// absolute http(s) URL with a host is a *urlProblem.
func normalizeURL(u string) (string, *urlProblem) {
	lead := len(u) - len(strings.TrimLeft(u, urlSpace))
	s := strings.TrimRight(u[lead:], urlSpace)
	if s == "" {
		return "", nil
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < ' ' || c == 0x7f {
			return "", &urlProblem{lead + i, fmt.Sprintf("contains the control character %U at offset %d; a URL cannot hold one", c, lead+i)}
		}
	}
	scheme := ""
	for _, p := range [...]string{"https://", "http://"} {
		if strings.HasPrefix(s, p) {
			scheme = p
		}
	}
	authEnd := len(s)
	if scheme != "" {
		if i := strings.IndexAny(s[len(scheme):], "/?#"); i >= 0 {
			authEnd = len(scheme) + i
		}
	}
	if scheme == "" || authEnd == len(scheme) {
		return "", &urlProblem{-1, fmt.Sprintf("%q is not an absolute http:// or https:// URL", u)}
	}
	for i := len(scheme); i < authEnd; {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r < utf8.RuneSelf && !strings.ContainsRune(authorityChars, r) {
			return "", &urlProblem{lead + i, fmt.Sprintf("contains %q at offset %d, in the host part, where a URL cannot hold it", r, lead+i)}
		}
		i += n
	}
	var b strings.Builder
	b.Grow(len(s))
	b.WriteString(s[:authEnd])
	for i := authEnd; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf || strings.IndexByte(` "<>\^`+"`{|}", c) >= 0 || c == '%' && !isEscape(s[i:]) {
			fmt.Fprintf(&b, "%%%02X", c)
		} else {
			b.WriteByte(c)
		}
	}
	out := b.String()
	// The checks above follow the URL standard's http(s) rules; net/url
	// adds the host's own (a port is digits, brackets hold an IPv6 address).
	parsed, err := url.Parse(out)
	if err == nil && parsed.Hostname() == "" {
		err = fmt.Errorf("it has no host")
	}
	if err != nil {
		if ue, ok := err.(*url.Error); ok {
			err = ue.Err
		}
		return "", &urlProblem{-1, fmt.Sprintf("%q is not a URL: %v", u, err)}
	}
	return out, nil
}

// authorityChars are the ASCII characters a URL's user, host and port may
// hold (RFC 3986's unreserved and sub-delims, ':', '@', brackets for IPv6
// and '%' for escapes). Letters beyond ASCII are an internationalized host.
const authorityChars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+,;=:@[]%"

// isEscape tells whether s starts with a percent-escape: '%' and two hex
// digits.
func isEscape(s string) bool {
	return len(s) >= 3 && s[0] == '%' && isHex(s[1]) && isHex(s[2])
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// withStoredURLs returns a copy of d whose URLs are as wat stores them (see
// normalizeURL); d is left as parsed, so problems are still placed in the
// text as written. A URL normalizeURL refuses is copied as it is: Compile
// reports it.
func (d *Document) withStoredURLs() *Document {
	c := *d
	c.Pillars = slices.Clone(d.Pillars)
	for i := range c.Pillars {
		p := &c.Pillars[i]
		p.Questions = slices.Clone(p.Questions)
		for j := range p.Questions {
			q := &p.Questions[j]
			q.HelpfulResource = storedResource(q.HelpfulResource)
			q.Choices = slices.Clone(q.Choices)
			for k := range q.Choices {
				ch := &q.Choices[k]
				ch.HelpfulResource = storedResource(ch.HelpfulResource)
				ch.ImprovementPlan = storedResource(ch.ImprovementPlan)
				ch.AdditionalResources = slices.Clone(ch.AdditionalResources)
				for m := range ch.AdditionalResources {
					content := slices.Clone(ch.AdditionalResources[m].Content)
					for n := range content {
						content[n] = *storedResource(&content[n])
					}
					ch.AdditionalResources[m].Content = content
				}
			}
		}
	}
	return &c
}

// storedResource returns a copy of r with its URL as wat stores it.
func storedResource(r *ResourceDoc) *ResourceDoc {
	if r == nil {
		return nil
	}
	c := *r
	if u, p := normalizeURL(r.URL); p == nil {
		c.URL = u
	}
	return &c
}
