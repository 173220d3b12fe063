package framework

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestNoneChoiceIDs checks that the "None of these" choices have AWS's ids,
// the ones scripts and data from AWS use, including those not derived from
// their question's id, and that the former ids still name them on input.
func TestNoneChoiceIDs(t *testing.T) {
	l := Lens()
	for question, want := range map[string]struct{ id, legacy string }{
		"priorities":              {"ops_priorities_no", "priorities_no"},
		"securely-operate":        {"sec_securely_operate_no", "securely_operate_no"},
		"application-security":    {"sec_appsec_no", "application_security_no"},
		"performing-architecture": {"perf_architecture_no", "performing_architecture_no"},
		"data-management":         {"perf_data_no", "data_management_no"},
		"evaluate-new-services":   {"cost_evaluate_new_services_no", "evaluate_new_services_no"},
		"sus_region":              {"sus_sus_region_no", "sus_region_no"},
	} {
		q, ok := l.Question(question)
		if !ok {
			t.Fatalf("no question %s", question)
		}
		none, ok := q.NoneChoice()
		if !ok || none.ID != want.id {
			t.Errorf("%s: NoneChoice = %v, want %s", question, none, want.id)
			continue
		}
		if c, ok := q.Choice(want.legacy); !ok || c != none {
			t.Errorf("%s: Choice(%q) = %v, %v; want %s", question, want.legacy, c, ok, want.id)
		}
		if got := q.Risk([]string{want.legacy}, nil, true); got != q.Risk([]string{want.id}, nil, true) {
			t.Errorf("%s: the legacy id scores %s, AWS's %s", question, got, q.Risk([]string{want.id}, nil, true))
		}
	}
}

// TestNoneChoicesMatchCSV checks NoneChoices against the CSV, in lens order,
// and that each former id is an alias of its own question only.
func TestNoneChoicesMatchCSV(t *testing.T) {
	nc := readNoneCSV(t)
	l := Lens()
	var want []NoneChoice
	for _, q := range l.Questions() {
		want = append(want, NoneChoice{QuestionID: q.ID, ChoiceID: nc.id[q.ID], LegacyID: nc.legacy[q.ID]})
	}
	got := NoneChoices()
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("NoneChoices (-csv +got):\n%s", diff)
	}
	if len(got) != 57 {
		t.Errorf("%d None of these choices, want 57", len(got))
	}
	for _, n := range got {
		q, _ := l.Question(n.QuestionID)
		if diff := cmp.Diff(map[string]string{n.LegacyID: n.ChoiceID}, q.Aliases()); diff != "" {
			t.Errorf("%s: Aliases (-want +got):\n%s", q.ID, diff)
		}
	}
}
