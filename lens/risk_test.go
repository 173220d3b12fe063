package lens

import (
	"testing"

	"github.com/wat-dev/wat"
)

func TestQuestionRisk(t *testing.T) {
	l := mustCompile(t, testDoc())
	q1, _ := l.Question("q_one")   // aaa&&bbb&&ccc: NONE; aaa&&(bbb||!ccc): MEDIUM; default: HIGH
	q2, _ := l.Question("q_two")   // xxx||yyy: NONE; default: MEDIUM
	q3, _ := l.Question("q_three") // default: NONE
	tests := []struct {
		name         string
		q            *Question
		selected, na []string
		applicable   bool
		want         wat.Risk
	}{
		{"not applicable wins", q1, []string{"aaa", "bbb", "ccc"}, nil, false, wat.RiskNotApplicable},
		{"not applicable and empty", q1, nil, nil, false, wat.RiskNotApplicable},
		{"nothing selected", q1, nil, nil, true, wat.RiskUnanswered},
		{"only unknown ids", q1, []string{"xxx", "nope"}, []string{"yyy"}, true, wat.RiskUnanswered},
		{"all selected", q1, []string{"ccc", "bbb", "aaa"}, nil, true, wat.RiskNone},
		{"all selected with repeats and unknowns", q1, []string{"aaa", "aaa", "zzzz", "bbb", "ccc"}, nil, true, wat.RiskNone},
		{"second rule via bbb", q1, []string{"aaa", "bbb"}, nil, true, wat.RiskMedium},
		{"second rule via !ccc", q1, []string{"aaa"}, nil, true, wat.RiskMedium},
		{"default", q1, []string{"aaa", "ccc"}, nil, true, wat.RiskHigh},
		{"only none: a unset, so only the default holds", q1, []string{"q_one_no"}, nil, true, wat.RiskHigh},
		{"not applicable counts as satisfied", q1, []string{"aaa", "bbb"}, []string{"ccc"}, true, wat.RiskNone},
		{"all not applicable", q1, nil, []string{"aaa", "bbb", "ccc"}, true, wat.RiskNone},
		{"not applicable makes !ccc false", q1, []string{"aaa"}, []string{"ccc"}, true, wat.RiskHigh},
		{"or rule", q2, []string{"yyy"}, nil, true, wat.RiskNone},
		{"or rule unmet", q2, nil, []string{"nope"}, true, wat.RiskUnanswered},
		{"default only", q3, []string{"aaa"}, nil, true, wat.RiskNone},
		{"other question's ids ignored", q3, []string{"bbb", "ccc"}, nil, true, wat.RiskUnanswered},
	}
	for _, tt := range tests {
		if got := tt.q.Risk(tt.selected, tt.na, tt.applicable); got != tt.want {
			t.Errorf("%s: %s.Risk(%q, %q, %v) = %s, want %s", tt.name, tt.q.ID, tt.selected, tt.na, tt.applicable, got, tt.want)
		}
	}
}

func TestMaskAndRiskOfMask(t *testing.T) {
	l := mustCompile(t, testDoc())
	q, _ := l.Question("q_one")
	if got := q.Mask([]string{"aaa", "ccc", "q_one_no", "xxx"}); got != 0b1101 {
		t.Errorf("Mask = %#b, want 0b1101", got)
	}
	tests := []struct {
		mask                 uint64
		answered, applicable bool
		want                 wat.Risk
	}{
		{0b0111, true, true, wat.RiskNone},
		{0b0011, true, true, wat.RiskMedium},
		{0b1000, true, true, wat.RiskHigh},
		{0, true, true, wat.RiskHigh}, // answered with no satisfied choice
		{0b0111, false, true, wat.RiskUnanswered},
		{0b0111, true, false, wat.RiskNotApplicable},
	}
	for _, tt := range tests {
		if got := q.RiskOfMask(tt.mask, tt.answered, tt.applicable); got != tt.want {
			t.Errorf("RiskOfMask(%#b, %v, %v) = %s, want %s", tt.mask, tt.answered, tt.applicable, got, tt.want)
		}
	}
	if got := (&Question{}).RiskOfMask(1, true, true); got != wat.RiskUnanswered {
		t.Errorf("zero Question risk = %s, want UNANSWERED", got)
	}
}

func TestRiskDoesNotAllocate(t *testing.T) {
	l := mustCompile(t, testDoc())
	q, _ := l.Question("q_one")
	sel, na := []string{"aaa", "bbb"}, []string{"ccc"}
	if n := testing.AllocsPerRun(100, func() { q.Risk(sel, na, true) }); n != 0 {
		t.Errorf("Risk allocates %v times per call", n)
	}
}

func BenchmarkQuestionRisk(b *testing.B) {
	l := mustCompile(b, testDoc())
	q, _ := l.Question("q_one")
	sel, na := []string{"aaa", "bbb"}, []string{"ccc"}
	b.ReportAllocs()
	for b.Loop() {
		q.Risk(sel, na, true)
	}
}
