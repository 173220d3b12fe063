package api

import (
	"context"
	"encoding/json"

	"github.com/wat-dev/wat/api/wire"
	"github.com/wat-dev/wat/service"
)

// encodedResponse carries, from a handler to Server.serve, a response body
// the handler already has encoded: GetLensReview's, kept with the cached
// evaluation it was made of (service.EncodedLensReview), so that a read of
// an unchanged review writes bytes without encoding them again.
type encodedResponse struct{ b []byte }

type encodedResponseKey struct{}

// withEncodedResponse returns ctx carrying slot, for the handler of the
// request to fill.
func withEncodedResponse(ctx context.Context, slot *encodedResponse) context.Context {
	return context.WithValue(ctx, encodedResponseKey{}, slot)
}

// encodedResponseSlot returns the slot of ctx, nil when the caller of the
// handler encodes the output itself.
func encodedResponseSlot(ctx context.Context) *encodedResponse {
	slot, _ := ctx.Value(encodedResponseKey{}).(*encodedResponse)
	return slot
}

// encodedLensReview answers GetLensReview of a live review with the bytes
// of its whole output in slot, encoded as serve encodes every output. The
// output depends on the evaluation and on the workload id as the caller
// wrote it, which is the variant its bytes are kept by.
func (h *handler) encodedLensReview(ctx context.Context, in *wire.GetLensReviewInput, slot *encodedResponse) (*wire.GetLensReviewOutput, error) {
	b, err := h.svc.EncodedLensReview(ctx, val(in.WorkloadId), val(in.LensAlias), val(in.WorkloadId), func(v *service.ReviewView) ([]byte, error) {
		return json.Marshal(&wire.GetLensReviewOutput{WorkloadId: in.WorkloadId, LensReview: lensReviewOut(v)})
	})
	if err != nil {
		return nil, err
	}
	slot.b = b
	return &wire.GetLensReviewOutput{}, nil // not encoded: slot.b is the body
}
