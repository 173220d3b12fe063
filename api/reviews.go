package api

import (
	"context"

	"github.com/wat-dev/wat/api/wire"
	"github.com/wat-dev/wat/service"
)

func lensReviewOut(v *service.ReviewView) *wire.LensReview {
	r := &wire.LensReview{
		LensAlias:   &v.Lens.Alias,
		LensArn:     &v.Lens.ARN,
		LensName:    &v.Lens.Name,
		LensVersion: &v.Review.LensVersion,
		LensStatus:  wire.LensStatus(reviewLensStatus(v)),
		Notes:       str(v.Review.Notes),
		RiskCounts:  riskCounts(v.RiskCounts),
		UpdatedAt:   ts(v.Review.UpdatedAt),

		PrioritizedRiskCounts: prioritizedCounts(v.PrioritizedRiskCounts),
		Profiles:              reviewProfiles(v),
		PillarReviewSummaries: []wire.PillarReviewSummary{},
		JiraConfiguration:     selectedPillarsOut(v.Jira),
	}
	for _, p := range v.Pillars {
		r.PillarReviewSummaries = append(r.PillarReviewSummaries, wire.PillarReviewSummary{
			PillarId:   ptr(p.ID),
			PillarName: ptr(p.Name),
			Notes:      str(p.Notes),
			RiskCounts: riskCounts(p.RiskCounts),

			PrioritizedRiskCounts: prioritizedCounts(p.PrioritizedRiskCounts),
		})
	}
	return r
}

// reviewLensStatus tells whether the review is on the lens's latest
// version, and whether the lens was deleted.
func reviewLensStatus(v *service.ReviewView) string {
	switch {
	case v.Lens.Deleted:
		return service.LensStatusDeleted
	case v.Review.LensVersion == v.Lens.LatestVersion:
		return service.LensStatusCurrent
	}
	return service.LensStatusNotCurrent
}

func lensReviewSummaryOut(v *service.ReviewView) wire.LensReviewSummary {
	return wire.LensReviewSummary{
		LensAlias:   &v.Lens.Alias,
		LensArn:     &v.Lens.ARN,
		LensName:    &v.Lens.Name,
		LensVersion: &v.Review.LensVersion,
		LensStatus:  wire.LensStatus(reviewLensStatus(v)),
		RiskCounts:  riskCounts(v.RiskCounts),
		UpdatedAt:   ts(v.Review.UpdatedAt),

		PrioritizedRiskCounts: prioritizedCounts(v.PrioritizedRiskCounts),
		Profiles:              reviewProfiles(v),
	}
}

// reviewProfiles is the profile whose priorities a review carries.
func reviewProfiles(v *service.ReviewView) []wire.WorkloadProfile {
	if v.Priorities == nil {
		return nil
	}
	return []wire.WorkloadProfile{{ProfileArn: ptr(v.Priorities.ProfileARN), ProfileVersion: version(v.Priorities.ProfileVersion)}}
}

func (h *handler) ListLensReviews(ctx context.Context, in *wire.ListLensReviewsInput) (*wire.ListLensReviewsOutput, error) {
	vs, next, err := h.svc.ListLensReviews(ctx, val(in.WorkloadId), intOf(in.MilestoneNumber), val(in.NextToken), intOf(in.MaxResults))
	if err != nil {
		return nil, err
	}
	out := &wire.ListLensReviewsOutput{WorkloadId: in.WorkloadId, MilestoneNumber: in.MilestoneNumber, NextToken: str(next), LensReviewSummaries: []wire.LensReviewSummary{}}
	for _, v := range vs {
		out.LensReviewSummaries = append(out.LensReviewSummaries, lensReviewSummaryOut(v))
	}
	return out, nil
}

func (h *handler) GetLensReview(ctx context.Context, in *wire.GetLensReviewInput) (*wire.GetLensReviewOutput, error) {
	if slot := encodedResponseSlot(ctx); slot != nil && in.MilestoneNumber == nil {
		return h.encodedLensReview(ctx, in, slot)
	}
	v, err := h.svc.GetLensReview(ctx, val(in.WorkloadId), val(in.LensAlias), intOf(in.MilestoneNumber))
	if err != nil {
		return nil, err
	}
	return &wire.GetLensReviewOutput{WorkloadId: in.WorkloadId, MilestoneNumber: in.MilestoneNumber, LensReview: lensReviewOut(v)}, nil
}

func (h *handler) UpdateLensReview(ctx context.Context, in *wire.UpdateLensReviewInput) (*wire.UpdateLensReviewOutput, error) {
	v, err := h.svc.UpdateLensReview(ctx, service.UpdateLensReviewInput{
		WorkloadID:  val(in.WorkloadId),
		LensAlias:   val(in.LensAlias),
		LensNotes:   in.LensNotes,
		PillarNotes: in.PillarNotes,
		JiraPillars: selectedPillarsIn(in.JiraConfiguration),
	})
	if err != nil {
		return nil, err
	}
	return &wire.UpdateLensReviewOutput{WorkloadId: in.WorkloadId, LensReview: lensReviewOut(v)}, nil
}

func lensSummaryOut(li *service.LensInfo) wire.LensSummary {
	return wire.LensSummary{
		LensAlias:   &li.Alias,
		LensArn:     &li.ARN,
		LensName:    &li.Name,
		LensType:    wire.LensType(li.Type),
		Description: str(li.Description),
		LensVersion: str(li.Version),
		Owner:       &li.Owner,
		LensStatus:  wire.LensStatus(li.Status),
		CreatedAt:   ts(li.CreatedAt),
		UpdatedAt:   ts(li.UpdatedAt),
	}
}

func (h *handler) ListLenses(ctx context.Context, in *wire.ListLensesInput) (*wire.ListLensesOutput, error) {
	lis, next, err := h.svc.ListLenses(ctx, service.LensFilter{
		Type:   string(in.LensType),
		Status: string(in.LensStatus),
		Name:   val(in.LensName),
	}, val(in.NextToken), intOf(in.MaxResults))
	if err != nil {
		return nil, err
	}
	out := &wire.ListLensesOutput{NextToken: str(next), LensSummaries: []wire.LensSummary{}}
	for _, li := range lis {
		out.LensSummaries = append(out.LensSummaries, lensSummaryOut(li))
	}
	return out, nil
}

func (h *handler) GetLens(ctx context.Context, in *wire.GetLensInput) (*wire.GetLensOutput, error) {
	li, err := h.svc.GetLens(ctx, val(in.LensAlias), val(in.LensVersion))
	if err != nil {
		return nil, err
	}
	return &wire.GetLensOutput{Lens: &wire.Lens{
		LensArn:           &li.ARN,
		LensVersion:       str(li.Version),
		Name:              &li.Name,
		Description:       str(li.Description),
		Owner:             &li.Owner,
		ShareInvitationId: str(li.ShareInvitationID),
		Tags:              li.Tags,
	}}, nil
}

func (h *handler) ListNotifications(ctx context.Context, in *wire.ListNotificationsInput) (*wire.ListNotificationsOutput, error) {
	ns, next, err := h.svc.ListNotifications(ctx, val(in.WorkloadId), val(in.ResourceArn), val(in.NextToken), intOf(in.MaxResults))
	if err != nil {
		return nil, err
	}
	out := &wire.ListNotificationsOutput{NextToken: str(next), NotificationSummaries: []wire.NotificationSummary{}}
	for _, n := range ns {
		out.NotificationSummaries = append(out.NotificationSummaries, wire.NotificationSummary{
			Type: wire.NotificationType(n.Type),
			LensUpgradeSummary: &wire.LensUpgradeSummary{
				WorkloadId:         &n.Workload.ID,
				WorkloadName:       &n.Workload.Name,
				ResourceArn:        &n.Workload.ARN,
				ResourceName:       &n.Workload.Name,
				LensAlias:          &n.Lens.Alias,
				LensArn:            &n.Lens.ARN,
				CurrentLensVersion: &n.CurrentVersion,
				LatestLensVersion:  &n.Lens.Version,
			},
		})
	}
	return out, nil
}
