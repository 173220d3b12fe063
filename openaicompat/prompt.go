package openaicompat

import (
	"encoding/json"

	"github.com/wat-dev/wat"
)

// instructions is the system message: what the model is for and the rules
// its answer is checked against (an item breaking them is discarded, so
// saying them saves the model's work).
const instructions = `You refine the recommendations of an architecture review tool that follows the AWS Well-Architected Framework.
The user message is JSON: the business overview, goals and application contexts of the team, then recommendations, each with an id, the id of the best practice it is about (practiceId) and the failing resources that show it (findings, each with an id).
Answer with JSON only, an object {"items": [...]}, one item per recommendation you improve; leave out those you cannot improve.
For each item:
- id: the id of a recommendation of the input, exactly as given.
- description: a new description of the recommendation, written for this team: relate it to their business overview, goals and contexts, and say why it matters to them. Plain text, at most a few short paragraphs. Do not invent resources, numbers or facts the input does not give.
- citations: the ids your description rests on: the recommendation's practiceId and the ids of the findings you mention. At least one.
- mergeIds: ids of other recommendations of the same pillar that are near-duplicates of this one and that this description covers too; [] for none.
- tradeOffs: what following the recommendation costs on some pillar (pillar, title, description, risk HIGH, MEDIUM or LOW, mitigation) with the citations it rests on; [] for none.
Use only ids that appear in the input. An item with an unknown id or a citation not from the input is discarded.`

// The JSON the model reads: the request with names it can follow.
type (
	promptRequest struct {
		BusinessOverview string            `json:"businessOverview,omitempty"`
		Goals            []promptGoal      `json:"goals,omitempty"`
		Contexts         []promptContext   `json:"contexts,omitempty"`
		Recommendations  []promptRecommend `json:"recommendations"`
	}
	promptGoal struct {
		Title       string            `json:"title"`
		Description string            `json:"description,omitempty"`
		Pillars     []wat.AgentPillar `json:"pillars,omitempty"`
	}
	promptContext struct {
		Title                string `json:"title"`
		Criticality          string `json:"criticality,omitempty"`
		Industry             string `json:"industry,omitempty"`
		ApplicationOverview  string `json:"applicationOverview,omitempty"`
		ArchitectureOverview string `json:"architectureOverview,omitempty"`
		AdditionalContext    string `json:"additionalContext,omitempty"`
	}
	promptRecommend struct {
		ID           string          `json:"id"`
		PracticeID   string          `json:"practiceId"`
		Pillar       wat.AgentPillar `json:"pillar"`
		Title        string          `json:"title"`
		Description  string          `json:"description"`
		Applications []string        `json:"workloads,omitempty"`
		Findings     []promptFinding `json:"findings,omitempty"`
	}
	promptFinding struct {
		ID       string `json:"id"`
		Check    string `json:"check,omitempty"`
		Resource string `json:"resource"`
		File     string `json:"file,omitempty"`
		Line     int    `json:"line,omitempty"`
	}
)

// promptInput writes req as the model reads it.
func promptInput(req *wat.AgentRefineRequest) promptRequest {
	out := promptRequest{BusinessOverview: req.BusinessOverview, Recommendations: []promptRecommend{}}
	for _, g := range req.Goals {
		out.Goals = append(out.Goals, promptGoal{g.Title, g.Description, g.Pillars})
	}
	for _, c := range req.Contexts {
		out.Contexts = append(out.Contexts, promptContext{c.Title, c.Criticality, c.Industry, c.ApplicationOverview, c.ArchitectureOverview, c.AdditionalContext})
	}
	for _, r := range req.Recommendations {
		p := promptRecommend{ID: r.ID, PracticeID: r.PracticeID, Pillar: r.Pillar, Title: r.Title, Description: r.Description, Applications: r.Applications}
		for _, f := range r.Findings {
			p.Findings = append(p.Findings, promptFinding{f.ID, f.Check, f.Resource, f.File, f.Line})
		}
		out.Recommendations = append(out.Recommendations, p)
	}
	return out
}

// answerSchema is the JSON schema of the answer, in the strict form
// structured outputs take (every property required, no other allowed).
var answerSchema = json.RawMessage(`{
  "type": "object",
  "additionalProperties": false,
  "required": ["items"],
  "properties": {
    "items": {
      "type": "array",
      "items": {
        "type": "object",
        "additionalProperties": false,
        "required": ["id", "description", "citations", "mergeIds", "tradeOffs"],
        "properties": {
          "id": {"type": "string"},
          "description": {"type": "string"},
          "citations": {"type": "array", "items": {"type": "string"}},
          "mergeIds": {"type": "array", "items": {"type": "string"}},
          "tradeOffs": {
            "type": "array",
            "items": {
              "type": "object",
              "additionalProperties": false,
              "required": ["pillar", "title", "description", "risk", "mitigation", "citations"],
              "properties": {
                "pillar": {"type": "string", "enum": ["OPERATIONAL_EXCELLENCE", "SECURITY", "RESILIENCE", "PERFORMANCE", "COST_OPTIMIZATION"]},
                "title": {"type": "string"},
                "description": {"type": "string"},
                "risk": {"type": "string", "enum": ["HIGH", "MEDIUM", "LOW"]},
                "mitigation": {"type": "string"},
                "citations": {"type": "array", "items": {"type": "string"}}
              }
            }
          }
        }
      }
    }
  }
}`)
