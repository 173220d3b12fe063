package api_test

import (
	"context"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected/types"

	"github.com/wat-dev/wat"
	"github.com/wat-dev/wat/internal/metrics"
	"github.com/wat-dev/wat/internal/metrics/metricstest"
	"github.com/wat-dev/wat/internal/testserver"
	"github.com/wat-dev/wat/internal/watclient"
	"github.com/wat-dev/wat/jira"
	"github.com/wat-dev/wat/jira/jiratest"
)

// TestQueueMetrics: work waiting in every background queue (an Agent
// generation with no worker running, an AUTO workload's Jira sync while
// Jira is down, webhook deliveries to a receiver refusing them, an
// invitation past its time) shows in the scraped metrics by state with a
// non-zero age; the workers count what they retry and complete, and once
// the queues drain every depth and age reads 0.
func TestQueueMetrics(t *testing.T) {
	t.Run("sqlite", func(t *testing.T) {
		t.Parallel()
		testQueueMetrics(t, testserver.Options{})
	})
	t.Run("postgres", func(t *testing.T) {
		t.Parallel()
		testQueueMetrics(t, testserver.Options{DatabaseURL: testserver.PostgresDatabase(t)})
	})
}

func testQueueMetrics(t *testing.T, opts testserver.Options) {
	ctx := context.Background()
	var offset atomic.Int64
	opts.Now = func() time.Time { return time.Now().Add(time.Duration(offset.Load())) }
	srv := testserver.Start(t, opts)
	m := metrics.New("test")
	m.ObserveQueues(srv.Store.(wat.QueueReader), time.Nanosecond, nil)
	ms := httptest.NewServer(m.Handler())
	defer ms.Close()
	scrape := func() metricstest.Families { return metricstest.Scrape(t, ms.Client(), ms.URL) }
	value := func(f metricstest.Families, name string, labels ...string) float64 {
		t.Helper()
		v, found := f.Value(name, labels...)
		if !found {
			t.Fatalf("no %s%q", name, labels)
		}
		return v
	}

	r := newHookReceiver(t)
	r.fail(503, "down for maintenance")
	subscribe(t, watclient.FromSDK(srv.Client), r.URL) // every event
	// An invitation made eight days ago.
	offset.Store(int64(-8 * 24 * time.Hour))
	wid := createWorkload(t, srv.Client, workloadInput("shared-queue"))
	if _, err := srv.Client.CreateWorkloadShare(ctx, &wellarchitected.CreateWorkloadShareInput{WorkloadId: &wid,
		SharedWith: aws.String("222222222222"), PermissionType: types.PermissionTypeReadonly, ClientRequestToken: aws.String("share-1")}); err != nil {
		t.Fatal(err)
	}
	offset.Store(0)
	f := newAgentFixture(t, srv)
	f.start(t)
	fake := jiratest.New(t, jira.Cloud)
	connectJiraSecret(t, srv, fake)
	id := jiraWorkload(t, srv, types.IssueManagementTypeAuto)
	q := srv.Service.Lenses().Framework().Lens.Questions()[0]
	answerAtRisk(t, srv.Client, id, q.ID, practices(q)[0].ID)
	time.Sleep(10 * time.Millisecond)

	got := scrape()
	for _, queue := range []string{"agent_generation", "jira_sync", "webhook_delivery"} {
		if n := value(got, "wat_queue_depth", "queue", queue, "state", "pending"); n < 1 {
			t.Errorf("%s's pending depth = %v, want at least 1", queue, n)
		}
		if age := value(got, "wat_queue_oldest_age_seconds", "queue", queue); age <= 0 || age > 60 {
			t.Errorf("%s's oldest age = %vs, want a few milliseconds", queue, age)
		}
	}
	if n := value(got, "wat_queue_depth", "queue", "invitation_expiry", "state", "due"); n != 1 {
		t.Errorf("invitations due = %v, want 1", n)
	}
	if age := value(got, "wat_queue_oldest_age_seconds", "queue", "invitation_expiry"); age < 23*3600 || age > 25*3600 {
		t.Errorf("the invitation has been due for %vs, want about a day", age)
	}

	// Jira is down and the receiver refuses: the workers retry.
	fake.FailNext(5, 503, "0")
	jw := jiraWorker
	jw.Jobs = m
	if _, err := srv.Service.RunJiraSyncs(ctx, jw); err != nil {
		t.Fatal(err)
	}
	hw := loopbackWorker(t)
	hw.Jobs = m
	deliver(t, srv, hw)
	got = scrape()
	if n := value(got, "wat_queue_depth", "queue", "jira_sync", "state", "retrying"); n != 1 {
		t.Errorf("jira_sync retrying = %v, want 1", n)
	}
	if n := value(got, "wat_queue_depth", "queue", "webhook_delivery", "state", "retrying"); n < 1 {
		t.Errorf("webhook_delivery retrying = %v, want at least 1", n)
	}
	for _, queue := range []string{"jira_sync", "webhook_delivery"} {
		if n := value(got, "wat_queue_jobs_total", "queue", queue, "outcome", "retried"); n < 1 {
			t.Errorf("%s retried %v jobs, want at least 1", queue, n)
		}
		if age := value(got, "wat_queue_oldest_age_seconds", "queue", queue); age <= 0 {
			t.Errorf("%s's oldest age = %vs while retrying, want more than 0", queue, age)
		}
	}

	// Everything comes back; past the backoffs the queues drain.
	r.fail(200, "ok")
	offset.Store(int64(time.Hour))
	aw := testWorker
	aw.Jobs = m
	if _, err := srv.Service.RunAgentGenerations(ctx, aw); err != nil {
		t.Fatal(err)
	}
	if _, err := srv.Service.RunJiraSyncs(ctx, jw); err != nil {
		t.Fatal(err)
	}
	deliver(t, srv, hw) // the events of the two above included
	if _, err := srv.Service.ExpireInvitations(ctx); err != nil {
		t.Fatal(err)
	}
	got = scrape()
	for _, queue := range wat.Queues {
		if n := value(got, "wat_queue_depth", "queue", queue); n != 0 {
			t.Errorf("%s's depth after draining = %v, want 0", queue, n)
		}
		if age := value(got, "wat_queue_oldest_age_seconds", "queue", queue); age != 0 {
			t.Errorf("%s's oldest age after draining = %v, want 0", queue, age)
		}
	}
	for _, queue := range []string{"agent_generation", "jira_sync", "webhook_delivery"} {
		if n := value(got, "wat_queue_jobs_total", "queue", queue, "outcome", "completed"); n < 1 {
			t.Errorf("%s completed %v jobs, want at least 1", queue, n)
		}
	}
	if n := value(got, "wat_queue_scrape_errors_total"); n != 0 {
		t.Errorf("%v failed reads of the queues", n)
	}
}
