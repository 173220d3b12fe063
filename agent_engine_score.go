package wat

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// How the engine scores and writes one recommendation (agent_engine.go
// gathers what it is computed from).

// agentRecommendationOf writes the recommendation for one practice;
// context is the generation's additional context as agentContextText
// wrote it.
func agentRecommendationOf(in *AgentEngineInput, g *agentGroup, context string) *AgentRecommendation {
	p := g.practice
	pillar, _ := agentPillarOf(p.PillarID)
	r := &AgentRecommendation{
		ARN:          AgentRecommendationARN(in.Profile, p.Key()),
		ProfileARN:   in.Profile.ARN,
		PracticeKey:  p.Key(),
		Type:         "ARCHITECTURE",
		Pillar:       pillar,
		Title:        p.Title,
		Status:       AgentRecommendationActive,
		State:        AgentRecommendationOpen,
		Effort:       cmp.Or(p.Effort, AgentMedium),
		Steps:        agentSteps(p.Plan),
		GenerationID: in.Generation,
		CreatedAt:    in.At, CreatedBy: in.By, UpdatedAt: in.At, UpdatedBy: in.By,
	}
	if p.URL != "" {
		r.Links = []AgentLink{{Title: p.Title, URL: p.URL}}
	}
	if g.wa {
		r.Sources = append(r.Sources, AgentSourceWellArchitectedTool)
	}
	if g.iac {
		r.Sources = append(r.Sources, AgentSourceCustomerIaC)
		r.Type = "RESOURCE"
	}
	// Workloads by name, the order a reader looks for them in.
	ids := slices.SortedFunc(maps.Keys(g.workloads), func(a, b string) int {
		return cmp.Or(cmp.Compare(g.workloads[a], g.workloads[b]), cmp.Compare(a, b))
	})
	for _, id := range ids {
		r.Applications = append(r.Applications, g.workloads[id])
	}
	r.Items = agentItems(r.ARN, g.hits)
	r.Resources = len(r.Items)
	for _, goal := range in.Goals {
		if slices.Contains(goal.Pillars, pillar) {
			r.Goals = append(r.Goals, goal.Title)
		}
	}
	r.Impact = agentImpact(p.Risk, g, len(ids), len(r.Items))
	mentions := agentContextMentions(context, &p, r.Applications)
	r.Priority = agentPriority(r.Impact, r.Effort, len(r.Goals) > 0 || len(mentions) > 0, g.topPillar)
	r.Description = fmt.Sprintf("%s (%s). %d workload(s) of the profile's scope lack this practice", p.Title, p.QuestionTitle, len(ids))
	if n := len(r.Items); n > 0 {
		r.Description += fmt.Sprintf("; %d resource(s) in their templates fail its checks", n)
	}
	r.Description += "."
	r.Highlights = []string{fmt.Sprintf("Workloads: %s", strings.Join(r.Applications, ", "))}
	if len(mentions) > 0 {
		r.Highlights = append(r.Highlights, fmt.Sprintf("The generation's additional context mentions: %s", strings.Join(mentions, ", ")))
	}
	r.ImpactDetails = []string{fmt.Sprintf("Risk if not established: %s", strings.ToLower(string(p.Risk)))}
	if len(r.Items) > 0 {
		r.ImpactDetails = append(r.ImpactDetails, fmt.Sprintf("%d failing resource(s)", len(r.Items)))
	}
	return r
}

// agentImpact starts from the practice's risk (a high-severity failing
// check counts as high risk) and raises it one level when the shortfall is
// broad: two workloads or more, or five resources or more.
func agentImpact(risk Risk, g *agentGroup, workloads, resources int) string {
	level := 1
	if risk == RiskMedium {
		level = 2
	}
	if risk == RiskHigh {
		level = 3
	}
	for _, h := range g.hits {
		if h.f.Severity == SeverityHigh {
			level = 3
		}
	}
	if workloads >= 2 || resources >= 5 {
		level = min(level+1, 3)
	}
	return [...]string{AgentLow, AgentLow, AgentMedium, AgentHigh}[level]
}

// agentPriority weighs impact twice against effort, and adds a point when
// a goal of the profile or a workload's first pillar priority is on the
// practice's pillar: a small fix of a high impact comes first.
func agentPriority(impact, effort string, goal, topPillar bool) string {
	score := 2*agentLevel(impact) - agentLevel(effort)
	if goal {
		score++
	}
	if topPillar {
		score++
	}
	switch {
	case score >= 5:
		return AgentHigh
	case score >= 3:
		return AgentMedium
	}
	return AgentLow
}

// stepNumberRE is the numbering the guidance puts before each step.
var stepNumberRE = regexp.MustCompile(`^\d+[.)]\s*`)

// agentSteps splits an improvement plan into steps, one a line, without
// their numbers.
func agentSteps(plan string) []string {
	var out []string
	for line := range strings.Lines(plan) {
		line = strings.TrimSpace(stepNumberRE.ReplaceAllString(strings.TrimSpace(line), ""))
		if line != "" {
			out = append(out, line)
		}
	}
	return out
}

// agentItems turns failing findings into items, one per resource and
// check, ordered by file, line and resource, with ids stable across
// generations.
func agentItems(recARN string, hits []agentHit) []AgentRecommendationItem {
	items := make([]AgentRecommendationItem, 0, len(hits))
	// An item is the same item when its key is: the key's hash (which is
	// also its id) stands for it, and one buffer holds every key in turn.
	seen := make(map[[sha256.Size]byte]bool, len(hits))
	var key []byte
	for _, h := range hits {
		it := AgentRecommendationItem{
			Type: AgentItemAWSResource, WorkloadID: h.w.ID, WorkloadName: h.w.Name,
			CheckID: h.f.CheckID, CheckTitle: h.f.CheckTitle,
			ResourceName: h.f.Resource.Name, ResourceType: h.f.Resource.Type,
			File: h.f.Resource.File, Line: h.f.Resource.Line,
		}
		key = append(key[:0], recARN...)
		for _, part := range []string{it.WorkloadID, it.CheckID, it.File} {
			key = append(append(key, 0), part...)
		}
		key = strconv.AppendInt(append(key, 0), int64(it.Line), 10)
		key = append(append(key, 0), it.ResourceName...)
		sum := sha256.Sum256(key)
		if seen[sum] {
			continue
		}
		seen[sum] = true
		it.ID = hex.EncodeToString(sum[:16])
		items = append(items, it)
	}
	// Sorted by position rather than moved about: an item is 170 bytes,
	// and a recommendation may cite a hundred thousand. The ID ends every
	// tie, so the order is total.
	order := make([]int32, len(items))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(i, j int32) int {
		a, b := &items[i], &items[j]
		return cmp.Or(cmp.Compare(a.WorkloadName, b.WorkloadName), cmp.Compare(a.File, b.File),
			cmp.Compare(a.Line, b.Line), cmp.Compare(a.ResourceName, b.ResourceName), cmp.Compare(a.ID, b.ID))
	})
	sorted := make([]AgentRecommendationItem, len(items))
	for k, i := range order {
		sorted[k] = items[i]
	}
	return sorted
}

// ROI is what wat can say of a recommendation's return on investment
// without cost or usage data: the risk it removes for the effort it takes.
// estimate is HIGH, MEDIUM or LOW from impact over effort (a HIGH impact
// for a SMALL effort is HIGH, a LOW impact for a LARGE effort LOW); detail
// says what it rests on, and that it is no monetary estimate.
func (r *AgentRecommendation) ROI() (estimate, detail string) {
	ratio := float64(agentLevel(r.Impact)) / float64(agentLevel(r.Effort))
	switch {
	case ratio >= 1.5:
		estimate = AgentHigh
	case ratio >= 1:
		estimate = AgentMedium
	default:
		estimate = AgentLow
	}
	detail = fmt.Sprintf("%s impact for %s effort: the risk of %d workload(s)", strings.ToLower(r.Impact), strings.ToLower(r.Effort), len(r.Applications))
	if r.Resources > 0 {
		detail += fmt.Sprintf(" and %d failing resource(s)", r.Resources)
	}
	detail += " reduced. Not a monetary estimate: wat reads reviews and templates, not cost or usage data."
	return estimate, detail
}
