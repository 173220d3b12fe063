package api

import (
	"context"

	"github.com/wat-dev/wat"
	"github.com/wat-dev/wat/api/wire"
	"github.com/wat-dev/wat/service"
)

func (h *handler) CreateWorkloadShare(ctx context.Context, in *wire.CreateWorkloadShareInput) (*wire.CreateWorkloadShareOutput, error) {
	id, err := h.svc.CreateWorkloadShare(ctx, val(in.WorkloadId), val(in.SharedWith), string(in.PermissionType), val(in.ClientRequestToken))
	if err != nil {
		return nil, err
	}
	return &wire.CreateWorkloadShareOutput{WorkloadId: in.WorkloadId, ShareId: &id}, nil
}

func (h *handler) ListWorkloadShares(ctx context.Context, in *wire.ListWorkloadSharesInput) (*wire.ListWorkloadSharesOutput, error) {
	f := service.ShareFilter{SharedWithPrefix: val(in.SharedWithPrefix), Status: string(in.Status)}
	vs, next, err := h.svc.ListWorkloadShares(ctx, val(in.WorkloadId), f, val(in.NextToken), intOf(in.MaxResults))
	if err != nil {
		return nil, err
	}
	out := &wire.ListWorkloadSharesOutput{WorkloadId: in.WorkloadId, NextToken: str(next), WorkloadShareSummaries: []wire.WorkloadShareSummary{}}
	for _, v := range vs {
		out.WorkloadShareSummaries = append(out.WorkloadShareSummaries, wire.WorkloadShareSummary{
			ShareId:        &v.ID,
			SharedWith:     &v.SharedWith,
			PermissionType: wire.PermissionType(v.Permission),
			Status:         wire.ShareStatus(v.Status),
		})
	}
	return out, nil
}

func (h *handler) UpdateWorkloadShare(ctx context.Context, in *wire.UpdateWorkloadShareInput) (*wire.UpdateWorkloadShareOutput, error) {
	v, err := h.svc.UpdateWorkloadShare(ctx, val(in.WorkloadId), val(in.ShareId), string(in.PermissionType))
	if err != nil {
		return nil, err
	}
	return &wire.UpdateWorkloadShareOutput{
		WorkloadId: in.WorkloadId,
		WorkloadShare: &wire.WorkloadShare{
			ShareId:        &v.ID,
			SharedBy:       &v.OwnerAccountID,
			SharedWith:     &v.SharedWith,
			PermissionType: wire.PermissionType(v.Permission),
			Status:         wire.ShareStatus(v.Status),
			WorkloadId:     &v.ResourceID,
			WorkloadName:   &v.WorkloadName,
		},
	}, nil
}

func (h *handler) DeleteWorkloadShare(ctx context.Context, in *wire.DeleteWorkloadShareInput) (*wire.DeleteWorkloadShareOutput, error) {
	if err := h.svc.DeleteWorkloadShare(ctx, val(in.WorkloadId), val(in.ShareId), val(in.ClientRequestToken)); err != nil {
		return nil, err
	}
	return &wire.DeleteWorkloadShareOutput{}, nil
}

func (h *handler) ListShareInvitations(ctx context.Context, in *wire.ListShareInvitationsInput) (*wire.ListShareInvitationsOutput, error) {
	out := &wire.ListShareInvitationsOutput{ShareInvitationSummaries: []wire.ShareInvitationSummary{}}
	f := service.InvitationFilter{
		ResourceType:       string(in.ShareResourceType),
		WorkloadNamePrefix: val(in.WorkloadNamePrefix),
		LensNamePrefix:     val(in.LensNamePrefix),
		ProfileNamePrefix:  val(in.ProfileNamePrefix),
		TemplateNamePrefix: val(in.TemplateNamePrefix),
	}
	vs, next, err := h.svc.ListShareInvitations(ctx, f, val(in.NextToken), intOf(in.MaxResults))
	if err != nil {
		return nil, err
	}
	out.NextToken = str(next)
	for _, v := range vs {
		sum := wire.ShareInvitationSummary{
			ShareInvitationId: &v.InvitationID,
			SharedBy:          &v.OwnerAccountID,
			SharedWith:        &v.SharedWith,
			ShareResourceType: wire.ShareResourceType(v.ResourceType),
		}
		if v.Permission != "" {
			sum.PermissionType = wire.PermissionType(v.Permission)
		}
		switch v.ResourceType {
		case wat.ShareResourceWorkload:
			sum.WorkloadId, sum.WorkloadName = &v.ResourceID, str(v.ResourceName)
		case wat.ShareResourceLens:
			sum.LensArn, sum.LensName = &v.ResourceID, str(v.ResourceName)
		case wat.ShareResourceProfile:
			sum.ProfileArn, sum.ProfileName = &v.ResourceID, str(v.ResourceName)
		case wat.ShareResourceTemplate:
			sum.TemplateArn, sum.TemplateName = &v.ResourceID, str(v.ResourceName)
		}
		out.ShareInvitationSummaries = append(out.ShareInvitationSummaries, sum)
	}
	return out, nil
}

func (h *handler) UpdateShareInvitation(ctx context.Context, in *wire.UpdateShareInvitationInput) (*wire.UpdateShareInvitationOutput, error) {
	sh, err := h.svc.UpdateShareInvitation(ctx, val(in.ShareInvitationId), string(in.ShareInvitationAction))
	if err != nil {
		return nil, err
	}
	inv := &wire.ShareInvitation{
		ShareInvitationId: &sh.InvitationID,
		ShareResourceType: wire.ShareResourceType(sh.ResourceType),
	}
	switch sh.ResourceType {
	case wat.ShareResourceWorkload:
		inv.WorkloadId = &sh.ResourceID
	case wat.ShareResourceLens:
		inv.LensArn = &sh.ResourceID
		inv.LensAlias = &sh.ResourceID
	case wat.ShareResourceProfile:
		inv.ProfileArn = &sh.ResourceID
	case wat.ShareResourceTemplate:
		inv.TemplateArn = &sh.ResourceID
	}
	return &wire.UpdateShareInvitationOutput{ShareInvitation: inv}, nil
}
