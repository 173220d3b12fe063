package api_test

import (
	"context"
	"strings"
	"testing"
	"time"

	wa "github.com/aws/aws-sdk-go-v2/service/wellarchitected"

	"github.com/wat-dev/wat"
	"github.com/wat-dev/wat/internal/watclient"
	"github.com/wat-dev/wat/service"
)

// TestWebhookOwnEvents: a scan's evidence uploaded, a new major version
// of a custom lens a workload reviews, and a failed Jira sync (the hook
// the Jira worker calls) are each delivered to the workload owner's
// subscriptions as wat's own events.
func TestWebhookOwnEvents(t *testing.T) {
	srv := startSQLite(t)
	ctx := context.Background()
	c := watclient.FromSDK(srv.Client)
	r := newHookReceiver(t)
	_, secret := subscribe(t, c, r.URL, wat.EventEvidenceUploaded, wat.EventLensUpgradeAvailable, wat.EventJiraSyncFailed)
	r.trust(secret)

	id := createWorkload(t, srv.Client, workloadInput("Own events"))
	putEvidence(t, srv.Client, scanFixtures(t, "testdata/evidence/*.yaml").input(id))

	arn := importLens(t, srv.Client, customLensJSON("Webhook Lens", ""), "")
	publish(t, srv.Client, arn, "1.0", true)
	if _, err := srv.Client.AssociateLenses(ctx, &wa.AssociateLensesInput{WorkloadId: &id, LensAliases: []string{arn}}); err != nil {
		t.Fatal(err)
	}
	importLens(t, srv.Client, customLensJSON("Webhook Lens", ""), arn)
	publish(t, srv.Client, arn, "2.0", true)

	if err := srv.Store.Update(ctx, func(tx wat.Tx) error {
		return srv.Service.JiraSyncFailed(ctx, tx, service.JiraSyncFailure{WorkloadID: id, AccountID: srv.Admin.AccountID,
			Attempts: 3, Message: "Jira answered 503", NextAttempt: time.Now().Add(time.Minute), At: time.Now()})
	}); err != nil {
		t.Fatal(err)
	}
	deliver(t, srv, loopbackWorker(t))

	got := r.messages()
	want := map[string]string{
		wat.EventEvidenceUploaded:     `"workloadId":"` + id + `"`,
		wat.EventLensUpgradeAvailable: `"latestLensVersion":"2.0"`,
		wat.EventJiraSyncFailed:       `"message":"Jira answered 503"`,
	}
	for typ, detail := range want {
		ms := hooksOfType(got, typ)
		if len(ms) != 1 || !strings.Contains(string(ms[0].Env.Detail), detail) || ms[0].Env.Source != wat.EventSourceWat || !ms[0].Verified[secret] {
			t.Errorf("%s: %d messages %v; want one from %s, signed, with %s", typ, len(ms), ms, wat.EventSourceWat, detail)
		}
	}
	if len(got) != len(want) {
		t.Errorf("got %d messages, want %d: the filter lets only these through", len(got), len(want))
	}
}
