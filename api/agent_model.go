package api

import (
	"encoding/json"

	"github.com/wat-dev/wat"
	"github.com/wat-dev/wat/api/wire"
)

// agentModelKey is the key of wat's own under which a generation's
// additionalContext says what the optional language model did: how the
// call went, how many recommendations carry its text, how many of its
// items were discarded (README, "The Agent").
const agentModelKey = "watAgentModel"

// agentGenerationContext is the additionalContext a generation answers:
// the caller's document as given, with the model's record added when a
// model is configured. A caller's document that is not a JSON object has
// no room for the key and is answered as given.
func agentGenerationContext(g *wat.AgentGeneration) wire.Document {
	if g.Model == nil {
		if g.AdditionalContext == "" {
			return nil
		}
		return wire.Document(g.AdditionalContext)
	}
	doc := map[string]json.RawMessage{}
	if g.AdditionalContext != "" && json.Unmarshal([]byte(g.AdditionalContext), &doc) != nil {
		return wire.Document(g.AdditionalContext)
	}
	rec, err := json.Marshal(g.Model)
	if err != nil {
		return wire.Document(g.AdditionalContext) // a struct of strings and numbers: cannot happen
	}
	doc[agentModelKey] = rec
	out, err := json.Marshal(doc)
	if err != nil {
		return wire.Document(g.AdditionalContext)
	}
	return out
}
