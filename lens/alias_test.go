package lens

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/wat-dev/wat"
)

// TestChoiceAliases checks that an official lens resolves a former choice
// id to its choice wherever an id is looked up, and answers with the
// choice's own id.
func TestChoiceAliases(t *testing.T) {
	l, err := CompileOfficial(testDoc(), ChoiceAlias{QuestionID: "q_one", Alias: "old_no", ChoiceID: "q_one_no"},
		ChoiceAlias{QuestionID: "q_one", Alias: "old_bbb", ChoiceID: "bbb"})
	if err != nil {
		t.Fatal(err)
	}
	q, _ := l.Question("q_one")
	c, ok := q.Choice("old_no")
	if !ok || c.ID != "q_one_no" {
		t.Errorf(`Choice("old_no") = %v, %v; want the choice q_one_no`, c, ok)
	}
	if none, _ := q.NoneChoice(); c != none {
		t.Errorf(`Choice("old_no") is not the "None of these" choice`)
	}
	if got, want := q.Mask([]string{"aaa", "old_bbb", "old_no"}), q.Mask([]string{"aaa", "bbb", "q_one_no"}); got != want || got != 0b1011 {
		t.Errorf("Mask with aliases = %b, want %b", got, want)
	}
	if got := q.Risk([]string{"aaa", "old_bbb"}, []string{"ccc"}, true); got != wat.RiskNone {
		t.Errorf("Risk with an alias = %s, want NONE", got)
	}
	if diff := cmp.Diff(map[string]string{"old_no": "q_one_no", "old_bbb": "bbb"}, q.Aliases()); diff != "" {
		t.Errorf("Aliases (-want +got):\n%s", diff)
	}
	// An alias belongs to its question only.
	q2, _ := l.Question("q_two")
	if _, ok := q2.Choice("old_no"); ok || q2.Aliases() != nil {
		t.Errorf("question q_two knows the aliases of q_one: %v", q2.Aliases())
	}

	custom, err := Compile(testDoc())
	if err != nil {
		t.Fatal(err)
	}
	cq, _ := custom.Question("q_one")
	if _, ok := cq.Choice("old_no"); ok || cq.Mask([]string{"old_no"}) != 0 {
		t.Error("a lens compiled without aliases resolves one")
	}
}

func TestChoiceAliasProblems(t *testing.T) {
	_, err := CompileOfficial(testDoc(),
		ChoiceAlias{QuestionID: "q_nine", Alias: "a_no", ChoiceID: "q_nine_no"},
		ChoiceAlias{QuestionID: "q_one", Alias: "b_no", ChoiceID: "q_two_no"},
		ChoiceAlias{QuestionID: "q_one", Alias: "aaa", ChoiceID: "q_one_no"},
		ChoiceAlias{QuestionID: "q_one", Alias: "c_no", ChoiceID: "q_one_no"},
		ChoiceAlias{QuestionID: "q_one", Alias: "c_no", ChoiceID: "bbb"},
	)
	var we *wat.Error
	if !errors.As(err, &we) || we.Code != wat.EInvalid {
		t.Fatalf("CompileOfficial error = %v, want EInvalid", err)
	}
	want := []field{
		{"aliases[0]", `alias "a_no": the lens has no question "q_nine" (question "q_nine", choice "q_nine_no")`},
		{"aliases[1]", `alias "b_no": question q_one has no choice "q_two_no" (question "q_one", choice "q_two_no")`},
		{"aliases[2]", `alias "aaa": is the id of a choice of question q_one (question "q_one", choice "q_one_no")`},
		{"aliases[4]", `alias "c_no": is given twice for question q_one (question "q_one", choice "bbb")`},
	}
	if diff := cmp.Diff(want, fields(we.Fields)); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
}
