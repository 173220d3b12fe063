package api

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/wat-dev/wat"
)

// memAudit is an audit log in memory whose transactions commit all their
// records or none, and take delay each. A record named "Refused" fails, and
// the statement adding it with it.
type memAudit struct {
	wat.Store
	delay time.Duration

	mu   sync.Mutex
	rows []*wat.AuditEvent
	txs  int
	// appends counts the calls that added records, by how many records
	// each added, in the transactions committed.
	appends map[int]int
	// turns, when set, holds every transaction until it is closed;
	// waiting counts those that started waiting.
	turns   chan struct{}
	waiting atomic.Int32
}

type memAuditTx struct {
	wat.Tx
	staged  []*wat.AuditEvent
	appends []int
	nextID  int64
}

func (tx *memAuditTx) AppendAuditEvent(ctx context.Context, e *wat.AuditEvent) error {
	return tx.AppendAuditEvents(ctx, []*wat.AuditEvent{e})
}

func (tx *memAuditTx) AppendAuditEvents(_ context.Context, events []*wat.AuditEvent) error {
	for _, e := range events {
		if e.EventName == "Refused" {
			return errors.New("refused")
		}
	}
	for _, e := range events {
		tx.nextID++
		e.ID = tx.nextID
	}
	tx.staged = append(tx.staged, events...)
	tx.appends = append(tx.appends, len(events))
	return nil
}

func (m *memAudit) Update(_ context.Context, fn func(wat.Tx) error) error {
	if m.turns != nil {
		m.waiting.Add(1)
		<-m.turns
	}
	time.Sleep(m.delay)
	m.mu.Lock()
	defer m.mu.Unlock()
	tx := &memAuditTx{nextID: int64(len(m.rows))}
	if err := fn(tx); err != nil {
		return err
	}
	m.rows = append(m.rows, tx.staged...)
	m.txs++
	if m.appends == nil {
		m.appends = map[int]int{}
	}
	for _, n := range tx.appends {
		m.appends[n]++
	}
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

// TestAuditWriterAddsABatchAtOnce: the records of calls answered together
// are added to the log by one call of the store, not one each (a statement
// is a round trip on PostgreSQL), each with its ID set; and those of a
// batch with a record the store refuses, one by one, the refused one alone
// failing.
func TestAuditWriterAddsABatchAtOnce(t *testing.T) {
	events, store := writeQueued(t, "CreateWorkload", "A", "B", "C", "D", "E", "F", "G", "H")
	if diff := cmp.Diff(map[int]int{1: 1, 8: 1}, store.appends); diff != "" {
		t.Errorf("records added per call: how many calls (-want +got):\n%s", diff)
	}
	for i, e := range events {
		if e.ID != int64(i+1) {
			t.Errorf("record %d (%s) has ID %d, want %d", i, e.EventName, e.ID, i+1)
		}
	}

	events, store = writeQueued(t, "CreateWorkload", "A", "Refused", "B")
	if diff := cmp.Diff(map[int]int{1: 3}, store.appends); diff != "" {
		t.Errorf("with a refused record: records added per call: how many calls (-want +got):\n%s", diff)
	}
	for i, want := range []int64{1, 2, 0, 3} {
		if events[i].ID != want {
			t.Errorf("with a refused record: record %d (%s) has ID %d, want %d", i, events[i].EventName, events[i].ID, want)
		}
	}
}

// writeQueued writes records of the names given to a memAudit: the first
// alone, the others queued, in order, while the store holds the first
// one's transaction, so they are written as one batch. It returns the
// records and the store once all are written.
func writeQueued(t *testing.T, names ...string) ([]*wat.AuditEvent, *memAudit) {
	t.Helper()
	store := &memAudit{turns: make(chan struct{})}
	w := newAuditWriter(store, "us-east-1", slog.New(slog.DiscardHandler), 16)
	defer w.close()
	waitFor := func(what string, cond func() bool) {
		t.Helper()
		for deadline := time.Now().Add(10 * time.Second); !cond(); time.Sleep(time.Millisecond) {
			if time.Now().After(deadline) {
				t.Fatalf("timed out waiting for %s", what)
			}
		}
	}
	events := make([]*wat.AuditEvent, len(names))
	var wg sync.WaitGroup
	for i, name := range names {
		events[i] = &wat.AuditEvent{EventName: name}
		wg.Add(1)
		go func() {
			defer wg.Done()
			w.enqueue(fmt.Sprintf("req-%d", i), events[i])
		}()
		if i == 0 {
			waitFor("the first record's transaction", func() bool { return store.waiting.Load() == 1 })
		} else {
			waitFor(fmt.Sprintf("record %d in the queue", i), func() bool { return len(w.queue) == i })
		}
	}
	close(store.turns)
	wg.Wait()
	store.mu.Lock()
	defer store.mu.Unlock()
	return events, store
}
