package sqlstore

import (
	"context"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/wat-dev/wat"
)

// TestAuditPrune: the events a prune archived, and only those, are
// deleted, with a record of the prune; everything else stays append-only.
func TestAuditPrune(t *testing.T) {
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			if b.require != nil {
				b.require(t)
			}
			testAuditPrune(t, b)
		})
	}
}

func testAuditPrune(t *testing.T, b *backend) {
	db := b.fresh(t)
	ctx := context.Background()
	appendEvent := func(d time.Duration, reqID string) *wat.AuditEvent {
		e := &wat.AuditEvent{EventTime: t0.Add(d), EventName: "CreateWorkload", RequestID: reqID, RequestParameters: `{}`}
		update(t, db, func(ctx context.Context, tx wat.Tx) error { return tx.AppendAuditEvent(ctx, e) })
		return e
	}
	requestIDs := func() []string {
		var ids []string
		for _, e := range listAudit(t, db, wat.AuditFilter{}, 0, 100) {
			ids = append(ids, e.RequestID)
		}
		return ids
	}
	appendEvent(0, "old-1")
	appendEvent(time.Hour, "old-2")
	appendEvent(2*time.Hour, "new")
	before := t0.Add(90 * time.Minute)

	var archived []string
	n, last, err := db.AuditEventsBefore(ctx, before, func(e *wat.AuditEvent) error {
		archived = append(archived, e.RequestID)
		return nil
	})
	if err != nil || n != 2 || !cmp.Equal(archived, []string{"old-1", "old-2"}) {
		t.Fatalf("AuditEventsBefore: %d %v, %v", n, archived, err)
	}
	late := appendEvent(0, "late") // old time, committed after the archive: not in the range
	record := &wat.AuditEvent{EventTime: t0.Add(3 * time.Hour), EventName: "PruneAuditLog", RequestID: "prune"}

	// A count that does not match what is in the range deletes nothing.
	err = db.PruneAuditEvents(ctx, before, last, n+1, &wat.AuditEvent{EventTime: t0, EventName: "PruneAuditLog", RequestID: "bad"})
	wantError(t, err, wat.EConflict, "AUDIT_LOG")
	if diff := cmp.Diff([]string{"old-1", "old-2", "new", "late"}, requestIDs()); diff != "" {
		t.Errorf("after a refused prune (-want +got):\n%s", diff)
	}

	if err := db.PruneAuditEvents(ctx, before, last, n, record); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"new", "late", "prune"}, requestIDs()); diff != "" {
		t.Errorf("after the prune (-want +got):\n%s", diff)
	}
	if record.ID <= late.ID {
		t.Errorf("the prune's record has id %d, not after %d", record.ID, late.ID)
	}

	// What no prune covers stays undeletable, and the prunes stay recorded.
	for _, q := range []string{
		`DELETE FROM audit_events`,
		`UPDATE audit_events SET event_name = 'X'`,
		`DELETE FROM audit_prunes`,
		`UPDATE audit_prunes SET through_id = 1000000`,
	} {
		if _, err := db.write.ExecContext(ctx, q); err == nil {
			t.Errorf("%s: no error", q)
		}
	}
	if db.dialect.name == "postgres" {
		for _, q := range []string{`TRUNCATE audit_events`, `TRUNCATE audit_prunes`} {
			if _, err := db.write.ExecContext(ctx, q); err == nil {
				t.Errorf("%s: no error", q)
			}
		}
	}
}
