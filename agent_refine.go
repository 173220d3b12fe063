package wat

import (
	"context"
	"errors"
)

// The Agent's optional language model. The deterministic engine always
// computes a generation's recommendations; when the operator configures a
// model, a refiner is asked to rewrite that set for the profile: descriptions
// tailored to its business overview, goals and contexts, near-duplicates
// merged, trade-offs explained. What it answers is checked against what it
// was given (ApplyAgentRefinement): an item naming an id it was not given, or
// a claim citing no practice or finding of the input, is discarded and
// counted. A model that fails in any way leaves the deterministic text.

// AgentRefiner rewrites a deterministic set of recommendations. The
// adapter (package openaicompat) calls a language model; the service gives
// it a deadline and decides what to keep.
type AgentRefiner interface {
	// Model names the model asked, for the generation's record.
	Model() string
	// Refine returns the model's answer to req, or an *AgentModelError
	// saying why there is none.
	Refine(ctx context.Context, req *AgentRefineRequest) (*AgentRefinement, error)
}

// AgentRefineRequest is what a model is shown: the profile's own words and
// the recommendations, each with the ids it may cite.
type AgentRefineRequest struct {
	BusinessOverview string
	Goals            []AgentRefineGoal
	Contexts         []AgentRefineContext
	Recommendations  []AgentRefineInput
}

// AgentRefineGoal is a goal as the model reads it.
type AgentRefineGoal struct {
	Title, Description string
	Pillars            []AgentPillar
}

// AgentRefineContext is an application context as the model reads it.
type AgentRefineContext struct {
	Title, Criticality, Industry                                 string
	ApplicationOverview, ArchitectureOverview, AdditionalContext string
}

// AgentRefineInput is one deterministic recommendation: ID is its ARN's
// last part, PracticeID its practice key, Findings the resources that
// show it (by item id).
type AgentRefineInput struct {
	ID, PracticeID     string
	Pillar             AgentPillar
	Title, Description string
	Applications       []string
	Findings           []AgentRefineFinding
}

// AgentRefineFinding is a failing resource the model may cite by ID.
type AgentRefineFinding struct {
	ID, Check, Resource, File string
	Line                      int
}

// AgentRefinement is what the model answered, decoded but not yet
// trusted.
type AgentRefinement struct {
	Items []AgentRefinedItem
}

// AgentRefinedItem rewrites one recommendation (ID). MergeIDs are other
// recommendations of the input it covers too, which are then folded into
// it; Citations are the practice and finding ids its description rests on.
type AgentRefinedItem struct {
	ID          string
	Description string
	Citations   []string
	MergeIDs    []string
	TradeOffs   []AgentTradeOff
}

// AgentTradeOff is a trade-off of a recommendation on a pillar: what
// following it costs, how bad (Risk: HIGH, MEDIUM or LOW) and how to soften
// it. A model's trade-off cites the ids it rests on.
type AgentTradeOff struct {
	Pillar      AgentPillar
	Title       string
	Description string
	Risk        string
	Mitigation  string
	Citations   []string `json:",omitempty"`
}

// The outcomes of a model call, as a generation records them.
const (
	AgentModelApplied   = "APPLIED"    // the answer was read; its valid items applied
	AgentModelTimeout   = "TIMEOUT"    // no answer within the deadline
	AgentModelHTTPError = "HTTP_ERROR" // the endpoint could not be reached or answered an error
	AgentModelInvalid   = "INVALID"    // the answer is not the JSON asked for
	AgentModelRefused   = "REFUSED"    // the model declined to answer
	AgentModelSkipped   = "SKIPPED"    // nothing to refine: the model was not called
)

// AgentModelRun is what the model did for a generation: Outcome is one of
// the AgentModel* outcomes, Refined how many recommendations carry its
// text, Discarded how many of its items were dropped for naming ids the
// input lacks or claiming without a citation.
type AgentModelRun struct {
	Model      string `json:"model"`
	Outcome    string `json:"outcome"`
	Refined    int    `json:"refined"`
	Merged     int    `json:"merged"`
	Discarded  int    `json:"discarded"`
	DurationMS int64  `json:"durationMs"`
}

// AgentModelError is why a model gave no usable answer: Outcome is one of
// the AgentModel* failures; Err says more, for the server's log only.
type AgentModelError struct {
	Outcome string
	Err     error
}

func (e *AgentModelError) Error() string { return "agent model: " + e.Outcome + ": " + e.Err.Error() }

func (e *AgentModelError) Unwrap() error { return e.Err }

// AgentModelOutcome returns the outcome err stands for: TIMEOUT for a
// deadline, whoever saw it first; else its AgentModelError's; else
// HTTP_ERROR.
func AgentModelOutcome(err error) string {
	var me *AgentModelError
	switch {
	case errors.Is(err, context.DeadlineExceeded):
		return AgentModelTimeout
	case errors.As(err, &me):
		return me.Outcome
	}
	return AgentModelHTTPError
}
