package api

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/wat-dev/wat"
	"github.com/wat-dev/wat/api/wire"
)

// The Agent's recommendations on the wire.

// agentROI is what wat says of a recommendation's return: the risk it
// removes for its effort; it has no cost or usage data, and says so
// rather than invent a sum (wat.AgentRecommendation.ROI).
func agentROI(r *wat.AgentRecommendation) *wire.Roi {
	estimate, detail := r.ROI()
	return &wire.Roi{Estimate: ptr(estimate), Detail: ptr(detail)}
}

func agentRecommendationSummaryOut(r *wat.AgentRecommendation) wire.AgentRecommendationSummary {
	return wire.AgentRecommendationSummary{
		ProfileArn: ptr(r.ProfileARN), RecommendationArn: ptr(r.ARN), Title: ptr(r.Title), Description: ptr(r.Description),
		Type: wire.RecommendationType(r.Type), Pillar: wire.Pillar(r.Pillar),
		Impact: wire.ImpactCategory(r.Impact), Effort: wire.Effort(r.Effort), Priority: wire.Priority(r.Priority),
		Status: wire.RecommendationStatus(r.Status), State: wire.RecommendationState(r.State), UpdateReason: str(r.UpdateReason),
		Roi: agentROI(r), Applications: r.Applications, NumberOfResources: ptr(int32(r.Resources)),
		CreatedAt: dateTime(r.CreatedAt), CreatedBy: ptr(r.CreatedBy), LastModifiedAt: dateTime(r.UpdatedAt), LastModifiedBy: ptr(r.UpdatedBy),
	}
}

func (h *handler) ListAgentRecommendations(ctx context.Context, in *wire.ListAgentRecommendationsInput) (*wire.ListAgentRecommendationsOutput, error) {
	rs, next, err := h.svc.ListAgentRecommendations(ctx, val(in.ProfileArn), wat.AgentPillar(in.Pillar), string(in.State), val(in.NextToken), intOf(in.MaxResults))
	if err != nil {
		return nil, err
	}
	out := &wire.ListAgentRecommendationsOutput{Items: []wire.AgentRecommendationSummary{}, NextToken: str(next)}
	for _, r := range rs {
		out.Items = append(out.Items, agentRecommendationSummaryOut(r))
	}
	return out, nil
}

func (h *handler) GetAgentRecommendation(ctx context.Context, in *wire.GetAgentRecommendationInput) (*wire.GetAgentRecommendationOutput, error) {
	r, err := h.svc.GetAgentRecommendation(ctx, val(in.RecommendationArn))
	if err != nil {
		return nil, err
	}
	s := agentRecommendationSummaryOut(r)
	out := &wire.GetAgentRecommendationOutput{
		ProfileArn: s.ProfileArn, RecommendationArn: s.RecommendationArn, Title: s.Title, Description: s.Description,
		Type: s.Type, Pillar: s.Pillar, Impact: s.Impact, Effort: s.Effort, Priority: s.Priority, Status: s.Status, State: s.State,
		UpdateReason: s.UpdateReason, Roi: s.Roi, Applications: s.Applications, NumberOfResources: s.NumberOfResources,
		CreatedAt: s.CreatedAt, CreatedBy: s.CreatedBy, LastModifiedAt: s.LastModifiedAt, LastModifiedBy: s.LastModifiedBy,
		Highlights: agentList(r.Highlights), ImpactDetails: agentList(r.ImpactDetails),
		RemediationSummary: &wire.RemediationSummary{Recommendation: ptr(r.Title), Steps: agentList(r.Steps)},
		Insights:           []wire.Insight{{UsagePattern: ptr(fmt.Sprintf("%d workload(s): %v", len(r.Applications), r.Applications))}},
	}
	for _, src := range r.Sources {
		out.Sources = append(out.Sources, wire.RecommendationSource(src))
	}
	if n := r.Resources; n > 0 {
		out.Insights[0].SignalsDetected = ptr(fmt.Sprintf("%d resource(s) in IaC templates fail the practice's checks", n))
	}
	for _, g := range r.Goals {
		out.Goals = append(out.Goals, wire.RecommendationGoal{Title: ptr(g)})
	}
	// A model's trade-offs say what they rest on, so that a reader can
	// check them against the practice and its findings.
	for _, t := range r.TradeOffs {
		out.TradeOffs = append(out.TradeOffs, wire.TradeOff{Pillar: wire.Pillar(t.Pillar), Title: ptr(t.Title), Description: ptr(t.Description),
			Risk: wire.RiskRating(t.Risk), Mitigation: ptr(t.Mitigation), RiskExplanation: ptr("Cites: " + strings.Join(t.Citations, ", "))})
	}
	// The steps come from the guidance's improvement plan, which a person
	// carries out in the console; wat writes no CLI, SDK or IaC steps.
	rem := wire.AgentRecommendationRemediation{RecommendationArn: ptr(r.ARN), Type: wire.RemediationType("CONSOLE"), Steps: []wire.RemediationStep{},
		CreatedAt: s.CreatedAt, CreatedBy: s.CreatedBy, LastModifiedAt: s.LastModifiedAt, LastModifiedBy: s.LastModifiedBy}
	for i, st := range r.Steps {
		rem.Steps = append(rem.Steps, wire.RemediationStep{Title: ptr(fmt.Sprintf("Step %d", i+1)), Content: ptr(st)})
	}
	for _, l := range r.Links {
		rem.ResourceLinks = append(rem.ResourceLinks, wire.ResourceLink{Title: str(l.Title), Url: ptr(l.URL)})
	}
	if in.RemediationType == "" || in.RemediationType == rem.Type {
		out.Remediations = []wire.AgentRecommendationRemediation{rem}
	}
	return out, nil
}

// agentItemMetadata is the document an AWS_RESOURCE item carries: the
// resource and where its template declares it.
type agentItemMetadata struct {
	ResourceName string `json:"resourceName"`
	ResourceType string `json:"resourceType"`
	File         string `json:"file"`
	Line         int    `json:"line,omitempty"`
	Workload     string `json:"workload"`
	WorkloadID   string `json:"workloadId"`
	CheckID      string `json:"checkId"`
	CheckTitle   string `json:"checkTitle,omitempty"`
}

func (h *handler) ListAgentRecommendationItems(ctx context.Context, in *wire.ListAgentRecommendationItemsInput) (*wire.ListAgentRecommendationItemsOutput, error) {
	r, items, next, err := h.svc.ListAgentRecommendationItems(ctx, val(in.RecommendationArn), string(in.Type), val(in.NextToken), intOf(in.MaxResults))
	if err != nil {
		return nil, err
	}
	out := &wire.ListAgentRecommendationItemsOutput{Items: []wire.AgentRecommendationItemSummary{}, NextToken: str(next)}
	for _, it := range items {
		md, err := json.Marshal(agentItemMetadata{it.ResourceName, it.ResourceType, it.File, it.Line, it.WorkloadName, it.WorkloadID, it.CheckID, it.CheckTitle})
		if err != nil {
			return nil, err
		}
		out.Items = append(out.Items, wire.AgentRecommendationItemSummary{
			RecommendationArn: ptr(r.ARN), Id: ptr(it.ID), Type: wire.RecommendationItemType(it.Type), Metadata: md,
			CreatedAt: dateTime(r.CreatedAt), CreatedBy: ptr(r.CreatedBy), LastModifiedAt: dateTime(r.UpdatedAt), LastModifiedBy: ptr(r.UpdatedBy),
		})
	}
	return out, nil
}

func (h *handler) UpdateAgentRecommendationStatus(ctx context.Context, in *wire.UpdateAgentRecommendationStatusInput) (*wire.UpdateAgentRecommendationStatusOutput, error) {
	return &wire.UpdateAgentRecommendationStatusOutput{}, h.svc.UpdateAgentRecommendationStatus(ctx, val(in.RecommendationArn), string(in.Status), in.UpdateReason)
}

func (h *handler) PutAgentRecommendationFeedback(ctx context.Context, in *wire.PutAgentRecommendationFeedbackInput) (*wire.PutAgentRecommendationFeedbackOutput, error) {
	return &wire.PutAgentRecommendationFeedbackOutput{}, h.svc.PutAgentRecommendationFeedback(ctx, wat.AgentFeedback{
		RecommendationARN: val(in.RecommendationArn), Type: string(in.Type), Category: string(in.FeedbackCategory), Comments: val(in.Comments),
	})
}

// agentList gives a required list that is empty as [] rather than leaving it
// out.
func agentList(l []string) []string {
	if l == nil {
		return []string{}
	}
	return l
}
