package testserver_test

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected/types"

	"github.com/wat-dev/wat"
	"github.com/wat-dev/wat/internal/testserver"
	"github.com/wat-dev/wat/service"
)

// seedWorkloads creates n workloads of the default account through the
// service, each with the first `answered` framework questions answered.
func seedWorkloads(b *testing.B, srv *testserver.Server, n, answered int) {
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
