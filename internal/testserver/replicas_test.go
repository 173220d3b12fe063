package testserver_test

import (
	"context"
	"fmt"
	"sort"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected/types"

	"github.com/wat-dev/wat/internal/testserver"
	"github.com/wat-dev/wat/service"
	"github.com/wat-dev/wat/sqlstore"
)

// TestReplicasBehaveAsOneService runs two servers on one PostgreSQL
// database, as two `wat serve` replicas behind a load balancer, and checks
// that what one writes the other serves, and that concurrent writes through
// both keep the rules (unique names, milestone numbering).
func TestReplicasBehaveAsOneService(t *testing.T) {
	url := testserver.PostgresDatabase(t)
	a := testserver.Start(t, testserver.Options{DatabaseURL: url})
	b := testserver.Start(t, testserver.Options{DatabaseURL: url})
	if a.Admin == nil || b.Admin != nil {
		t.Fatalf("the default account must be created exactly once (a: %v, b: %v)", a.Admin != nil, b.Admin != nil)
	}
	ca := a.Client
	cb := b.NewClient(a.Admin.AccessKeyID, a.Admin.SecretAccessKey)
	ctx := context.Background()

	w, err := ca.CreateWorkload(ctx, &wellarchitected.CreateWorkloadInput{
		WorkloadName: aws.String("Replicated"), Description: aws.String("served by two replicas"),
		Environment: types.WorkloadEnvironmentProduction, AwsRegions: []string{"eu-west-1"},
		ReviewOwner: aws.String("ops"), Lenses: []string{"wellarchitected"},
	})
	if err != nil {
		t.Fatal(err)
	}
	// Replica a reads (and caches) the review before replica b changes it.
	before, err := ca.GetLensReview(ctx, &wellarchitected.GetLensReviewInput{WorkloadId: w.WorkloadId, LensAlias: aws.String("wellarchitected")})
	if err != nil {
		t.Fatal(err)
	}
	if got := before.LensReview.RiskCounts["UNANSWERED"]; got != 57 {
		t.Fatalf("fresh review has %d unanswered questions, want 57", got)
	}
	if _, err := cb.UpdateAnswer(ctx, &wellarchitected.UpdateAnswerInput{
		WorkloadId: w.WorkloadId, LensAlias: aws.String("wellarchitected"), QuestionId: aws.String("priorities"),
		SelectedChoices: []string{"ops_priorities_no"},
	}); err != nil {
		t.Fatalf("UpdateAnswer through replica b: %v", err)
	}
	got, err := ca.GetAnswer(ctx, &wellarchitected.GetAnswerInput{
		WorkloadId: w.WorkloadId, LensAlias: aws.String("wellarchitected"), QuestionId: aws.String("priorities"),
	})
	if err != nil {
		t.Fatal(err)
	}
	if got.Answer.Risk != types.RiskHigh {
		t.Errorf("replica a sees risk %q after replica b answered \"None of these\", want HIGH", got.Answer.Risk)
	}
	after, err := ca.GetLensReview(ctx, &wellarchitected.GetLensReviewInput{WorkloadId: w.WorkloadId, LensAlias: aws.String("wellarchitected")})
	if err != nil {
		t.Fatal(err)
	}
	if after.LensReview.RiskCounts["HIGH"] != 1 || after.LensReview.RiskCounts["UNANSWERED"] != 56 {
		t.Errorf("replica a serves risk counts %v after replica b's answer, want HIGH 1 and UNANSWERED 56", after.LensReview.RiskCounts)
	}

	// Concurrent milestones through both replicas get distinct numbers 1..n.
	const n = 12
	var (
		mu      sync.Mutex
		numbers []int
		wg      sync.WaitGroup
	)
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			c := ca
			if i%2 == 1 {
				c = cb
			}
			out, err := c.CreateMilestone(ctx, &wellarchitected.CreateMilestoneInput{
				WorkloadId: w.WorkloadId, MilestoneName: aws.String(fmt.Sprintf("milestone %02d", i)),
			})
			if err != nil {
				t.Errorf("CreateMilestone %d: %v", i, err)
				return
			}
			mu.Lock()
			numbers = append(numbers, int(aws.ToInt32(out.MilestoneNumber)))
			mu.Unlock()
		}(i)
	}
	wg.Wait()
	sort.Ints(numbers)
	for i, got := range numbers {
		if got != i+1 {
			t.Fatalf("milestone numbers %v, want 1..%d without gaps or repeats", numbers, n)
		}
	}

	// Concurrent creates of one name through both replicas: exactly one wins.
	var wins, conflicts int
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			c := ca
			if i%2 == 1 {
				c = cb
			}
			_, err := c.CreateWorkload(ctx, &wellarchitected.CreateWorkloadInput{
				WorkloadName: aws.String(fmt.Sprintf("Same  Name%s", map[bool]string{true: "", false: " "}[i%3 == 0])),
				Description:  aws.String("racing"), Environment: types.WorkloadEnvironmentPreproduction,
				AwsRegions: []string{"eu-west-1"}, ReviewOwner: aws.String("ops"), Lenses: []string{"wellarchitected"},
			})
			mu.Lock()
			defer mu.Unlock()
			var ce *types.ConflictException
			switch {
			case err == nil:
				wins++
			case asConflict(err, &ce):
				conflicts++
			default:
				t.Errorf("CreateWorkload race: %v", err)
			}
		}(i)
	}
	wg.Wait()
	if wins != 1 || conflicts != 7 {
		t.Errorf("racing creates of one name: %d succeeded, %d conflicted; want 1 and 7", wins, conflicts)
	}
}

// TestReplicasFirstStartTogether starts several replicas at once on an
// empty PostgreSQL database, several times: exactly one creates the default
// account each time.
func TestReplicasFirstStartTogether(t *testing.T) {
	for round := 0; round < 5; round++ {
		url := testserver.PostgresDatabase(t)
		ctx := context.Background()
		const n = 8
		var svcs []*service.Service
		for i := 0; i < n; i++ {
			db, err := sqlstore.OpenPostgres(ctx, url, testserver.MasterKey)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { db.Close() })
			svcs = append(svcs, service.New(service.Config{Store: db, Region: testserver.Region}))
		}
		created := make(chan bool, n)
		start := make(chan struct{})
		var wg sync.WaitGroup
		for _, svc := range svcs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				creds, err := svc.EnsureDefaultAccount(ctx)
				if err != nil {
					t.Error(err)
				}
				created <- creds != nil
			}()
		}
		close(start)
		wg.Wait()
		close(created)
		count := 0
		for c := range created {
			if c {
				count++
			}
		}
		if count != 1 {
			t.Fatalf("round %d: %d replicas created a default account, want exactly 1", round, count)
		}
	}
}
