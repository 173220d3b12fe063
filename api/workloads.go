package api

import (
	"context"

	"github.com/wat-dev/wat"
	"github.com/wat-dev/wat/api/wire"
	"github.com/wat-dev/wat/service"
)

func discoveryIn(c *wire.WorkloadDiscoveryConfig) *wat.DiscoveryConfig {
	if c == nil {
		return nil
	}
	d := &wat.DiscoveryConfig{TrustedAdvisorIntegrationStatus: string(c.TrustedAdvisorIntegrationStatus)}
	for _, r := range c.WorkloadResourceDefinition {
		d.WorkloadResourceDefinition = append(d.WorkloadResourceDefinition, string(r))
	}
	return d
}

func discoveryOut(d *wat.DiscoveryConfig) *wire.WorkloadDiscoveryConfig {
	if d == nil {
		return nil
	}
	c := &wire.WorkloadDiscoveryConfig{TrustedAdvisorIntegrationStatus: wire.TrustedAdvisorIntegrationStatus(d.TrustedAdvisorIntegrationStatus)}
	for _, r := range d.WorkloadResourceDefinition {
		c.WorkloadResourceDefinition = append(c.WorkloadResourceDefinition, wire.DefinitionType(r))
	}
	return c
}

func (h *handler) CreateWorkload(ctx context.Context, in *wire.CreateWorkloadInput) (*wire.CreateWorkloadOutput, error) {
	w, err := h.svc.CreateWorkload(ctx, service.CreateWorkloadInput{
		Workload: wat.Workload{
			Name:                val(in.WorkloadName),
			Description:         val(in.Description),
			Environment:         string(in.Environment),
			AccountIDs:          in.AccountIds,
			AWSRegions:          in.AwsRegions,
			NonAWSRegions:       in.NonAwsRegions,
			ArchitecturalDesign: val(in.ArchitecturalDesign),
			ReviewOwner:         val(in.ReviewOwner),
			IndustryType:        val(in.IndustryType),
			Industry:            val(in.Industry),
			PillarPriorities:    in.PillarPriorities,
			Notes:               val(in.Notes),
			Applications:        in.Applications,
			DiscoveryConfig:     discoveryIn(in.DiscoveryConfig),
			Tags:                in.Tags,
		},
		Lenses:             in.Lenses,
		ProfileARNs:        in.ProfileArns,
		ReviewTemplateARNs: in.ReviewTemplateArns,
		ClientRequestToken: val(in.ClientRequestToken),
		Jira:               workloadJiraIn(in.JiraConfiguration),
	})
	if err != nil {
		return nil, err
	}
	return &wire.CreateWorkloadOutput{WorkloadId: &w.ID, WorkloadArn: &w.ARN}, nil
}

// workloadOut is the wire form of a workload.
func workloadOut(v *service.WorkloadView) *wire.Workload {
	w := v.Workload
	return &wire.Workload{
		WorkloadId:                      &w.ID,
		WorkloadArn:                     &w.ARN,
		WorkloadName:                    &w.Name,
		Description:                     &w.Description,
		Environment:                     wire.WorkloadEnvironment(w.Environment),
		UpdatedAt:                       ts(w.UpdatedAt),
		AccountIds:                      w.AccountIDs,
		AwsRegions:                      w.AWSRegions,
		NonAwsRegions:                   w.NonAWSRegions,
		ArchitecturalDesign:             str(w.ArchitecturalDesign),
		ReviewOwner:                     str(w.ReviewOwner),
		IsReviewOwnerUpdateAcknowledged: ptr(w.IsReviewOwnerUpdateAcknowledged),
		IndustryType:                    str(w.IndustryType),
		Industry:                        str(w.Industry),
		Notes:                           str(w.Notes),
		ImprovementStatus:               wire.WorkloadImprovementStatus(w.ImprovementStatus),
		RiskCounts:                      riskCounts(v.RiskCounts),
		PrioritizedRiskCounts:           prioritizedCounts(v.PrioritizedRiskCounts),
		Profiles:                        workloadProfiles(w),
		PillarPriorities:                w.PillarPriorities,
		Lenses:                          v.LensAliases,
		Owner:                           &w.AccountID,
		ShareInvitationId:               str(v.ShareInvitationID),
		Tags:                            w.Tags,
		Applications:                    w.Applications,
		DiscoveryConfig:                 discoveryOut(w.DiscoveryConfig),
		JiraConfiguration:               workloadJiraOut(v.Jira),
	}
}

func workloadSummaryOut(v *service.WorkloadView) *wire.WorkloadSummary {
	w := v.Workload
	return &wire.WorkloadSummary{
		WorkloadId:            &w.ID,
		WorkloadArn:           &w.ARN,
		WorkloadName:          &w.Name,
		Owner:                 &w.AccountID,
		UpdatedAt:             ts(w.UpdatedAt),
		Lenses:                v.LensAliases,
		RiskCounts:            riskCounts(v.RiskCounts),
		PrioritizedRiskCounts: prioritizedCounts(v.PrioritizedRiskCounts),
		Profiles:              workloadProfiles(w),
		ImprovementStatus:     wire.WorkloadImprovementStatus(w.ImprovementStatus),
	}
}

func (h *handler) GetWorkload(ctx context.Context, in *wire.GetWorkloadInput) (*wire.GetWorkloadOutput, error) {
	v, err := h.svc.GetWorkload(ctx, val(in.WorkloadId))
	if err != nil {
		return nil, err
	}
	return &wire.GetWorkloadOutput{Workload: workloadOut(v)}, nil
}

func (h *handler) UpdateWorkload(ctx context.Context, in *wire.UpdateWorkloadInput) (*wire.UpdateWorkloadOutput, error) {
	p := service.WorkloadPatch{
		Name:                            in.WorkloadName,
		Description:                     in.Description,
		AccountIDs:                      in.AccountIds,
		AWSRegions:                      in.AwsRegions,
		NonAWSRegions:                   in.NonAwsRegions,
		ArchitecturalDesign:             in.ArchitecturalDesign,
		ReviewOwner:                     in.ReviewOwner,
		IsReviewOwnerUpdateAcknowledged: in.IsReviewOwnerUpdateAcknowledged,
		IndustryType:                    in.IndustryType,
		Industry:                        in.Industry,
		PillarPriorities:                in.PillarPriorities,
		Notes:                           in.Notes,
		Applications:                    in.Applications,
		DiscoveryConfig:                 discoveryIn(in.DiscoveryConfig),
		Jira:                            workloadJiraIn(in.JiraConfiguration),
	}
	if in.Environment != "" {
		p.Environment = ptr(string(in.Environment))
	}
	if in.ImprovementStatus != "" {
		p.ImprovementStatus = ptr(string(in.ImprovementStatus))
	}
	v, err := h.svc.UpdateWorkload(ctx, val(in.WorkloadId), p)
	if err != nil {
		return nil, err
	}
	return &wire.UpdateWorkloadOutput{Workload: workloadOut(v)}, nil
}

func (h *handler) DeleteWorkload(ctx context.Context, in *wire.DeleteWorkloadInput) (*wire.DeleteWorkloadOutput, error) {
	if err := h.svc.DeleteWorkload(ctx, val(in.WorkloadId), val(in.ClientRequestToken)); err != nil {
		return nil, err
	}
	return &wire.DeleteWorkloadOutput{}, nil
}

func (h *handler) ListWorkloads(ctx context.Context, in *wire.ListWorkloadsInput) (*wire.ListWorkloadsOutput, error) {
	vs, next, err := h.svc.ListWorkloads(ctx, val(in.WorkloadNamePrefix), val(in.NextToken), intOf(in.MaxResults))
	if err != nil {
		return nil, err
	}
	out := &wire.ListWorkloadsOutput{NextToken: str(next), WorkloadSummaries: []wire.WorkloadSummary{}}
	for _, v := range vs {
		out.WorkloadSummaries = append(out.WorkloadSummaries, *workloadSummaryOut(v))
	}
	return out, nil
}

func (h *handler) AssociateLenses(ctx context.Context, in *wire.AssociateLensesInput) (*wire.AssociateLensesOutput, error) {
	return &wire.AssociateLensesOutput{}, h.svc.AssociateLenses(ctx, val(in.WorkloadId), in.LensAliases)
}

func (h *handler) DisassociateLenses(ctx context.Context, in *wire.DisassociateLensesInput) (*wire.DisassociateLensesOutput, error) {
	return &wire.DisassociateLensesOutput{}, h.svc.DisassociateLenses(ctx, val(in.WorkloadId), in.LensAliases)
}

func (h *handler) TagResource(ctx context.Context, in *wire.TagResourceInput) (*wire.TagResourceOutput, error) {
	return &wire.TagResourceOutput{}, h.svc.TagResource(ctx, val(in.WorkloadArn), in.Tags)
}

func (h *handler) UntagResource(ctx context.Context, in *wire.UntagResourceInput) (*wire.UntagResourceOutput, error) {
	return &wire.UntagResourceOutput{}, h.svc.UntagResource(ctx, val(in.WorkloadArn), in.TagKeys)
}

func (h *handler) ListTagsForResource(ctx context.Context, in *wire.ListTagsForResourceInput) (*wire.ListTagsForResourceOutput, error) {
	tags, err := h.svc.ListTagsForResource(ctx, val(in.WorkloadArn))
	if err != nil {
		return nil, err
	}
	if tags == nil {
		tags = map[string]string{}
	}
	return &wire.ListTagsForResourceOutput{Tags: tags}, nil
}
