package api_test

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	wa "github.com/aws/aws-sdk-go-v2/service/wellarchitected"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected/types"
	"github.com/google/go-cmp/cmp"

	"github.com/wat-dev/wat/internal/testserver"
)

// TestProfilePrioritizedRiskCounts: a workload with a profile counts the
// risks of its prioritised framework questions alongside all of them, on
// the workload, its summary, its lens reviews and their pillars; a
// workload without a profile has no such counts.
func TestProfilePrioritizedRiskCounts(t *testing.T) {
	t.Parallel()
	forEachBackend(t, func(t *testing.T, srv *testserver.Server) {
		ctx := context.Background()
		c := srv.Client
		d := readTemplate(t)
		sel := d.baseAnswers()
		sel["cloud_adoption"] = []string{"adoption_planning"} // prioritises "priorities"
		arn := createProfile(t, c, "Counted", sel)
		in := workloadInput("Counted Workload")
		in.ProfileArns = []string{arn}
		id := createWorkload(t, c, in)
		plain := createWorkload(t, c, workloadInput("Plain Workload"))
		if _, err := c.UpdateAnswer(ctx, &wa.UpdateAnswerInput{WorkloadId: &id, LensAlias: aws.String(lensAlias),
			QuestionId: aws.String("priorities"), SelectedChoices: []string{"ops_priorities_no"}}); err != nil {
			t.Fatal(err)
		}
		prio := d.prioritized(sel)
		want := riskCounts(map[types.Risk]int32{types.RiskHigh: 1, types.RiskUnanswered: int32(len(prio) - 1)})

		w, err := c.GetWorkload(ctx, &wa.GetWorkloadInput{WorkloadId: &id})
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, w.Workload.PrioritizedRiskCounts); diff != "" {
			t.Errorf("GetWorkload's PrioritizedRiskCounts (-want +got):\n%s", diff)
		}
		if diff := cmp.Diff([]types.WorkloadProfile{{ProfileArn: &arn, ProfileVersion: aws.String("1")}}, w.Workload.Profiles, sdkOpts); diff != "" {
			t.Errorf("GetWorkload's Profiles (-want +got):\n%s", diff)
		}
		list, err := c.ListWorkloads(ctx, &wa.ListWorkloadsInput{})
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range list.WorkloadSummaries {
			switch aws.ToString(s.WorkloadId) {
			case id:
				if diff := cmp.Diff(want, s.PrioritizedRiskCounts); diff != "" {
					t.Errorf("the summary's PrioritizedRiskCounts (-want +got):\n%s", diff)
				}
			case plain:
				if s.PrioritizedRiskCounts != nil || s.Profiles != nil {
					t.Errorf("a workload without profile has %v, %v", s.PrioritizedRiskCounts, s.Profiles)
				}
			}
		}
		r, err := c.GetLensReview(ctx, &wa.GetLensReviewInput{WorkloadId: &id, LensAlias: aws.String(lensAlias)})
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, r.LensReview.PrioritizedRiskCounts); diff != "" {
			t.Errorf("the lens review's PrioritizedRiskCounts (-want +got):\n%s", diff)
		}
		sum := map[string]int32{}
		for _, p := range r.LensReview.PillarReviewSummaries {
			for k, n := range p.PrioritizedRiskCounts {
				sum[k] += n
			}
			if p.PrioritizedRiskCounts == nil {
				t.Errorf("pillar %s has no PrioritizedRiskCounts", aws.ToString(p.PillarId))
			}
		}
		if diff := cmp.Diff(want, sum); diff != "" {
			t.Errorf("the pillars' PrioritizedRiskCounts add up to (-want +got):\n%s", diff)
		}
		lr, err := c.ListLensReviews(ctx, &wa.ListLensReviewsInput{WorkloadId: &id})
		if err != nil || len(lr.LensReviewSummaries) != 1 {
			t.Fatalf("ListLensReviews = %+v, %v", lr, err)
		}
		if diff := cmp.Diff(want, lr.LensReviewSummaries[0].PrioritizedRiskCounts); diff != "" {
			t.Errorf("the lens review summary's PrioritizedRiskCounts (-want +got):\n%s", diff)
		}
		pr, err := c.GetLensReview(ctx, &wa.GetLensReviewInput{WorkloadId: &plain, LensAlias: aws.String(lensAlias)})
		if err != nil || pr.LensReview.PrioritizedRiskCounts != nil {
			t.Errorf("the plain workload's review has PrioritizedRiskCounts %v (%v)", pr.LensReview.PrioritizedRiskCounts, err)
		}
		if got := prioritizedQuestions(t, c, plain); len(got) != 0 {
			t.Errorf("a workload without profile prioritises %v", got)
		}
		imp, err := c.ListLensReviewImprovements(ctx, &wa.ListLensReviewImprovementsInput{WorkloadId: &id, LensAlias: aws.String(lensAlias), QuestionPriority: types.QuestionPriorityPrioritized})
		if err != nil || len(imp.ImprovementSummaries) != 1 || aws.ToString(imp.ImprovementSummaries[0].QuestionId) != "priorities" {
			t.Errorf("prioritised improvements = %+v, %v; want the one high-risk prioritised question", imp, err)
		}
	})
}

// TestProfileVersionsAndDeletion: a profile update notifies the workloads
// on the older version, which keep its priorities until upgraded; the
// upgrade may save a milestone first. Deleting the profile notifies and
// removes the prioritisation; disassociating ends it.
func TestProfileVersionsAndDeletion(t *testing.T) {
	t.Parallel()
	forEachBackend(t, func(t *testing.T, srv *testserver.Server) {
		ctx := context.Background()
		c := srv.Client
		d := readTemplate(t)
		v1 := d.baseAnswers()
		arn := createProfile(t, c, "Evolving", v1)
		id := createWorkload(t, c, workloadInput("Evolving Workload"))
		if _, err := c.AssociateProfiles(ctx, &wa.AssociateProfilesInput{WorkloadId: &id, ProfileArns: []string{arn}}); err != nil {
			t.Fatal(err)
		}
		notes := func(workload *string) []types.ProfileNotificationSummary {
			t.Helper()
			out, err := c.ListProfileNotifications(ctx, &wa.ListProfileNotificationsInput{WorkloadId: workload})
			if err != nil {
				t.Fatal(err)
			}
			return out.NotificationSummaries
		}
		if n := notes(nil); len(n) != 0 {
			t.Errorf("notifications before any update: %+v", n)
		}
		v2 := d.baseAnswers()
		v2["cost_sensitivity"] = []string{"cost_high"}
		if _, err := c.UpdateProfile(ctx, &wa.UpdateProfileInput{ProfileArn: &arn, ProfileQuestions: questionUpdates(map[string][]string{"cost_sensitivity": {"cost_high"}})}); err != nil {
			t.Fatal(err)
		}
		wantNote := []types.ProfileNotificationSummary{{Type: types.ProfileNotificationTypeProfileAnswersUpdated, WorkloadId: &id,
			WorkloadName: aws.String("Evolving Workload"), ProfileArn: &arn, ProfileName: aws.String("Evolving"),
			CurrentProfileVersion: aws.String("1"), LatestProfileVersion: aws.String("2")}}
		for _, w := range []*string{nil, &id} {
			if diff := cmp.Diff(wantNote, notes(w), sdkOpts); diff != "" {
				t.Errorf("notifications (workload %v) (-want +got):\n%s", w, diff)
			}
		}
		if diff := cmp.Diff(d.prioritized(v1), prioritizedQuestions(t, c, id)); diff != "" {
			t.Errorf("before the upgrade, the workload keeps version 1's priorities (-want +got):\n%s", diff)
		}

		if _, err := c.UpgradeProfileVersion(ctx, &wa.UpgradeProfileVersionInput{WorkloadId: &id, ProfileArn: &arn, MilestoneName: aws.String("Before upgrade")}); err != nil {
			t.Fatal(err)
		}
		m, err := c.ListMilestones(ctx, &wa.ListMilestonesInput{WorkloadId: &id})
		if err != nil || len(m.MilestoneSummaries) != 1 || aws.ToString(m.MilestoneSummaries[0].MilestoneName) != "Before upgrade" {
			t.Errorf("milestones after the upgrade = %+v, %v", m, err)
		}
		if diff := cmp.Diff(d.prioritized(v2), prioritizedQuestions(t, c, id)); diff != "" {
			t.Errorf("after the upgrade (-want +got):\n%s", diff)
		}
		if n := notes(&id); len(n) != 0 {
			t.Errorf("notifications after the upgrade: %+v", n)
		}
		_, err = c.UpgradeProfileVersion(ctx, &wa.UpgradeProfileVersionInput{WorkloadId: &id, ProfileArn: &arn})
		wantValidation(t, err, "ProfileArn")

		if _, err := c.DeleteProfile(ctx, &wa.DeleteProfileInput{ProfileArn: &arn, ClientRequestToken: aws.String("d")}); err != nil {
			t.Fatal(err)
		}
		n := notes(&id)
		if len(n) != 1 || n[0].Type != types.ProfileNotificationTypeProfileDeleted {
			t.Errorf("notifications after the deletion = %+v, want PROFILE_DELETED", n)
		}
		if got := prioritizedQuestions(t, c, id); len(got) != 0 {
			t.Errorf("a deleted profile still prioritises %v", got)
		}
		w, err := c.GetWorkload(ctx, &wa.GetWorkloadInput{WorkloadId: &id})
		if err != nil || w.Workload.PrioritizedRiskCounts != nil {
			t.Errorf("GetWorkload after the deletion: PrioritizedRiskCounts %v (%v)", w.Workload.PrioritizedRiskCounts, err)
		}
		_, err = c.UpgradeProfileVersion(ctx, &wa.UpgradeProfileVersionInput{WorkloadId: &id, ProfileArn: &arn})
		wantValidation(t, err, "ProfileArn")
		if _, err := c.DisassociateProfiles(ctx, &wa.DisassociateProfilesInput{WorkloadId: &id, ProfileArns: []string{arn}}); err != nil {
			t.Fatal(err)
		}
		if n := notes(nil); len(n) != 0 {
			t.Errorf("notifications after disassociating: %+v", n)
		}
		w, err = c.GetWorkload(ctx, &wa.GetWorkloadInput{WorkloadId: &id})
		if err != nil || len(w.Workload.Profiles) != 0 {
			t.Errorf("GetWorkload after disassociating: Profiles %v (%v)", w.Workload.Profiles, err)
		}
	})
}
