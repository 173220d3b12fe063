package sqlstore

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/wat-dev/wat"
)

// errBenchRollback ends a benchmarked transaction without committing it.
var errBenchRollback = errors.New("rolled back on purpose")

// BenchmarkAppendAudit16 measures a transaction adding 16 audit records,
// the audit writer's batch under a moderate load: one statement per record
// (each) and one for all (batch). It runs one transaction at a time, so
// ns/op is the latency of the transaction. The commit's writes weigh most
// of it on SQLite; the rolled-back transactions leave them out, to show
// what the statements cost.
func BenchmarkAppendAudit16(b *testing.B) {
	ways := []struct {
		name   string
		append func(ctx context.Context, tx wat.Tx, events []*wat.AuditEvent) error
	}{
		{"each", func(ctx context.Context, tx wat.Tx, events []*wat.AuditEvent) error {
			for _, e := range events {
				if err := tx.AppendAuditEvent(ctx, e); err != nil {
					return err
				}
			}
			return nil
		}},
		{"batch", func(ctx context.Context, tx wat.Tx, events []*wat.AuditEvent) error {
			return tx.AppendAuditEvents(ctx, events)
		}},
	}
	for _, be := range benchBackends() {
		for _, commit := range []bool{true, false} {
			for _, way := range ways {
				name := be.name + "/" + way.name
				if !commit {
					name += "/rolled-back"
				}
				b.Run(name, func(b *testing.B) {
					if be.require != nil {
						be.require(b)
					}
					db := be.fresh(b)
					events := auditBatch("bench", 16)
					for i := 0; b.Loop(); i++ {
						// Later records have later times, as the writer's
						// do: the same 16 times over and over would insert
						// into the middle of the time index, a page each.
						for j, e := range events {
							e.EventTime = t0.Add(time.Duration(16*i+j) * time.Millisecond)
						}
						err := try(db, func(ctx context.Context, tx wat.Tx) error {
							if err := way.append(ctx, tx, events); err != nil || commit {
								return err
							}
							return errBenchRollback
						})
						if err != nil && (commit || !errors.Is(err, errBenchRollback)) {
							b.Fatal(err)
						}
					}
				})
			}
		}
	}
}
