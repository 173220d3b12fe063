package wat

import (
	"slices"
	"strings"
)

// AgentSourceAgent is the source a recommendation gains when a language
// model's text was applied to it: the model's own RecommendationSource
// WELL_ARCHITECTED_AGENT, so that a client tells model text from the
// engine's by the sources it already reads.
const AgentSourceAgent = "WELL_ARCHITECTED_AGENT"

// agentModelMaxDescription bounds the text a model may write for one
// recommendation.
const agentModelMaxDescription = 4000

// AgentRecommendationID is the last part of a recommendation's ARN: the
// id a model is shown and must answer with.
func AgentRecommendationID(arn string) string {
	return arn[strings.LastIndexByte(arn, '/')+1:]
}

// NewAgentRefineRequest writes what a model is shown of profile p: its
// overview, goals and contexts, and the first maxRecs recommendations of
// recs (the engine's rank order) with at most maxFindings findings each.
func NewAgentRefineRequest(p *AgentProfile, goals []*AgentGoal, contexts []*AgentContext, recs []*AgentRecommendation, maxRecs, maxFindings int) *AgentRefineRequest {
	req := &AgentRefineRequest{BusinessOverview: p.BusinessOverview}
	for _, g := range goals {
		req.Goals = append(req.Goals, AgentRefineGoal{Title: g.Title, Description: g.Description, Pillars: g.Pillars})
	}
	for _, c := range contexts {
		req.Contexts = append(req.Contexts, AgentRefineContext{Title: c.Title, Criticality: c.Content.Criticality, Industry: c.Content.Industry,
			ApplicationOverview: c.Content.ApplicationOverview, ArchitectureOverview: c.Content.ArchitectureOverview, AdditionalContext: c.Content.AdditionalContext})
	}
	for _, r := range recs[:min(len(recs), maxRecs)] {
		in := AgentRefineInput{ID: AgentRecommendationID(r.ARN), PracticeID: r.PracticeKey, Pillar: r.Pillar,
			Title: r.Title, Description: r.Description, Applications: r.Applications}
		for _, it := range r.Items[:min(len(r.Items), maxFindings)] {
			in.Findings = append(in.Findings, AgentRefineFinding{ID: it.ID, Check: it.CheckTitle, Resource: it.ResourceType + " " + it.ResourceName, File: it.File, Line: it.Line})
		}
		req.Recommendations = append(req.Recommendations, in)
	}
	return req
}

// ApplyAgentRefinement applies the valid items of a model's answer ref to
// recs, the recommendations req was written from, and returns recs without
// those merged into others. An item is discarded, whole, when it names a
// recommendation req does not hold (or one an earlier item already took),
// merges one of another pillar, writes no description, or makes a claim
// (its description, a trade-off) that cites nothing, or cites an id that is
// neither the practice nor a finding of the recommendations it covers.
func ApplyAgentRefinement(req *AgentRefineRequest, recs []*AgentRecommendation, ref *AgentRefinement) (out []*AgentRecommendation, run AgentModelRun) {
	inputs := make(map[string]*AgentRefineInput, len(req.Recommendations))
	for i := range req.Recommendations {
		inputs[req.Recommendations[i].ID] = &req.Recommendations[i]
	}
	byID := make(map[string]*AgentRecommendation, len(recs))
	for _, r := range recs {
		byID[AgentRecommendationID(r.ARN)] = r
	}
	taken := map[string]bool{}
	merged := map[string]bool{}
	for _, it := range ref.Items {
		if !validRefinedItem(it, inputs, taken) {
			run.Discarded++
			continue
		}
		taken[it.ID] = true
		r := byID[it.ID]
		for _, m := range it.MergeIDs {
			taken[m], merged[m] = true, true
			foldAgentRecommendation(r, byID[m])
			run.Merged++
		}
		r.Description = strings.TrimSpace(it.Description)
		r.TradeOffs = nil
		for _, t := range it.TradeOffs {
			t.Title, t.Description, t.Mitigation = strings.TrimSpace(t.Title), strings.TrimSpace(t.Description), strings.TrimSpace(t.Mitigation)
			r.TradeOffs = append(r.TradeOffs, t)
		}
		if !slices.Contains(r.Sources, AgentSourceAgent) {
			r.Sources = append(r.Sources, AgentSourceAgent)
		}
		run.Refined++
	}
	for _, r := range recs {
		if !merged[AgentRecommendationID(r.ARN)] {
			out = append(out, r)
		}
	}
	return out, run
}

// validRefinedItem reports whether a model's item may be applied: see
// ApplyAgentRefinement.
func validRefinedItem(it AgentRefinedItem, inputs map[string]*AgentRefineInput, taken map[string]bool) bool {
	self := inputs[it.ID]
	if self == nil || taken[it.ID] {
		return false
	}
	d := strings.TrimSpace(it.Description)
	if d == "" || len(d) > agentModelMaxDescription {
		return false
	}
	citable := map[string]bool{}
	cover := func(in *AgentRefineInput) {
		citable[in.PracticeID] = true
		for _, f := range in.Findings {
			citable[f.ID] = true
		}
	}
	cover(self)
	seen := map[string]bool{it.ID: true}
	for _, m := range it.MergeIDs {
		in := inputs[m]
		if in == nil || taken[m] || seen[m] || in.Pillar != self.Pillar {
			return false
		}
		seen[m] = true
		cover(in)
	}
	cites := func(ids []string) bool {
		if len(ids) == 0 {
			return false
		}
		for _, id := range ids {
			if !citable[id] {
				return false
			}
		}
		return true
	}
	if !cites(it.Citations) {
		return false
	}
	for _, t := range it.TradeOffs {
		if _, ok := t.Pillar.FrameworkPillarID(); !ok || !cites(t.Citations) ||
			strings.TrimSpace(t.Title) == "" || strings.TrimSpace(t.Description) == "" || strings.TrimSpace(t.Mitigation) == "" ||
			(t.Risk != AgentHigh && t.Risk != AgentMedium && t.Risk != AgentLow) {
			return false
		}
	}
	return true
}

// foldAgentRecommendation makes r cover m too: m's workloads, sources and
// resources become r's, and r says which practice it took in.
func foldAgentRecommendation(r, m *AgentRecommendation) {
	for _, a := range m.Applications {
		if !slices.Contains(r.Applications, a) {
			r.Applications = append(r.Applications, a)
		}
	}
	for _, s := range m.Sources {
		if !slices.Contains(r.Sources, s) {
			r.Sources = append(r.Sources, s)
		}
	}
	r.Items = append(r.Items, m.Items...)
	r.Resources += m.Resources
	r.Highlights = append(r.Highlights, "Also covers: "+m.Title+" ("+m.PracticeKey+")")
}
