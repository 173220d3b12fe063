package api

import (
	"context"

	"github.com/wat-dev/wat/api/wire"
	"github.com/wat-dev/wat/service"
)

func (h *handler) ImportLens(ctx context.Context, in *wire.ImportLensInput) (*wire.ImportLensOutput, error) {
	arn, err := h.svc.ImportLens(ctx, service.ImportLensInput{
		JSON: val(in.JSONString), LensAlias: val(in.LensAlias), Tags: in.Tags, ClientRequestToken: val(in.ClientRequestToken),
	})
	if err != nil {
		return nil, err
	}
	return &wire.ImportLensOutput{LensArn: &arn, Status: wire.ImportLensStatus(service.ImportLensComplete)}, nil
}

func (h *handler) ExportLens(ctx context.Context, in *wire.ExportLensInput) (*wire.ExportLensOutput, error) {
	doc, err := h.svc.ExportLens(ctx, val(in.LensAlias), val(in.LensVersion))
	if err != nil {
		return nil, err
	}
	return &wire.ExportLensOutput{LensJSON: &doc}, nil
}

func (h *handler) CreateLensVersion(ctx context.Context, in *wire.CreateLensVersionInput) (*wire.CreateLensVersionOutput, error) {
	arn, version, err := h.svc.CreateLensVersion(ctx, val(in.LensAlias), val(in.LensVersion), val(in.IsMajorVersion), val(in.ClientRequestToken))
	if err != nil {
		return nil, err
	}
	return &wire.CreateLensVersionOutput{LensArn: &arn, LensVersion: &version}, nil
}

func (h *handler) DeleteLens(ctx context.Context, in *wire.DeleteLensInput) (*wire.DeleteLensOutput, error) {
	if err := h.svc.DeleteLens(ctx, val(in.LensAlias), string(in.LensStatus), val(in.ClientRequestToken)); err != nil {
		return nil, err
	}
	return &wire.DeleteLensOutput{}, nil
}

func (h *handler) CreateLensShare(ctx context.Context, in *wire.CreateLensShareInput) (*wire.CreateLensShareOutput, error) {
	id, err := h.svc.CreateLensShare(ctx, val(in.LensAlias), val(in.SharedWith), val(in.ClientRequestToken))
	if err != nil {
		return nil, err
	}
	return &wire.CreateLensShareOutput{ShareId: &id}, nil
}

func (h *handler) ListLensShares(ctx context.Context, in *wire.ListLensSharesInput) (*wire.ListLensSharesOutput, error) {
	f := service.ShareFilter{SharedWithPrefix: val(in.SharedWithPrefix), Status: string(in.Status)}
	vs, next, err := h.svc.ListLensShares(ctx, val(in.LensAlias), f, val(in.NextToken), intOf(in.MaxResults))
	if err != nil {
		return nil, err
	}
	out := &wire.ListLensSharesOutput{NextToken: str(next), LensShareSummaries: []wire.LensShareSummary{}}
	for _, v := range vs {
		out.LensShareSummaries = append(out.LensShareSummaries, wire.LensShareSummary{
			ShareId: &v.ID, SharedWith: &v.SharedWith, Status: wire.ShareStatus(v.Status),
		})
	}
	return out, nil
}

func (h *handler) DeleteLensShare(ctx context.Context, in *wire.DeleteLensShareInput) (*wire.DeleteLensShareOutput, error) {
	if err := h.svc.DeleteLensShare(ctx, val(in.LensAlias), val(in.ShareId), val(in.ClientRequestToken)); err != nil {
		return nil, err
	}
	return &wire.DeleteLensShareOutput{}, nil
}

func (h *handler) UpgradeLensReview(ctx context.Context, in *wire.UpgradeLensReviewInput) (*wire.UpgradeLensReviewOutput, error) {
	if err := h.svc.UpgradeLensReview(ctx, val(in.WorkloadId), val(in.LensAlias), val(in.MilestoneName), val(in.ClientRequestToken)); err != nil {
		return nil, err
	}
	return &wire.UpgradeLensReviewOutput{}, nil
}

func (h *handler) GetLensVersionDifference(ctx context.Context, in *wire.GetLensVersionDifferenceInput) (*wire.GetLensVersionDifferenceOutput, error) {
	d, err := h.svc.GetLensVersionDifference(ctx, val(in.LensAlias), val(in.BaseLensVersion), val(in.TargetLensVersion))
	if err != nil {
		return nil, err
	}
	out := &wire.GetLensVersionDifferenceOutput{
		LensAlias:          &d.Lens.Alias,
		LensArn:            &d.Lens.ARN,
		BaseLensVersion:    str(d.Base),
		TargetLensVersion:  str(d.Target),
		LatestLensVersion:  str(d.LatestVersion),
		VersionDifferences: &wire.VersionDifferences{PillarDifferences: []wire.PillarDifference{}},
	}
	for _, p := range d.Pillars {
		pd := wire.PillarDifference{PillarId: ptr(p.ID), PillarName: ptr(p.Name), DifferenceStatus: wire.DifferenceStatus(p.Status), QuestionDifferences: []wire.QuestionDifference{}}
		for _, q := range p.Questions {
			pd.QuestionDifferences = append(pd.QuestionDifferences, wire.QuestionDifference{QuestionId: ptr(q.ID), QuestionTitle: ptr(q.Title), DifferenceStatus: wire.DifferenceStatus(q.Status)})
		}
		out.VersionDifferences.PillarDifferences = append(out.VersionDifferences.PillarDifferences, pd)
	}
	return out, nil
}
