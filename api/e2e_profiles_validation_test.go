package api_test

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	wa "github.com/aws/aws-sdk-go-v2/service/wellarchitected"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected/types"

	"github.com/wat-dev/wat/internal/testserver"
)

// TestProfileValidation: every rule on a profile's input and on
// associating profiles is a ValidationException naming the field.
func TestProfileValidation(t *testing.T) {
	t.Parallel()
	forEachBackend(t, func(t *testing.T, srv *testserver.Server) {
		ctx := context.Background()
		c := srv.Client
		d := readTemplate(t)
		with := func(q string, cs ...string) []types.ProfileQuestionUpdate {
			sel := d.baseAnswers()
			sel[q] = cs
			return questionUpdates(sel)
		}
		create := func(name, desc string, qs []types.ProfileQuestionUpdate) error {
			_, err := c.CreateProfile(ctx, &wa.CreateProfileInput{ProfileName: &name, ProfileDescription: &desc, ProfileQuestions: qs, ClientRequestToken: aws.String(name + desc)})
			return err
		}
		base := questionUpdates(d.baseAnswers())
		for _, tc := range []struct {
			name  string
			err   error
			field string
		}{
			{"name of spaces", create("a          b", "Fine description", base), "ProfileName"},
			{"name too short", create("ab", "Fine description", base), "ProfileName"},
			{"description too long", create("Long", strings.Repeat("d", 101), base), "ProfileDescription"},
			{"unknown question", create("Unknown Q", "Fine", append(base, types.ProfileQuestionUpdate{QuestionId: aws.String("nope"), SelectedChoiceIds: []string{"x"}})), "ProfileQuestions[" + strconv.Itoa(len(base)) + "].QuestionId"},
			{"unknown choice", create("Unknown C", "Fine", with("cost_sensitivity", "cost_free")), "ProfileQuestions"},
			{"too many choices", create("Too Many", "Fine", with("cost_sensitivity", "cost_low", "cost_high")), "ProfileQuestions"},
			{"too few choices", create("Too Few", "Fine", with("cost_sensitivity")), "ProfileQuestions"},
			{"required question missing", create("Missing", "Fine", []types.ProfileQuestionUpdate{}), "ProfileQuestions"},
			{"aws tag", func() error {
				_, err := c.CreateProfile(ctx, &wa.CreateProfileInput{ProfileName: aws.String("Tagged"), ProfileDescription: aws.String("Fine"),
					ProfileQuestions: base, ClientRequestToken: aws.String("t"), Tags: map[string]string{"aws:x": "y"}})
				return err
			}(), "Tags"},
		} {
			t.Run(tc.name, func(t *testing.T) { wantValidation(t, tc.err, tc.field) })
		}

		arn := createProfile(t, c, "Valid", d.baseAnswers())
		other := createProfile(t, c, "Other", d.baseAnswers())
		_, err := c.UpdateProfile(ctx, &wa.UpdateProfileInput{ProfileArn: &arn, ProfileQuestions: []types.ProfileQuestionUpdate{{QuestionId: aws.String("cost_sensitivity"), SelectedChoiceIds: []string{"cost_low", "cost_high"}}}})
		wantValidation(t, err, "ProfileQuestions[0].SelectedChoiceIds")
		_, err = c.UpdateProfile(ctx, &wa.UpdateProfileInput{ProfileArn: &arn, ProfileDescription: aws.String("   x   ")})
		wantValidation(t, err, "ProfileDescription")

		missing := "arn:aws:wellarchitected:" + testserver.Region + ":" + srv.Admin.AccountID + ":profile/" + strings.Repeat("0", 32)
		in := workloadInput("Missing Profile")
		in.ProfileArns = []string{missing}
		_, err = c.CreateWorkload(ctx, in)
		wantValidation(t, err, "ProfileArns")
		id := createWorkload(t, c, workloadInput("Associated"))
		_, err = c.AssociateProfiles(ctx, &wa.AssociateProfilesInput{WorkloadId: &id, ProfileArns: []string{missing}})
		wantValidation(t, err, "ProfileArns")
		_, err = c.AssociateProfiles(ctx, &wa.AssociateProfilesInput{WorkloadId: &id, ProfileArns: []string{arn, other}})
		wantValidation(t, err, "ProfileArns")
		for i := 0; i < 2; i++ { // associating the same profile again changes nothing
			if _, err := c.AssociateProfiles(ctx, &wa.AssociateProfilesInput{WorkloadId: &id, ProfileArns: []string{arn}}); err != nil {
				t.Fatal(err)
			}
		}
		_, err = c.AssociateProfiles(ctx, &wa.AssociateProfilesInput{WorkloadId: &id, ProfileArns: []string{other}})
		wantValidation(t, err, "ProfileArns")
		_, err = c.DisassociateProfiles(ctx, &wa.DisassociateProfilesInput{WorkloadId: &id, ProfileArns: []string{other}})
		wantValidation(t, err, "ProfileArns")
		_, err = c.UpgradeProfileVersion(ctx, &wa.UpgradeProfileVersionInput{WorkloadId: &id, ProfileArn: &other})
		wantValidation(t, err, "ProfileArn")

		// Another account's profile does not exist for the caller.
		creds, err := srv.Service.CreateAccount(ctx, "profile-stranger")
		if err != nil {
			t.Fatal(err)
		}
		sc := srv.NewClient(creds.AccessKeyID, creds.SecretAccessKey)
		_, err = sc.GetProfile(ctx, &wa.GetProfileInput{ProfileArn: &arn})
		wantNotFound(t, err)
		theirs := createWorkload(t, sc, workloadInput("Stranger Workload"))
		_, err = sc.AssociateProfiles(ctx, &wa.AssociateProfilesInput{WorkloadId: &theirs, ProfileArns: []string{arn}})
		wantValidation(t, err, "ProfileArns")
	})
}
