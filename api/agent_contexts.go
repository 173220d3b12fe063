package api

import (
	"context"

	"github.com/wat-dev/wat"
	"github.com/wat-dev/wat/api/wire"
	"github.com/wat-dev/wat/service"
)

// The contexts of Agent profiles on the wire.

func agentContentIn(c *wire.ContextContent) *wat.AgentContextContent {
	if c == nil {
		return nil
	}
	out := &wat.AgentContextContent{
		AccountIDs: c.AccountIds, Regions: c.Regions, AWSServices: c.AwsServices, ResourceTypes: c.ResourceTypes,
		ApplicationType: string(c.ApplicationType), Criticality: string(c.Criticality),
		ApplicationOverview: val(c.ApplicationOverview), ArchitectureOverview: val(c.ArchitectureOverview),
		AdditionalContext: val(c.AdditionalContext), Industry: val(c.Industry),
	}
	for _, t := range c.ResourceTags {
		out.ResourceTags = append(out.ResourceTags, wat.AgentResourceTag{Key: val(t.Key), Value: val(t.Value)})
	}
	return out
}

func agentContentOut(c wat.AgentContextContent) *wire.ContextContent {
	out := &wire.ContextContent{
		AccountIds: c.AccountIDs, Regions: c.Regions, AwsServices: c.AWSServices, ResourceTypes: c.ResourceTypes,
		ApplicationType: wire.ApplicationType(c.ApplicationType), Criticality: wire.Criticality(c.Criticality),
		ApplicationOverview: str(c.ApplicationOverview), ArchitectureOverview: str(c.ArchitectureOverview),
		AdditionalContext: str(c.AdditionalContext), Industry: str(c.Industry),
	}
	for _, t := range c.ResourceTags {
		out.ResourceTags = append(out.ResourceTags, wire.ContextResourceTag{Key: ptr(t.Key), Value: ptr(t.Value)})
	}
	return out
}

// agentContextOut is the wire form of a context. The model repeats the
// content's application type and criticality at the top.
func agentContextOut(c *wat.AgentContext) *wire.ContextSummary {
	return &wire.ContextSummary{
		ProfileArn:      ptr(c.ProfileARN),
		Id:              ptr(c.ID),
		ContextType:     wire.ContextType(c.Type),
		Title:           ptr(c.Title),
		Content:         agentContentOut(c.Content),
		ApplicationType: wire.ApplicationType(c.Content.ApplicationType),
		Criticality:     wire.Criticality(c.Content.Criticality),
		CreatedAt:       dateTime(c.CreatedAt),
		CreatedBy:       ptr(c.CreatedBy),
		LastModifiedAt:  dateTime(c.UpdatedAt),
		LastModifiedBy:  ptr(c.UpdatedBy),
	}
}

func (h *handler) CreateAgentContext(ctx context.Context, in *wire.CreateAgentContextInput) (*wire.CreateAgentContextOutput, error) {
	c, err := h.svc.CreateAgentContext(ctx, val(in.ProfileArn), service.AgentContextInput{
		Type: string(in.ContextType), Title: in.Title, Content: agentContentIn(in.Content), ClientToken: val(in.ClientToken),
	})
	if err != nil {
		return nil, err
	}
	return &wire.CreateAgentContextOutput{Context: agentContextOut(c)}, nil
}

func (h *handler) GetAgentContext(ctx context.Context, in *wire.GetAgentContextInput) (*wire.GetAgentContextOutput, error) {
	c, err := h.svc.GetAgentContext(ctx, val(in.ProfileArn), val(in.Id))
	if err != nil {
		return nil, err
	}
	return &wire.GetAgentContextOutput{Context: agentContextOut(c)}, nil
}

func (h *handler) UpdateAgentContext(ctx context.Context, in *wire.UpdateAgentContextInput) (*wire.UpdateAgentContextOutput, error) {
	c, err := h.svc.UpdateAgentContext(ctx, val(in.ProfileArn), val(in.Id), service.AgentContextInput{
		Title: in.Title, Content: agentContentIn(in.Content), ClientToken: val(in.ClientToken),
	})
	if err != nil {
		return nil, err
	}
	return &wire.UpdateAgentContextOutput{Context: agentContextOut(c)}, nil
}

func (h *handler) DeleteAgentContext(ctx context.Context, in *wire.DeleteAgentContextInput) (*wire.DeleteAgentContextOutput, error) {
	return &wire.DeleteAgentContextOutput{}, h.svc.DeleteAgentContext(ctx, val(in.ProfileArn), val(in.Id))
}

func (h *handler) ListAgentContexts(ctx context.Context, in *wire.ListAgentContextsInput) (*wire.ListAgentContextsOutput, error) {
	cs, next, err := h.svc.ListAgentContexts(ctx, val(in.ProfileArn), val(in.NextToken), intOf(in.MaxResults))
	if err != nil {
		return nil, err
	}
	out := &wire.ListAgentContextsOutput{Items: []wire.ContextSummary{}, NextToken: str(next)}
	for _, c := range cs {
		out.Items = append(out.Items, *agentContextOut(c))
	}
	return out, nil
}
