package service

import (
	"context"

	"github.com/wat-dev/wat"
)

// ListAuditEvents returns up to limit audit events matching f with an ID
// above afterID, oldest first. It is an operator's command: it authorises
// nothing.
func (s *Service) ListAuditEvents(ctx context.Context, f wat.AuditFilter, afterID int64, limit int) ([]*wat.AuditEvent, error) {
	var es []*wat.AuditEvent
	err := s.store.View(ctx, func(tx wat.Tx) (err error) {
		es, err = tx.ListAuditEvents(ctx, f, afterID, limit)
		return err
	})
	return es, err
}
