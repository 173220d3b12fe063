package service

import (
	"context"

	"github.com/wat-dev/wat"
)

// Unavailable answers a call of an operation the API routes but wat does
// not provide yet, such as the Well-Architected Agent's. The caller is
// authorised for it first, as for any operation (the IAM action
// wellarchitected:<operation> on resource, an ARN or "*"), so a caller its
// policies deny is told so and learns nothing more; one they allow is
// refused with ENotImplemented, which the SDKs read as
// NotImplementedException (HTTP 501).
func (s *Service) Unavailable(ctx context.Context, operation, resource string) error {
	if _, err := caller(ctx); err != nil {
		return err
	}
	err := s.store.View(ctx, func(tx wat.Tx) error {
		return s.authorize(ctx, tx, act(operation), resource, nil)
	})
	if err != nil {
		return err
	}
	return &wat.Error{Code: wat.ENotImplemented, Type: "NotImplementedException", Message: operation + " is not available yet in wat"}
}
