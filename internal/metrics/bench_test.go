package metrics_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"

	"github.com/wat-dev/wat"
	"github.com/wat-dev/wat/api"
	"github.com/wat-dev/wat/internal/metrics"
	"github.com/wat-dev/wat/service"
	"github.com/wat-dev/wat/sqlstore"
)

// benchRequest serves one signed ListWorkloads (an account with no
// workloads: the cheapest authenticated call, so the instrumentation's
// share is as large as it gets) through ServeHTTP, b.N times, with the
// metrics and the info-level JSON request log on or off.
func benchRequest(b *testing.B, instrumented bool) {
	ctx := context.Background()
	store, err := sqlstore.OpenSQLite(ctx, filepath.Join(b.TempDir(), "wat.db"), []byte("0123456789abcdef0123456789abcdef"))
	if err != nil {
		b.Fatal(err)
	}
	defer store.Close()
	level := slog.LevelWarn // no request line
	var m *metrics.Metrics
	if instrumented {
		level, m = slog.LevelInfo, metrics.New("bench")
	}
	log := slog.New(slog.NewJSONHandler(io.Discard, &slog.HandlerOptions{Level: level}))
	svc := service.New(service.Config{Store: m.Store(store), Region: "us-east-1", Logger: log})
	admin, err := svc.EnsureDefaultAccount(ctx)
	if err != nil {
		b.Fatal(err)
	}
	srv := api.New(svc, log)
	if m != nil {
		srv.Observer = m
	}
	body := []byte("{}")
	signed := httptest.NewRequest(http.MethodPost, "http://wat.test/workloadsSummaries", nil)
	signed.Header.Set("Content-Type", "application/json")
	sum := sha256.Sum256(body)
	creds := aws.Credentials{AccessKeyID: admin.AccessKeyID, SecretAccessKey: admin.SecretAccessKey}
	if err := v4.NewSigner().SignHTTP(ctx, creds, signed, hex.EncodeToString(sum[:]), "wellarchitected", "us-east-1", time.Now()); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		req := signed.Clone(ctx)
		req.Body = io.NopCloser(bytes.NewReader(body))
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			b.Fatalf("ListWorkloads: %d %s", rec.Code, rec.Body)
		}
	}
}

// BenchmarkRequestPlain: no metrics, no request log line.
func BenchmarkRequestPlain(b *testing.B) { benchRequest(b, false) }

// BenchmarkRequestInstrumented: metrics (request counters and histogram,
// the store's timing) and the JSON request log at info.
func BenchmarkRequestInstrumented(b *testing.B) { benchRequest(b, true) }

// BenchmarkObserveRequest is the metrics' part of a request alone: the
// counter, the histogram, and a store transaction's timing.
func BenchmarkObserveRequest(b *testing.B) {
	m := metrics.New("bench")
	info := api.RequestInfo{Operation: "ListWorkloads", Status: 200, Duration: 3 * time.Millisecond, Principal: "arn:aws:iam::123456789012:user/admin"}
	store := m.Store(nopStore{})
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		store.View(ctx, nil)
		m.ObserveRequest(info)
	}
}

// nopStore is a store whose transactions do nothing.
type nopStore struct{ wat.Store }

func (nopStore) View(context.Context, func(wat.Tx) error) error { return nil }
