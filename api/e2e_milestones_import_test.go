package api_test

import (
	"context"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected/types"
	"github.com/google/go-cmp/cmp"

	"github.com/wat-dev/wat/api/wire"
	"github.com/wat-dev/wat/internal/testserver"
	"github.com/wat-dev/wat/internal/watclient"
)

// The milestone the access matrix's ImportMilestone row records.
const matrixImportedNumber = 50

var matrixImportedAt = time.Date(2024, 3, 1, 12, 30, 0, 0, time.UTC)

// matrixImportedMilestone is an ImportMilestone of milestone 50, recorded on
// 1 March 2024, with one answer.
func matrixImportedMilestone(workloadID string) *wire.ImportMilestoneInput {
	return &wire.ImportMilestoneInput{WorkloadId: &workloadID, MilestoneNumber: aws.Int32(matrixImportedNumber),
		MilestoneName: aws.String("Matrix imported"), RecordedAt: wire.NewTimestamp(matrixImportedAt),
		LensReviews: []wire.ImportedLensReview{{LensAlias: aws.String(lensAlias), Answers: []wire.ImportedAnswer{
			{QuestionId: aws.String("priorities"), SelectedChoices: []string{"ops_priorities_ext_cust_needs"}}}}}}
}

// TestImportMilestone records milestones with their own numbers and dates
// and the answers as they were: what the reads of the milestone return,
// the same import again changing nothing, a different one under the same
// number refused, and CreateMilestone numbering after the highest.
func TestImportMilestone(t *testing.T) {
	forEachBackend(t, func(t *testing.T, srv *testserver.Server) {
		ctx := context.Background()
		c := srv.Client
		wc := watclient.FromSDK(c)
		id := createWorkload(t, c, workloadInput(testserver.RandomName("imported")))
		at := time.Date(2023, 11, 5, 9, 15, 30, 250e6, time.UTC)
		in := &wire.ImportMilestoneInput{WorkloadId: &id, MilestoneNumber: aws.Int32(7), MilestoneName: aws.String("Revue d'été 夏"),
			RecordedAt: wire.NewTimestamp(at),
			Workload:   &wire.ImportedMilestoneWorkload{Description: aws.String("as it was then"), Environment: wire.WorkloadEnvironmentProduction, AwsRegions: []string{"eu-west-3"}},
			LensReviews: []wire.ImportedLensReview{{LensAlias: aws.String(lensAlias), LensNotes: aws.String("review notes then"),
				PillarNotes: map[string]string{"security": "pillar notes then"},
				Answers: []wire.ImportedAnswer{
					{QuestionId: aws.String("priorities"), SelectedChoices: []string{"ops_priorities_ext_cust_needs"}, Notes: aws.String("answer notes"),
						ChoiceUpdates: map[string]wire.ImportedChoice{"ops_priorities_compliance_reqs": {Status: wire.ChoiceStatusNotApplicable,
							Reason: wire.ChoiceReasonOutOfScope, Notes: aws.String("not for us")}}},
					{QuestionId: aws.String("ops-model"), IsApplicable: aws.Bool(false), Reason: wire.AnswerReasonBusinessPriorities},
				}}}}
		out, err := wc.ImportMilestone(ctx, in)
		if err != nil {
			t.Fatalf("ImportMilestone: %v", err)
		}
		if !aws.ToBool(out.Created) || aws.ToInt32(out.MilestoneNumber) != 7 {
			t.Errorf("ImportMilestone = %+v, want milestone 7 created", out)
		}
		m, err := c.GetMilestone(ctx, &wellarchitected.GetMilestoneInput{WorkloadId: &id, MilestoneNumber: aws.Int32(7)})
		if err != nil {
			t.Fatal(err)
		}
		got := []any{aws.ToString(m.Milestone.MilestoneName), m.Milestone.RecordedAt.UTC(), aws.ToString(m.Milestone.Workload.Description),
			m.Milestone.Workload.Environment, m.Milestone.Workload.AwsRegions}
		want := []any{"Revue d'été 夏", at, "as it was then", types.WorkloadEnvironmentProduction, []string{"eu-west-3"}}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("GetMilestone (-want +got):\n%s", diff)
		}
		a, err := c.GetAnswer(ctx, &wellarchitected.GetAnswerInput{WorkloadId: &id, LensAlias: aws.String(lensAlias),
			QuestionId: aws.String("priorities"), MilestoneNumber: aws.Int32(7)})
		if err != nil {
			t.Fatal(err)
		}
		var na *types.ChoiceAnswer
		for i := range a.Answer.ChoiceAnswers {
			if aws.ToString(a.Answer.ChoiceAnswers[i].ChoiceId) == "ops_priorities_compliance_reqs" {
				na = &a.Answer.ChoiceAnswers[i]
			}
		}
		if diff := cmp.Diff([]any{[]string{"ops_priorities_ext_cust_needs"}, "answer notes"}, []any{a.Answer.SelectedChoices, aws.ToString(a.Answer.Notes)}); diff != "" {
			t.Errorf("the milestone's answer (-want +got):\n%s", diff)
		}
		if na == nil || na.Status != types.ChoiceStatusNotApplicable || na.Reason != types.ChoiceReasonOutOfScope || aws.ToString(na.Notes) != "not for us" {
			t.Errorf("the not-applicable choice: %+v", na)
		}
		r, err := c.GetLensReview(ctx, &wellarchitected.GetLensReviewInput{WorkloadId: &id, LensAlias: aws.String(lensAlias), MilestoneNumber: aws.Int32(7)})
		if err != nil {
			t.Fatal(err)
		}
		if aws.ToString(r.LensReview.Notes) != "review notes then" {
			t.Errorf("the milestone's lens notes = %q", aws.ToString(r.LensReview.Notes))
		}
		live, err := c.GetAnswer(ctx, &wellarchitected.GetAnswerInput{WorkloadId: &id, LensAlias: aws.String(lensAlias), QuestionId: aws.String("priorities")})
		if err != nil || len(live.Answer.SelectedChoices) != 0 {
			t.Errorf("the live answer changed: %+v, %v", live, err)
		}

		again, err := wc.ImportMilestone(ctx, in)
		if err != nil || aws.ToBool(again.Created) {
			t.Errorf("the same import again = %+v, %v; want success, not created", again, err)
		}
		changed := *in
		changed.MilestoneName = aws.String("Another name")
		_, err = wc.ImportMilestone(ctx, &changed)
		wantConflict(t, err)
		changed = *in
		changed.MilestoneNumber = aws.Int32(8)
		_, err = wc.ImportMilestone(ctx, &changed)
		wantConflict(t, err) // the name is milestone 7's

		bad := *in
		bad.MilestoneNumber, bad.MilestoneName = aws.Int32(9), aws.String("Bad choice")
		bad.LensReviews = []wire.ImportedLensReview{{LensAlias: aws.String(lensAlias), Answers: []wire.ImportedAnswer{
			{QuestionId: aws.String("priorities"), SelectedChoices: []string{"no_such_choice"}}}}}
		_, err = wc.ImportMilestone(ctx, &bad)
		wantValidation(t, err, "LensReviews[0].Answers[0].SelectedChoices[0]")
		bad.LensReviews = in.LensReviews
		bad.RecordedAt = wire.NewTimestamp(time.Now().Add(time.Hour))
		_, err = wc.ImportMilestone(ctx, &bad)
		wantValidation(t, err, "RecordedAt")

		created, err := c.CreateMilestone(ctx, &wellarchitected.CreateMilestoneInput{WorkloadId: &id, MilestoneName: aws.String("After the import")})
		if err != nil || aws.ToInt32(created.MilestoneNumber) != 8 {
			t.Errorf("CreateMilestone after milestone 7 = %+v, %v; want number 8", created, err)
		}
	})
}
