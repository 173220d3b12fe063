package service

import (
	"fmt"
	"slices"

	"github.com/wat-dev/wat"
	"github.com/wat-dev/wat/lens"
)

// The parts of StartAgentRecommendationGeneration's request beyond pillars
// and goals, checked before they are stored: the scope's items (what the
// engine narrows each pillar to, wat.AgentPillarItems) and the additional
// context (which the engine reads as text, agent_engine_scope.go).

// maxAgentContext bounds the additional context in bytes of the JSON
// document as sent: the number the model gives a context's own text
// (10,000), counted as the console counts it, so that a text in a script
// of 3-byte characters (CJK) holds about 3,300 of them.
const maxAgentContext = 10000

// checkAgentItems refuses items whose pillar the generation does not
// cover, IDs that name neither a workload of the profile's scope nor a
// question or practice of the framework on that pillar, and an additional
// context over maxAgentContext bytes.
func checkAgentItems(prof *wat.AgentProfile, in AgentGenerationInput, ws []*wat.Workload, framework *lens.Lens) error {
	if len(in.AdditionalContext) > maxAgentContext {
		return wat.Invalid("additionalContext", "The additional context is %d bytes long; at most %d are kept", len(in.AdditionalContext), maxAgentContext)
	}
	pillars := in.Pillars
	if len(pillars) == 0 {
		pillars = prof.Pillars
	}
	var selected []wat.AgentWorkload
	for _, w := range ws {
		if prof.Selects(w) {
			selected = append(selected, wat.AgentWorkload{ID: w.ID, Name: w.Name})
		}
	}
	for i, it := range in.Items {
		if !slices.Contains(pillars, it.Pillar) {
			return wat.Invalid(fmt.Sprintf("scope.items[%d].pillar", i), "The generation does not cover pillar %s: add it to scope.pillars", it.Pillar)
		}
		pid, _ := it.Pillar.FrameworkPillarID()
		for j, id := range it.IDs {
			if wat.AgentWorkloadNamed(selected, id) != nil || frameworkNames(framework, pid, id) {
				continue
			}
			return wat.Invalid(fmt.Sprintf("scope.items[%d].ids[%d]", i, j),
				"%s names neither a workload of the profile's scope nor a question or best practice of pillar %s", id, it.Pillar)
		}
	}
	return nil
}

// frameworkNames reports whether id is a question of the framework's
// pillar pillarID or a choice of one.
func frameworkNames(framework *lens.Lens, pillarID, id string) bool {
	for _, q := range framework.Questions() {
		if q.PillarID != pillarID {
			continue
		}
		if q.ID == id || slices.ContainsFunc(q.Choices, func(ch *lens.Choice) bool { return ch.ID == id }) {
			return true
		}
	}
	return false
}

// sameAgentItems reports whether two generations narrow a pillar alike.
func sameAgentItems(a, b wat.AgentPillarItems) bool {
	return a.Pillar == b.Pillar && slices.Equal(a.IDs, b.IDs)
}
