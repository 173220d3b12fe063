package api_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected/types"

	"github.com/wat-dev/wat"
	"github.com/wat-dev/wat/api/wire"
	"github.com/wat-dev/wat/internal/testserver"
	"github.com/wat-dev/wat/internal/watclient"
	"github.com/wat-dev/wat/jira"
	"github.com/wat-dev/wat/jira/jiratest"
	"github.com/wat-dev/wat/service"
)

// TestJiraConcurrentSyncs: UpdateIntegration called four times at once,
// while two workers run the AUTO work the answers queued, syncs the
// workload one at a time: no issue is created twice.
func TestJiraConcurrentSyncs(t *testing.T) {
	forEachBackend(t, func(t *testing.T, srv *testserver.Server) {
		ctx := context.Background()
		fake := jiratest.New(t, jira.Cloud)
		connectJiraSecret(t, srv, fake)
		id := jiraWorkload(t, srv, types.IssueManagementTypeAuto)
		for _, q := range srv.Service.Lenses().Framework().Lens.Questions()[:3] {
			answerAtRisk(t, srv.Client, id, q.ID, practices(q)[0].ID)
		}
		var wg sync.WaitGroup
		errs := make(chan error, 6)
		for i := range 4 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, err := srv.Client.UpdateIntegration(ctx, &wellarchitected.UpdateIntegrationInput{WorkloadId: &id,
					ClientRequestToken: aws.String(fmt.Sprint("c", i)), IntegratingService: types.IntegratingServiceJira})
				errs <- err
			}()
		}
		for i := range 2 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, err := srv.Service.RunJiraSyncs(ctx, service.JiraWorker{ID: fmt.Sprint("worker-", i)})
				errs <- err
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Fatal(err)
			}
		}
		seen := map[string]bool{}
		for _, is := range fake.Issues() {
			k := is.Type + "|" + is.Parent + "|" + is.Summary
			if seen[k] {
				t.Errorf("issue %q (%s under %q) was created twice", is.Summary, is.Type, is.Parent)
			}
			seen[k] = true
		}
		epics, tasks, _ := byType(fake.Issues())
		if len(epics) != 1 || len(tasks) != 3 || fake.Calls("POST /issue") != len(fake.Issues()) {
			t.Errorf("%d epics, %d tasks, %d creations of %d issues; want 1 epic, 3 tasks, each issue created once",
				len(epics), len(tasks), fake.Calls("POST /issue"), len(fake.Issues()))
		}
	})
}

// failures records the "Jira sync failed" hook's calls.
type failures struct {
	mu  sync.Mutex
	got []service.JiraSyncFailure
}

func (f *failures) JiraSyncFailed(_ context.Context, _ wat.Tx, e service.JiraSyncFailure) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.got = append(f.got, e)
	return nil
}

// TestJiraRestart: AUTO work survives a Jira outage (recorded, retried
// after a backoff) and a worker killed holding it (taken again by the
// restarted server once its lease runs out), each issue created once.
func TestJiraRestart(t *testing.T) {
	t.Run("sqlite", func(t *testing.T) {
		t.Parallel()
		testJiraRestart(t, testserver.Options{SQLitePath: t.TempDir() + "/wat.db"})
	})
	t.Run("postgres", func(t *testing.T) {
		t.Parallel()
		testJiraRestart(t, testserver.Options{DatabaseURL: testserver.PostgresDatabase(t)})
	})
}

func testJiraRestart(t *testing.T, opts testserver.Options) {
	ctx := context.Background()
	var offset atomic.Int64
	now := func() time.Time { return time.Now().Add(time.Duration(offset.Load())) }
	opts.Now = now
	fake := jiratest.New(t, jira.Cloud)
	q := service.NewCatalog().Framework().Lens.Questions()[0]
	var id string
	t.Run("killed", func(t *testing.T) {
		srv := testserver.Start(t, opts)
		hook := &failures{}
		srv.Service.SetJiraEvents(hook)
		connectJiraSecret(t, srv, fake)
		id = jiraWorkload(t, srv, types.IssueManagementTypeAuto)
		answerAtRisk(t, srv.Client, id, q.ID, practices(q)[0].ID)

		fake.FailNext(5, 503, "0")
		runJiraWorker(t, srv, 1)
		st := syncStatus(t, srv, id)
		if !st.Pending() || st.Attempts != 1 || !strings.Contains(st.LastError, "unavailable") || !st.NotBefore.After(now()) {
			t.Fatalf("after a sync failing on Jira's outage, the status is %+v: want pending, one attempt, the error, a backoff", st)
		}
		if len(hook.got) != 1 || hook.got[0].WorkloadID != id || hook.got[0].AccountID != srv.Admin.AccountID || hook.got[0].NextAttempt.IsZero() {
			t.Errorf("the failure hook heard %+v", hook.got)
		}
		out, err := watclient.FromSDK(srv.Client).GetJiraSyncStatus(ctx, &wire.GetJiraSyncStatusInput{WorkloadId: &id})
		if err != nil || !aws.ToBool(out.Pending) || aws.ToInt32(out.FailedAttempts) != 1 || out.NextAttemptTime == nil ||
			!strings.Contains(aws.ToString(out.LastError), "unavailable") || out.LastErrorTime == nil || out.LastSyncedTime != nil {
			t.Errorf("GetJiraSyncStatus after the failure = %+v (%v)", out, err)
		}
		runJiraWorker(t, srv, 0) // backing off
		offset.Store(int64(time.Minute))
		err = srv.Store.Update(ctx, func(tx wat.Tx) error {
			_, err := tx.ClaimJiraSync(ctx, "killed", now(), now().Add(service.JiraSyncLease))
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	})
	if len(fake.Issues()) != 0 {
		t.Fatalf("issues before the restart: %+v", fake.Issues())
	}
	srv := testserver.Start(t, opts)
	runJiraWorker(t, srv, 0) // the killed worker's lease still holds
	offset.Store(int64(time.Minute + service.JiraSyncLease + time.Second))
	runJiraWorker(t, srv, 1)
	epics, tasks, subs := byType(fake.Issues())
	if len(epics) != 1 || len(tasks) != 1 || len(subs) != len(practices(q))-1 || fake.Calls("POST /issue") != len(fake.Issues()) {
		t.Errorf("after the restart: %d epics, %d tasks, %d sub-tasks, %d creations", len(epics), len(tasks), len(subs), fake.Calls("POST /issue"))
	}
	var st *wat.JiraSyncJob
	err := srv.Store.View(ctx, func(tx wat.Tx) (err error) {
		st, err = tx.GetJiraSyncJob(ctx, id)
		return err
	})
	if err != nil || st.Pending() || st.LastError != "" || st.LeaseOwner != "" || st.LastSyncedAt.IsZero() {
		t.Errorf("the status after the restart's sync: %+v (%v)", st, err)
	}
}

// TestJiraLeaseRenewed: a sync that outlasts its lease many times over
// (a slow Jira) keeps it by renewing it, so another worker polling all
// along never takes the workload, and no issue is created twice.
func TestJiraLeaseRenewed(t *testing.T) {
	forEachBackend(t, func(t *testing.T, srv *testserver.Server) {
		ctx := context.Background()
		fake := jiratest.New(t, jira.Cloud)
		connectJiraSecret(t, srv, fake)
		id := jiraWorkload(t, srv, types.IssueManagementTypeAuto)
		q := srv.Service.Lenses().Framework().Lens.Questions()[0]
		answerAtRisk(t, srv.Client, id, q.ID, practices(q)[0].ID)
		// ~12 calls: about 1.2 s, four times the lease, renewed every 100 ms
		// (leaving a loaded machine 200 ms of slack).
		fake.Latency = 100 * time.Millisecond
		lease := 300 * time.Millisecond
		done := make(chan int, 1)
		go func() {
			n, err := srv.Service.RunJiraSyncs(ctx, service.JiraWorker{ID: "slow", Lease: lease})
			if err != nil {
				t.Error(err)
			}
			done <- n
		}()
		other := 0
		for slow := -1; slow < 0; {
			select {
			case slow = <-done:
				if slow != 1 {
					t.Errorf("the slow worker ran %d syncs", slow)
				}
			case <-time.After(30 * time.Millisecond):
				n, err := srv.Service.RunJiraSyncs(ctx, service.JiraWorker{ID: "other", Lease: lease})
				if err != nil {
					t.Fatal(err)
				}
				other += n
			}
		}
		if other != 0 {
			t.Errorf("another worker took the workload %d times while its sync ran", other)
		}
		if fake.Calls("POST /issue") != len(fake.Issues()) || len(fake.Issues()) != len(practices(q))+1 {
			t.Errorf("%d creations of %d issues, want %d created once", fake.Calls("POST /issue"), len(fake.Issues()), len(practices(q))+1)
		}
	})
}
