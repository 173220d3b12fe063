package wat

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"regexp"
	"slices"
	"strings"
	"time"
)

// The Agent's deterministic engine: from what wat already knows of the
// workloads a profile selects (their framework reviews' unselected
// practices and their scans' failing checks) it computes one recommendation
// per practice. The same inputs give the same recommendations, in the same
// order, with the same ARNs: no model, no clock, no randomness decides.

// AgentPractice is a best practice (a lens choice) as the engine sees it.
type AgentPractice struct {
	LensAlias, QuestionID, ChoiceID string
	PillarID                        string // the framework's pillar id
	Title, QuestionTitle            string
	Risk                            Risk   // the question's risk when the practice is missing
	Effort                          string // SMALL, MEDIUM or LARGE (AgentEffort)
	Plan                            string // the improvement plan, one step a line
	URL                             string // the practice's page
}

// Key names the practice across workloads.
func (p *AgentPractice) Key() string { return p.LensAlias + "/" + p.QuestionID + "/" + p.ChoiceID }

// AgentFinding is a resource that fails a scan check bound to a practice.
type AgentFinding struct {
	// Practice is shared by the findings of one practice: a generation
	// holds hundreds of thousands of findings.
	Practice   *AgentPractice
	CheckID    string
	CheckTitle string
	Severity   string // SeverityHigh, ...
	Resource   FlaggedResource
}

// AgentWorkload is one workload of a profile's scope and its shortfalls.
type AgentWorkload struct {
	ID, Name         string
	PillarPriorities []string // framework pillar ids, most important first
	Unselected       []AgentPractice
	Failing          []AgentFinding
}

// AgentEngineInput is everything a generation is computed from.
type AgentEngineInput struct {
	Profile *AgentProfile
	Goals   []*AgentGoal
	Pillars []AgentPillar // the generation's pillars: none for the profile's
	// Items narrow pillars to workloads or practices, AdditionalContext is
	// a JSON document mentioning pillars, workloads or practices (the
	// generation's, agent_engine_scope.go).
	Items             []AgentPillarItems
	AdditionalContext string
	Workloads         []AgentWorkload
	Generation        string
	At                time.Time
	By                string
}

// effortRE finds the level of effort the framework guidance writes into
// each choice's helpful-resource text.
var effortRE = regexp.MustCompile(`Level of effort: (?i)(low|medium|high)\.`)

// AgentEffort reads a practice's effort from its helpful-resource text:
// SMALL, MEDIUM or LARGE; MEDIUM when the text names none (a custom lens).
func AgentEffort(helpful string) string {
	m := effortRE.FindStringSubmatch(helpful)
	if m == nil {
		return AgentMedium
	}
	switch strings.ToLower(m[1]) {
	case "low":
		return AgentSmall
	case "high":
		return AgentLarge
	}
	return AgentMedium
}

// agentPillarOf maps a framework pillar id back to the Agent's pillar.
func agentPillarOf(frameworkID string) (AgentPillar, bool) {
	for p, id := range agentFrameworkPillars {
		if id == frameworkID {
			return p, true
		}
	}
	return "", false
}

// AgentRecommendationARN is the stable ARN of the recommendation for a
// practice in a profile's scope.
func AgentRecommendationARN(p *AgentProfile, practiceKey string) string {
	h := sha256.New()
	h.Write([]byte(p.ARN + "\x00" + practiceKey + "\x00" + agentScopeKey(p)))
	region, account := "", p.AccountID
	if parts := strings.Split(p.ARN, ":"); len(parts) > 4 {
		region = parts[3]
	}
	return "arn:aws:wellarchitected:" + region + ":" + account + ":agent-recommendation/" + hex.EncodeToString(h.Sum(nil))[:32]
}

// agentScopeKey writes a profile's scope canonically: a scope that selects
// other accounts or Regions is another set of recommendations.
func agentScopeKey(p *AgentProfile) string {
	var parts []string
	for _, e := range p.Scope {
		rs := slices.Clone(e.Regions)
		slices.Sort(rs)
		parts = append(parts, e.AccountID+"="+strings.Join(rs, ","))
	}
	slices.Sort(parts)
	return strings.Join(parts, ";")
}

// agentGroup gathers what one practice shows across the workloads.
type agentGroup struct {
	practice  AgentPractice
	workloads map[string]string // id → name
	hits      []agentHit
	wa, iac   bool
	topPillar bool // a workload ranks the practice's pillar first
}

// GenerateAgentRecommendations computes the recommendations for in, ordered
// by priority, impact, effort, then practice.
func GenerateAgentRecommendations(in *AgentEngineInput) []*AgentRecommendation {
	pillars := in.Pillars
	if len(pillars) == 0 {
		pillars = in.Profile.Pillars
	}
	groups := map[string]*agentGroup{}
	items := agentFilterOf(in)
	group := func(w *AgentWorkload, p *AgentPractice) *agentGroup {
		ap, ok := agentPillarOf(p.PillarID)
		if !ok || !slices.Contains(pillars, ap) || !items.keeps(w, p) {
			return nil
		}
		g := groups[p.Key()]
		if g == nil {
			g = &agentGroup{practice: *p, workloads: map[string]string{}}
			groups[p.Key()] = g
		}
		g.workloads[w.ID] = w.Name
		if len(w.PillarPriorities) > 0 && w.PillarPriorities[0] == p.PillarID {
			g.topPillar = true
		}
		return g
	}
	for i := range in.Workloads {
		w := &in.Workloads[i]
		for j := range w.Unselected {
			if g := group(w, &w.Unselected[j]); g != nil {
				g.wa = true
			}
		}
		for j := range w.Failing {
			f := &w.Failing[j]
			if g := group(w, f.Practice); g != nil {
				g.iac = true
				g.hits = append(g.hits, agentHit{w, f})
			}
		}
	}
	out := make([]*AgentRecommendation, 0, len(groups))
	context := agentContextText(in.AdditionalContext)
	for _, g := range groups {
		out = append(out, agentRecommendationOf(in, g, context))
	}
	slices.SortFunc(out, func(a, b *AgentRecommendation) int {
		return cmp.Or(
			cmp.Compare(agentLevel(b.Priority), agentLevel(a.Priority)),
			cmp.Compare(agentLevel(b.Impact), agentLevel(a.Impact)),
			cmp.Compare(agentLevel(a.Effort), agentLevel(b.Effort)),
			cmp.Compare(a.PracticeKey, b.PracticeKey))
	})
	for i, r := range out {
		r.Rank = i
	}
	return out
}

// agentHit is a failing finding and the workload it was found in (both
// in the engine's input: a finding is not copied per hit).
type agentHit struct {
	w *AgentWorkload
	f *AgentFinding
}

// agentLevel orders levels: LOW/SMALL 1, MEDIUM 2, HIGH/LARGE 3.
func agentLevel(s string) int {
	switch s {
	case AgentHigh, AgentLarge:
		return 3
	case AgentMedium:
		return 2
	}
	return 1
}
