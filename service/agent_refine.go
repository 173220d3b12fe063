package service

import (
	"context"
	"time"

	"github.com/wat-dev/wat"
)

// The Agent's optional language model, as the worker uses it: after the
// deterministic engine computed a generation's recommendations and outside
// any transaction (a model may take a minute; a transaction held that long
// would stall SQLite's one writer), the refiner is asked under a deadline,
// and what it answers is checked and applied by wat.ApplyAgentRefinement.
// Whatever goes wrong (deadline, HTTP error, bad JSON, refusal), the
// deterministic text stays and the generation completes.

// DefaultAgentModelTimeout bounds a model call when the operator sets
// none: long enough for a small local model on a CPU, short against the
// worker's lease.
const DefaultAgentModelTimeout = 2 * time.Minute

// What a model is shown at most: the first recommendations in rank order
// and a few findings of each, so that a profile over hundreds of
// workloads still makes a prompt a local model can read.
const (
	agentModelMaxRecommendations = 25
	agentModelMaxFindings        = 5
)

// agentModel is the refiner the service asks and its deadline.
type agentModel struct {
	refiner wat.AgentRefiner
	timeout time.Duration
}

// refineAgentRecommendations asks the model to refine recs, generation
// g's deterministic set computed from in, and returns the set to store
// with what the model did. A model that fails leaves recs as they are.
func (s *Service) refineAgentRecommendations(ctx context.Context, g *wat.AgentGeneration, in *wat.AgentEngineInput, contexts []*wat.AgentContext, recs []*wat.AgentRecommendation) ([]*wat.AgentRecommendation, *wat.AgentModelRun) {
	m := s.agentModel.refiner
	req := wat.NewAgentRefineRequest(in.Profile, in.Goals, contexts, recs, agentModelMaxRecommendations, agentModelMaxFindings)
	run := &wat.AgentModelRun{Model: m.Model()}
	if len(req.Recommendations) == 0 {
		// Nothing to refine: no call, so no data leaves for nothing.
		run.Outcome = wat.AgentModelSkipped
		return recs, run
	}
	start := time.Now()
	callCtx, cancel := context.WithTimeout(ctx, s.agentModel.timeout)
	ref, err := m.Refine(callCtx, req)
	cancel()
	elapsed := time.Since(start)
	run.DurationMS = elapsed.Milliseconds()
	// The prompt and the answer are the profile's data: the log says how
	// the call went, never what it carried.
	attrs := []any{"profile", g.ProfileARN, "generation", g.ID, "model", run.Model, "duration", elapsed.Round(time.Millisecond)}
	if err != nil {
		run.Outcome = wat.AgentModelOutcome(err)
		s.log.Warn("agent model call failed; the deterministic text stays", append(attrs, "outcome", run.Outcome, "err", err)...)
		return recs, run
	}
	applied, counts := wat.ApplyAgentRefinement(req, recs, ref)
	counts.Model, counts.Outcome, counts.DurationMS = run.Model, wat.AgentModelApplied, run.DurationMS
	s.log.Info("agent model call", append(attrs, "outcome", counts.Outcome, "refined", counts.Refined,
		"merged", counts.Merged, "discarded", counts.Discarded)...)
	return applied, &counts
}
