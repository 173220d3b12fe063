package wat

import (
	"context"
	"time"
)

// AgentTx is the part of Tx that keeps the Well-Architected Agent's
// configuration: Agent profiles with their goals and contexts. Deleting a
// profile deletes its goals and contexts; deleting an account deletes its
// profiles.
type AgentTx interface {
	// InsertAgentProfile stores a new profile; EConflict when its ARN is
	// taken or its NameKey among the account's profiles, ENotFound when
	// its account does not exist.
	InsertAgentProfile(ctx context.Context, p *AgentProfile) error
	// GetAgentProfile returns a profile; lock serialises its writers
	// until the transaction ends.
	GetAgentProfile(ctx context.Context, arn string, lock bool) (*AgentProfile, error)
	// UpdateAgentProfile stores every field of p but its ARN, owner, name
	// and creation (matched by ARN); ENotFound when it does not exist.
	UpdateAgentProfile(ctx context.Context, p *AgentProfile) error
	// DeleteAgentProfile removes a profile with its goals and contexts;
	// ENotFound when it does not exist.
	DeleteAgentProfile(ctx context.Context, arn string) error
	// ListAgentProfiles returns an account's profiles, ordered by ARN.
	ListAgentProfiles(ctx context.Context, accountID string) ([]*AgentProfile, error)

	// InsertAgentGoal stores a new goal; ENotFound when its profile does
	// not exist, EConflict when the profile has a goal with its ID.
	InsertAgentGoal(ctx context.Context, g *AgentGoal) error
	// GetAgentGoal returns one goal of a profile.
	GetAgentGoal(ctx context.Context, profileARN, id string) (*AgentGoal, error)
	// UpdateAgentGoal stores a goal's title, description, pillars and
	// last change; ENotFound when it does not exist.
	UpdateAgentGoal(ctx context.Context, g *AgentGoal) error
	// DeleteAgentGoal removes a goal; ENotFound when it does not exist.
	DeleteAgentGoal(ctx context.Context, profileARN, id string) error
	// ListAgentGoals returns a profile's goals, ordered by creation
	// time, then ID.
	ListAgentGoals(ctx context.Context, profileARN string) ([]*AgentGoal, error)

	// InsertAgentContext stores a new context; ENotFound when its profile
	// does not exist, EConflict when the profile has a context with its ID.
	InsertAgentContext(ctx context.Context, c *AgentContext) error
	// GetAgentContext returns one context of a profile.
	GetAgentContext(ctx context.Context, profileARN, id string) (*AgentContext, error)
	// UpdateAgentContext stores a context's title, content and last
	// change; ENotFound when it does not exist.
	UpdateAgentContext(ctx context.Context, c *AgentContext) error
	// DeleteAgentContext removes a context; ENotFound when it does not
	// exist.
	DeleteAgentContext(ctx context.Context, profileARN, id string) error
	// ListAgentContexts returns a profile's contexts, ordered by creation
	// time, then ID.
	ListAgentContexts(ctx context.Context, profileARN string) ([]*AgentContext, error)
}

// AgentWorkTx is the part of Tx that keeps what the Agent generates:
// generations (durable jobs claimed under a lease), recommendations and
// their feedback.
type AgentWorkTx interface {
	// InsertAgentGeneration queues a generation; ENotFound when its
	// profile does not exist.
	InsertAgentGeneration(ctx context.Context, g *AgentGeneration) error
	// GetAgentGeneration returns one generation of a profile.
	GetAgentGeneration(ctx context.Context, profileARN, id string) (*AgentGeneration, error)
	// ListAgentGenerations returns a profile's generations, newest first.
	ListAgentGenerations(ctx context.Context, profileARN string) ([]*AgentGeneration, error)
	// ClaimAgentGeneration takes the oldest generation that is QUEUED, or
	// IN_PROGRESS with a lease expired at now, for owner until leaseUntil:
	// it is IN_PROGRESS, its attempts counted. ENotFound when there is
	// none. Two transactions never claim the same job.
	ClaimAgentGeneration(ctx context.Context, owner string, now, leaseUntil time.Time) (*AgentGeneration, error)
	// UpdateAgentGeneration stores a generation's status, times, error and
	// lease (matched by profile and id); ENotFound when it does not exist.
	UpdateAgentGeneration(ctx context.Context, g *AgentGeneration) error

	// ListAgentRecommendations returns a profile's recommendations, open
	// and closed, in rank order.
	ListAgentRecommendations(ctx context.Context, profileARN string) ([]*AgentRecommendation, error)
	// GetAgentRecommendation returns one recommendation by its ARN.
	GetAgentRecommendation(ctx context.Context, arn string) (*AgentRecommendation, error)
	// PutAgentRecommendation stores r whole, inserting or replacing it.
	PutAgentRecommendation(ctx context.Context, r *AgentRecommendation) error
	// InsertAgentFeedback stores one more feedback on a recommendation;
	// ENotFound when it does not exist.
	InsertAgentFeedback(ctx context.Context, f *AgentFeedback) error
	// ListAgentFeedback returns a recommendation's feedback, oldest first.
	ListAgentFeedback(ctx context.Context, recommendationARN string) ([]*AgentFeedback, error)
}
