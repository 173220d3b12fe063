package testserver_test

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected/types"

	"github.com/wat-dev/wat/internal/testserver"
)

// BenchmarkCreateWorkloadFromTemplateSQLite measures CreateWorkload with
// a review template whose framework questions are all answered, with
// notes: the workload's lens review and 57 answers are copied in its
// transaction. The target is under 50 ms.
func BenchmarkCreateWorkloadFromTemplateSQLite(b *testing.B) {
	benchCreateFromTemplate(b, testserver.Options{})
}

// BenchmarkCreateWorkloadFromTemplatePostgres is
// BenchmarkCreateWorkloadFromTemplateSQLite on PostgreSQL.
func BenchmarkCreateWorkloadFromTemplatePostgres(b *testing.B) {
	benchCreateFromTemplate(b, testserver.Options{DatabaseURL: testserver.PostgresDatabase(b)})
}

func benchCreateFromTemplate(b *testing.B, opts testserver.Options) {
	srv := testserver.Start(b, opts)
	ctx := context.Background()
	c := srv.Client
	t, err := c.CreateReviewTemplate(ctx, &wellarchitected.CreateReviewTemplateInput{
		TemplateName: aws.String("Benchmark"), Description: aws.String("benchmark template"),
		Lenses: []string{"wellarchitected"}, Notes: aws.String("benchmark"), ClientRequestToken: aws.String("bench"),
	})
	if err != nil {
		b.Fatal(err)
	}
	lens := aws.String("wellarchitected")
	p := wellarchitected.NewListReviewTemplateAnswersPaginator(c, &wellarchitected.ListReviewTemplateAnswersInput{TemplateArn: t.TemplateArn, LensAlias: lens})
	n := 0
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			b.Fatal(err)
		}
		for _, a := range page.AnswerSummaries {
			if _, err := c.UpdateReviewTemplateAnswer(ctx, &wellarchitected.UpdateReviewTemplateAnswerInput{
				TemplateArn: t.TemplateArn, LensAlias: lens, QuestionId: a.QuestionId,
				SelectedChoices: []string{aws.ToString(a.Choices[0].ChoiceId)}, Notes: aws.String("benchmark"),
			}); err != nil {
				b.Fatal(err)
			}
			n++
		}
	}
	if n != 57 {
		b.Fatalf("answered %d questions, want 57", n)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		out, err := c.CreateWorkload(ctx, &wellarchitected.CreateWorkloadInput{
			WorkloadName: aws.String(testserver.RandomName("From template")), Description: aws.String("benchmark workload"),
			Environment: types.WorkloadEnvironmentProduction, AwsRegions: []string{"us-east-1"},
			ReviewOwner: aws.String("bench"), Lenses: []string{"wellarchitected"}, ReviewTemplateArns: []string{aws.ToString(t.TemplateArn)},
		})
		if err != nil {
			b.Fatal(err)
		}
		b.StopTimer() // stay under the workloads quota
		if _, err := c.DeleteWorkload(ctx, &wellarchitected.DeleteWorkloadInput{WorkloadId: out.WorkloadId, ClientRequestToken: out.WorkloadId}); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
	}
}
