package sqlstore

import (
	"context"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/wat-dev/wat"
)

func listAudit(tb testing.TB, db *DB, f wat.AuditFilter, after int64, limit int) []*wat.AuditEvent {
	tb.Helper()
	var got []*wat.AuditEvent
	if err := view(db, func(ctx context.Context, tx wat.Tx) (err error) {
		got, err = tx.ListAuditEvents(ctx, f, after, limit)
		return err
	}); err != nil {
		tb.Fatalf("ListAuditEvents: %v", err)
	}
	return got
}

func testAuditLog(t *testing.T, b *backend) {
	db := b.fresh(t)
	newAccount(t, db, "111111111111")
	events := []*wat.AuditEvent{
		{EventTime: t0, EventName: "CreateWorkload", AccountID: "111111111111", UserARN: "arn:aws:iam::111111111111:user/admin",
			UserName: "admin", AccessKeyID: "AKIA1", SourceIPAddress: "127.0.0.1", UserAgent: "aws-sdk-go-v2", RequestID: "r1",
			RequestParameters: `{"WorkloadName":"****"}`, ResponseElements: `{"WorkloadId":"w1"}`},
		{EventTime: t0.Add(time.Hour), EventName: "UpdateAnswer", AccountID: "222222222222", RequestID: "r2",
			RequestParameters: `{}`, ErrorCode: "AccessDeniedException", ErrorMessage: "denied"},
		{EventTime: t0.Add(2 * time.Hour), EventName: "CreateWorkload", RequestID: "r3", ErrorCode: "InvalidSignatureException"},
	}
	for _, e := range events {
		update(t, db, func(ctx context.Context, tx wat.Tx) error { return tx.AppendAuditEvent(ctx, e) })
	}
	if !(events[0].ID > 0 && events[1].ID > events[0].ID && events[2].ID > events[1].ID) {
		t.Fatalf("IDs not increasing: %d %d %d", events[0].ID, events[1].ID, events[2].ID)
	}
	want := make([]*wat.AuditEvent, len(events))
	for i, e := range events {
		c := *e
		c.EventTime = storedTime(e.EventTime)
		want[i] = &c
	}
	for _, tt := range []struct {
		name  string
		f     wat.AuditFilter
		after int64
		limit int
		want  []*wat.AuditEvent
	}{
		{"all", wat.AuditFilter{}, 0, 10, want},
		{"limit", wat.AuditFilter{}, 0, 2, want[:2]},
		{"after", wat.AuditFilter{}, want[0].ID, 10, want[1:]},
		{"account", wat.AuditFilter{AccountID: "222222222222"}, 0, 10, want[1:2]},
		{"event name", wat.AuditFilter{EventName: "CreateWorkload"}, 0, 10, []*wat.AuditEvent{want[0], want[2]}},
		{"since", wat.AuditFilter{Since: t0.Add(time.Hour)}, 0, 10, want[1:]},
		{"none", wat.AuditFilter{AccountID: "333333333333"}, 0, 10, nil},
	} {
		if diff := cmp.Diff(tt.want, listAudit(t, db, tt.f, tt.after, tt.limit)); diff != "" {
			t.Errorf("%s: (-want +got):\n%s", tt.name, diff)
		}
	}

	// The table refuses changes, whatever the statement.
	ctx := context.Background()
	for _, q := range []string{
		`UPDATE audit_events SET event_name = 'X'`,
		`DELETE FROM audit_events`,
		`DELETE FROM audit_events WHERE account_id = '111111111111'`,
	} {
		if _, err := db.write.ExecContext(ctx, q); err == nil {
			t.Errorf("%s: no error", q)
		}
	}
	if db.dialect.name == "postgres" {
		if _, err := db.write.ExecContext(ctx, `TRUNCATE audit_events`); err == nil {
			t.Errorf("TRUNCATE: no error")
		}
	}

	// Deleting the account keeps its events.
	update(t, db, func(ctx context.Context, tx wat.Tx) error { return tx.DeleteAccount(ctx, "111111111111") })
	if diff := cmp.Diff(want, listAudit(t, db, wat.AuditFilter{}, 0, 10)); diff != "" {
		t.Errorf("after DeleteAccount: (-want +got):\n%s", diff)
	}
}
