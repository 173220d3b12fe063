package api_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsmiddleware "github.com/aws/aws-sdk-go-v2/aws/middleware"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected/types"

	"github.com/wat-dev/wat/internal/testserver"
)

var requestIDRE = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)

// rawResponse is what a raw HTTP call returned.
type rawResponse struct {
	Status    int
	ErrorType string // X-Amzn-ErrorType
	RequestID string // x-amzn-RequestId
	Body      string
}

// rawCall sends a request with net/http, signed with the admin's key unless
// sign is false.
func rawCall(t *testing.T, srv *testserver.Server, method, path, body string, sign bool) rawResponse {
	t.Helper()
	var at time.Time
	if sign {
		at = time.Now()
	}
	return rawSignedAt(t, srv, method, path, body, body, at)
}

// rawSignedAt sends sentBody with a signature over signedBody made at time
// at with the admin's key; unsigned when at is zero.
func rawSignedAt(t *testing.T, srv *testserver.Server, method, path, signedBody, sentBody string, at time.Time) rawResponse {
	t.Helper()
	req, err := http.NewRequest(method, srv.URL+path, strings.NewReader(signedBody))
	if err != nil {
		t.Fatal(err)
	}
	if signedBody != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	if !at.IsZero() {
		sum := sha256.Sum256([]byte(signedBody))
		creds := aws.Credentials{AccessKeyID: srv.Admin.AccessKeyID, SecretAccessKey: srv.Admin.SecretAccessKey}
		if err := v4.NewSigner().SignHTTP(context.Background(), creds, req, hex.EncodeToString(sum[:]), "wellarchitected", testserver.Region, at); err != nil {
			t.Fatalf("sign: %v", err)
		}
	}
	if sentBody != signedBody {
		req.Body = io.NopCloser(strings.NewReader(sentBody))
		req.ContentLength = int64(len(sentBody))
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

// wantRawError fails unless r is an AWS JSON error of the given type and status.
func wantRawError(t *testing.T, r rawResponse, typ string, status int) {
	t.Helper()
	if r.Status != status || r.ErrorType != typ {
		t.Errorf("got %d %q (%s), want %d %s", r.Status, r.ErrorType, r.Body, status, typ)
	}
	var body struct{ Message string }
	if err := json.Unmarshal([]byte(r.Body), &body); err != nil || body.Message == "" {
		t.Errorf("error body %q is not a JSON object with a Message", r.Body)
	}
}

// TestAuthentication: requests that are not signed with a valid key get
// AWS's 403 errors and no data.
func TestAuthentication(t *testing.T) {
	t.Parallel()
	srv := startSQLite(t)
	ctx := context.Background()
	createWorkload(t, srv.Client, workloadInput("Secret Workload"))

	for _, tt := range []struct {
		name, key, secret, code string
	}{
		{"wrong secret", srv.Admin.AccessKeyID, strings.Repeat("x", 40), "InvalidSignatureException"},
		{"unknown key", "AKIAAAAAAAAAAAAAAAAA", srv.Admin.SecretAccessKey, "UnrecognizedClientException"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c := srv.NewClient(tt.key, tt.secret)
			out, err := c.ListWorkloads(ctx, &wellarchitected.ListWorkloadsInput{})
			wantAPIError(t, err, tt.code, 403)
			if out != nil {
				t.Errorf("ListWorkloads returned %d summaries", len(out.WorkloadSummaries))
			}
		})
	}

	for _, tt := range []struct{ method, path, body string }{
		{"POST", "/workloadsSummaries", "{}"},
		{"GET", "/lenses", ""},
		{"GET", "/no-such-path", ""},
	} {
		r := rawCall(t, srv, tt.method, tt.path, tt.body, false)
		wantRawError(t, r, "MissingAuthenticationTokenException", 403)
		if strings.Contains(r.Body, "Secret Workload") || strings.Contains(r.Body, "Summaries") {
			t.Errorf("unsigned %s %s answered %s", tt.method, tt.path, r.Body)
		}
	}

	// Signed, but not as received: too old, or for another body.
	r := rawSignedAt(t, srv, "POST", "/workloadsSummaries", "{}", "{}", time.Now().Add(-20*time.Minute))
	wantRawError(t, r, "InvalidSignatureException", 403)
	r = rawSignedAt(t, srv, "POST", "/workloadsSummaries", `{"WorkloadNamePrefix":"a"}`, `{"WorkloadNamePrefix":"b"}`, time.Now())
	wantRawError(t, r, "InvalidSignatureException", 403)
	if r := rawSignedAt(t, srv, "POST", "/workloadsSummaries", "{}", "{}", time.Now()); r.Status != 200 || !strings.Contains(r.Body, "Secret Workload") {
		t.Errorf("a correctly signed raw ListWorkloads: %d %s", r.Status, r.Body)
	}

	r = rawCall(t, srv, "GET", "/healthz", "", false)
	if r.Status != 200 {
		t.Errorf("GET /healthz without credentials: %d %s, want 200", r.Status, r.Body)
	}
}

// TestRequestIDs: every response, success or error, signed or not, carries
// a distinct x-amzn-RequestId.
func TestRequestIDs(t *testing.T) {
	t.Parallel()
	srv := startSQLite(t)
	ctx := context.Background()
	ids := map[string]string{} // request id -> what returned it
	record := func(what, id string) {
		t.Helper()
		if !requestIDRE.MatchString(id) {
			t.Errorf("%s: request id %q, want a UUID", what, id)
			return
		}
		if prev, ok := ids[id]; ok {
			t.Errorf("%s and %s share request id %s", prev, what, id)
		}
		ids[id] = what
	}

	out, err := srv.Client.ListWorkloads(ctx, &wellarchitected.ListWorkloadsInput{})
	if err != nil {
		t.Fatal(err)
	}
	id, _ := awsmiddleware.GetRequestIDMetadata(out.ResultMetadata)
	record("SDK success", id)
	_, err = srv.Client.GetWorkload(ctx, &wellarchitected.GetWorkloadInput{WorkloadId: aws.String(strings.Repeat("0", 32))})
	var re *awshttp.ResponseError
	if !errors.As(err, &re) {
		t.Fatalf("GetWorkload of a missing workload: %v", err)
	}
	record("SDK error", re.ServiceRequestID())
	for _, call := range []struct {
		what, method, path, body string
		sign                     bool
	}{
		{"healthz", "GET", "/healthz", "", false},
		{"unsigned", "POST", "/workloadsSummaries", "{}", false},
		{"signed success", "POST", "/workloadsSummaries", "{}", true},
		{"unknown path", "GET", "/no-such-path", "", true},
		{"malformed body", "POST", "/workloads", "{", true},
	} {
		record(call.what, rawCall(t, srv, call.method, call.path, call.body, call.sign).RequestID)
	}
}

// TestMalformedRequests: correctly signed requests that no operation can
// read are client errors, never 500s.
func TestMalformedRequests(t *testing.T) {
	t.Parallel()
	srv := startSQLite(t)
	wid := createWorkload(t, srv.Client, workloadInput("Malformed"))
	answer := "/workloads/" + wid + "/lensReviews/wellarchitected/answers/priorities"
	tests := []struct {
		name, method, path, body string
		typ                      string
		status                   int
	}{
		{"truncated JSON", "POST", "/workloads", `{"WorkloadName": `, "ValidationException", 400},
		{"not JSON", "POST", "/workloads", `WorkloadName=x`, "ValidationException", 400},
		{"JSON array", "POST", "/workloads", `[]`, "ValidationException", 400},
		{"number for a string", "POST", "/workloads", `{"WorkloadName": 5, "Description": "abc", "Environment": "PRODUCTION", "Lenses": [], "ClientRequestToken": "t"}`, "ValidationException", 400},
		{"empty body", "POST", "/workloads", ``, "ValidationException", 400},
		{"string for a list", "PATCH", answer, `{"SelectedChoices": "ops_priorities_no"}`, "ValidationException", 400},
		{"truncated answer", "PATCH", answer, `{"SelectedChoices": ["ops_priorities_no"`, "ValidationException", 400},
		{"bad MaxResults query", "GET", "/workloads/" + wid + "/lensReviews/wellarchitected/answers?MaxResults=ten", "", "ValidationException", 400},
		{"bad workload id", "GET", "/workloads/not-an-id", "", "ValidationException", 400},
		{"unknown path", "GET", "/no-such-path", "", "UnknownOperationException", 404},
		{"unknown nested path", "GET", "/workloads/" + wid + "/nothing/here", "", "UnknownOperationException", 404},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := rawCall(t, srv, tt.method, tt.path, tt.body, true)
			wantRawError(t, r, tt.typ, tt.status)
		})
	}
	// The workload is untouched by the malformed answer updates.
	a, err := srv.Client.GetAnswer(context.Background(), &wellarchitected.GetAnswerInput{WorkloadId: aws.String(wid), LensAlias: aws.String(lensAlias), QuestionId: aws.String("priorities")})
	if err != nil {
		t.Fatal(err)
	}
	if a.Answer.Risk != types.RiskUnanswered {
		t.Errorf("after malformed updates the answer's risk is %s, want UNANSWERED", a.Answer.Risk)
	}
}
