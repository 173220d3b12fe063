package wat_test

import (
	"slices"
	"testing"

	"github.com/wat-dev/wat"
)

// refineFixture is three deterministic recommendations: two security ones
// (a and b, b with a finding) and a reliability one (c).
func refineFixture() (*wat.AgentRefineRequest, []*wat.AgentRecommendation) {
	rec := func(id, practice string, p wat.AgentPillar, items ...wat.AgentRecommendationItem) *wat.AgentRecommendation {
		return &wat.AgentRecommendation{ARN: "arn:aws:wellarchitected:us-east-1:1:agent-recommendation/" + id, PracticeKey: practice,
			Pillar: p, Title: "T " + id, Description: "engine " + id, Sources: []string{wat.AgentSourceWellArchitectedTool},
			Applications: []string{"w-" + id}, Items: items, Resources: len(items)}
	}
	recs := []*wat.AgentRecommendation{
		rec("a", "wa/q1/a", wat.AgentPillarSecurity),
		rec("b", "wa/q1/b", wat.AgentPillarSecurity, wat.AgentRecommendationItem{ID: "fb", ResourceName: "logs"}),
		rec("c", "wa/q2/c", wat.AgentPillarResilience),
	}
	p := &wat.AgentProfile{BusinessOverview: "Tickets"}
	return wat.NewAgentRefineRequest(p, nil, nil, recs, 10, 5), recs
}

func TestApplyAgentRefinement(t *testing.T) {
	item := func(id, desc string, cites []string, merge ...string) wat.AgentRefinedItem {
		return wat.AgentRefinedItem{ID: id, Description: desc, Citations: cites, MergeIDs: merge}
	}
	trade := func(p wat.AgentPillar, risk string, cites ...string) []wat.AgentTradeOff {
		return []wat.AgentTradeOff{{Pillar: p, Title: "t", Description: "d", Risk: risk, Mitigation: "m", Citations: cites}}
	}
	withTrade := func(it wat.AgentRefinedItem, ts []wat.AgentTradeOff) wat.AgentRefinedItem {
		it.TradeOffs = ts
		return it
	}
	for _, tc := range []struct {
		name      string
		items     []wat.AgentRefinedItem
		refined   []string // ids carrying model text
		gone      []string // ids merged away
		discarded int
	}{
		{"valid", []wat.AgentRefinedItem{item("a", "for tickets", []string{"wa/q1/a"})}, []string{"a"}, nil, 0},
		{"id not in the input", []wat.AgentRefinedItem{item("zz", "x", []string{"wa/q1/a"}), item("c", "y", []string{"wa/q2/c"})}, []string{"c"}, nil, 1},
		{"no citation", []wat.AgentRefinedItem{item("a", "x", nil)}, nil, nil, 1},
		{"a citation not in the input", []wat.AgentRefinedItem{item("a", "x", []string{"wa/q1/a", "made-up"})}, nil, nil, 1},
		{"a citation of an unrelated recommendation", []wat.AgentRefinedItem{item("a", "x", []string{"fb"})}, nil, nil, 1},
		{"empty description", []wat.AgentRefinedItem{item("a", "  ", []string{"wa/q1/a"})}, nil, nil, 1},
		{"the same id twice", []wat.AgentRefinedItem{item("a", "x", []string{"wa/q1/a"}), item("a", "y", []string{"wa/q1/a"})}, []string{"a"}, nil, 1},
		{"merge of the same pillar, citing the merged finding", []wat.AgentRefinedItem{item("a", "both", []string{"wa/q1/a", "fb"}, "b")}, []string{"a"}, []string{"b"}, 0},
		{"merge of another pillar", []wat.AgentRefinedItem{item("a", "x", []string{"wa/q1/a"}, "c")}, nil, nil, 1},
		{"merge of an unknown id", []wat.AgentRefinedItem{item("a", "x", []string{"wa/q1/a"}, "nope")}, nil, nil, 1},
		{"an item on what another merged", []wat.AgentRefinedItem{item("a", "x", []string{"wa/q1/a"}, "b"), item("b", "y", []string{"wa/q1/b"})}, []string{"a"}, []string{"b"}, 1},
		{"a cited trade-off", []wat.AgentRefinedItem{withTrade(item("b", "x", []string{"wa/q1/b"}), trade(wat.AgentPillarPerformance, "LOW", "fb"))}, []string{"b"}, nil, 0},
		{"an uncited trade-off", []wat.AgentRefinedItem{withTrade(item("b", "x", []string{"wa/q1/b"}), trade(wat.AgentPillarPerformance, "LOW"))}, nil, nil, 1},
		{"a trade-off's bad risk", []wat.AgentRefinedItem{withTrade(item("b", "x", []string{"wa/q1/b"}), trade(wat.AgentPillarPerformance, "HUGE", "fb"))}, nil, nil, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req, recs := refineFixture()
			out, run := wat.ApplyAgentRefinement(req, recs, &wat.AgentRefinement{Items: tc.items})
			if run.Discarded != tc.discarded || run.Refined != len(tc.refined) || run.Merged != len(tc.gone) {
				t.Errorf("run %+v, want %d refined, %d merged, %d discarded", run, len(tc.refined), len(tc.gone), tc.discarded)
			}
			if len(out) != len(recs)-len(tc.gone) {
				t.Errorf("%d recommendations left, want %d", len(out), len(recs)-len(tc.gone))
			}
			for _, r := range out {
				id := wat.AgentRecommendationID(r.ARN)
				model := slices.Contains(r.Sources, wat.AgentSourceAgent)
				if model != slices.Contains(tc.refined, id) || (model == (r.Description == "engine "+id)) {
					t.Errorf("%s: sources %v, description %q", id, r.Sources, r.Description)
				}
				if slices.Contains(tc.gone, id) {
					t.Errorf("%s was merged but is still there", id)
				}
			}
			if len(tc.gone) > 0 {
				a := out[0]
				if a.Resources != 1 || len(a.Items) != 1 || !slices.Contains(a.Applications, "w-b") || len(a.Highlights) != 1 {
					t.Errorf("a after taking in b: %+v", a)
				}
			}
		})
	}
}
