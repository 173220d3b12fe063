package api

import (
	"context"
	"log/slog"
	"runtime/debug"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/wat-dev/wat"
	"github.com/wat-dev/wat/service"
)

// auditQueueSize bounds the records waiting to be written. A request whose
// record finds the queue full waits for room before its response is
// released: backpressure, never a dropped record.
const auditQueueSize = 1024

// auditBatchMax bounds how many records one transaction writes.
const auditBatchMax = 256

// auditRecord is one queued record, the request it is of, and what its
// request waits on: closed once the record is written (or its failure
// logged).
type auditRecord struct {
	requestID string
	e         *wat.AuditEvent
	written   chan struct{}
}

// auditWriter writes the audit records of many requests in one transaction:
// a mutating call's response is released once its record is committed, but
// the records of the calls answered at the same time share that commit
// instead of each taking its own. On SQLite the batch rides the group
// committer with the calls' own transactions; on PostgreSQL it is one
// transaction of many rows.
//
// What is promised, and how:
//   - no record is dropped: the queue is bounded and enqueue waits for room;
//   - close writes every record queued before it returns (wat serve's
//     shutdown, Server.Close);
//   - a reader of the audit log in this process sees every record queued
//     before its read: each record holds pending for reading from enqueue
//     until written, and barrier takes it for writing;
//   - a record that cannot be written is logged with its request id.
//
// A client that has its response has its record in the log (and the event
// of it in the webhook outbox): a crash between a call's commit and its
// record's loses the record of a call whose client got no answer, as it
// did when each record had its own transaction.
type auditWriter struct {
	store  wat.Store
	region string
	log    *slog.Logger
	queue  chan auditRecord

	pending sync.RWMutex
	closed  atomic.Bool
	done    chan struct{}
}

// newAuditWriter starts the writer of store's audit log, with room for
// queueSize records waiting.
func newAuditWriter(store wat.Store, region string, log *slog.Logger, queueSize int) *auditWriter {
	w := &auditWriter{store: store, region: region, log: log,
		queue: make(chan auditRecord, queueSize), done: make(chan struct{})}
	go w.loop()
	return w
}

// enqueue hands e to the writer, waiting while the queue is full, and
// returns once e is written. After close it writes e itself: a request
// still finishing when the server stops keeps its record.
func (w *auditWriter) enqueue(requestID string, e *wat.AuditEvent) {
	w.pending.RLock()
	if w.closed.Load() {
		w.pending.RUnlock()
		w.write([]auditRecord{{requestID, e, nil}})
		return
	}
	r := auditRecord{requestID, e, make(chan struct{})}
	w.queue <- r // released by loop once written
	<-r.written
}

// barrier returns once every record enqueued before it is written (or its
// failure logged).
func (w *auditWriter) barrier() {
	w.pending.Lock()
	//lint:ignore SA2001 an empty critical section is the point: a barrier
	w.pending.Unlock()
}

// close writes what is queued and stops the writer. Records enqueued after
// it are written by their callers.
func (w *auditWriter) close() {
	if w.closed.Swap(true) {
		<-w.done
		return
	}
	// Every enqueue that saw closed unset holds pending until its record is
	// written; once they have all let go, nobody sends on the queue again.
	w.pending.Lock()
	close(w.queue)
	w.pending.Unlock()
	<-w.done
}

func (w *auditWriter) loop() {
	defer close(w.done)
	batch := make([]auditRecord, 0, auditBatchMax)
	for r := range w.queue {
		batch = append(batch[:0], r)
	drain:
		for len(batch) < auditBatchMax {
			select {
			case r, ok := <-w.queue:
				if !ok {
					break drain
				}
				batch = append(batch, r)
			default:
				break drain
			}
		}
		w.write(batch)
		for _, r := range batch {
			close(r.written)
			w.pending.RUnlock()
		}
		clear(batch) // let the events go
	}
}

// write commits batch in one transaction. When it fails, each record is
// tried again in a transaction of its own, so that one bad record costs no
// other; what still fails is logged with its request id. A panic is logged,
// never raised: it would take the server down from a goroutine of its own.
func (w *auditWriter) write(batch []auditRecord) {
	defer func() {
		if v := recover(); v != nil {
			w.log.Error("panic writing the audit log", "request_id", batch[0].requestID, "records", len(batch),
				"panic", v, "stack", string(debug.Stack()))
		}
	}()
	ctx, cancel := context.WithTimeout(context.Background(), auditTimeout)
	defer cancel()
	events := make([]*wat.AuditEvent, len(batch))
	for i, r := range batch {
		events[i] = r.e
	}
	err := w.store.Update(ctx, func(tx wat.Tx) error { return w.append(ctx, tx, events) })
	if err == nil {
		return
	}
	for i, r := range batch {
		if len(batch) > 1 {
			err = w.store.Update(ctx, func(tx wat.Tx) error { return w.append(ctx, tx, events[i:i+1]) })
		}
		if err != nil {
			w.log.Error("audit log write failed", "request_id", r.requestID, "operation", r.e.EventName, "err", err)
		}
	}
}

// append adds events to the audit log, in one call (a statement or a few
// for the lot, rather than one each), and then, in the same transaction,
// the events telling them to their accounts' webhook subscriptions
// (events.go). Which accounts have an enabled subscription is read in one
// query for the batch: most have none, and their records then cost no
// event to build (CloudTrail's shape in JSON, a fifth of the writer's
// work).
func (w *auditWriter) append(ctx context.Context, tx wat.Tx, events []*wat.AuditEvent) error {
	for _, e := range events {
		e.ID = 0 // a batch tried again sets them again
	}
	if err := tx.AppendAuditEvents(ctx, events); err != nil {
		return err
	}
	var accounts []string
	seen := map[string]bool{"": true} // a call nobody was authenticated for: no account to tell
	for _, e := range events {
		if !seen[e.AccountID] {
			seen[e.AccountID] = true
			accounts = append(accounts, e.AccountID)
		}
	}
	if len(accounts) == 0 {
		return nil
	}
	subscribed, err := tx.AccountsWithWebhooks(ctx, accounts)
	if err != nil {
		return err
	}
	if len(subscribed) == 0 {
		return nil
	}
	for _, e := range events {
		if slices.Contains(subscribed, e.AccountID) {
			if err := service.PublishEvent(ctx, tx, apiCallEvent(e, w.region)); err != nil {
				return err
			}
		}
	}
	return nil
}
