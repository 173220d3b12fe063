package service

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/wat-dev/wat"
	"github.com/wat-dev/wat/lens/framework"
)

// TestAnswerUpdateFormerNoneIDs: a "None of these" choice of the built-in
// lens named by its former id is accepted, and the answer keeps AWS's id,
// whether the id comes in SelectedChoices, in ChoiceUpdates or from an
// answer stored before the ids changed.
func TestAnswerUpdateFormerNoneIDs(t *testing.T) {
	q, ok := framework.Lens().Question("securely-operate")
	if !ok {
		t.Fatal("no question securely-operate")
	}
	const aws, legacy = "sec_securely_operate_no", "securely_operate_no"
	practice := q.Choices[0].ID
	notes := "n"
	tests := []struct {
		name   string
		stored wat.Answer
		in     UpdateAnswerInput
		want   []string
	}{
		{"AWS's id", wat.Answer{}, UpdateAnswerInput{SelectedChoices: []string{aws}}, []string{aws}},
		{"the former id", wat.Answer{}, UpdateAnswerInput{SelectedChoices: []string{legacy}}, []string{aws}},
		{"the former id in ChoiceUpdates", wat.Answer{},
			UpdateAnswerInput{ChoiceUpdates: map[string]wat.ChoiceAnswer{legacy: {Status: wat.ChoiceSelected}}}, []string{aws}},
		{"stored under the former id", wat.Answer{SelectedChoices: []string{legacy}}, UpdateAnswerInput{Notes: &notes}, []string{aws}},
		{"former id unselected", wat.Answer{SelectedChoices: []string{aws}},
			UpdateAnswerInput{ChoiceUpdates: map[string]wat.ChoiceAnswer{legacy: {Status: wat.ChoiceUnselected}}}, nil},
	}
	for _, tt := range tests {
		a := tt.stored
		a.IsApplicable = true
		if err := applyAnswerUpdate(q, &a, tt.in); err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if diff := cmp.Diff(tt.want, a.SelectedChoices, cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("%s: SelectedChoices (-want +got):\n%s", tt.name, diff)
		}
		if a.Choices != nil {
			t.Errorf("%s: Choices = %v, want none", tt.name, a.Choices)
		}
	}

	// The rules of choices see through the former id.
	for name, in := range map[string]UpdateAnswerInput{
		"with a practice": {SelectedChoices: []string{practice, legacy}},
		"not applicable":  {ChoiceUpdates: map[string]wat.ChoiceAnswer{legacy: {Status: wat.ChoiceNotApplicable}}},
		"named twice": {ChoiceUpdates: map[string]wat.ChoiceAnswer{
			legacy: {Status: wat.ChoiceSelected}, aws: {Status: wat.ChoiceUnselected}}},
	} {
		a := wat.Answer{IsApplicable: true}
		var we *wat.Error
		if err := applyAnswerUpdate(q, &a, in); !errors.As(err, &we) || we.Code != wat.EInvalid {
			t.Errorf("%s: error %v, want EInvalid", name, err)
		}
	}
}
