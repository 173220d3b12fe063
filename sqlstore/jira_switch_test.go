package sqlstore

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/wat-dev/wat"
)

// TestJiraListWorkloadSettings checks on every backend that
// ListJiraWorkloadSettings returns every workload of the account, none of
// another's, each with what GetJiraWorkloadSettings says of it (stored or
// the defaults), by ID.
func TestJiraListWorkloadSettings(t *testing.T) {
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			if b.require != nil {
				b.require(t)
			}
			testJiraListWorkloadSettings(t, b)
		})
	}
}

func testJiraListWorkloadSettings(t *testing.T, b *backend) {
	db := b.fresh(t)
	const acct, other = "111111111111", "222222222222"
	newAccount(t, db, acct)
	newAccount(t, db, other)
	for _, id := range []string{"w3", "w1", "w2"} {
		insertWorkload(t, db, fullWorkload(acct, id, "Workload "+id))
	}
	insertWorkload(t, db, fullWorkload(other, "w0", "Another's"))
	update(t, db, func(ctx context.Context, tx wat.Tx) error {
		for _, s := range []*wat.JiraWorkloadSettings{
			{WorkloadID: "w2", IssueManagement: wat.JiraEnabled, SyncType: wat.JiraManual, ProjectKey: "OPS", UpdatedAt: t0},
			{WorkloadID: "w3", IssueManagement: wat.JiraInherit, UpdatedAt: at(1)},
			{WorkloadID: "w0", IssueManagement: wat.JiraEnabled, SyncType: wat.JiraAuto, UpdatedAt: t0},
		} {
			if err := tx.PutJiraWorkloadSettings(ctx, s); err != nil {
				return err
			}
		}
		return nil
	})
	err := view(db, func(ctx context.Context, tx wat.Tx) error {
		got, err := tx.ListJiraWorkloadSettings(ctx, acct)
		if err != nil {
			return err
		}
		var want []*wat.JiraWorkloadSettings
		for _, id := range []string{"w1", "w2", "w3"} {
			s, err := tx.GetJiraWorkloadSettings(ctx, id)
			if err != nil {
				return err
			}
			want = append(want, s)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("ListJiraWorkloadSettings (-want +got):\n%s", diff)
		}
		if want[1].SyncType != wat.JiraManual || want[0].IssueManagement != wat.JiraInherit {
			t.Errorf("the settings compared are not those stored: %+v", want)
		}
		none, err := tx.ListJiraWorkloadSettings(ctx, "333333333333")
		if err != nil || len(none) != 0 {
			t.Errorf("ListJiraWorkloadSettings of an account without workloads = %v, %v", none, err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
