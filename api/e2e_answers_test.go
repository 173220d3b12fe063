package api_test

import (
	"context"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected/types"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/wat-dev/wat/internal/testserver"
)

// choiceAnswer is the part of a ChoiceAnswer the tests compare.
type choiceAnswer struct {
	Status types.ChoiceStatus
	Reason types.ChoiceReason
	Notes  string
}

// choiceAnswers returns an answer's ChoiceAnswers by choice id.
func choiceAnswers(a *types.Answer) map[string]choiceAnswer {
	out := map[string]choiceAnswer{}
	for _, ca := range a.ChoiceAnswers {
		out[aws.ToString(ca.ChoiceId)] = choiceAnswer{ca.Status, ca.Reason, aws.ToString(ca.Notes)}
	}
	return out
}

// TestUpdateAnswer walks one question through a sequence of answers and
// checks the answer and its risk after each, against the rule computed
// from the CSV.
func TestUpdateAnswer(t *testing.T) {
	t.Parallel()
	fw := framework(t)
	forEachBackend(t, func(t *testing.T, srv *testserver.Server) {
		ctx := context.Background()
		c := srv.Client
		id := createWorkload(t, c, workloadInput("Update Answer"))
		q := fw.ByID["priorities"]
		var high, all []string
		for _, p := range q.Practices {
			all = append(all, p.ChoiceID)
			if p.Level == "HIGH" {
				high = append(high, p.ChoiceID)
			}
		}
		if len(high) < 2 || len(high) == len(all) {
			t.Fatalf("question %s needs several HIGH and some other practices for this test", q.ID)
		}
		first := high[0]

		type want struct {
			Selected      []string
			Applicable    bool
			Reason        types.AnswerReason
			Notes         string
			ChoiceAnswers map[string]choiceAnswer // NOT_APPLICABLE or annotated choices only
		}
		steps := []struct {
			name     string
			in       func(in *wellarchitected.UpdateAnswerInput)
			spec     answerSpec // for the expected risk
			want     want
			wantPlan bool // whether the answer must carry an ImprovementPlanUrl
		}{
			{
				name: "only the HIGH practices",
				in:   func(in *wellarchitected.UpdateAnswerInput) { in.SelectedChoices = high },
				spec: answerSpec{Selected: high},
				want: want{Selected: high, Applicable: true},
			},
			{
				name:     "None of these",
				in:       func(in *wellarchitected.UpdateAnswerInput) { in.SelectedChoices = []string{q.NoneID()} },
				spec:     answerSpec{Selected: []string{q.NoneID()}},
				want:     want{Selected: []string{q.NoneID()}, Applicable: true},
				wantPlan: true,
			},
			{
				name: "every practice but one, which is not applicable",
				in: func(in *wellarchitected.UpdateAnswerInput) {
					in.SelectedChoices = all[1:]
					in.ChoiceUpdates = map[string]types.ChoiceUpdate{first: {
						Status: types.ChoiceStatusNotApplicable, Reason: types.ChoiceReasonArchitectureConstraints, Notes: aws.String("Handled by the platform team"),
					}}
					in.Notes = aws.String("Discussed on Monday")
				},
				spec: answerSpec{Selected: all[1:], NotApplicable: []string{first}},
				want: want{Selected: all[1:], Applicable: true, Notes: "Discussed on Monday", ChoiceAnswers: map[string]choiceAnswer{
					first: {types.ChoiceStatusNotApplicable, types.ChoiceReasonArchitectureConstraints, "Handled by the platform team"},
				}},
			},
			{
				name: "question not applicable",
				in: func(in *wellarchitected.UpdateAnswerInput) {
					in.IsApplicable = aws.Bool(false)
					in.Reason = types.AnswerReasonBusinessPriorities
				},
				spec: answerSpec{Inapplicable: true},
				want: want{Selected: all[1:], Applicable: false, Reason: types.AnswerReasonBusinessPriorities, Notes: "Discussed on Monday", ChoiceAnswers: map[string]choiceAnswer{
					first: {types.ChoiceStatusNotApplicable, types.ChoiceReasonArchitectureConstraints, "Handled by the platform team"},
				}},
			},
			{
				name: "applicable again: the choices come back",
				in:   func(in *wellarchitected.UpdateAnswerInput) { in.IsApplicable = aws.Bool(true) },
				spec: answerSpec{Selected: all[1:], NotApplicable: []string{first}},
				want: want{Selected: all[1:], Applicable: true, Notes: "Discussed on Monday", ChoiceAnswers: map[string]choiceAnswer{
					first: {types.ChoiceStatusNotApplicable, types.ChoiceReasonArchitectureConstraints, "Handled by the platform team"},
				}},
			},
			{
				name: "the not-applicable practice selected after all",
				in: func(in *wellarchitected.UpdateAnswerInput) {
					in.ChoiceUpdates = map[string]types.ChoiceUpdate{first: {Status: types.ChoiceStatusSelected}}
				},
				spec: answerSpec{Selected: all},
				want: want{Selected: all, Applicable: true, Notes: "Discussed on Monday"},
			},
			{
				name: "a HIGH practice unselected",
				in: func(in *wellarchitected.UpdateAnswerInput) {
					in.ChoiceUpdates = map[string]types.ChoiceUpdate{high[1]: {Status: types.ChoiceStatusUnselected}}
				},
				spec:     answerSpec{Selected: removeString(all, high[1])},
				want:     want{Selected: removeString(all, high[1]), Applicable: true, Notes: "Discussed on Monday"},
				wantPlan: true,
			},
			{
				name: "selection cleared",
				in:   func(in *wellarchitected.UpdateAnswerInput) { in.SelectedChoices = []string{} },
				spec: answerSpec{},
				want: want{Applicable: true, Notes: "Discussed on Monday"},
			},
		}
		for _, step := range steps {
			in := &wellarchitected.UpdateAnswerInput{WorkloadId: aws.String(id), LensAlias: aws.String(lensAlias), QuestionId: aws.String(q.ID)}
			step.in(in)
			out, err := c.UpdateAnswer(ctx, in)
			if err != nil {
				t.Fatalf("UpdateAnswer %s: %v", step.name, err)
			}
			get, err := c.GetAnswer(ctx, &wellarchitected.GetAnswerInput{WorkloadId: aws.String(id), LensAlias: aws.String(lensAlias), QuestionId: aws.String(q.ID)})
			if err != nil {
				t.Fatal(err)
			}
			wantRisk := expectedRisk(q, step.spec)
			for src, a := range map[string]*types.Answer{"UpdateAnswer": out.Answer, "GetAnswer": get.Answer} {
				got := want{
					Selected: a.SelectedChoices, Applicable: aws.ToBool(a.IsApplicable), Reason: a.Reason, Notes: aws.ToString(a.Notes),
					ChoiceAnswers: map[string]choiceAnswer{},
				}
				for id, ca := range choiceAnswers(a) {
					// Selected choices may or may not be listed; others must be.
					if ca.Status != types.ChoiceStatusSelected || ca.Notes != "" {
						got.ChoiceAnswers[id] = ca
					}
				}
				if diff := cmp.Diff(step.want, got, cmpopts.EquateEmpty()); diff != "" {
					t.Errorf("%s after %q (-want +got):\n%s", src, step.name, diff)
				}
				if a.Risk != wantRisk {
					t.Errorf("%s after %q: risk %s, want %s", src, step.name, a.Risk, wantRisk)
				}
				if step.wantPlan && aws.ToString(a.ImprovementPlanUrl) == "" {
					t.Errorf("%s after %q: risk %s without an ImprovementPlanUrl", src, step.name, a.Risk)
				}
			}
		}
	})
}

// TestUpdateAnswerValidation sends invalid answers: each is rejected and
// the stored answer does not change.
func TestUpdateAnswerValidation(t *testing.T) {
	t.Parallel()
	fw := framework(t)
	srv := startSQLite(t)
	ctx := context.Background()
	c := srv.Client
	id := createWorkload(t, c, workloadInput("Answer Validation"))
	q := fw.ByID["ops-model"]
	base := func() *wellarchitected.UpdateAnswerInput {
		return &wellarchitected.UpdateAnswerInput{WorkloadId: aws.String(id), LensAlias: aws.String(lensAlias), QuestionId: aws.String(q.ID)}
	}
	start := base()
	start.SelectedChoices = []string{q.Practices[0].ChoiceID}
	start.Notes = aws.String("before")
	if _, err := c.UpdateAnswer(ctx, start); err != nil {
		t.Fatal(err)
	}
	get := func() *types.Answer {
		out, err := c.GetAnswer(ctx, &wellarchitected.GetAnswerInput{WorkloadId: aws.String(id), LensAlias: aws.String(lensAlias), QuestionId: aws.String(q.ID)})
		if err != nil {
			t.Fatal(err)
		}
		return out.Answer
	}
	before := get()

	tests := []struct {
		name     string
		modify   func(in *wellarchitected.UpdateAnswerInput)
		field    string // ValidationException naming this field; "" for ResourceNotFoundException
		notFound bool
	}{
		{"None of these with another choice", func(in *wellarchitected.UpdateAnswerInput) {
			in.SelectedChoices = []string{q.Practices[1].ChoiceID, q.NoneID()}
		}, "SelectedChoices", false},
		{"None of these plus a choice update", func(in *wellarchitected.UpdateAnswerInput) {
			in.SelectedChoices = []string{q.NoneID()}
			in.ChoiceUpdates = map[string]types.ChoiceUpdate{q.Practices[1].ChoiceID: {Status: types.ChoiceStatusSelected}}
		}, "SelectedChoices", false},
		{"unknown choice", func(in *wellarchitected.UpdateAnswerInput) { in.SelectedChoices = []string{"no_such_choice"} }, "SelectedChoices", false},
		{"choice of another question", func(in *wellarchitected.UpdateAnswerInput) {
			in.SelectedChoices = []string{fw.ByID["priorities"].Practices[0].ChoiceID}
		}, "SelectedChoices", false},
		{"unknown choice in ChoiceUpdates", func(in *wellarchitected.UpdateAnswerInput) {
			in.ChoiceUpdates = map[string]types.ChoiceUpdate{"no_such_choice": {Status: types.ChoiceStatusSelected}}
		}, "ChoiceUpdates", false},
		{"None of these not applicable", func(in *wellarchitected.UpdateAnswerInput) {
			in.ChoiceUpdates = map[string]types.ChoiceUpdate{q.NoneID(): {Status: types.ChoiceStatusNotApplicable, Reason: types.ChoiceReasonOther}}
		}, "ChoiceUpdates", false},
		{"reason on a selected choice", func(in *wellarchitected.UpdateAnswerInput) {
			in.ChoiceUpdates = map[string]types.ChoiceUpdate{q.Practices[1].ChoiceID: {Status: types.ChoiceStatusSelected, Reason: types.ChoiceReasonOther}}
		}, "ChoiceUpdates", false},
		{"choice notes of 251 characters", func(in *wellarchitected.UpdateAnswerInput) {
			in.ChoiceUpdates = map[string]types.ChoiceUpdate{q.Practices[1].ChoiceID: {Status: types.ChoiceStatusNotApplicable, Notes: aws.String(strings.Repeat("n", 251))}}
		}, "ChoiceUpdates", false},
		{"notes of 2085 characters", func(in *wellarchitected.UpdateAnswerInput) { in.Notes = aws.String(strings.Repeat("n", 2085)) }, "Notes", false},
		{"unknown question", func(in *wellarchitected.UpdateAnswerInput) {
			in.QuestionId = aws.String("no-such-question")
			in.SelectedChoices = []string{"no_such_question_no"}
		}, "", true},
		{"unknown workload", func(in *wellarchitected.UpdateAnswerInput) {
			in.WorkloadId = aws.String(strings.Repeat("e", 32))
			in.SelectedChoices = []string{q.NoneID()}
		}, "", true},
		{"lens not applied", func(in *wellarchitected.UpdateAnswerInput) {
			in.LensAlias = aws.String("serverless")
			in.SelectedChoices = []string{q.NoneID()}
		}, "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := base()
			tt.modify(in)
			_, err := c.UpdateAnswer(ctx, in)
			if tt.notFound {
				wantNotFound(t, err)
			} else {
				wantValidation(t, err, tt.field)
			}
		})
	}
	if diff := cmp.Diff(before, get(), sdkOpts); diff != "" {
		t.Errorf("rejected updates changed the answer (-before +after):\n%s", diff)
	}
}

// TestRiskRollup answers all 57 questions with deterministic pseudo-random
// answers and checks every question's risk and every roll-up against the
// rule computed from the CSV.
func TestRiskRollup(t *testing.T) {
	t.Parallel()
	fw := framework(t)
	forEachBackend(t, func(t *testing.T, srv *testserver.Server) {
		ctx := context.Background()
		c := srv.Client
		createWorkload(t, c, workloadInput("Untouched neighbour"))
		for _, seed := range []uint64{1, 2, 3} {
			id := createWorkload(t, c, workloadInput(testserver.RandomName("rollup")))
			answers := answerAll(t, c, id, seed)
			perPillar, total := expectedCounts(fw, answers)
			for _, r := range types.Risk("").Values() {
				if total[string(r)] == 0 {
					t.Fatalf("seed %d answers no question with risk %s: choose another seed", seed, r)
				}
			}

			wantRisks, gotRisks := map[string]types.Risk{}, map[string]types.Risk{}
			wantSel, gotSel := map[string][]string{}, map[string][]string{}
			for _, q := range fw.Questions {
				wantRisks[q.ID] = expectedRisk(q, answers[q.ID])
				wantSel[q.ID] = answers[q.ID].Selected
			}
			for _, s := range listAllAnswers(t, c, wellarchitected.ListAnswersInput{WorkloadId: aws.String(id), LensAlias: aws.String(lensAlias), MaxResults: aws.Int32(50)}) {
				gotRisks[aws.ToString(s.QuestionId)] = s.Risk
				gotSel[aws.ToString(s.QuestionId)] = s.SelectedChoices
			}
			if diff := cmp.Diff(wantRisks, gotRisks); diff != "" {
				t.Errorf("seed %d: ListAnswers risks (-want +got):\n%s", seed, diff)
			}
			if diff := cmp.Diff(wantSel, gotSel, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("seed %d: ListAnswers selected choices (-want +got):\n%s", seed, diff)
			}

			review, err := c.GetLensReview(ctx, &wellarchitected.GetLensReviewInput{WorkloadId: aws.String(id), LensAlias: aws.String(lensAlias)})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(perPillar, pillarCounts(review.LensReview)); diff != "" {
				t.Errorf("seed %d: GetLensReview pillar risk counts (-want +got):\n%s", seed, diff)
			}
			if diff := cmp.Diff(total, review.LensReview.RiskCounts); diff != "" {
				t.Errorf("seed %d: GetLensReview risk counts (-want +got):\n%s", seed, diff)
			}
			w, err := c.GetWorkload(ctx, &wellarchitected.GetWorkloadInput{WorkloadId: aws.String(id)})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(total, w.Workload.RiskCounts); diff != "" {
				t.Errorf("seed %d: GetWorkload risk counts (-want +got):\n%s", seed, diff)
			}
			reviews, err := c.ListLensReviews(ctx, &wellarchitected.ListLensReviewsInput{WorkloadId: aws.String(id)})
			if err != nil {
				t.Fatal(err)
			}
			if len(reviews.LensReviewSummaries) != 1 {
				t.Fatalf("ListLensReviews lists %d reviews, want 1", len(reviews.LensReviewSummaries))
			}
			if diff := cmp.Diff(total, reviews.LensReviewSummaries[0].RiskCounts); diff != "" {
				t.Errorf("seed %d: ListLensReviews risk counts (-want +got):\n%s", seed, diff)
			}
			list, err := c.ListWorkloads(ctx, &wellarchitected.ListWorkloadsInput{})
			if err != nil {
				t.Fatal(err)
			}
			found := false
			for _, s := range list.WorkloadSummaries {
				switch aws.ToString(s.WorkloadId) {
				case id:
					found = true
					if diff := cmp.Diff(total, s.RiskCounts); diff != "" {
						t.Errorf("seed %d: ListWorkloads risk counts (-want +got):\n%s", seed, diff)
					}
				default:
					if aws.ToString(s.WorkloadName) == "Untouched neighbour" && s.RiskCounts["UNANSWERED"] != 57 {
						t.Errorf("answering one workload changed another's risk counts to %v", s.RiskCounts)
					}
				}
			}
			if !found {
				t.Errorf("ListWorkloads does not list workload %s", id)
			}
		}
	})
}
