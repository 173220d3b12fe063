package api

import (
	"context"

	"github.com/wat-dev/wat/api/wire"
)

func (h *handler) CreateMilestone(ctx context.Context, in *wire.CreateMilestoneInput) (*wire.CreateMilestoneOutput, error) {
	n, err := h.svc.CreateMilestone(ctx, val(in.WorkloadId), val(in.MilestoneName), val(in.ClientRequestToken))
	if err != nil {
		return nil, err
	}
	return &wire.CreateMilestoneOutput{WorkloadId: in.WorkloadId, MilestoneNumber: int32Ptr(n)}, nil
}

func (h *handler) GetMilestone(ctx context.Context, in *wire.GetMilestoneInput) (*wire.GetMilestoneOutput, error) {
	v, err := h.svc.GetMilestone(ctx, val(in.WorkloadId), intOf(in.MilestoneNumber))
	if err != nil {
		return nil, err
	}
	return &wire.GetMilestoneOutput{
		WorkloadId: in.WorkloadId,
		Milestone: &wire.Milestone{
			MilestoneNumber: int32Ptr(v.Milestone.Number),
			MilestoneName:   ptr(v.Milestone.Name),
			RecordedAt:      ts(v.Milestone.RecordedAt),
			Workload:        workloadOut(v.Workload),
		},
	}, nil
}

func (h *handler) ListMilestones(ctx context.Context, in *wire.ListMilestonesInput) (*wire.ListMilestonesOutput, error) {
	vs, next, err := h.svc.ListMilestones(ctx, val(in.WorkloadId), val(in.NextToken), intOf(in.MaxResults))
	if err != nil {
		return nil, err
	}
	out := &wire.ListMilestonesOutput{WorkloadId: in.WorkloadId, NextToken: str(next), MilestoneSummaries: []wire.MilestoneSummary{}}
	for _, v := range vs {
		out.MilestoneSummaries = append(out.MilestoneSummaries, wire.MilestoneSummary{
			MilestoneNumber: int32Ptr(v.Milestone.Number),
			MilestoneName:   ptr(v.Milestone.Name),
			RecordedAt:      ts(v.Milestone.RecordedAt),
			WorkloadSummary: workloadSummaryOut(v.Workload),
		})
	}
	return out, nil
}
