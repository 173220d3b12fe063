package wadata

import (
	"github.com/wat-dev/wat/lens/framework/guidance"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/wat-dev/wat/lens"
)

const noneHead = "question_id,none_choice_id,legacy_alias,basis\n"

// twoQuestions are the framework rows of questions q-one (choices a, b) and
// q2 (choice c).
func twoQuestions(t *testing.T) []Row {
	t.Helper()
	rows, err := Parse([]byte(head + row("p", "q-one", "HIGH", "p_q_one_a") + row("p", "q-one", "LOW", "p_q_one_b") + row("p", "q2", "LOW", "p_q2_c")))
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

func TestParseNone(t *testing.T) {
	rows := twoQuestions(t)
	got, err := ParseNone([]byte(noneHead+"q-one,p_q_one_no,q_one_no,seen\nq2,p_two_no,q2_no,derived\n"), rows)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]None{
		"q-one": {QuestionID: "q-one", ChoiceID: "p_q_one_no", LegacyAlias: "q_one_no", Basis: "seen"},
		"q2":    {QuestionID: "q2", ChoiceID: "p_two_no", LegacyAlias: "q2_no", Basis: "derived"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ParseNone (-want +got):\n%s", diff)
	}
	wantAliases := []lens.ChoiceAlias{{QuestionID: "q-one", Alias: "q_one_no", ChoiceID: "p_q_one_no"}, {QuestionID: "q2", Alias: "q2_no", ChoiceID: "p_two_no"}}
	if diff := cmp.Diff(wantAliases, Aliases(got)); diff != "" {
		t.Errorf("Aliases (-want +got):\n%s", diff)
	}
	// The document takes the listed id, not one derived from the question.
	doc := Document(rows, got, &guidance.Set{})
	choices := doc.Pillars[0].Questions[1].Choices
	if last := choices[len(choices)-1]; last.ID != "p_two_no" || last.Title != "None of these" {
		t.Errorf("q2's last choice is %+v, want None of these with id p_two_no", last)
	}
}

func TestParseNoneErrors(t *testing.T) {
	rows := twoQuestions(t)
	const q2 = "q2,p_q2_no,q2_no,x\n"
	tests := []struct{ name, csv, want string }{
		{"bad header", "question_id,choice_id\n", "the header must be " + strings.TrimSpace(noneHead)},
		{"empty field", noneHead + "q-one,,q_one_no,x\n" + q2, "line 2: none_choice_id is empty"},
		{"unknown question", noneHead + "q3,p_q3_no,q3_no,x\n", `line 2: the framework has no question "q3"`},
		{"question twice", noneHead + q2 + "q2,p_q2b_no,q2b_no,x\n", `line 3: question "q2" is listed twice`},
		{"not ending in _no", noneHead + "q-one,p_q_one_none,q_one_no,x\n" + q2,
			`line 2: none_choice_id "p_q_one_none" must be 1 to 64 of a-z, 0-9 and _, ending in "_no"`},
		{"bad character", noneHead + "q-one,p_q_one_no,q-one_no,x\n" + q2,
			`line 2: legacy_alias "q-one_no" must be 1 to 64 of a-z, 0-9 and _, ending in "_no"`},
		{"alias is another question's choice", noneHead + "q-one,p_q_one_no,p_q2_no,x\n" + q2,
			`line 3: none_choice_id "p_q2_no" is already the legacy_alias of question q-one`},
		{"question missing", noneHead + q2, `question "q-one" has no row`},
	}
	for _, tt := range tests {
		_, err := ParseNone([]byte(tt.csv), rows)
		if err == nil || err.Error() != tt.want {
			t.Errorf("%s: error %v, want %q", tt.name, err, tt.want)
		}
	}
	// A practice's id is taken too (the lens would see a second "None of
	// these" choice, but the CSV is checked first).
	rows[2].ChoiceID = "p_q2_no"
	_, err := ParseNone([]byte(noneHead+"q-one,p_q_one_no,q_one_no,x\n"+q2), rows)
	if want := `line 3: none_choice_id "p_q2_no" is already the choice of BP-p_q2_c`; err == nil || err.Error() != want {
		t.Errorf("a practice's id: error %v, want %q", err, want)
	}
}
