package testserver_test

import (
	"context"
	"runtime"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected/types"

	"github.com/wat-dev/wat/internal/testserver"
)

// benchServer starts a server with one workload whose framework questions
// are all answered, as a review in progress looks.
func benchServer(b *testing.B, opts testserver.Options) (*testserver.Server, *string) {
	b.Helper()
	srv := testserver.Start(b, opts)
	ctx := context.Background()
	w, err := srv.Client.CreateWorkload(ctx, &wellarchitected.CreateWorkloadInput{
		WorkloadName: aws.String("Benchmark"), Description: aws.String("benchmark workload"),
		Environment: types.WorkloadEnvironmentProduction, AwsRegions: []string{"us-east-1"},
		ReviewOwner: aws.String("bench"), Lenses: []string{"wellarchitected"},
	})
	if err != nil {
		b.Fatal(err)
	}
	p := wellarchitected.NewListAnswersPaginator(srv.Client, &wellarchitected.ListAnswersInput{WorkloadId: w.WorkloadId, LensAlias: aws.String("wellarchitected")})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			b.Fatal(err)
		}
		for _, a := range page.AnswerSummaries {
			if _, err := srv.Client.UpdateAnswer(ctx, &wellarchitected.UpdateAnswerInput{
				WorkloadId: w.WorkloadId, LensAlias: aws.String("wellarchitected"), QuestionId: a.QuestionId,
				SelectedChoices: []string{aws.ToString(a.Choices[0].ChoiceId)}, Notes: aws.String("benchmark"),
			}); err != nil {
				b.Fatal(err)
			}
		}
	}
	return srv, w.WorkloadId
}

// runParallel runs call from 16 concurrent clients and reports latency
// percentiles beside ns/op.
func runParallel(b *testing.B, call func(ctx context.Context) error) {
	var (
		mu   sync.Mutex
		lats []time.Duration
	)
	b.SetParallelism((16 + runtime.GOMAXPROCS(0) - 1) / runtime.GOMAXPROCS(0))
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		ctx := context.Background()
		var local []time.Duration
		for pb.Next() {
			t0 := time.Now()
			if err := call(ctx); err != nil {
				b.Error(err)
				return
			}
			local = append(local, time.Since(t0))
		}
		mu.Lock()
		lats = append(lats, local...)
		mu.Unlock()
	})
	b.StopTimer()
	if len(lats) > 0 {
		sort.Slice(lats, func(i, j int) bool { return lats[i] < lats[j] })
		b.ReportMetric(float64(lats[len(lats)/2].Microseconds()), "p50-µs")
		b.ReportMetric(float64(lats[len(lats)*99/100].Microseconds()), "p99-µs")
	}
}

func benchUpdateAnswer(b *testing.B, opts testserver.Options) {
	srv, id := benchServer(b, opts)
	runParallel(b, func(ctx context.Context) error {
		_, err := srv.Client.UpdateAnswer(ctx, &wellarchitected.UpdateAnswerInput{
			WorkloadId: id, LensAlias: aws.String("wellarchitected"), QuestionId: aws.String("priorities"),
			SelectedChoices: []string{"ops_priorities_ext_cust_needs", "ops_priorities_governance_reqs"},
		})
		return err
	})
}

func benchGetLensReview(b *testing.B, opts testserver.Options) {
	srv, id := benchServer(b, opts)
	runParallel(b, func(ctx context.Context) error {
		_, err := srv.Client.GetLensReview(ctx, &wellarchitected.GetLensReviewInput{WorkloadId: id, LensAlias: aws.String("wellarchitected")})
		return err
	})
}

// BenchmarkUpdateAnswerSQLite: signed UpdateAnswer over HTTP, durable
// (synchronous=FULL), 16 concurrent SDK clients in the same process.
func BenchmarkUpdateAnswerSQLite(b *testing.B) { benchUpdateAnswer(b, testserver.Options{}) }

// BenchmarkGetLensReviewSQLite: signed GetLensReview of a fully answered review.
func BenchmarkGetLensReviewSQLite(b *testing.B) { benchGetLensReview(b, testserver.Options{}) }

// BenchmarkUpdateAnswerPostgres is BenchmarkUpdateAnswerSQLite on PostgreSQL.
func BenchmarkUpdateAnswerPostgres(b *testing.B) {
	benchUpdateAnswer(b, testserver.Options{DatabaseURL: testserver.PostgresDatabase(b)})
}

// BenchmarkGetLensReviewPostgres is BenchmarkGetLensReviewSQLite on PostgreSQL.
func BenchmarkGetLensReviewPostgres(b *testing.B) {
	benchGetLensReview(b, testserver.Options{DatabaseURL: testserver.PostgresDatabase(b)})
}
