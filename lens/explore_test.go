package lens

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/wat-dev/wat"
)

// exploreDoc has one question per kind of warning Explore gives.
func exploreDoc() *Document {
	plan := &ResourceDoc{DisplayText: "Do it"}
	q := func(id string, rules ...RiskRuleDoc) QuestionDoc {
		return QuestionDoc{ID: id, Title: id + "?", RiskRules: rules, Choices: []ChoiceDoc{
			{ID: "aaa", Title: "A", ImprovementPlan: plan},
			{ID: "bbb", Title: "B", ImprovementPlan: plan},
			{ID: id + "_no", Title: "None of these"},
		}}
	}
	return &Document{SchemaVersion: SchemaVersion, Name: "Explore", Pillars: []PillarDoc{{ID: "pil", Name: "P", Questions: []QuestionDoc{
		q("fine", RiskRuleDoc{"aaa && bbb", NoRisk}, RiskRuleDoc{"aaa || bbb", MediumRisk}, RiskRuleDoc{"default", HighRisk}),
		q("odd", RiskRuleDoc{"aaa && !aaa", NoRisk}, RiskRuleDoc{"bbb || odd_no", MediumRisk}, RiskRuleDoc{"default", HighRisk}),
		q("shadow", RiskRuleDoc{"aaa", NoRisk}, RiskRuleDoc{"aaa && bbb", MediumRisk}, RiskRuleDoc{"default", HighRisk}),
		q("covered", RiskRuleDoc{"aaa", NoRisk}, RiskRuleDoc{"!aaa", HighRisk}, RiskRuleDoc{"default", MediumRisk}),
	}}}}
}

func TestExplore(t *testing.T) {
	norm, err := exploreDoc().Normalize()
	if err != nil {
		t.Fatal(err)
	}
	l, doc, ps := Validate(norm)
	if len(ps) > 0 {
		t.Fatal(ps)
	}
	var got []string
	for _, q := range l.Questions() {
		x := Explore(q)
		if x.Total != 7 || len(x.Outcomes) != 7 || x.Sampled {
			t.Errorf("%s: Total %d, %d outcomes, sampled %v", q.ID, x.Total, len(x.Outcomes), x.Sampled)
		}
		doc.Locate(x.Warnings)
		for _, w := range x.Warnings {
			got = append(got, w.String())
		}
	}
	want := []string{
		`pillars[0].questions[1].riskRules[0].condition: rule 1 (NONE) never applies: its condition "aaa && !aaa" is false for every answer (pillar "pil", question "odd"; line 72, column 28)`,
		`pillars[0].questions[1].riskRules: selecting every best practice (every choice but "odd_no") gives MEDIUM risk (rule 2); no answer that does all the question asks is risk-free (pillar "pil", question "odd"; line 70, column 24)`,
		`pillars[0].questions[1].choices[2].id: selecting only "odd_no" (None of these) gives MEDIUM risk (rule 2), not HIGH (pillar "pil", question "odd", choice "odd_no"; line 66, column 21)`,
		`pillars[0].questions[2].riskRules[1].condition: rule 2 (MEDIUM) never applies: whenever "aaa && bbb" holds, an earlier rule has decided the risk (pillar "pil", question "shadow"; line 114, column 28)`,
		`pillars[0].questions[3].riskRules[2].condition: the default rule never applies: the rules before it decide every answer (pillar "pil", question "covered"; line 156, column 28)`,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("warnings (-want +got):\n%s", diff)
	}

	fine := Explore(l.Questions()[0])
	var masks []uint64
	for _, o := range fine.Outcomes {
		masks = append(masks, o.Mask)
		if o.Risk != fine.Question.RiskOfMask(o.Mask, true, true) {
			t.Errorf("mask %03b: risk %s, Risk says otherwise", o.Mask, o.Risk)
		}
	}
	if diff := cmp.Diff([]uint64{0b001, 0b010, 0b100, 0b011, 0b101, 0b110, 0b111}, masks); diff != "" {
		t.Errorf("order of outcomes (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(map[wat.Risk]int{wat.RiskNone: 2, wat.RiskMedium: 4, wat.RiskHigh: 1}, fine.Counts); diff != "" {
		t.Errorf("counts (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]int{2, 4, 1}, fine.Decides); diff != "" {
		t.Errorf("decides (-want +got):\n%s", diff)
	}
}

// TestExploreSamples checks a question of 15 choices is sampled, the same
// way each time, and always with the answers that matter most.
func TestExploreSamples(t *testing.T) {
	l, _, ps := Validate(bigJSON(t))
	if len(ps) > 0 {
		t.Fatal(ps[0])
	}
	q := l.Questions()[0]
	x := Explore(q)
	if x.Total != 1<<15-1 || len(x.Outcomes) != MaxExplored || !x.Sampled || len(x.Warnings) != 0 {
		t.Fatalf("Total %d, %d outcomes, sampled %v, warnings %v", x.Total, len(x.Outcomes), x.Sampled, x.Warnings)
	}
	sum := 0
	for _, n := range x.Counts {
		sum += n
	}
	if sum != x.Total || x.Counts[wat.RiskNone] != 2 { // all 14 practices, with or without None
		t.Errorf("counts %v", x.Counts)
	}
	seen := map[uint64]bool{}
	for _, o := range x.Outcomes {
		seen[o.Mask] = true
	}
	practices := uint64(1)<<14 - 1
	for _, m := range []uint64{1, 1 << 14, practices, practices | 1<<14, practices &^ 1} {
		if !seen[m] {
			t.Errorf("the sample lacks %015b", m)
		}
	}
	if diff := cmp.Diff(x.Outcomes, Explore(q).Outcomes); diff != "" {
		t.Error("two explorations sample differently")
	}
}
