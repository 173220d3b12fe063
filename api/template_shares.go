package api

import (
	"context"

	"github.com/wat-dev/wat/api/wire"
	"github.com/wat-dev/wat/service"
)

func (h *handler) CreateTemplateShare(ctx context.Context, in *wire.CreateTemplateShareInput) (*wire.CreateTemplateShareOutput, error) {
	id, err := h.svc.CreateTemplateShare(ctx, val(in.TemplateArn), val(in.SharedWith), val(in.ClientRequestToken))
	if err != nil {
		return nil, err
	}
	return &wire.CreateTemplateShareOutput{TemplateArn: in.TemplateArn, ShareId: &id}, nil
}

func (h *handler) ListTemplateShares(ctx context.Context, in *wire.ListTemplateSharesInput) (*wire.ListTemplateSharesOutput, error) {
	f := service.ShareFilter{SharedWithPrefix: val(in.SharedWithPrefix), Status: string(in.Status)}
	vs, next, err := h.svc.ListTemplateShares(ctx, val(in.TemplateArn), f, val(in.NextToken), intOf(in.MaxResults))
	if err != nil {
		return nil, err
	}
	out := &wire.ListTemplateSharesOutput{TemplateArn: in.TemplateArn, NextToken: str(next), TemplateShareSummaries: []wire.TemplateShareSummary{}}
	for _, v := range vs {
		out.TemplateShareSummaries = append(out.TemplateShareSummaries, wire.TemplateShareSummary{
			ShareId: &v.ID, SharedWith: &v.SharedWith, Status: wire.ShareStatus(v.Status),
		})
	}
	return out, nil
}

func (h *handler) DeleteTemplateShare(ctx context.Context, in *wire.DeleteTemplateShareInput) (*wire.DeleteTemplateShareOutput, error) {
	if err := h.svc.DeleteTemplateShare(ctx, val(in.TemplateArn), val(in.ShareId), val(in.ClientRequestToken)); err != nil {
		return nil, err
	}
	return &wire.DeleteTemplateShareOutput{}, nil
}
