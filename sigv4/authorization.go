package sigv4

import (
	"strings"

	"github.com/wat-dev/wat"
)

// algorithm is the only signing algorithm accepted (no SigV4a, no SigV2).
const algorithm = "AWS4-HMAC-SHA256"

// terminator ends every SigV4 credential scope.
const terminator = "aws4_request"

// authorization is a parsed "AWS4-HMAC-SHA256 Credential=..., SignedHeaders=...,
// Signature=..." header. Its fields are substrings of the header, so parsing
// allocates nothing.
type authorization struct {
	AccessKeyID string
	Date        string // credential scope date, YYYYMMDD (not validated here)
	Region      string
	Service     string
	Terminator  string

	// SignedHeaders is the list exactly as sent: lower-case names, sorted,
	// ';'-separated. It is part of the canonical request, so it is kept verbatim.
	SignedHeaders string

	// Signature is 64 lower-case hex digits.
	Signature string
}

// parseAuthorization parses the value of an Authorization header. The
// parameters may be separated by commas, spaces or tabs in any mix (the SDKs
// write ", ", some hand-written clients ","), since no parameter value can
// contain any of those characters. Errors are IncompleteSignatureExceptions.
func parseAuthorization(h string) (authorization, error) {
	var a authorization
	h = strings.TrimLeft(h, " \t")
	rest, ok := strings.CutPrefix(h, algorithm)
	if !ok || (rest != "" && !isSeparator(rest[0])) {
		alg, _, _ := strings.Cut(h, " ")
		return a, errIncomplete("Unsupported Authorization algorithm %.40q: only %s is supported.", alg, algorithm)
	}

	var credential string
	var haveCredential, haveSignedHeaders, haveSignature bool
	for {
		rest = strings.TrimLeft(rest, ", \t")
		if rest == "" {
			break
		}
		end := strings.IndexAny(rest, ", \t")
		if end < 0 {
			end = len(rest)
		}
		param := rest[:end]
		rest = rest[end:]

		name, value, ok := strings.Cut(param, "=")
		if !ok {
			return a, errIncomplete("%.60q is not a valid key=value pair (missing equal-sign) in Authorization header.", param)
		}
		var seen *bool
		switch name {
		case "Credential":
			seen, credential = &haveCredential, value
		case "SignedHeaders":
			seen, a.SignedHeaders = &haveSignedHeaders, value
		case "Signature":
			seen, a.Signature = &haveSignature, value
		default:
			return a, errIncomplete("Unknown parameter %.40q in Authorization header: expected Credential, SignedHeaders and Signature.", name)
		}
		if *seen {
			return a, errIncomplete("Authorization header has more than one %q parameter.", name)
		}
		*seen = true
	}

	var missing []string
	for _, p := range []struct {
		name string
		ok   bool
	}{{"Credential", haveCredential}, {"Signature", haveSignature}, {"SignedHeaders", haveSignedHeaders}} {
		if !p.ok {
			missing = append(missing, "Authorization header requires '"+p.name+"' parameter.")
		}
	}
	if missing != nil {
		return a, errIncomplete("%s", strings.Join(missing, " "))
	}

	if err := a.parseCredential(credential); err != nil {
		return a, err
	}
	if err := checkSignedHeaders(a.SignedHeaders); err != nil {
		return a, err
	}
	if !isLowerHex(a.Signature, 64) {
		return a, errIncomplete("Signature must be 64 lower-case hexadecimal digits.")
	}
	return a, nil
}

// parseCredential splits "AKID/YYYYMMDD/region/service/aws4_request". The
// values of the scope are checked against the request by Verify, not here.
func (a *authorization) parseCredential(c string) *wat.Error {
	parts := [5]*string{&a.AccessKeyID, &a.Date, &a.Region, &a.Service, &a.Terminator}
	for i, p := range parts {
		var ok bool
		if i < len(parts)-1 {
			*p, c, ok = strings.Cut(c, "/")
		} else {
			*p, ok = c, !strings.Contains(c, "/")
		}
		if !ok || *p == "" {
			return errIncomplete("Credential must have the form <access key id>/<YYYYMMDD>/<region>/<service>/%s.", terminator)
		}
	}
	return nil
}

// checkSignedHeaders requires lower-case header names, strictly ascending
// (sorted, no duplicates) as the SigV4 canonical request demands.
func checkSignedHeaders(list string) *wat.Error {
	prev := ""
	for rest := list; ; {
		name, tail, more := strings.Cut(rest, ";")
		if name == "" || !isLowerToken(name) {
			return errIncomplete("SignedHeaders must be lower-case header names separated by ';', got %.80q.", list)
		}
		if prev != "" && name <= prev {
			return errIncomplete("SignedHeaders must be sorted and without duplicates, got %.80q.", list)
		}
		if name == "authorization" {
			return errIncomplete("SignedHeaders cannot include 'authorization'.")
		}
		prev = name
		if !more {
			return nil
		}
		rest = tail
	}
}

func isSeparator(c byte) bool { return c == ' ' || c == '\t' || c == ',' }

// isLowerToken reports whether s is an RFC 9110 token without upper-case letters.
func isLowerToken(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
		case strings.IndexByte("!#$%&'*+-.^_`|~", c) >= 0:
		default:
			return false
		}
	}
	return true
}

func isLowerHex(s string, n int) bool {
	if len(s) != n {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}
