package profile_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/wat-dev/wat"
	"github.com/wat-dev/wat/lens/framework"
	"github.com/wat-dev/wat/profile"
)

// TestMappingsNameFrameworkQuestions: every id a choice prioritises is a
// question of the built-in framework lens, and every choice maps to some.
func TestMappingsNameFrameworkQuestions(t *testing.T) {
	fw := framework.Lens()
	tpl := profile.Default()
	if n := len(tpl.Questions); n < 6 || n > 8 {
		t.Errorf("the template has %d questions, want 6 to 8", n)
	}
	for _, q := range tpl.Questions {
		for _, c := range q.Choices {
			if len(c.Prioritizes) == 0 {
				t.Errorf("choice %s.%s prioritises nothing", q.ID, c.ID)
			}
			seen := map[string]bool{}
			for _, id := range c.Prioritizes {
				if _, ok := fw.Question(id); !ok {
					t.Errorf("choice %s.%s prioritises %q, which is not a framework question", q.ID, c.ID, id)
				}
				if seen[id] {
					t.Errorf("choice %s.%s lists %q twice", q.ID, c.ID, id)
				}
				seen[id] = true
			}
		}
	}
}

func TestApply(t *testing.T) {
	tpl := profile.Default()
	full := []profile.Update{}
	for _, q := range tpl.Questions {
		if q.MinSelected > 0 {
			full = append(full, profile.Update{QuestionID: q.ID, SelectedChoiceIDs: []string{q.Choices[0].ID}})
		}
	}
	answers, errs := tpl.Apply(nil, full)
	if len(errs) != 0 {
		t.Fatalf("Apply(minimal answers) = %v", errs)
	}
	tests := []struct {
		name    string
		updates []profile.Update
		fields  []string
	}{
		{"unknown question", []profile.Update{{QuestionID: "nope"}}, []string{"ProfileQuestions[0].QuestionId"}},
		{"unknown choice", []profile.Update{{QuestionID: "cost_sensitivity", SelectedChoiceIDs: []string{"cost_low", "nope"}}}, []string{"ProfileQuestions[0].SelectedChoiceIds[1]"}},
		{"too many", []profile.Update{{QuestionID: "cost_sensitivity", SelectedChoiceIDs: []string{"cost_low", "cost_high"}}}, []string{"ProfileQuestions[0].SelectedChoiceIds"}},
		{"too few", []profile.Update{{QuestionID: "cost_sensitivity", SelectedChoiceIDs: []string{}}}, []string{"ProfileQuestions[0].SelectedChoiceIds"}},
		{"twice", []profile.Update{{QuestionID: "cost_sensitivity", SelectedChoiceIDs: []string{"cost_low"}}, {QuestionID: "cost_sensitivity"}}, []string{"ProfileQuestions[1].QuestionId"}},
		{"optional cleared", []profile.Update{{QuestionID: "regulatory_regime", SelectedChoiceIDs: []string{}}}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, errs := tpl.Apply(answers, tt.updates)
			var got []string
			for _, e := range errs {
				got = append(got, e.Name)
			}
			if diff := cmp.Diff(tt.fields, got); diff != "" {
				t.Errorf("fields (-want +got):\n%s", diff)
			}
		})
	}
	if _, errs := tpl.Apply(nil, nil); len(errs) == 0 {
		t.Errorf("Apply(nil, nil) accepted a profile with required questions unanswered")
	}
}

func TestPrioritized(t *testing.T) {
	tpl := profile.Default()
	got := tpl.Prioritized([]wat.ProfileAnswer{
		{QuestionID: "cost_sensitivity", SelectedChoiceIDs: []string{"cost_moderate"}},
		{QuestionID: "recovery_objectives", SelectedChoiceIDs: []string{"rto_days"}},
		{QuestionID: "gone", SelectedChoiceIDs: []string{"x"}},
	})
	want := map[string]bool{"cloud-financial-management": true, "monitor-usage": true, "decomissioning-resources": true,
		"backing-up-data": true, "planning-for-recovery": true}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Prioritized (-want +got):\n%s", diff)
	}
}
