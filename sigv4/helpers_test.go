package sigv4

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/wat-dev/wat"
)

const (
	testRegion  = "us-east-1"
	testService = "wellarchitected"
	testAKID    = "AKIAWATTEST0000001"
	testSecret  = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
	otherAKID   = "AKIAWATTEST0000002"
	otherSecret = "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY"

	// workloadARNPath is a TagResource path as the SDKs send it: the ARN
	// label escaped, ':' and '/' included.
	workloadARNPath = "/tags/arn%3Aaws%3Awellarchitected%3Aus-east-1%3A123456789012%3Aworkload%2F0123456789abcdef0123456789abcdef"
)

// testTime is the server clock in tests that fix it.
var testTime = time.Date(2025, 3, 14, 15, 9, 26, 0, time.UTC)

// testKeys is the key store behind testLookup.
var testKeys = map[string]string{testAKID: testSecret, otherAKID: otherSecret}

func testLookup(_ context.Context, id string) (string, error) {
	if s, ok := testKeys[id]; ok {
		return s, nil
	}
	return "", wat.NotFound("AccessKey", id, "no access key %q", id)
}

func sha256Hex(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// signParams says how a test client signs a request.
type signParams struct {
	AccessKeyID, Secret, SessionToken string
	Region, Service                   string
	Time                              time.Time
}

func defaultSignParams() signParams {
	return signParams{AccessKeyID: testAKID, Secret: testSecret, Region: testRegion, Service: testService, Time: testTime}
}

// newClientRequest builds a client-side request to http://wat.example.com.
// url must be in escaped form; its path is sent as written.
func newClientRequest(tb testing.TB, method, url string, body []byte) *http.Request {
	tb.Helper()
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequest(method, url, rd)
	if err != nil {
		tb.Fatal(err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	return req
}

// signWithSDK signs req in place with the AWS SDK for Go's signer, as the
// SDK's own middleware does.
func signWithSDK(tb testing.TB, req *http.Request, body []byte, p signParams) {
	tb.Helper()
	creds := aws.Credentials{AccessKeyID: p.AccessKeyID, SecretAccessKey: p.Secret, SessionToken: p.SessionToken}
	err := v4.NewSigner().SignHTTP(context.Background(), creds, req, sha256Hex(body), p.Service, p.Region, p.Time)
	if err != nil {
		tb.Fatal(err)
	}
}

// toServerRequest sends req through the wire format: it serialises it as a
// client would and parses it as net/http's server does, so the result has the
// RequestURI, Host and canonicalised headers a handler sees.
func toServerRequest(tb testing.TB, req *http.Request) (*http.Request, []byte) {
	tb.Helper()
	var wire bytes.Buffer
	if err := req.Write(&wire); err != nil {
		tb.Fatal(err)
	}
	return readServerRequest(tb, wire.String())
}

// readServerRequest parses a raw HTTP/1.1 request as net/http's server does.
func readServerRequest(tb testing.TB, wire string) (*http.Request, []byte) {
	tb.Helper()
	sr, err := http.ReadRequest(bufio.NewReader(bytes.NewBufferString(wire)))
	if err != nil {
		tb.Fatalf("ReadRequest: %v\n%s", err, wire)
	}
	body, err := io.ReadAll(sr.Body)
	if err != nil {
		tb.Fatal(err)
	}
	return sr, body
}

// verifyServer is an httptest server whose handler authenticates every
// request with Verify and answers like the wat API: 200 "{}" or a restJson1
// error with the X-Amzn-ErrorType header.
type verifyServer struct {
	*httptest.Server

	mu       sync.Mutex
	verified []string // access key ids, in order
	uris     []string // RequestURI of every request
}

func newVerifyServer(tb testing.TB, v *Verifier) *verifyServer {
	tb.Helper()
	s := &verifyServer{}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(r.Body)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		id, err := v.Verify(r.Context(), r, body, testLookup)
		s.mu.Lock()
		s.uris = append(s.uris, r.RequestURI)
		if err == nil {
			s.verified = append(s.verified, id)
		}
		s.mu.Unlock()

		w.Header().Set("Content-Type", "application/json")
		if err != nil {
			typ, status := "InternalServerException", http.StatusInternalServerError
			var we *wat.Error
			if errors.As(err, &we) && we.Code == wat.EUnauthenticated {
				typ, status = we.Type, http.StatusForbidden
			}
			w.Header().Set("X-Amzn-ErrorType", typ)
			w.WriteHeader(status)
			_ = json.NewEncoder(w).Encode(map[string]string{"message": err.Error()})
			return
		}
		_, _ = io.WriteString(w, "{}")
	}))
	tb.Cleanup(s.Close)
	return s
}

// results returns the verified access key ids and the request URIs seen.
func (s *verifyServer) results() (verified, uris []string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.verified...), append([]string(nil), s.uris...)
}

// errType returns the AWS type of an EUnauthenticated error, or a description
// of any other error.
func errType(err error) string {
	if err == nil {
		return ""
	}
	var we *wat.Error
	if errors.As(err, &we) && we.Code == wat.EUnauthenticated {
		return we.Type
	}
	return "non-auth error: " + err.Error()
}
