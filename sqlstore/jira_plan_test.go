package sqlstore

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/wat-dev/wat"
)

// TestJiraPlanSettings checks on every backend that GetJiraPlanSettings
// reads what GetJiraWorkloadSettings, GetJiraAccountSettings and
// GetJiraConnection say, as each of them is stored or not.
func TestJiraPlanSettings(t *testing.T) {
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			if b.require != nil {
				b.require(t)
			}
			testJiraPlanSettings(t, b)
		})
	}
}

func testJiraPlanSettings(t *testing.T, b *backend) {
	db := b.fresh(t)
	const acct = "111111111111"
	newAccount(t, db, acct)
	insertWorkload(t, db, fullWorkload(acct, "w1", "One"))
	check := func(step string, wantConnected bool) {
		t.Helper()
		err := view(db, func(ctx context.Context, tx wat.Tx) error {
			ws, as, connected, err := tx.GetJiraPlanSettings(ctx, "w1", acct)
			if err != nil {
				return err
			}
			wantWS, err := tx.GetJiraWorkloadSettings(ctx, "w1")
			if err != nil {
				return err
			}
			wantAS, err := tx.GetJiraAccountSettings(ctx, acct)
			if err != nil {
				return err
			}
			if diff := cmp.Diff(wantWS, ws); diff != "" {
				t.Errorf("%s: workload settings (-want +got):\n%s", step, diff)
			}
			if diff := cmp.Diff(wantAS, as); diff != "" {
				t.Errorf("%s: account settings (-want +got):\n%s", step, diff)
			}
			if connected != wantConnected {
				t.Errorf("%s: connected = %v, want %v", step, connected, wantConnected)
			}
			return nil
		})
		if err != nil {
			t.Fatalf("%s: %v", step, err)
		}
	}
	check("nothing stored", false)
	update(t, db, func(ctx context.Context, tx wat.Tx) error {
		return tx.PutJiraWorkloadSettings(ctx, &wat.JiraWorkloadSettings{WorkloadID: "w1",
			IssueManagement: wat.JiraEnabled, SyncType: wat.JiraAuto, ProjectKey: "OPS", UpdatedAt: t0})
	})
	check("workload settings", false)
	update(t, db, func(ctx context.Context, tx wat.Tx) error {
		return tx.PutJiraAccountSettings(ctx, &wat.JiraAccountSettings{AccountID: acct,
			IssueManagement: wat.JiraEnabled, SyncType: wat.JiraManual, ProjectKey: "ACC", UpdatedAt: at(1)})
	})
	check("both settings", false)
	update(t, db, func(ctx context.Context, tx wat.Tx) error {
		return tx.PutJiraConnection(ctx, &wat.JiraConnection{AccountID: acct, URL: "https://acme.atlassian.net",
			Flavor: "CLOUD", Email: "a@example.com", Token: "tok", CreatedAt: t0})
	})
	check("connected", true)
	update(t, db, func(ctx context.Context, tx wat.Tx) error {
		return tx.PutJiraWorkloadSettings(ctx, &wat.JiraWorkloadSettings{WorkloadID: "w1",
			IssueManagement: wat.JiraInherit, UpdatedAt: at(2)})
	})
	check("workload inherits", true)
}
