package api

import (
	"context"
	"sort"
	"time"

	"github.com/wat-dev/wat"
	"github.com/wat-dev/wat/api/wire"
	"github.com/wat-dev/wat/service"
)

// The Agent's profiles on the wire. The model gives the profile's outputs
// (Create, Get, Update and the list's items) the same members, so one
// summary is built and converted to each.

func agentPillarsIn(ps []wire.Pillar) []wat.AgentPillar {
	if ps == nil {
		return nil
	}
	out := make([]wat.AgentPillar, len(ps))
	for i, p := range ps {
		out[i] = wat.AgentPillar(p)
	}
	return out
}

// agentPillarsOut is never nil: the outputs require their pillars.
func agentPillarsOut(ps []wat.AgentPillar) []wire.Pillar {
	out := make([]wire.Pillar, len(ps))
	for i, p := range ps {
		out[i] = wire.Pillar(p)
	}
	return out
}

func agentScopeIn(l []wire.AggregationConfiguration) []wat.AgentScope {
	if l == nil {
		return nil
	}
	out := make([]wat.AgentScope, len(l))
	for i, e := range l {
		out[i] = wat.AgentScope{AccountID: val(e.AccountId), Regions: e.Regions, AccessRoleARN: val(e.AccessRoleArn)}
	}
	return out
}

func agentScopeOut(scope []wat.AgentScope) []wire.AggregationConfiguration {
	out := make([]wire.AggregationConfiguration, len(scope))
	for i, e := range scope {
		out[i] = wire.AggregationConfiguration{AccountId: ptr(e.AccountID), Regions: append([]string{}, e.Regions...), AccessRoleArn: ptr(e.AccessRoleARN)}
	}
	return out
}

func dateTime(t time.Time) *wire.DateTime { return wire.NewDateTime(t) }

// agentProfileOut is the wire form of a profile with what wat judges of
// it. Its tags are sorted by key, as a map keeps no order.
func agentProfileOut(v *service.AgentProfileView) wire.AgentProfileSummary {
	p := v.AgentProfile
	out := wire.AgentProfileSummary{
		Arn:                               ptr(p.ARN),
		Name:                              ptr(p.Name),
		DisplayName:                       str(p.DisplayName),
		Description:                       str(p.Description),
		BusinessOverview:                  str(p.BusinessOverview),
		ExecutionRoleArn:                  ptr(p.ExecutionRoleARN),
		Pillars:                           agentPillarsOut(p.Pillars),
		AggregationConfiguration:          agentScopeOut(p.Scope),
		DeletionProtection:                ptr(p.DeletionProtection),
		EligibleForArchitectureGeneration: ptr(v.EligibleForArchitectureGeneration),
		EligibleForScheduledGeneration:    ptr(v.EligibleForScheduledGeneration),
		CreatedAt:                         dateTime(p.CreatedAt),
		CreatedBy:                         ptr(p.CreatedBy),
		LastModifiedAt:                    dateTime(p.UpdatedAt),
		LastModifiedBy:                    ptr(p.UpdatedBy),
	}
	if len(v.Missing) > 0 {
		out.FieldErrors = make(map[string]string, len(v.Missing))
		for _, f := range v.Missing {
			out.FieldErrors[f.Name] = f.Message
		}
	}
	for k, value := range p.Tags {
		out.Tags = append(out.Tags, wire.Tag{Key: ptr(k), Value: ptr(value)})
	}
	sort.Slice(out.Tags, func(i, j int) bool { return *out.Tags[i].Key < *out.Tags[j].Key })
	return out
}

func (h *handler) CreateAgentProfile(ctx context.Context, in *wire.CreateAgentProfileInput) (*wire.CreateAgentProfileOutput, error) {
	sin := service.AgentProfileInput{
		Name:               val(in.Name),
		DisplayName:        in.DisplayName,
		Description:        in.Description,
		BusinessOverview:   in.BusinessOverview,
		ExecutionRoleARN:   in.ExecutionRoleArn,
		Pillars:            agentPillarsIn(in.Pillars),
		Scope:              agentScopeIn(in.AggregationConfiguration),
		DeletionProtection: in.DeletionProtection,
		ClientToken:        val(in.ClientToken),
	}
	for _, t := range in.Tags {
		sin.Tags = append(sin.Tags, service.AgentTag{Key: val(t.Key), Value: val(t.Value)})
	}
	v, err := h.svc.CreateAgentProfile(ctx, sin)
	if err != nil {
		return nil, err
	}
	out := wire.CreateAgentProfileOutput(agentProfileOut(v))
	return &out, nil
}

func (h *handler) GetAgentProfile(ctx context.Context, in *wire.GetAgentProfileInput) (*wire.GetAgentProfileOutput, error) {
	v, err := h.svc.GetAgentProfile(ctx, val(in.ProfileArn))
	if err != nil {
		return nil, err
	}
	out := wire.GetAgentProfileOutput(agentProfileOut(v))
	return &out, nil
}

func (h *handler) UpdateAgentProfile(ctx context.Context, in *wire.UpdateAgentProfileInput) (*wire.UpdateAgentProfileOutput, error) {
	v, err := h.svc.UpdateAgentProfile(ctx, val(in.ProfileArn), service.AgentProfileInput{
		DisplayName:        in.DisplayName,
		Description:        in.Description,
		BusinessOverview:   in.BusinessOverview,
		ExecutionRoleARN:   in.ExecutionRoleArn,
		Pillars:            agentPillarsIn(in.Pillars),
		Scope:              agentScopeIn(in.AggregationConfiguration),
		DeletionProtection: in.DeletionProtection,
		ClientToken:        val(in.ClientToken),
	})
	if err != nil {
		return nil, err
	}
	out := wire.UpdateAgentProfileOutput(agentProfileOut(v))
	return &out, nil
}

func (h *handler) DeleteAgentProfile(ctx context.Context, in *wire.DeleteAgentProfileInput) (*wire.DeleteAgentProfileOutput, error) {
	return &wire.DeleteAgentProfileOutput{}, h.svc.DeleteAgentProfile(ctx, val(in.ProfileArn))
}

func (h *handler) ListAgentProfiles(ctx context.Context, in *wire.ListAgentProfilesInput) (*wire.ListAgentProfilesOutput, error) {
	vs, next, err := h.svc.ListAgentProfiles(ctx, val(in.NextToken), intOf(in.MaxResults))
	if err != nil {
		return nil, err
	}
	out := &wire.ListAgentProfilesOutput{Items: []wire.AgentProfileSummary{}, NextToken: str(next)}
	for _, v := range vs {
		out.Items = append(out.Items, agentProfileOut(v))
	}
	return out, nil
}
