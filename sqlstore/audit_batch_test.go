package sqlstore

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/wat-dev/wat"
)

// TestAppendAuditEvents: records added many at a time get increasing IDs,
// each the ID the log gives its record back under, whatever their text and
// however many statements they take.
func TestAppendAuditEvents(t *testing.T) {
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			if b.require != nil {
				b.require(t)
			}
			t.Run("Batches", func(t *testing.T) { testAppendAuditEvents(t, b) })
			t.Run("Concurrent", func(t *testing.T) { testAppendAuditEventsConcurrent(t, b) })
		})
	}
}

// auditBatch returns n records of distinct content, tagged with tag, with
// text a naive statement would get wrong: quotes, backslashes, question
// marks and dollar signs (placeholders to a careless rebind), line breaks,
// accents, CJK, right-to-left script and emoji.
func auditBatch(tag string, n int) []*wat.AuditEvent {
	texts := []string{
		`it's "quoted"`, `back\slash ? $1 ?`, "two\nlines\ttab", "café naïve Ærø",
		"日本語の監査ログ", "한국어 기록", "عربي", "emoji 🙂👍🏽", "",
	}
	out := make([]*wat.AuditEvent, n)
	for i := range n {
		text := texts[i%len(texts)]
		out[i] = &wat.AuditEvent{
			EventTime:         t0.Add(time.Duration(i) * time.Second),
			EventName:         []string{"CreateWorkload", "UpdateAnswer", "TagResource"}[i%3],
			AccountID:         fmt.Sprintf("%012d", 111111111111*(1+i%2)),
			UserARN:           "arn:aws:iam::111111111111:user/" + text,
			UserName:          text,
			AccessKeyID:       fmt.Sprintf("AKIA%08d", i),
			SourceIPAddress:   fmt.Sprintf("10.0.%d.%d", i/250, i%250),
			UserAgent:         "aws-sdk-go-v2 " + text,
			RequestID:         fmt.Sprintf("%s-%d", tag, i),
			RequestParameters: fmt.Sprintf(`{"WorkloadName":%q,"N":%d}`, text, i),
			ResponseElements:  fmt.Sprintf(`{"WorkloadId":"w%d"}`, i),
			ErrorCode:         []string{"", "ValidationException"}[i%2],
			ErrorMessage:      strings.Repeat(text, i%4),
		}
	}
	return out
}

// storedAudit returns events as the log gives them back.
func storedAudit(events []*wat.AuditEvent) []*wat.AuditEvent {
	out := make([]*wat.AuditEvent, len(events))
	for i, e := range events {
		c := *e
		c.EventTime = storedTime(e.EventTime)
		out[i] = &c
	}
	return out
}

// wantIncreasing fails the test unless the IDs of events are set and
// increase.
func wantIncreasing(tb testing.TB, events []*wat.AuditEvent) {
	tb.Helper()
	for i, e := range events {
		if e.ID <= 0 || i > 0 && e.ID <= events[i-1].ID {
			tb.Fatalf("record %d (%s) has ID %d after %d: IDs not set and increasing", i, e.RequestID, e.ID,
				events[max(i-1, 0)].ID)
		}
	}
}

func testAppendAuditEvents(t *testing.T, b *backend) {
	db := b.fresh(t)
	var all []*wat.AuditEvent

	// Nothing to add adds nothing.
	update(t, db, func(ctx context.Context, tx wat.Tx) error { return tx.AppendAuditEvents(ctx, nil) })
	update(t, db, func(ctx context.Context, tx wat.Tx) error { return tx.AppendAuditEvents(ctx, []*wat.AuditEvent{}) })
	if got := listAudit(t, db, wat.AuditFilter{}, 0, 10); len(got) != 0 {
		t.Fatalf("after adding no records the log holds %d", len(got))
	}

	for _, tt := range []struct {
		name string
		n    int
	}{
		{"one", 1},
		{"sixteen", 16},
		{"seventeen", 17},
		{"forty-nine", 49},
		{"one statement's worth", auditInsertRows},
		{"more than two statements' worth", 2*auditInsertRows + 37},
	} {
		// A record added alone before and after, in the same transaction,
		// takes its place in the order too.
		before, batch, after := auditBatch(tt.name+" before", 1)[0], auditBatch(tt.name, tt.n), auditBatch(tt.name+" after", 1)[0]
		update(t, db, func(ctx context.Context, tx wat.Tx) error {
			if err := tx.AppendAuditEvent(ctx, before); err != nil {
				return err
			}
			if err := tx.AppendAuditEvents(ctx, batch); err != nil {
				return err
			}
			return tx.AppendAuditEvent(ctx, after)
		})
		added := append(append([]*wat.AuditEvent{before}, batch...), after)
		wantIncreasing(t, added)
		all = append(all, added...)
	}
	wantIncreasing(t, all)
	if diff := cmp.Diff(storedAudit(all), listAudit(t, db, wat.AuditFilter{}, 0, len(all)+1)); diff != "" {
		t.Errorf("the log (-want +got):\n%s", diff)
	}
}

// testAppendAuditEventsConcurrent: transactions adding records at the same
// time (on PostgreSQL their identities interleave) each give their records
// the IDs the log keeps them under.
func testAppendAuditEventsConcurrent(t *testing.T, b *backend) {
	addr := b.newDatabase(t)
	one, two := b.mustOpen(t, addr), b.mustOpen(t, addr)
	const writers, batches, size = 6, 8, 16
	written := make([][]*wat.AuditEvent, writers)
	errs := parallel(writers, func(w int) error {
		db := one
		if w%2 == 1 {
			db = two
		}
		for i := range batches {
			batch := auditBatch(fmt.Sprintf("writer %d batch %d", w, i), size)
			if err := try(db, func(ctx context.Context, tx wat.Tx) error { return tx.AppendAuditEvents(ctx, batch) }); err != nil {
				return err
			}
			written[w] = append(written[w], batch...)
		}
		return nil
	})
	byID := map[int64]*wat.AuditEvent{}
	for w, err := range errs {
		if err != nil {
			t.Fatalf("writer %d: %v", w, err)
		}
		wantIncreasing(t, written[w])
		for _, e := range storedAudit(written[w]) {
			if other, ok := byID[e.ID]; ok {
				t.Fatalf("records %s and %s both have ID %d", other.RequestID, e.RequestID, e.ID)
			}
			byID[e.ID] = e
		}
	}
	got := listAudit(t, one, wat.AuditFilter{}, 0, writers*batches*size+1)
	if len(got) != len(byID) {
		t.Fatalf("the log holds %d records, want %d", len(got), len(byID))
	}
	for _, e := range got {
		if diff := cmp.Diff(byID[e.ID], e); diff != "" {
			t.Fatalf("record %d (-written +read):\n%s", e.ID, diff)
		}
	}
}
