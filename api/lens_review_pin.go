package api

import (
	"context"

	"github.com/wat-dev/wat/api/wire"
)

// PinLensReviewVersion puts a lens review on a published version of its
// custom lens without recording a milestone (wat's own operation, for
// `wat import`).
func (h *handler) PinLensReviewVersion(ctx context.Context, in *wire.PinLensReviewVersionInput) (*wire.PinLensReviewVersionOutput, error) {
	p, err := h.svc.PinLensReviewVersion(ctx, val(in.WorkloadId), val(in.LensAlias), val(in.LensVersion))
	if err != nil {
		return nil, err
	}
	return &wire.PinLensReviewVersionOutput{WorkloadId: in.WorkloadId, LensArn: &p.LensARN, LensVersion: &p.Version,
		PreviousLensVersion: &p.PreviousVersion, Changed: &p.Changed}, nil
}
