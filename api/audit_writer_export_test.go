package api

import (
	"log/slog"

	"github.com/wat-dev/wat"
)

// StartAuditWriter starts the audit writer of store, for tests that drive
// it on a real store: enqueue hands it a record and returns once the
// record is written (or its failure logged); close writes what is queued
// and stops it. It is compiled into tests only.
func StartAuditWriter(store wat.Store, region string, log *slog.Logger) (enqueue func(requestID string, e *wat.AuditEvent), close func()) {
	w := newAuditWriter(store, region, log, auditQueueSize)
	return w.enqueue, w.close
}
