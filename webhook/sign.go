// Package webhook delivers wat's events over HTTP as the Standard Webhooks
// specification describes: each request signed with the subscription's
// secret (HMAC-SHA256 over the message id, timestamp and body), sent only
// to addresses the operator allows. The outbox and its retries are the
// service's; this package is the signing and the HTTP.
package webhook

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// SecretPrefix starts every signing secret, as Standard Webhooks names it.
const SecretPrefix = "whsec_"

// The headers of a signed delivery.
const (
	HeaderID        = "webhook-id"
	HeaderTimestamp = "webhook-timestamp"
	HeaderSignature = "webhook-signature"
)

// secretKey is the HMAC key of a secret: the bytes its base64 encodes.
func secretKey(secret string) ([]byte, error) {
	key, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(secret, SecretPrefix))
	if err != nil || len(key) == 0 {
		return nil, errors.New("the webhook secret is not whsec_ followed by base64")
	}
	return key, nil
}

// Sign returns the signature of one message under one secret:
// "v1," + base64(HMAC-SHA256(key, id + "." + timestamp + "." + body)).
func Sign(secret, id string, timestamp int64, body []byte) (string, error) {
	key, err := secretKey(secret)
	if err != nil {
		return "", err
	}
	m := hmac.New(sha256.New, key)
	m.Write([]byte(id + "." + strconv.FormatInt(timestamp, 10) + "."))
	m.Write(body)
	return "v1," + base64.StdEncoding.EncodeToString(m.Sum(nil)), nil
}

// SignatureHeader is the webhook-signature value of a message signed with
// every secret given, space-separated (after a rotation, the new one and
// the old one).
func SignatureHeader(secrets []string, id string, timestamp int64, body []byte) (string, error) {
	sigs := make([]string, 0, len(secrets))
	for _, s := range secrets {
		sig, err := Sign(s, id, timestamp, body)
		if err != nil {
			return "", err
		}
		sigs = append(sigs, sig)
	}
	return strings.Join(sigs, " "), nil
}

// Tolerance is how far from now a receiver accepts a timestamp.
const Tolerance = 5 * time.Minute

// ErrBadSignature is what Verify answers for a message that is not signed
// with the secret, too old, or missing its headers.
var ErrBadSignature = errors.New("webhook: no valid signature")

// Verify checks a received message against a secret as a receiver should:
// the headers present, the timestamp within Tolerance of now, and one of
// the signatures the one the secret makes, compared in constant time.
func Verify(secret string, h http.Header, body []byte, now time.Time) error {
	id, ts, sigs := h.Get(HeaderID), h.Get(HeaderTimestamp), h.Get(HeaderSignature)
	t, err := strconv.ParseInt(ts, 10, 64)
	if id == "" || sigs == "" || err != nil {
		return ErrBadSignature
	}
	if d := now.Sub(time.Unix(t, 0)); d > Tolerance || d < -Tolerance {
		return ErrBadSignature
	}
	want, err := Sign(secret, id, t, body)
	if err != nil {
		return err
	}
	for _, sig := range strings.Fields(sigs) {
		if hmac.Equal([]byte(sig), []byte(want)) {
			return nil
		}
	}
	return ErrBadSignature
}
