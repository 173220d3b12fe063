// Package sigv4 verifies AWS Signature Version 4 on incoming requests, so that
// the AWS SDKs and the AWS CLI can talk to wat with ordinary access keys.
//
// The server builds the canonical request from the received one exactly as
// the AWS SDK's signer (aws-sdk-go-v2/aws/signer/v4) builds it from the
// request it sends (canonical.go; a test compares the two on many requests),
// signs it with the day's signing key of the secret, derived once and cached
// (signing_key.go), and compares the signatures in constant time. Only
// header-based signing (Authorization: AWS4-HMAC-SHA256 ...) is accepted;
// presigned URLs are not.
package sigv4

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"fmt"
	"net/http"
	"sync"
	"time"

	"github.com/wat-dev/wat"
)

// DefaultMaxSkew is the clock skew AWS tolerates between a request's
// signing time and the server's clock.
const DefaultMaxSkew = 15 * time.Minute

// amzDateFormat is the ISO 8601 basic format of X-Amz-Date.
const amzDateFormat = "20060102T150405Z"

// Verifier checks SigV4 Authorization headers for one service and region.
// A Verifier is safe for concurrent use; do not copy it after first use.
type Verifier struct {
	Service string           // the signing name, "wellarchitected"
	Region  string           // the server's region, e.g. "us-east-1"
	MaxSkew time.Duration    // DefaultMaxSkew if zero
	Now     func() time.Time // time.Now if nil

	keys keyCache // the signing keys of the day
}

// NewVerifier returns a Verifier for the given signing name and region.
func NewVerifier(service, region string) *Verifier {
	return &Verifier{Service: service, Region: region}
}

// SecretLookup returns the secret of an access key id, or an error; a
// *wat.Error with Code wat.ENotFound means "no such (active) key".
type SecretLookup func(ctx context.Context, accessKeyID string) (secret string, err error)

// Verify checks r's signature. body is the full request body (already read by
// the caller). It returns the access key id that signed the request.
//
// Authentication failures are *wat.Error with Code wat.EUnauthenticated and
// Type one of the Type* constants; errors from lookup other than
// wat.ENotFound are returned wrapped, for the caller to treat as internal.
func (v *Verifier) Verify(ctx context.Context, r *http.Request, body []byte, lookup SecretLookup) (accessKeyID string, err error) {
	header := r.Header.Get("Authorization")
	if header == "" {
		return "", errMissingToken()
	}
	a, err := parseAuthorization(header)
	if err != nil {
		return "", err
	}
	t, err := requestTime(r)
	if err != nil {
		return "", err
	}
	if err := v.checkScope(a, t); err != nil {
		return "", err
	}
	if err := v.checkSkew(t); err != nil {
		return "", err
	}

	sum := sha256.Sum256(body)
	payloadHash := hex.EncodeToString(sum[:])
	if got, ok := r.Header["X-Amz-Content-Sha256"]; ok && (len(got) != 1 || got[0] != payloadHash) {
		return "", errInvalid("The provided 'x-amz-content-sha256' header does not match what was computed from the request body.")
	}

	signed, err := readSignedHeaders(r, a.SignedHeaders)
	if err != nil {
		return "", err
	}

	secret, err := lookup(ctx, a.AccessKeyID)
	if err != nil {
		if wat.ErrorCodeOf(err) == wat.ENotFound {
			return "", errUnrecognizedClient()
		}
		return "", fmt.Errorf("sigv4: look up access key %q: %w", a.AccessKeyID, err)
	}
	if secret == "" {
		// A lookup bug must not let in clients that sign with an empty secret.
		return "", fmt.Errorf("sigv4: look up access key %q: empty secret", a.AccessKeyID)
	}

	if !signed.canonical {
		// The SDKs' signer makes its own list of the headers it signs; a
		// client's list that differs from it cannot be reproduced.
		return "", errInvalid("%s The signed headers %q cannot be verified by this server (it would sign %q).",
			msgSignatureMismatch, a.SignedHeaders, wouldSign(a.SignedHeaders, signed.length))
	}
	if !v.signatureMatches(r, a, signed.length, payloadHash, secret, t) {
		return "", errInvalid(msgSignatureMismatch)
	}
	return a.AccessKeyID, nil
}

// requestTime reads the signing time from X-Amz-Date, or from Date when the
// client sent no X-Amz-Date.
func requestTime(r *http.Request) (time.Time, error) {
	if s := r.Header.Get("X-Amz-Date"); s != "" {
		t, err := time.Parse(amzDateFormat, s)
		if err != nil {
			return time.Time{}, errIncomplete("Date must be in ISO-8601 'basic format' (%s). Got %.40q.", amzDateFormat, s)
		}
		return t, nil
	}
	if s := r.Header.Get("Date"); s != "" {
		t, err := http.ParseTime(s)
		if err != nil {
			// botocore writes "Mon, 02 Jan 2006 15:04:05 -0000".
			t, err = time.Parse(time.RFC1123Z, s)
		}
		if err != nil {
			return time.Time{}, errIncomplete("Date header must be an HTTP date. Got %.40q.", s)
		}
		return t.UTC(), nil
	}
	return time.Time{}, errIncomplete("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.")
}

func (v *Verifier) checkScope(a authorization, t time.Time) error {
	if day := t.Format("20060102"); a.Date != day {
		return errInvalid("Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: %.20q != %q.", a.Date, day)
	}
	if a.Region != v.Region {
		return errInvalid("Credential should be scoped to a valid region. Expected %q, got %.40q.", v.Region, a.Region)
	}
	if a.Service != v.Service {
		return errInvalid("Credential should be scoped to correct service: %q, got %.40q.", v.Service, a.Service)
	}
	if a.Terminator != terminator {
		return errInvalid("Credential should be scoped with a valid terminator: %q, not %.40q.", terminator, a.Terminator)
	}
	return nil
}

func (v *Verifier) checkSkew(t time.Time) error {
	now := time.Now
	if v.Now != nil {
		now = v.Now
	}
	skew := v.MaxSkew
	if skew <= 0 {
		skew = DefaultMaxSkew
	}
	n := now().UTC()
	if earliest := n.Add(-skew); t.Before(earliest) {
		return errInvalid("Signature expired: %s is now earlier than %s (%s - %s).",
			t.Format(amzDateFormat), earliest.Format(amzDateFormat), n.Format(amzDateFormat), skew)
	}
	if latest := n.Add(skew); t.After(latest) {
		return errInvalid("Signature not yet current: %s is still later than %s (%s + %s).",
			t.Format(amzDateFormat), latest.Format(amzDateFormat), n.Format(amzDateFormat), skew)
	}
	return nil
}

// bufPool holds the buffers canonical requests and strings to sign are
// built in.
var bufPool = sync.Pool{New: func() any { b := make([]byte, 0, 1024); return &b }}

// signatureMatches reports whether a.Signature is r's signature by secret
// at t.
func (v *Verifier) signatureMatches(r *http.Request, a authorization, length int64, payloadHash, secret string, t time.Time) bool {
	bp := bufPool.Get().(*[]byte)
	defer bufPool.Put(bp)
	buf := appendCanonicalRequest((*bp)[:0], r, a.SignedHeaders, length, payloadHash, t)
	sum := sha256.Sum256(buf)

	buf = append(buf[:0], algorithm+"\n"...)
	buf = t.UTC().AppendFormat(buf, amzDateFormat)
	buf = append(buf, '\n')
	buf = append(buf, a.Date...) // the signing day: checkScope made sure
	buf = append(buf, '/')
	buf = append(buf, v.Region...)
	buf = append(buf, '/')
	buf = append(buf, v.Service...)
	buf = append(buf, "/"+terminator+"\n"...)
	buf = hex.AppendEncode(buf, sum[:])

	key := v.keys.get(a.AccessKeyID, secret, a.Date, v.Region, v.Service)
	mac := hmac.New(sha256.New, key[:])
	mac.Write(buf)
	var sig [sha256.Size]byte
	var want [2 * sha256.Size]byte
	hex.Encode(want[:], mac.Sum(sig[:0]))
	*bp = buf[:0]
	return subtle.ConstantTimeCompare(want[:], []byte(a.Signature)) == 1
}
