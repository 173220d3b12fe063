package api_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected/types"

	"github.com/wat-dev/wat"
	"github.com/wat-dev/wat/internal/testserver"
	"github.com/wat-dev/wat/internal/watclient"
	"github.com/wat-dev/wat/jira"
	"github.com/wat-dev/wat/jira/jiratest"
)

// TestWebhookRecommendationsCompleted: an Agent generation that ends is
// told to the profile's account, COMPLETED or ERROR (with its code), once,
// by the worker's transaction that ends it.
func TestWebhookRecommendationsCompleted(t *testing.T) {
	t.Parallel()
	forEachBackend(t, testWebhookRecommendationsCompleted)
}

func testWebhookRecommendationsCompleted(t *testing.T, srv *testserver.Server) {
	ctx := context.Background()
	r := newHookReceiver(t)
	_, secret := subscribe(t, watclient.FromSDK(srv.Client), r.URL, wat.EventRecommendationsCompleted)
	r.trust(secret)
	f := newAgentFixture(t, srv)

	ok := aws.ToString(f.start(t).Id)
	if n := runGenerations(t, srv); n != 1 {
		t.Fatalf("the worker ended %d generations, want 1", n)
	}
	// A job every worker dies on: claimed until its attempts run out, the
	// next claim ends it in ERROR. Each dead claim's lease has already run
	// out: one ending "now" by the test's clock would not have yet by the
	// service's, which reads time to the millisecond, when the worker
	// claims within that millisecond.
	failed := aws.ToString(f.start(t).Id)
	for range 3 {
		if err := srv.Store.Update(ctx, func(tx wat.Tx) error {
			now := time.Now()
			_, err := tx.ClaimAgentGeneration(ctx, "dying-worker", now, now.Add(-time.Second))
			return err
		}); err != nil {
			t.Fatal(err)
		}
	}
	if n := runGenerations(t, srv); n != 1 {
		t.Fatalf("the worker ended %d generations after the dead claims, want 1", n)
	}
	deliver(t, srv, loopbackWorker(t))

	type detail struct {
		Profile   string `json:"agentProfileArn"`
		ID        string `json:"generationId"`
		Status    string `json:"status"`
		ErrorCode string `json:"errorCode"`
	}
	got := map[string]detail{}
	for _, m := range hooksOfType(r.messages(), wat.EventRecommendationsCompleted) {
		var d detail
		if err := json.Unmarshal(m.Env.Detail, &d); err != nil || !m.Verified[secret] || m.Env.Account != srv.Admin.AccountID {
			t.Errorf("message %s: %v, verified %v, account %s", m.ID, err, m.Verified[secret], m.Env.Account)
		}
		if _, dup := got[d.ID]; dup {
			t.Errorf("generation %s told twice", d.ID)
		}
		got[d.ID] = d
	}
	if d := got[ok]; len(got) != 2 || d.Status != "COMPLETED" || d.ErrorCode != "" || d.Profile != aws.ToString(f.profile) {
		t.Errorf("events %+v: want %s COMPLETED", got, ok)
	}
	if d := got[failed]; d.Status != "ERROR" || d.ErrorCode != "ATTEMPTS_EXHAUSTED" {
		t.Errorf("events %+v: want %s ERROR ATTEMPTS_EXHAUSTED", got, failed)
	}
}

// TestWebhookJiraSyncFailedWired: the test server wires the "Jira sync
// failed" hook as `wat serve` does, so a sync failing on Jira's outage in
// the real worker reaches the account's subscriptions.
func TestWebhookJiraSyncFailedWired(t *testing.T) {
	srv := startSQLite(t)
	r := newHookReceiver(t)
	_, secret := subscribe(t, watclient.FromSDK(srv.Client), r.URL, wat.EventJiraSyncFailed)
	r.trust(secret)
	fake := jiratest.New(t, jira.Cloud)
	connectJiraSecret(t, srv, fake)
	id := jiraWorkload(t, srv, types.IssueManagementTypeAuto)
	q := srv.Service.Lenses().Framework().Lens.Questions()[0]
	answerAtRisk(t, srv.Client, id, q.ID, practices(q)[0].ID)
	fake.FailNext(5, 503, "0")
	runJiraWorker(t, srv, 1)
	deliver(t, srv, loopbackWorker(t))

	ms := hooksOfType(r.messages(), wat.EventJiraSyncFailed)
	if len(ms) != 1 || !ms[0].Verified[secret] || !strings.Contains(string(ms[0].Env.Detail), `"workloadId":"`+id+`"`) ||
		!strings.Contains(string(ms[0].Env.Detail), `"willRetry":true`) {
		t.Errorf("Jira sync failed events %+v; want one, signed, of workload %s, retrying", ms, id)
	}
}
