package api_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected"
	"github.com/aws/smithy-go"
	"github.com/google/go-cmp/cmp"

	"github.com/wat-dev/wat/internal/testserver"
)

// TestAccountIsolation: another account cannot see, read, change, tag or
// delete a workload, and cannot tell it from a missing one.
func TestAccountIsolation(t *testing.T) {
	t.Parallel()
	forEachBackend(t, func(t *testing.T, srv *testserver.Server) {
		ctx := context.Background()
		owner := srv.Client
		in := workloadInput("Shared Name")
		in.Tags = map[string]string{"team": "a"}
		created, err := owner.CreateWorkload(ctx, in)
		if err != nil {
			t.Fatal(err)
		}
		id, arn := aws.ToString(created.WorkloadId), aws.ToString(created.WorkloadArn)
		if _, err := owner.UpdateAnswer(ctx, &wellarchitected.UpdateAnswerInput{WorkloadId: aws.String(id), LensAlias: aws.String(lensAlias), QuestionId: aws.String("priorities"), SelectedChoices: []string{"ops_priorities_no"}}); err != nil {
			t.Fatal(err)
		}
		if _, err := owner.CreateMilestone(ctx, &wellarchitected.CreateMilestoneInput{WorkloadId: aws.String(id), MilestoneName: aws.String("Owned")}); err != nil {
			t.Fatal(err)
		}
		before, err := owner.GetWorkload(ctx, &wellarchitected.GetWorkloadInput{WorkloadId: aws.String(id)})
		if err != nil {
			t.Fatal(err)
		}

		creds, err := srv.Service.CreateAccount(ctx, "other")
		if err != nil {
			t.Fatal(err)
		}
		other := srv.NewClient(creds.AccessKeyID, creds.SecretAccessKey)
		// Names are unique per account only.
		otherID := createWorkload(t, other, workloadInput("Shared Name"))

		missing := strings.Repeat("9", 32)
		missingARN := strings.Replace(arn, id, missing, 1)
		lens := aws.String(lensAlias)
		ops := []struct {
			name string
			call func(id, arn string) error
		}{
			{"GetWorkload", func(id, _ string) error {
				_, err := other.GetWorkload(ctx, &wellarchitected.GetWorkloadInput{WorkloadId: &id})
				return err
			}},
			{"UpdateWorkload", func(id, _ string) error {
				_, err := other.UpdateWorkload(ctx, &wellarchitected.UpdateWorkloadInput{WorkloadId: &id, Description: aws.String("taken over")})
				return err
			}},
			{"DeleteWorkload", func(id, _ string) error {
				_, err := other.DeleteWorkload(ctx, &wellarchitected.DeleteWorkloadInput{WorkloadId: &id})
				return err
			}},
			{"TagResource", func(_, arn string) error {
				_, err := other.TagResource(ctx, &wellarchitected.TagResourceInput{WorkloadArn: &arn, Tags: map[string]string{"team": "b"}})
				return err
			}},
			{"UntagResource", func(_, arn string) error {
				_, err := other.UntagResource(ctx, &wellarchitected.UntagResourceInput{WorkloadArn: &arn, TagKeys: []string{"team"}})
				return err
			}},
			{"ListTagsForResource", func(_, arn string) error {
				_, err := other.ListTagsForResource(ctx, &wellarchitected.ListTagsForResourceInput{WorkloadArn: &arn})
				return err
			}},
			{"AssociateLenses", func(id, _ string) error {
				_, err := other.AssociateLenses(ctx, &wellarchitected.AssociateLensesInput{WorkloadId: &id, LensAliases: []string{lensAlias}})
				return err
			}},
			{"GetAnswer", func(id, _ string) error {
				_, err := other.GetAnswer(ctx, &wellarchitected.GetAnswerInput{WorkloadId: &id, LensAlias: lens, QuestionId: aws.String("priorities")})
				return err
			}},
			{"UpdateAnswer", func(id, _ string) error {
				_, err := other.UpdateAnswer(ctx, &wellarchitected.UpdateAnswerInput{WorkloadId: &id, LensAlias: lens, QuestionId: aws.String("priorities"), SelectedChoices: []string{}})
				return err
			}},
			{"ListAnswers", func(id, _ string) error {
				_, err := other.ListAnswers(ctx, &wellarchitected.ListAnswersInput{WorkloadId: &id, LensAlias: lens})
				return err
			}},
			{"GetLensReview", func(id, _ string) error {
				_, err := other.GetLensReview(ctx, &wellarchitected.GetLensReviewInput{WorkloadId: &id, LensAlias: lens})
				return err
			}},
			{"UpdateLensReview", func(id, _ string) error {
				_, err := other.UpdateLensReview(ctx, &wellarchitected.UpdateLensReviewInput{WorkloadId: &id, LensAlias: lens, LensNotes: aws.String("mine")})
				return err
			}},
			{"ListLensReviews", func(id, _ string) error {
				_, err := other.ListLensReviews(ctx, &wellarchitected.ListLensReviewsInput{WorkloadId: &id})
				return err
			}},
			{"ListLensReviewImprovements", func(id, _ string) error {
				_, err := other.ListLensReviewImprovements(ctx, &wellarchitected.ListLensReviewImprovementsInput{WorkloadId: &id, LensAlias: lens})
				return err
			}},
			{"CreateMilestone", func(id, _ string) error {
				_, err := other.CreateMilestone(ctx, &wellarchitected.CreateMilestoneInput{WorkloadId: &id, MilestoneName: aws.String("Mine")})
				return err
			}},
			{"GetMilestone", func(id, _ string) error {
				_, err := other.GetMilestone(ctx, &wellarchitected.GetMilestoneInput{WorkloadId: &id, MilestoneNumber: aws.Int32(1)})
				return err
			}},
			{"ListMilestones", func(id, _ string) error {
				_, err := other.ListMilestones(ctx, &wellarchitected.ListMilestonesInput{WorkloadId: &id})
				return err
			}},
			{"ListNotifications", func(id, _ string) error {
				_, err := other.ListNotifications(ctx, &wellarchitected.ListNotificationsInput{WorkloadId: &id})
				return err
			}},
		}
		// normalize lets errors about two different resources be compared.
		normalize := func(err error, id, arn string) string {
			var ae smithy.APIError
			if !errors.As(err, &ae) {
				return "not an API error: " + err.Error()
			}
			msg := strings.ReplaceAll(strings.ReplaceAll(ae.ErrorMessage(), arn, "<arn>"), id, "<id>")
			return ae.ErrorCode() + ": " + msg
		}
		for _, op := range ops {
			t.Run(op.name, func(t *testing.T) {
				errOther := op.call(id, arn)
				wantAPIError(t, errOther, "ResourceNotFoundException", 404)
				errMissing := op.call(missing, missingARN)
				if errOther == nil || errMissing == nil {
					return
				}
				if a, b := normalize(errOther, id, arn), normalize(errMissing, missing, missingARN); a != b || httpStatus(errOther) != httpStatus(errMissing) {
					t.Errorf("another account's workload answers %d %q, a missing one %d %q", httpStatus(errOther), a, httpStatus(errMissing), b)
				}
			})
		}

		after, err := owner.GetWorkload(ctx, &wellarchitected.GetWorkloadInput{WorkloadId: aws.String(id)})
		if err != nil {
			t.Fatalf("the owner cannot read its workload after the other account's attempts: %v", err)
		}
		if diff := cmp.Diff(before.Workload, after.Workload, sdkOpts); diff != "" {
			t.Errorf("the other account changed the workload (-before +after):\n%s", diff)
		}
		if _, err := owner.GetMilestone(ctx, &wellarchitected.GetMilestoneInput{WorkloadId: aws.String(id), MilestoneNumber: aws.Int32(1)}); err != nil {
			t.Errorf("the owner's milestone: %v", err)
		}

		for name, c := range map[string]*wellarchitected.Client{id: owner, otherID: other} {
			list, err := c.ListWorkloads(ctx, &wellarchitected.ListWorkloadsInput{})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, s := range list.WorkloadSummaries {
				got = append(got, aws.ToString(s.WorkloadId))
			}
			if diff := cmp.Diff([]string{name}, got); diff != "" {
				t.Errorf("ListWorkloads of the account owning %s (-want +got):\n%s", name, diff)
			}
		}
	})
}
