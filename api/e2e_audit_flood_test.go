package api_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"net/netip"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"

	"github.com/wat-dev/wat"
	"github.com/wat-dev/wat/api"
	"github.com/wat-dev/wat/internal/testserver"
)

// TestUnauthenticatedFloodIsBounded: unsigned requests of 2 MB with a
// 900 KB User-Agent leave small audit records, without their parameters,
// and only as many as the address's bound of failed authentications.
func TestUnauthenticatedFloodIsBounded(t *testing.T) {
	forEachBackend(t, func(t *testing.T, srv *testserver.Server) {
		body := `{"WorkloadName":"` + strings.Repeat("a", api.MaxBodyBytes-20) + `"}`
		ua := strings.Repeat("u", 900<<10)
		statuses := map[string]int{}
		for range 30 {
			res := send(t, srv, http.MethodPost, "/workloads", body, false, http.Header{"User-Agent": {ua}})
			statuses[res.ErrorType]++
		}
		want := map[string]int{"MissingAuthenticationTokenException": api.DefaultAuthFailureBurst, "ThrottlingException": 30 - api.DefaultAuthFailureBurst}
		if len(statuses) != 2 || statuses["MissingAuthenticationTokenException"] != want["MissingAuthenticationTokenException"] ||
			statuses["ThrottlingException"] != want["ThrottlingException"] {
			t.Errorf("answers %v, want %v", statuses, want)
		}
		rows, size := 0, 0
		for _, e := range auditEvents(t, srv.Store) {
			rows++
			size += recordSize(e)
			if e.RequestParameters != "" || len(e.UserAgent) > 256 || e.ErrorCode != "MissingAuthenticationTokenException" {
				t.Errorf("record of an unsigned request: parameters %.100q, user agent of %d bytes, error %s", e.RequestParameters, len(e.UserAgent), e.ErrorCode)
			}
		}
		t.Logf("30 unsigned requests of 2 MB: %d audit records, %d bytes", rows, size)
		if rows != api.DefaultAuthFailureBurst || size > rows*1024 {
			t.Errorf("%d audit records of %d bytes in all; want %d of under 1 KB each", rows, size, api.DefaultAuthFailureBurst)
		}
	})
}

// TestAuditRecordsAreCapped: what an authenticated caller sends is kept
// only up to the caps, still as JSON.
func TestAuditRecordsAreCapped(t *testing.T) {
	srv := startSQLite(t)
	huge := strings.Repeat("é", 700<<10) // 1.4 MB of two-byte characters
	body := `{"WorkloadName":"capped","Environment":"` + huge + `","AwsRegions":["us-east-1"]}`
	res := send(t, srv, http.MethodPost, "/workloads", body, true, http.Header{"User-Agent": {strings.Repeat("u", 900<<10)}})
	if res.Status != http.StatusBadRequest {
		t.Fatalf("CreateWorkload with a huge environment: %d %s", res.Status, res.Body)
	}
	e := auditEvents(t, srv.Store)[res.RequestID]
	if e == nil {
		t.Fatal("no audit record")
	}
	if len(e.UserAgent) > 256 || !strings.HasSuffix(e.UserAgent, "[truncated]") {
		t.Errorf("user agent of %d bytes: %.40q", len(e.UserAgent), e.UserAgent)
	}
	if len(e.ErrorMessage) > 1024 {
		t.Errorf("error message of %d bytes", len(e.ErrorMessage))
	}
	var params map[string]any
	if err := json.Unmarshal([]byte(e.RequestParameters), &params); err != nil || len(e.RequestParameters) > 16<<10 {
		t.Fatalf("request parameters of %d bytes: %v", len(e.RequestParameters), err)
	}
	if env, _ := params["Environment"].(string); len(env) > 256 || !strings.HasPrefix(env, "éé") || !strings.HasSuffix(env, "[truncated]") {
		t.Errorf("Environment recorded as %q", env)
	}
}

// TestFailedAuthenticationsAreLimitedPerAddress: once an address has used
// its bound of failed authentications it is answered 429, even with good
// credentials, and no longer audited; X-Forwarded-For changes nothing
// unless it comes from a trusted proxy, and then names the address (IPv6:
// its /64) that is counted and recorded.
func TestFailedAuthenticationsAreLimitedPerAddress(t *testing.T) {
	ctx := context.Background()
	limit := func(s *api.Server) { s.AuthFailures = api.NewLimiter(0.001, 3, nil) }
	srv, _ := startAPIServer(t, "", limit)
	forged := srv.NewClient(srv.Admin.AccessKeyID, strings.Repeat("x", 40))
	for range 3 {
		_, err := forged.CreateWorkload(ctx, workloadInput("forged"))
		wantAPIError(t, err, "InvalidSignatureException", http.StatusForbidden)
	}
	_, err := forged.CreateWorkload(ctx, workloadInput("forged"))
	wantAPIError(t, err, "ThrottlingException", http.StatusTooManyRequests)
	_, err = srv.Client.CreateWorkload(ctx, workloadInput("good key, refused address"))
	wantAPIError(t, err, "ThrottlingException", http.StatusTooManyRequests)
	if res := send(t, srv, http.MethodPost, "/workloads", "{}", false, http.Header{"X-Forwarded-For": {"198.51.100.7"}}); res.Status != http.StatusTooManyRequests {
		t.Errorf("an untrusted X-Forwarded-For escaped the bound: %d %s", res.Status, res.ErrorType)
	}
	failed := 0
	for _, e := range auditEvents(t, srv.Store) {
		if e.ErrorCode == "ThrottlingException" {
			t.Errorf("a refused address's request was audited: %+v", e)
		}
		if e.ErrorCode == "InvalidSignatureException" {
			failed++
		}
	}
	if failed != 3 {
		t.Errorf("%d failed authentications audited, want 3", failed)
	}

	proxied, _ := startAPIServer(t, "", func(s *api.Server) {
		limit(s)
		s.TrustedProxies = []netip.Prefix{netip.MustParsePrefix("127.0.0.1/32")}
	})
	from := func(xff string, sign bool) rawResponse {
		return send(t, proxied, http.MethodPost, "/workloads", "{}", sign, http.Header{"X-Forwarded-For": {xff}})
	}
	for _, xff := range []string{"203.0.113.5", "203.0.113.5", "192.0.2.1, 203.0.113.5"} {
		if res := from(xff, false); res.ErrorType != "MissingAuthenticationTokenException" {
			t.Errorf("unsigned from %s: %d %s", xff, res.Status, res.ErrorType)
		}
	}
	if res := from("203.0.113.5", false); res.Status != http.StatusTooManyRequests {
		t.Errorf("a 4th failure from 203.0.113.5: %d %s, want 429", res.Status, res.ErrorType)
	}
	other := from("203.0.113.6", false)
	if other.ErrorType != "MissingAuthenticationTokenException" {
		t.Errorf("another client behind the proxy: %d %s", other.Status, other.ErrorType)
	}
	if e := auditEvents(t, proxied.Store)[other.RequestID]; e == nil || e.SourceIPAddress != "203.0.113.6" {
		t.Errorf("the record of 203.0.113.6's request: %+v", e)
	}
	for _, xff := range []string{"2001:db8::1", "2001:db8::2", "2001:db8::3"} {
		from(xff, false)
	}
	if res := from("2001:db8::ffff", false); res.Status != http.StatusTooManyRequests {
		t.Errorf("a 4th failure from the same IPv6 /64: %d %s, want 429", res.Status, res.ErrorType)
	}
}

// recordSize is the bytes an audit record's strings take.
func recordSize(e *wat.AuditEvent) int {
	return len(e.EventName) + len(e.AccountID) + len(e.UserARN) + len(e.UserName) + len(e.AccessKeyID) + len(e.SourceIPAddress) +
		len(e.UserAgent) + len(e.RequestID) + len(e.RequestParameters) + len(e.ResponseElements) + len(e.ErrorCode) + len(e.ErrorMessage)
}

// send sends a request with extra headers, signed with the admin's key
// when sign is set (the headers other than Content-Type are not signed).
func send(t *testing.T, srv *testserver.Server, method, path, body string, sign bool, header http.Header) rawResponse {
	t.Helper()
	req, err := http.NewRequest(method, srv.URL+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	if sign {
		sum := sha256.Sum256([]byte(body))
		creds := aws.Credentials{AccessKeyID: srv.Admin.AccessKeyID, SecretAccessKey: srv.Admin.SecretAccessKey}
		if err := v4.NewSigner().SignHTTP(context.Background(), creds, req, hex.EncodeToString(sum[:]), "wellarchitected", testserver.Region, time.Now()); err != nil {
			t.Fatal(err)
		}
	}
	for k, v := range header {
		req.Header[k] = v
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return rawResponse{resp.StatusCode, resp.Header.Get("X-Amzn-ErrorType"), resp.Header.Get("x-amzn-RequestId"), string(b)}
}
