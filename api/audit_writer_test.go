package api

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/wat-dev/wat"
)

// memAudit is an audit log in memory whose transactions commit all their
// records or none, and take delay each. A record named "Refused" fails.
type memAudit struct {
	wat.Store
	delay time.Duration

	mu   sync.Mutex
	rows []*wat.AuditEvent
	txs  int
}

type memAuditTx struct {
	wat.Tx
	staged []*wat.AuditEvent
}

func (tx *memAuditTx) AppendAuditEvent(_ context.Context, e *wat.AuditEvent) error {
	if e.EventName == "Refused" {
		return errors.New("refused")
	}
	tx.staged = append(tx.staged, e)
	return nil
}

func (m *memAudit) Update(_ context.Context, fn func(wat.Tx) error) error {
	time.Sleep(m.delay)
	m.mu.Lock()
	defer m.mu.Unlock()
	tx := &memAuditTx{}
	if err := fn(tx); err != nil {
		return err
	}
	m.rows = append(m.rows, tx.staged...)
	m.txs++
	return nil
}

func (m *memAudit) count() (rows, txs int) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return len(m.rows), m.txs
}

// TestAuditWriterWaitsWhenFull: with room for 4 records and a slow store,
// 64 writers' 1,600 records all reach the log (the writers wait; nothing
// is dropped), in far fewer transactions than records, and close returns
// after the last one.
func TestAuditWriterWaitsWhenFull(t *testing.T) {
	store := &memAudit{delay: time.Millisecond}
	w := newAuditWriter(store, "us-east-1", slog.New(slog.DiscardHandler), 4)
	var wg sync.WaitGroup
	for g := 0; g < 64; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 25; i++ {
				w.enqueue(fmt.Sprintf("req-%d-%d", g, i), &wat.AuditEvent{EventName: "UpdateAnswer"})
			}
		}()
	}
	wg.Wait()
	w.close()
	rows, txs := store.count()
	if rows != 64*25 {
		t.Errorf("%d records written, want %d", rows, 64*25)
	}
	if txs >= rows/2 {
		t.Errorf("%d transactions for %d records: not batched", txs, rows)
	}
	// After close, a late record is written by its caller.
	w.enqueue("late", &wat.AuditEvent{EventName: "UpdateAnswer"})
	if rows, _ := store.count(); rows != 64*25+1 {
		t.Errorf("the record enqueued after close: %d records, want %d", rows, 64*25+1)
	}
}

// TestAuditWriterIsolatesAFailure: a record the store refuses is logged
// with its request id and does not take the records batched with it down.
func TestAuditWriterIsolatesAFailure(t *testing.T) {
	store := &memAudit{delay: 20 * time.Millisecond}
	var logs bytes.Buffer
	var mu sync.Mutex
	log := slog.New(slog.NewTextHandler(&lockedWriter{&mu, &logs}, nil))
	w := newAuditWriter(store, "us-east-1", log, 16)
	// The first record keeps the writer busy while the next three queue up
	// and are written together.
	w.enqueue("req-0", &wat.AuditEvent{EventName: "CreateWorkload"})
	time.Sleep(5 * time.Millisecond)
	w.enqueue("req-1", &wat.AuditEvent{EventName: "UpdateAnswer"})
	w.enqueue("req-bad", &wat.AuditEvent{EventName: "Refused"})
	w.enqueue("req-2", &wat.AuditEvent{EventName: "UpdateAnswer"})
	w.barrier()
	if rows, _ := store.count(); rows != 3 {
		t.Errorf("%d records written after the barrier, want the 3 good ones", rows)
	}
	mu.Lock()
	got := logs.String()
	mu.Unlock()
	if !strings.Contains(got, "audit log write failed") || !strings.Contains(got, "request_id=req-bad") ||
		strings.Count(got, "audit log write failed") != 1 {
		t.Errorf("log %q, want one failure naming req-bad", got)
	}
	w.close()
}

type lockedWriter struct {
	mu *sync.Mutex
	w  *bytes.Buffer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

// TestAuditWriterReturnsOnceWritten: enqueue returns only when the record is
// in the log, so a client holding its response has its record, whatever
// happens to the server after.
func TestAuditWriterReturnsOnceWritten(t *testing.T) {
	store := &memAudit{delay: 30 * time.Millisecond}
	w := newAuditWriter(store, "us-east-1", slog.New(slog.DiscardHandler), 16)
	defer w.close()
	for i := range 3 {
		w.enqueue(fmt.Sprintf("req-%d", i), &wat.AuditEvent{EventName: "UpdateAnswer"})
		if rows, _ := store.count(); rows != i+1 {
			t.Fatalf("enqueue of record %d returned with %d records in the log", i+1, rows)
		}
	}
}
