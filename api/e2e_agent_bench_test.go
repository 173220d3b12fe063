package api_test

import (
	"context"
	"fmt"
	"syscall"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	wa "github.com/aws/aws-sdk-go-v2/service/wellarchitected"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected/types"

	"github.com/wat-dev/wat/internal/testserver"
)

// BenchmarkAgentGeneration100Workloads measures one generation, queued with
// the SDK and run by the worker, over a profile whose scope selects 100
// workloads, each with a security question at risk and the scan evidence
// of every CloudFormation and Terraform fixture of package scan. The
// target is under 2 s a generation.
func BenchmarkAgentGeneration100Workloads(b *testing.B) {
	srv := testserver.Start(b, testserver.Options{})
	ctx := context.Background()
	c := srv.Client
	var question string
	var choice string
	for _, q := range srv.Service.Lenses().Framework().Lens.Questions() {
		if q.PillarID == "security" {
			question, choice = q.ID, q.Choices[0].ID
			break
		}
	}
	s := scanFixtures(b, "../scan/testdata/cfn/*", "../scan/testdata/terraform/*.json", "testdata/evidence/*.yaml")
	for i := range 100 {
		w, err := c.CreateWorkload(ctx, workloadInput(fmt.Sprintf("Bench workload %03d", i)))
		if err != nil {
			b.Fatal(err)
		}
		if _, err := c.UpdateAnswer(ctx, &wa.UpdateAnswerInput{WorkloadId: w.WorkloadId, LensAlias: aws.String(lensAlias),
			QuestionId: &question, SelectedChoices: []string{choice}}); err != nil {
			b.Fatal(err)
		}
		putEvidence(b, c, s.input(aws.ToString(w.WorkloadId)))
	}
	p, err := c.CreateAgentProfile(ctx, agentProfileInput("bench", srv.Admin.AccountID))
	if err != nil {
		b.Fatal(err)
	}
	recs := 0
	var cpu time.Duration
	b.ResetTimer()
	for b.Loop() {
		start := processCPU(b)
		if _, err := c.StartAgentRecommendationGeneration(ctx, &wa.StartAgentRecommendationGenerationInput{ProfileArn: p.Arn,
			Types: []types.RecommendationType{types.RecommendationTypeArchitecture}, Scope: &types.Scope{Pillars: []types.Pillar{types.PillarSecurity, types.PillarResilience}}}); err != nil {
			b.Fatal(err)
		}
		if n, err := srv.Service.RunAgentGenerations(ctx, testWorker); err != nil || n != 1 {
			b.Fatalf("RunAgentGenerations = %d, %v", n, err)
		}
		cpu += processCPU(b) - start
		b.StopTimer()
		out, err := c.ListAgentRecommendations(ctx, &wa.ListAgentRecommendationsInput{ProfileArn: p.Arn, MaxResults: aws.Int32(1000)})
		if err != nil {
			b.Fatal(err)
		}
		recs = len(out.Items)
		b.StartTimer()
	}
	b.ReportMetric(float64(recs), "recommendations")
	// The CPU time the process spent (every thread, GC included): on a
	// machine other jobs share, wall time says more of them than of wat.
	b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/op")
}

// processCPU is the user and system time the process has used so far.
func processCPU(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
