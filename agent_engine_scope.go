package wat

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"
)

// What a generation's request narrows or adds beyond its pillars and
// goals: the scope's items (a pillar narrowed to some workloads or
// practices) and the additional context (a JSON document the engine reads
// as text, the way it reads goals).

// AgentPillarItems narrows one pillar of a generation to the items it
// names: each ID is a workload (its ID or ARN) or a practice of the pillar
// (its choice ID, or its question's ID for all of the question's). A
// pillar with workloads named counts those workloads only; one with
// practices named, those practices only. Pillars without items are whole.
type AgentPillarItems struct {
	Pillar AgentPillar
	IDs    []string
}

// agentItemFilter is the scope's items, per framework pillar id.
type agentItemFilter map[string]*agentPillarFilter

type agentPillarFilter struct{ workloads, practices []string }

// agentFilterOf splits each pillar's IDs into the workloads of in and the
// practices (every ID that is not one of in's workloads).
func agentFilterOf(in *AgentEngineInput) agentItemFilter {
	f := agentItemFilter{}
	for _, it := range in.Items {
		pid, ok := it.Pillar.FrameworkPillarID()
		if !ok {
			continue
		}
		pf := f[pid]
		if pf == nil {
			pf = &agentPillarFilter{}
			f[pid] = pf
		}
		for _, id := range it.IDs {
			if w := AgentWorkloadNamed(in.Workloads, id); w != nil {
				pf.workloads = append(pf.workloads, w.ID)
			} else {
				pf.practices = append(pf.practices, id)
			}
		}
	}
	return f
}

// AgentWorkloadNamed returns the workload of ws that id names, by its ID
// or its ARN; nil for none.
func AgentWorkloadNamed(ws []AgentWorkload, id string) *AgentWorkload {
	for i := range ws {
		if ws[i].ID == id || strings.HasSuffix(id, ":workload/"+ws[i].ID) {
			return &ws[i]
		}
	}
	return nil
}

// keeps reports whether the scope's items keep practice p of workload w.
func (f agentItemFilter) keeps(w *AgentWorkload, p *AgentPractice) bool {
	pf := f[p.PillarID]
	if pf == nil {
		return true
	}
	if len(pf.workloads) > 0 && !slices.Contains(pf.workloads, w.ID) {
		return false
	}
	return len(pf.practices) == 0 || slices.Contains(pf.practices, p.ChoiceID) || slices.Contains(pf.practices, p.QuestionID)
}

// Covers reports whether a generation computed from in looked at
// recommendation r's shortfall, so that not finding it again means it is
// gone: r's pillar is one of its pillars and, when the scope's items narrow
// that pillar, r's practice is among the practices named and every
// workload r concerns among the workloads named. A recommendation it did
// not look at is neither found nor lost by it.
func (in *AgentEngineInput) Covers(r *AgentRecommendation) bool {
	pillars := in.Pillars
	if len(pillars) == 0 {
		pillars = in.Profile.Pillars
	}
	if !slices.Contains(pillars, r.Pillar) {
		return false
	}
	pid, _ := r.Pillar.FrameworkPillarID()
	pf := agentFilterOf(in)[pid]
	if pf == nil {
		return true
	}
	if len(pf.practices) > 0 {
		parts := strings.Split(r.PracticeKey, "/") // alias/question/choice
		if len(parts) != 3 || !slices.Contains(pf.practices, parts[1]) && !slices.Contains(pf.practices, parts[2]) {
			return false
		}
	}
	if len(pf.workloads) > 0 {
		var names []string
		for _, id := range pf.workloads {
			names = append(names, AgentWorkloadNamed(in.Workloads, id).Name)
		}
		for _, a := range r.Applications {
			if !slices.Contains(names, a) {
				return false
			}
		}
	}
	return true
}

// agentPillarWords are the words that name each framework pillar in a
// person's text.
var agentPillarWords = map[string][]string{
	"operationalExcellence": {"operational excellence", "operations"},
	"security":              {"security"},
	"reliability":           {"reliability", "resilience"},
	"performance":           {"performance"},
	"costOptimization":      {"cost"},
}

// agentContextText is the additional context as lower-case text: its
// strings, object keys and numbers, one a line, in document order. Text
// that is not JSON is taken as it is.
func agentContextText(doc string) string {
	if strings.TrimSpace(doc) == "" {
		return ""
	}
	var v any
	if err := json.Unmarshal([]byte(doc), &v); err != nil {
		return strings.ToLower(doc)
	}
	var b strings.Builder
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case string:
			b.WriteString(strings.ToLower(v) + "\n")
		case float64, bool:
			fmt.Fprintf(&b, "%v\n", v)
		case []any:
			for _, x := range v {
				walk(x)
			}
		case map[string]any:
			for _, k := range slices.Sorted(maps.Keys(v)) {
				b.WriteString(strings.ToLower(k) + "\n")
				walk(v[k])
			}
		}
	}
	walk(v)
	return b.String()
}

// agentContextMentions returns what the additional context (as
// agentContextText wrote it) names of a recommendation: its pillar, its
// workloads by name, its practice's question or choice ID. The engine
// weighs a recommendation the context mentions as one a goal is on, and
// says which words it matched.
func agentContextMentions(text string, p *AgentPractice, workloads []string) []string {
	if text == "" {
		return nil
	}
	var out []string
	for _, w := range agentPillarWords[p.PillarID] {
		if strings.Contains(text, w) {
			out = append(out, w)
			break
		}
	}
	for _, w := range workloads {
		if strings.Contains(text, strings.ToLower(w)) {
			out = append(out, w)
		}
	}
	for _, id := range []string{p.QuestionID, p.ChoiceID} {
		if id != "" && strings.Contains(text, strings.ToLower(id)) {
			out = append(out, id)
		}
	}
	return out
}
