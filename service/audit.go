package service

import (
	"context"
	"sync"

	"github.com/wat-dev/wat"
)

// auditBarriers are what a read of the audit log waits for first: the
// writers of records already promised but perhaps not yet committed
// (api.Server writes its records after the responses, in batches).
type auditBarriers struct {
	mu    sync.Mutex
	waits []func()
}

// AddAuditBarrier makes every read of the audit log through s call wait
// first, which returns once the records its writer queued before are
// written: a call's record is then read as soon as its response is.
// api.New adds its server's.
func (s *Service) AddAuditBarrier(wait func()) {
	s.auditBarriers.mu.Lock()
	defer s.auditBarriers.mu.Unlock()
	s.auditBarriers.waits = append(s.auditBarriers.waits, wait)
}

// WaitAudit waits for every audit record queued in this process so far
// (and the events written with them): what reads them after a call, a
// test's webhook worker for one, sees that call's.
func (s *Service) WaitAudit() {
	s.auditBarriers.mu.Lock()
	waits := s.auditBarriers.waits
	s.auditBarriers.mu.Unlock()
	for _, wait := range waits {
		wait()
	}
}

// ListAuditEvents returns up to limit audit events matching f with an ID
// above afterID, oldest first. It is an operator's command: it authorises
// nothing.
func (s *Service) ListAuditEvents(ctx context.Context, f wat.AuditFilter, afterID int64, limit int) ([]*wat.AuditEvent, error) {
	s.WaitAudit()
	var es []*wat.AuditEvent
	err := s.store.View(ctx, func(tx wat.Tx) (err error) {
		es, err = tx.ListAuditEvents(ctx, f, afterID, limit)
		return err
	})
	return es, err
}
