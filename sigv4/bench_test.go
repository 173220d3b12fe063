package sigv4

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"
)

// BenchmarkVerify measures one verification of an UpdateAnswer-like request
// with a 1 KB body, signed like the Go SDK signs (SDK headers, an ARN label).
func BenchmarkVerify(b *testing.B) {
	body := []byte(`{"Notes":"` + strings.Repeat("x", 1024-12) + `"}`)
	req := newClientRequest(b, http.MethodPatch, baseURL, body)
	req.Header.Set("Amz-Sdk-Invocation-Id", "7f3c2a3e-8a4b-4c5d-9e6f-0a1b2c3d4e5f")
	req.Header.Set("Amz-Sdk-Request", "attempt=1; max=3")
	req.Header.Set("User-Agent", "aws-sdk-go-v2/1.41.0 os/linux lang/go#1.26 api/wellarchitected#1.40.2")
	signWithSDK(b, req, body, defaultSignParams())
	sr, got := toServerRequest(b, req)
	v := NewVerifier(testService, testRegion)
	v.Now = func() time.Time { return testTime }
	ctx := context.Background()
	if _, err := v.Verify(ctx, sr, got, testLookup); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(got)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := v.Verify(ctx, sr, got, testLookup); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkVerifyGet measures one verification of a GetLensReview-like
// request: a GET without a body or a query, as the Go SDK signs it.
func BenchmarkVerifyGet(b *testing.B) {
	req := newClientRequest(b, http.MethodGet, "http://wat.example.com/workloads/0123456789abcdef0123456789abcdef/lensReviews/wellarchitected", nil)
	req.Header.Set("Amz-Sdk-Invocation-Id", "7f3c2a3e-8a4b-4c5d-9e6f-0a1b2c3d4e5f")
	req.Header.Set("Amz-Sdk-Request", "attempt=1; max=3")
	req.Header.Set("User-Agent", "aws-sdk-go-v2/1.41.0 os/linux lang/go#1.26 api/wellarchitected#1.40.2")
	signWithSDK(b, req, nil, defaultSignParams())
	sr, got := toServerRequest(b, req)
	v := NewVerifier(testService, testRegion)
	v.Now = func() time.Time { return testTime }
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := v.Verify(ctx, sr, got, testLookup); err != nil {
			b.Fatal(err)
		}
	}
}
