package wat

import (
	"time"
)

// What the Well-Architected Agent produces for a profile: generations (the
// durable jobs that compute recommendations) and recommendations (one per
// best practice the profile's workloads fall short of), with the items
// (resources) that show it and the feedback users give on them.

// The states of a generation, as the model names them (GenerationStatus).
const (
	AgentGenerationQueued     = "QUEUED"
	AgentGenerationInProgress = "IN_PROGRESS"
	AgentGenerationCompleted  = "COMPLETED"
	AgentGenerationError      = "ERROR"
)

// The statuses a user gives a recommendation (RecommendationStatus) and
// the states generation gives it (RecommendationState): a recommendation
// is CLOSED when the last generation no longer found its shortfall.
const (
	AgentRecommendationActive     = "ACTIVE"
	AgentRecommendationSuppressed = "SUPPRESSED"
	AgentRecommendationCompleted  = "COMPLETED"
	AgentRecommendationOpen       = "OPEN"
	AgentRecommendationClosed     = "CLOSED"
)

// The sources a recommendation cites (RecommendationSource) and the types
// of its items (RecommendationItemType).
const (
	AgentSourceWellArchitectedTool = "WELL_ARCHITECTED_TOOL"
	AgentSourceCustomerIaC         = "CUSTOMER_IAC"
	AgentItemAWSResource           = "AWS_RESOURCE"
)

// The levels of impact and priority (HIGH, MEDIUM, LOW) and of effort
// (SMALL, MEDIUM, LARGE), as the model names them.
const (
	AgentHigh   = "HIGH"
	AgentMedium = "MEDIUM"
	AgentLow    = "LOW"
	AgentSmall  = "SMALL"
	AgentLarge  = "LARGE"
)

// AgentGeneration is one run of the Agent over a profile: queued by
// StartAgentRecommendationGeneration, claimed by a worker under a lease,
// and ended COMPLETED or ERROR. A worker that dies leaves its lease to
// expire, and another worker claims the job again.
type AgentGeneration struct {
	ProfileARN string
	ID         string // 32 hex digits
	Name       string // "" for none
	// Type is the one RecommendationType asked for; Pillars and GoalIDs
	// narrow the profile's (none: all of them).
	Type    string
	Pillars []AgentPillar
	GoalIDs []string
	// Items narrow pillars to some workloads or practices, and
	// AdditionalContext is the caller's JSON document ("" for none): both
	// as StartAgentRecommendationGeneration took them (agent_engine_scope.go).
	Items             []AgentPillarItems
	AdditionalContext string
	Status            string
	// EstimatedCompletion is when the job is expected to end, from the
	// size of the profile's scope when it was queued.
	EstimatedCompletion time.Time
	StartedAt, EndedAt  time.Time // zero until then
	ErrorCode           string    // "" unless Status is ERROR
	ErrorMessage        string
	// LeaseOwner and LeaseUntil say which worker holds the job and until
	// when; Attempts counts the claims, so that a job that kills every
	// worker ends in ERROR instead of looping.
	LeaseOwner string
	LeaseUntil time.Time
	Attempts   int
	// Model is what the optional language model did (agent_refine.go);
	// nil when none is configured.
	Model     *AgentModelRun
	CreatedAt time.Time
	CreatedBy string
	UpdatedAt time.Time
	UpdatedBy string
}

// Active reports whether the generation has not ended yet.
func (g *AgentGeneration) Active() bool {
	return g.Status == AgentGenerationQueued || g.Status == AgentGenerationInProgress
}

// AgentRecommendation is what the Agent recommends for one best practice
// across the workloads of a profile's scope.
type AgentRecommendation struct {
	// ARN is arn:aws:wellarchitected:REGION:ACCOUNT:agent-recommendation/ID,
	// ID a hash of the profile, the practice and the scope, so that a new
	// generation finds the same recommendation again.
	ARN        string
	ProfileARN string
	// PracticeKey names the practice: LENS-ALIAS/QUESTION/CHOICE.
	PracticeKey string
	Type        string // RecommendationType: RESOURCE when items cite resources, else ARCHITECTURE
	Pillar      AgentPillar
	Title       string
	Description string
	Impact      string
	Effort      string
	Priority    string
	// Rank orders a profile's recommendations: the engine's order.
	Rank int
	// Status is the user's, State the last generation's.
	Status       string
	State        string
	UpdateReason string
	Sources      []string
	// Applications are the names of the workloads it concerns.
	Applications  []string
	Highlights    []string
	ImpactDetails []string
	Steps         []string
	Links         []AgentLink
	Goals         []string // titles of the profile's goals on its pillar
	// TradeOffs are a language model's (agent_refine.go); the engine
	// writes none.
	TradeOffs []AgentTradeOff
	// Items are the resources that show it; Resources counts them, and
	// is all a list of recommendations reads (Items is nil there).
	Items        []AgentRecommendationItem
	Resources    int
	GenerationID string // the generation that last produced it
	CreatedAt    time.Time
	CreatedBy    string
	UpdatedAt    time.Time
	UpdatedBy    string
}

// AgentLink is a resource link of a recommendation.
type AgentLink struct{ Title, URL string }

// AgentRecommendationItem is one resource (AWS_RESOURCE) that shows a
// recommendation's shortfall: a resource of an IaC template that fails a
// scan check, with where it is written.
type AgentRecommendationItem struct {
	ID           string // stable: a hash of the recommendation and the item
	Type         string
	WorkloadID   string
	WorkloadName string
	CheckID      string
	CheckTitle   string
	ResourceName string
	ResourceType string
	File         string
	Line         int
}

// AgentFeedback is what a user said of a recommendation.
type AgentFeedback struct {
	RecommendationARN string
	Type              string // USEFUL or NOT_USEFUL
	Category          string // FeedbackCategory; "" for none
	Comments          string
	CreatedAt         time.Time
	CreatedBy         string
}
