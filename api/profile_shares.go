package api

import (
	"context"

	"github.com/wat-dev/wat/api/wire"
	"github.com/wat-dev/wat/service"
)

func (h *handler) CreateProfileShare(ctx context.Context, in *wire.CreateProfileShareInput) (*wire.CreateProfileShareOutput, error) {
	id, err := h.svc.CreateProfileShare(ctx, val(in.ProfileArn), val(in.SharedWith), val(in.ClientRequestToken))
	if err != nil {
		return nil, err
	}
	return &wire.CreateProfileShareOutput{ProfileArn: in.ProfileArn, ShareId: &id}, nil
}

func (h *handler) ListProfileShares(ctx context.Context, in *wire.ListProfileSharesInput) (*wire.ListProfileSharesOutput, error) {
	f := service.ShareFilter{SharedWithPrefix: val(in.SharedWithPrefix), Status: string(in.Status)}
	vs, next, err := h.svc.ListProfileShares(ctx, val(in.ProfileArn), f, val(in.NextToken), intOf(in.MaxResults))
	if err != nil {
		return nil, err
	}
	out := &wire.ListProfileSharesOutput{NextToken: str(next), ProfileShareSummaries: []wire.ProfileShareSummary{}}
	for _, v := range vs {
		out.ProfileShareSummaries = append(out.ProfileShareSummaries, wire.ProfileShareSummary{
			ShareId: &v.ID, SharedWith: &v.SharedWith, Status: wire.ShareStatus(v.Status),
		})
	}
	return out, nil
}

func (h *handler) DeleteProfileShare(ctx context.Context, in *wire.DeleteProfileShareInput) (*wire.DeleteProfileShareOutput, error) {
	if err := h.svc.DeleteProfileShare(ctx, val(in.ProfileArn), val(in.ShareId), val(in.ClientRequestToken)); err != nil {
		return nil, err
	}
	return &wire.DeleteProfileShareOutput{}, nil
}
