package testserver_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected/types"

	"github.com/wat-dev/wat"
	"github.com/wat-dev/wat/internal/testserver"
	"github.com/wat-dev/wat/service"
)

// seedWorkloads creates n workloads of the default account through the
// service, each with the first `answered` framework questions answered.
func seedWorkloads(b testing.TB, srv *testserver.Server, n, answered int) {
	b.Helper()
	ctx := wat.NewContextWithPrincipal(context.Background(), &wat.Principal{
		AccountID: srv.Admin.AccountID, UserName: "admin", UserARN: srv.Admin.UserARN, IsAdmin: true,
	})
	qs := srv.Service.Lenses().Framework().Lens.Questions()[:answered]
	var (
		wg   sync.WaitGroup
		mu   sync.Mutex
		errs []error
	)
	work := make(chan int)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range work {
				w, err := srv.Service.CreateWorkload(ctx, service.CreateWorkloadInput{Workload: wat.Workload{
					Name: fmt.Sprintf("Workload %04d", i), Description: "seeded for the benchmark", Environment: wat.EnvironmentProduction,
					AWSRegions: []string{"us-east-1"}, ReviewOwner: "ops",
				}})
				for j, q := range qs {
					if err != nil {
						break
					}
					_, err = srv.Service.UpdateAnswer(ctx, service.UpdateAnswerInput{
						WorkloadID: w.ID, LensAlias: "wellarchitected", QuestionID: q.ID,
						SelectedChoices: []string{q.Choices[(i+j)%len(q.Choices)].ID},
					})
				}
				if err != nil {
					mu.Lock()
					errs = append(errs, err)
					mu.Unlock()
				}
			}
		}()
	}
	for i := 0; i < n; i++ {
		work <- i
	}
	close(work)
	wg.Wait()
	if len(errs) > 0 {
		b.Fatalf("seeding: %v (and %d more)", errs[0], len(errs)-1)
	}
}

func benchConsolidated(b *testing.B, opts testserver.Options, format types.ReportFormat) {
	srv := testserver.Start(b, opts)
	seedWorkloads(b, srv, 1000, 20)
	ctx := context.Background()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		var token *string
		for {
			out, err := srv.Client.GetConsolidatedReport(ctx, &wellarchitected.GetConsolidatedReportInput{Format: format, NextToken: token, MaxResults: aws.Int32(15)})
			if err != nil {
				b.Fatal(err)
			}
			if format == types.ReportFormatPdf || out.NextToken == nil {
				break
			}
			token = out.NextToken
		}
	}
}

// BenchmarkConsolidatedPDF1000SQLite: the consolidated PDF across 1,000
// workloads (20 framework questions answered in each), one call.
func BenchmarkConsolidatedPDF1000SQLite(b *testing.B) {
	benchConsolidated(b, testserver.Options{}, types.ReportFormatPdf)
}

// BenchmarkConsolidatedJSON1000SQLite: every page (15 workloads each) of
// the consolidated JSON metrics across 1,000 workloads.
func BenchmarkConsolidatedJSON1000SQLite(b *testing.B) {
	benchConsolidated(b, testserver.Options{}, types.ReportFormatJson)
}

// BenchmarkConsolidatedPDF1000Postgres is the PDF benchmark on PostgreSQL.
func BenchmarkConsolidatedPDF1000Postgres(b *testing.B) {
	benchConsolidated(b, testserver.Options{DatabaseURL: testserver.PostgresDatabase(b)}, types.ReportFormatPdf)
}

// BenchmarkConsolidatedJSON1000Postgres is the JSON benchmark on PostgreSQL.
func BenchmarkConsolidatedJSON1000Postgres(b *testing.B) {
	benchConsolidated(b, testserver.Options{DatabaseURL: testserver.PostgresDatabase(b)}, types.ReportFormatJson)
}

// benchConsolidatedRaw fetches the same pages as benchConsolidated's JSON
// run, signed, with net/http instead of the SDK: each body is read whole
// but not decoded (the SDK's decoding of the 15 MB of metrics costs its
// client more CPU than the server spends), so this is the server's part.
func benchConsolidatedRaw(b *testing.B, opts testserver.Options) {
	srv := testserver.Start(b, opts)
	seedWorkloads(b, srv, 1000, 20)
	ctx := context.Background()
	creds := aws.Credentials{AccessKeyID: srv.Admin.AccessKeyID, SecretAccessKey: srv.Admin.SecretAccessKey}
	signer := v4.NewSigner()
	empty := sha256.Sum256(nil)
	get := func(token string) ([]byte, error) {
		q := url.Values{"Format": {"JSON"}, "MaxResults": {"15"}}
		if token != "" {
			q.Set("NextToken", token)
		}
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL+"/consolidatedReport?"+q.Encode(), nil)
		if err != nil {
			return nil, err
		}
		if err := signer.SignHTTP(ctx, creds, req, hex.EncodeToString(empty[:]), "wellarchitected", testserver.Region, time.Now()); err != nil {
			return nil, err
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			return nil, err
		}
		defer resp.Body.Close()
		body, err := io.ReadAll(resp.Body)
		if err == nil && resp.StatusCode != http.StatusOK {
			err = fmt.Errorf("GetConsolidatedReport: %s: %.200s", resp.Status, body)
		}
		return body, err
	}
	marker := []byte(`"NextToken":"`)
	b.ResetTimer()
	total := 0
	for i := 0; i < b.N; i++ {
		token, pages, size := "", 0, 0
		for {
			body, err := get(token)
			if err != nil {
				b.Fatal(err)
			}
			pages, size = pages+1, size+len(body)
			j := bytes.LastIndex(body, marker) // NextToken is the last member
			if j < 0 {
				break
			}
			rest := body[j+len(marker):]
			token = string(rest[:bytes.IndexByte(rest, '"')])
		}
		if pages != 67 {
			b.Fatalf("%d pages, want 67", pages)
		}
		total = size
	}
	b.ReportMetric(float64(total)/1e6, "MB/op")
}

// BenchmarkConsolidatedJSON1000RawSQLite: the server's part of
// ConsolidatedJSON1000SQLite (see benchConsolidatedRaw).
func BenchmarkConsolidatedJSON1000RawSQLite(b *testing.B) {
	benchConsolidatedRaw(b, testserver.Options{})
}

// BenchmarkConsolidatedJSON1000RawPostgres is the same on PostgreSQL.
func BenchmarkConsolidatedJSON1000RawPostgres(b *testing.B) {
	benchConsolidatedRaw(b, testserver.Options{DatabaseURL: testserver.PostgresDatabase(b)})
}
