package api_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected/types"
	"github.com/google/go-cmp/cmp"

	"github.com/wat-dev/wat/internal/testserver"
)

// reviewState is everything the lens-review reads return for a workload,
// live (milestone 0) or as of a milestone.
type reviewState struct {
	Answers      []types.AnswerSummary
	Answer       *types.Answer // of the question the test changes
	Review       *types.LensReview
	Reviews      []types.LensReviewSummary
	Improvements []types.ImprovementSummary
}

// readState reads a workload's review state at milestone (live when 0).
func readState(t *testing.T, c *wellarchitected.Client, id string, milestone int32, question string) reviewState {
	t.Helper()
	ctx := context.Background()
	var m *int32
	if milestone != 0 {
		m = aws.Int32(milestone)
	}
	var s reviewState
	s.Answers = listAllAnswers(t, c, wellarchitected.ListAnswersInput{WorkloadId: aws.String(id), LensAlias: aws.String(lensAlias), MilestoneNumber: m})
	a, err := c.GetAnswer(ctx, &wellarchitected.GetAnswerInput{WorkloadId: aws.String(id), LensAlias: aws.String(lensAlias), QuestionId: aws.String(question), MilestoneNumber: m})
	if err != nil {
		t.Fatalf("GetAnswer(milestone %d): %v", milestone, err)
	}
	if aws.ToInt32(a.MilestoneNumber) != milestone {
		t.Errorf("GetAnswer(milestone %d) says milestone %d", milestone, aws.ToInt32(a.MilestoneNumber))
	}
	s.Answer = a.Answer
	r, err := c.GetLensReview(ctx, &wellarchitected.GetLensReviewInput{WorkloadId: aws.String(id), LensAlias: aws.String(lensAlias), MilestoneNumber: m})
	if err != nil {
		t.Fatalf("GetLensReview(milestone %d): %v", milestone, err)
	}
	if aws.ToInt32(r.MilestoneNumber) != milestone {
		t.Errorf("GetLensReview(milestone %d) says milestone %d", milestone, aws.ToInt32(r.MilestoneNumber))
	}
	s.Review = r.LensReview
	rs, err := c.ListLensReviews(ctx, &wellarchitected.ListLensReviewsInput{WorkloadId: aws.String(id), MilestoneNumber: m})
	if err != nil {
		t.Fatalf("ListLensReviews(milestone %d): %v", milestone, err)
	}
	s.Reviews = rs.LensReviewSummaries
	in := &wellarchitected.ListLensReviewImprovementsInput{WorkloadId: aws.String(id), LensAlias: aws.String(lensAlias), MilestoneNumber: m}
	for {
		out, err := c.ListLensReviewImprovements(ctx, in)
		if err != nil {
			t.Fatalf("ListLensReviewImprovements(milestone %d): %v", milestone, err)
		}
		s.Improvements = append(s.Improvements, out.ImprovementSummaries...)
		if out.NextToken == nil {
			break
		}
		in.NextToken = out.NextToken
	}
	return s
}

// TestMilestones records milestones, changes the workload and checks that
// every read at a milestone still returns the workload as it was.
func TestMilestones(t *testing.T) {
	t.Parallel()
	fw := framework(t)
	forEachBackend(t, func(t *testing.T, srv *testserver.Server) {
		ctx := context.Background()
		c := srv.Client
		in := fullWorkloadInput("Milestoned")
		id := createWorkload(t, c, in)
		answers := answerAll(t, c, id, 11)
		if _, err := c.UpdateLensReview(ctx, &wellarchitected.UpdateLensReviewInput{
			WorkloadId: aws.String(id), LensAlias: aws.String(lensAlias), LensNotes: aws.String("before"), PillarNotes: map[string]string{"security": "before"},
		}); err != nil {
			t.Fatal(err)
		}
		const question = "priorities"
		beforeWorkload, err := c.GetWorkload(ctx, &wellarchitected.GetWorkloadInput{WorkloadId: aws.String(id)})
		if err != nil {
			t.Fatal(err)
		}
		before := readState(t, c, id, 0, question)

		recorded := time.Now()
		m1, err := c.CreateMilestone(ctx, &wellarchitected.CreateMilestoneInput{WorkloadId: aws.String(id), MilestoneName: aws.String("Baseline")})
		if err != nil {
			t.Fatal(err)
		}
		if n := aws.ToInt32(m1.MilestoneNumber); n != 1 || aws.ToString(m1.WorkloadId) != id {
			t.Fatalf("first milestone: number %d of workload %q, want 1 of %q", n, aws.ToString(m1.WorkloadId), id)
		}
		if diff := cmp.Diff(before, readState(t, c, id, 1, question), sdkOpts); diff != "" {
			t.Errorf("reads at milestone 1 right after recording it differ from the live reads (-live +milestone):\n%s", diff)
		}

		// Change everything a milestone records.
		q := fw.ByID[question]
		changed := answerSpec{Selected: []string{q.NoneID()}}
		if answers[question].Selected != nil && answers[question].Selected[0] == q.NoneID() {
			changed = answerSpec{Selected: []string{q.Practices[0].ChoiceID}}
		}
		if _, err := c.UpdateAnswer(ctx, updateAnswerInput(id, q, changed)); err != nil {
			t.Fatal(err)
		}
		for _, q := range fw.Questions[40:] {
			if _, err := c.UpdateAnswer(ctx, updateAnswerInput(id, q, answerSpec{Inapplicable: true})); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := c.UpdateWorkload(ctx, &wellarchitected.UpdateWorkloadInput{
			WorkloadId: aws.String(id), WorkloadName: aws.String("Milestoned, renamed"), Description: aws.String("changed after the milestone"),
			PillarPriorities: []string{"sustainability"},
		}); err != nil {
			t.Fatal(err)
		}
		if _, err := c.UpdateLensReview(ctx, &wellarchitected.UpdateLensReviewInput{
			WorkloadId: aws.String(id), LensAlias: aws.String(lensAlias), LensNotes: aws.String("after"), PillarNotes: map[string]string{"security": "after"},
		}); err != nil {
			t.Fatal(err)
		}

		live := readState(t, c, id, 0, question)
		if cmp.Equal(before.Answer, live.Answer, sdkOpts) || cmp.Equal(before.Review, live.Review, sdkOpts) ||
			cmp.Equal(before.Answers, live.Answers, sdkOpts) || cmp.Equal(before.Improvements, live.Improvements, sdkOpts) ||
			cmp.Equal(before.Reviews, live.Reviews, sdkOpts) {
			t.Errorf("the changes after the milestone did not change every live read")
		}
		if diff := cmp.Diff(before, readState(t, c, id, 1, question), sdkOpts); diff != "" {
			t.Errorf("reads at milestone 1 after changes (-as recorded +now):\n%s", diff)
		}

		got, err := c.GetMilestone(ctx, &wellarchitected.GetMilestoneInput{WorkloadId: aws.String(id), MilestoneNumber: aws.Int32(1)})
		if err != nil {
			t.Fatal(err)
		}
		if aws.ToString(got.Milestone.MilestoneName) != "Baseline" || aws.ToInt32(got.Milestone.MilestoneNumber) != 1 {
			t.Errorf("GetMilestone(1) = %q number %d", aws.ToString(got.Milestone.MilestoneName), aws.ToInt32(got.Milestone.MilestoneNumber))
		}
		if r := aws.ToTime(got.Milestone.RecordedAt); r.Before(recorded.Add(-time.Second)) || r.After(time.Now().Add(time.Second)) {
			t.Errorf("milestone RecordedAt %v, want about %v", r, recorded)
		}
		if diff := cmp.Diff(beforeWorkload.Workload, got.Milestone.Workload, sdkOpts); diff != "" {
			t.Errorf("GetMilestone(1) workload (-as recorded +got):\n%s", diff)
		}

		// Names are unique per workload ignoring case and spaces.
		for _, name := range []string{"baseline", "BASE LINE", " Baseline "} {
			_, err := c.CreateMilestone(ctx, &wellarchitected.CreateMilestoneInput{WorkloadId: aws.String(id), MilestoneName: aws.String(name)})
			wantConflict(t, err)
		}
		for _, name := range []string{"ab", "  a b  "} {
			_, err := c.CreateMilestone(ctx, &wellarchitected.CreateMilestoneInput{WorkloadId: aws.String(id), MilestoneName: aws.String(name)})
			wantValidation(t, err, "MilestoneName")
		}
		for i := 2; i <= 5; i++ {
			out, err := c.CreateMilestone(ctx, &wellarchitected.CreateMilestoneInput{WorkloadId: aws.String(id), MilestoneName: aws.String(fmt.Sprintf("Release %d", i))})
			if err != nil {
				t.Fatal(err)
			}
			if n := aws.ToInt32(out.MilestoneNumber); n != int32(i) {
				t.Errorf("milestone %d got number %d", i, n)
			}
		}

		type summary struct {
			Number             int32
			Name, WorkloadName string
		}
		want := []summary{{1, "Baseline", "Milestoned"}}
		for i := int32(2); i <= 5; i++ {
			want = append(want, summary{i, fmt.Sprintf("Release %d", i), "Milestoned, renamed"})
		}
		var all []summary
		var token *string
		pages := 0
		for {
			out, err := c.ListMilestones(ctx, &wellarchitected.ListMilestonesInput{WorkloadId: aws.String(id), MaxResults: aws.Int32(2), NextToken: token})
			if err != nil {
				t.Fatal(err)
			}
			pages++
			for _, s := range out.MilestoneSummaries {
				all = append(all, summary{aws.ToInt32(s.MilestoneNumber), aws.ToString(s.MilestoneName), aws.ToString(s.WorkloadSummary.WorkloadName)})
			}
			if out.NextToken == nil || pages > 10 {
				break
			}
			token = out.NextToken
		}
		if diff := cmp.Diff(want, all); diff != "" {
			t.Errorf("ListMilestones over pages of 2 (-want +got):\n%s", diff)
		}
		if pages != 3 {
			t.Errorf("5 milestones took %d pages of 2, want 3", pages)
		}

		_, err = c.GetMilestone(ctx, &wellarchitected.GetMilestoneInput{WorkloadId: aws.String(id), MilestoneNumber: aws.Int32(99)})
		wantNotFound(t, err)
		_, err = c.GetAnswer(ctx, &wellarchitected.GetAnswerInput{WorkloadId: aws.String(id), LensAlias: aws.String(lensAlias), QuestionId: aws.String(question), MilestoneNumber: aws.Int32(99)})
		wantNotFound(t, err)
		_, err = c.ListAnswers(ctx, &wellarchitected.ListAnswersInput{WorkloadId: aws.String(id), LensAlias: aws.String(lensAlias), MilestoneNumber: aws.Int32(99)})
		wantNotFound(t, err)
		_, err = c.GetLensReview(ctx, &wellarchitected.GetLensReviewInput{WorkloadId: aws.String(id), LensAlias: aws.String(lensAlias), MilestoneNumber: aws.Int32(99)})
		wantNotFound(t, err)
	})
}

// TestMilestoneQuota: a workload has at most 100 milestones.
func TestMilestoneQuota(t *testing.T) {
	t.Parallel()
	forEachBackend(t, func(t *testing.T, srv *testserver.Server) {
		ctx := context.Background()
		c := srv.Client
		id := createWorkload(t, c, workloadInput("Many milestones"))
		for i := 1; i <= 100; i++ {
			if _, err := c.CreateMilestone(ctx, &wellarchitected.CreateMilestoneInput{WorkloadId: aws.String(id), MilestoneName: aws.String(fmt.Sprintf("Milestone %03d", i))}); err != nil {
				t.Fatalf("milestone %d: %v", i, err)
			}
		}
		_, err := c.CreateMilestone(ctx, &wellarchitected.CreateMilestoneInput{WorkloadId: aws.String(id), MilestoneName: aws.String("Milestone 101")})
		wantQuota(t, err)
	})
}
