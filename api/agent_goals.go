package api

import (
	"context"

	"github.com/wat-dev/wat"
	"github.com/wat-dev/wat/api/wire"
	"github.com/wat-dev/wat/service"
)

// The goals of Agent profiles on the wire.

func agentGoalOut(g *wat.AgentGoal) *wire.GoalSummary {
	return &wire.GoalSummary{
		ProfileArn:     ptr(g.ProfileARN),
		Id:             ptr(g.ID),
		Title:          ptr(g.Title),
		Description:    str(g.Description),
		Pillars:        agentPillarsOut(g.Pillars),
		CreatedAt:      dateTime(g.CreatedAt),
		CreatedBy:      ptr(g.CreatedBy),
		LastModifiedAt: dateTime(g.UpdatedAt),
		LastModifiedBy: ptr(g.UpdatedBy),
	}
}

func (h *handler) CreateAgentGoal(ctx context.Context, in *wire.CreateAgentGoalInput) (*wire.CreateAgentGoalOutput, error) {
	g, err := h.svc.CreateAgentGoal(ctx, val(in.ProfileArn), service.AgentGoalInput{
		Title: in.Title, Description: in.Description, Pillars: agentPillarsIn(in.Pillars), ClientToken: val(in.ClientToken),
	})
	if err != nil {
		return nil, err
	}
	return &wire.CreateAgentGoalOutput{Goal: agentGoalOut(g)}, nil
}

func (h *handler) GetAgentGoal(ctx context.Context, in *wire.GetAgentGoalInput) (*wire.GetAgentGoalOutput, error) {
	g, err := h.svc.GetAgentGoal(ctx, val(in.ProfileArn), val(in.Id))
	if err != nil {
		return nil, err
	}
	return &wire.GetAgentGoalOutput{Goal: agentGoalOut(g)}, nil
}

func (h *handler) UpdateAgentGoal(ctx context.Context, in *wire.UpdateAgentGoalInput) (*wire.UpdateAgentGoalOutput, error) {
	g, err := h.svc.UpdateAgentGoal(ctx, val(in.ProfileArn), val(in.Id), service.AgentGoalInput{
		Title: in.Title, Description: in.Description, Pillars: agentPillarsIn(in.Pillars), ClientToken: val(in.ClientToken),
	})
	if err != nil {
		return nil, err
	}
	return &wire.UpdateAgentGoalOutput{Goal: agentGoalOut(g)}, nil
}

func (h *handler) DeleteAgentGoal(ctx context.Context, in *wire.DeleteAgentGoalInput) (*wire.DeleteAgentGoalOutput, error) {
	return &wire.DeleteAgentGoalOutput{}, h.svc.DeleteAgentGoal(ctx, val(in.ProfileArn), val(in.Id))
}

func (h *handler) ListAgentGoals(ctx context.Context, in *wire.ListAgentGoalsInput) (*wire.ListAgentGoalsOutput, error) {
	gs, next, err := h.svc.ListAgentGoals(ctx, val(in.ProfileArn), val(in.NextToken), intOf(in.MaxResults))
	if err != nil {
		return nil, err
	}
	out := &wire.ListAgentGoalsOutput{Items: []wire.GoalSummary{}, NextToken: str(next)}
	for _, g := range gs {
		out.Items = append(out.Items, *agentGoalOut(g))
	}
	return out, nil
}
