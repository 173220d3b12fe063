package sqlstore

import (
	"bytes"
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/wat-dev/wat"
)

// TestJiraStore checks the Jira tables on every backend: the token sealed
// at rest and bound to its account, the defaults of settings never stored,
// links round-tripping in order, and everything going with its account or
// workload.
func TestJiraStore(t *testing.T) {
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			if b.require != nil {
				b.require(t)
			}
			testJiraStore(t, b)
		})
	}
}

func testJiraStore(t *testing.T, b *backend) {
	db := b.fresh(t)
	newAccount(t, db, "111111111111")
	newAccount(t, db, "222222222222")
	insertWorkload(t, db, fullWorkload("111111111111", "w1", "One"))
	const token = "ATATT3xFfGF0-secret-token"
	conn := &wat.JiraConnection{AccountID: "111111111111", URL: "https://acme.atlassian.net", Flavor: "CLOUD",
		Email: "a@example.com", Token: token, CreatedAt: t0}
	update(t, db, func(ctx context.Context, tx wat.Tx) error { return tx.PutJiraConnection(ctx, conn) })

	var raw []byte
	if err := db.read.QueryRow(db.rebind(`SELECT token FROM jira_connections WHERE account_id = ?`), "111111111111").Scan(&raw); err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(raw, []byte(token)) {
		t.Errorf("the Jira token is stored in clear")
	}
	var got *wat.JiraConnection
	if err := view(db, func(ctx context.Context, tx wat.Tx) (err error) {
		got, err = tx.GetJiraConnection(ctx, "111111111111")
		return err
	}); err != nil {
		t.Fatal(err)
	}
	want := *conn
	want.CreatedAt = at(0)
	if diff := cmp.Diff(&want, got); diff != "" {
		t.Errorf("GetJiraConnection (-want +got):\n%s", diff)
	}
	// A token copied to another account's row does not decrypt.
	update(t, db, func(ctx context.Context, tx wat.Tx) error {
		return tx.PutJiraConnection(ctx, &wat.JiraConnection{AccountID: "222222222222", URL: "https://x", Flavor: "CLOUD", Token: "t", CreatedAt: t0})
	})
	if _, err := db.write.Exec(db.rebind(`UPDATE jira_connections SET token = ? WHERE account_id = ?`), raw, "222222222222"); err != nil {
		t.Fatal(err)
	}
	if err := view(db, func(ctx context.Context, tx wat.Tx) error {
		_, err := tx.GetJiraConnection(ctx, "222222222222")
		return err
	}); err == nil {
		t.Errorf("a token copied from another account decrypted")
	}

	err := view(db, func(ctx context.Context, tx wat.Tx) error {
		as, err := tx.GetJiraAccountSettings(ctx, "222222222222")
		if err != nil {
			return err
		}
		ws, err := tx.GetJiraWorkloadSettings(ctx, "w1")
		if err != nil {
			return err
		}
		if as.IssueManagement != wat.JiraDisabled || as.SyncType != wat.JiraManual || as.ProjectKey != "WA" || ws.IssueManagement != wat.JiraInherit {
			t.Errorf("defaults: account %+v, workload %+v", as, ws)
		}
		_, err = tx.GetJiraSelection(ctx, "w1", "arn:lens")
		wantError(t, err, wat.ENotFound, "JIRA_SELECTION")
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}

	links := []*wat.JiraIssueLink{
		{WorkloadID: "w1", LensARN: "arn:b", QuestionID: "q1", ChoiceID: "c1", ProjectKey: "WA", Key: "WA-3", ID: "3", URL: "u3", Done: true, Fingerprint: "f", SyncedAt: t0},
		{WorkloadID: "w1", ProjectKey: "WA", Key: "WA-1", ID: "1", URL: "u1", SyncedAt: t0},
		{WorkloadID: "w1", LensARN: "arn:b", QuestionID: "q1", ProjectKey: "WA", Key: "WA-2", ID: "2", URL: "u2", SyncedAt: t0},
	}
	update(t, db, func(ctx context.Context, tx wat.Tx) error {
		for _, l := range links {
			if err := tx.PutJiraIssueLink(ctx, l); err != nil {
				return err
			}
		}
		return nil
	})
	var listed []*wat.JiraIssueLink
	if err := view(db, func(ctx context.Context, tx wat.Tx) (err error) {
		listed, err = tx.ListJiraIssueLinks(ctx, "w1")
		return err
	}); err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, l := range listed {
		keys = append(keys, l.Key)
	}
	if diff := cmp.Diff([]string{"WA-1", "WA-2", "WA-3"}, keys); diff != "" || !listed[2].Done || !listed[2].SyncedAt.Equal(at(0)) {
		t.Errorf("ListJiraIssueLinks: the Epic, the Task, the Sub-task (-want +got):\n%s%+v", diff, listed[2])
	}

	update(t, db, func(ctx context.Context, tx wat.Tx) error { return tx.DeleteWorkload(ctx, "w1") })
	if n := rowCount(t, db, "jira_issues", "workload_id", "w1"); n != 0 {
		t.Errorf("the issues of a deleted workload are left")
	}
	update(t, db, func(ctx context.Context, tx wat.Tx) error { return tx.DeleteAccount(ctx, "111111111111") })
	if n := rowCount(t, db, "jira_connections", "account_id", "111111111111"); n != 0 {
		t.Errorf("the connection of a deleted account is left")
	}
}
