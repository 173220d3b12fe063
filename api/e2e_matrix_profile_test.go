package api_test

// The profile part of the access-control matrix (e2e_matrix_test.go): each
// column's target has a profile of the owner's. Profiles are not shared,
// so to every other account it does not exist. The rows run before
// DeleteWorkload, since associating needs the target workload: the owner
// associates the profile, updates it into version 2, upgrades the
// workload, disassociates it and deletes the profile.

import (
	"context"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	wa "github.com/aws/aws-sdk-go-v2/service/wellarchitected"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected/types"
	"github.com/google/go-cmp/cmp"

	"github.com/wat-dev/wat/internal/testserver"
)

// matrixProfileAnswers answer every required question of the template.
var matrixProfileAnswers = []types.ProfileQuestionUpdate{
	{QuestionId: aws.String("cloud_adoption"), SelectedChoiceIds: []string{"adoption_established"}},
	{QuestionId: aws.String("outage_impact"), SelectedChoiceIds: []string{"impact_high"}},
	{QuestionId: aws.String("data_sensitivity"), SelectedChoiceIds: []string{"data_internal"}},
	{QuestionId: aws.String("recovery_objectives"), SelectedChoiceIds: []string{"rto_hours"}},
	{QuestionId: aws.String("cost_sensitivity"), SelectedChoiceIds: []string{"cost_moderate"}},
}

// newProfileTarget creates tg's profile.
func (e *matrixEnv) newProfileTarget(t *testing.T, tg *matrixTarget, name string) {
	t.Helper()
	out, err := e.owner.CreateProfile(context.Background(), &wa.CreateProfileInput{ProfileName: &name,
		ProfileDescription: aws.String("Matrix profile"), ProfileQuestions: matrixProfileAnswers, ClientRequestToken: &name})
	if err != nil {
		t.Fatalf("CreateProfile(%s): %v", name, err)
	}
	tg.profileARN, tg.profileName = aws.ToString(out.ProfileArn), name
	e.secrets = append(e.secrets, tg.profileARN, name)
	e.names = append(e.names, name)
}

// theProfile is what a denial on a profile row names.
func theProfile(_ *matrixEnv, tg *matrixTarget) string { return tg.profileARN }

// profileRows are the rows that act on profiles, in the order they run.
func profileRows() []*matrixRow {
	wantEq := func(t *testing.T, what string, got, want any) {
		t.Helper()
		if diff := cmp.Diff(want, got, sdkOpts); diff != "" {
			t.Errorf("%s (-want +got):\n%s", what, diff)
		}
	}
	ownerProfiles := func(t *testing.T, e *matrixEnv, tg *matrixTarget) []types.WorkloadProfile {
		t.Helper()
		out, err := e.owner.GetWorkload(context.Background(), &wa.GetWorkloadInput{WorkloadId: &tg.id})
		if err != nil {
			t.Fatalf("the owner's GetWorkload: %v", err)
		}
		return out.Workload.Profiles
	}
	return []*matrixRow{
		{op: "GetProfileTemplate", kind: opAccount, resource: anyResource, call: func(ctx context.Context, c *wa.Client, _ *matrixTarget) (any, error) {
			return sdkDo(ctx, c.GetProfileTemplate, &wa.GetProfileTemplateInput{})
		}},
		{op: "ListProfiles", kind: opAccount, resource: anyResource, call: func(ctx context.Context, c *wa.Client, _ *matrixTarget) (any, error) {
			return sdkDo(ctx, c.ListProfiles, &wa.ListProfilesInput{})
		}},
		{op: "ListProfileNotifications", variant: "account", kind: opAccount, resource: anyResource, call: func(ctx context.Context, c *wa.Client, _ *matrixTarget) (any, error) {
			return sdkDo(ctx, c.ListProfileNotifications, &wa.ListProfileNotificationsInput{})
		}},
		{op: "ListProfileNotifications", variant: "workload", kind: opRead, untypedNotFound: true, call: func(ctx context.Context, c *wa.Client, tg *matrixTarget) (any, error) {
			return sdkDo(ctx, c.ListProfileNotifications, &wa.ListProfileNotificationsInput{WorkloadId: &tg.id})
		}},
		{op: "GetProfile", kind: opLens, resource: theProfile, call: func(ctx context.Context, c *wa.Client, tg *matrixTarget) (any, error) {
			return sdkDo(ctx, c.GetProfile, &wa.GetProfileInput{ProfileArn: &tg.profileARN})
		}, effect: func(t *testing.T, _ *matrixEnv, _ *matrixCaller, tg *matrixTarget, out any) {
			p := out.(*wa.GetProfileOutput).Profile
			wantEq(t, "GetProfile's name and version", []string{aws.ToString(p.ProfileName), aws.ToString(p.ProfileVersion)}, []string{tg.profileName, "1"})
		}},

		// Any authenticated caller may create a profile in its own account.
		{op: "CreateProfile", kind: opAccount, write: true, resource: func(e *matrixEnv, _ *matrixTarget) string {
			return "arn:aws:wellarchitected:" + testserver.Region + ":" + e.account + ":profile/*"
		}, call: func(ctx context.Context, c *wa.Client, _ *matrixTarget) (any, error) {
			name := testserver.RandomName("Matrix New Profile")
			return sdkDo(ctx, c.CreateProfile, &wa.CreateProfileInput{ProfileName: &name, ProfileDescription: aws.String("New"),
				ProfileQuestions: matrixProfileAnswers, ClientRequestToken: &name})
		}, effect: func(t *testing.T, _ *matrixEnv, c *matrixCaller, _ *matrixTarget, out any) {
			arn := aws.ToString(out.(*wa.CreateProfileOutput).ProfileArn)
			if prefix := "arn:aws:wellarchitected:" + testserver.Region + ":" + accountOf(c.user) + ":profile/"; !strings.HasPrefix(arn, prefix) {
				t.Errorf("CreateProfile made %s, want a profile of the caller's account", arn)
			}
		}},
		{op: "AssociateProfiles", kind: opOwn, write: true, call: func(ctx context.Context, c *wa.Client, tg *matrixTarget) (any, error) {
			return sdkDo(ctx, c.AssociateProfiles, &wa.AssociateProfilesInput{WorkloadId: &tg.id, ProfileArns: []string{tg.profileARN}})
		}, effect: func(t *testing.T, e *matrixEnv, _ *matrixCaller, tg *matrixTarget, _ any) {
			wantEq(t, "the workload's profiles", ownerProfiles(t, e, tg), []types.WorkloadProfile{{ProfileArn: &tg.profileARN, ProfileVersion: aws.String("1")}})
		}},
		{op: "UpdateProfile", kind: opLens, write: true, resource: theProfile, call: func(ctx context.Context, c *wa.Client, tg *matrixTarget) (any, error) {
			return sdkDo(ctx, c.UpdateProfile, &wa.UpdateProfileInput{ProfileArn: &tg.profileARN,
				ProfileQuestions: []types.ProfileQuestionUpdate{{QuestionId: aws.String("cost_sensitivity"), SelectedChoiceIds: []string{"cost_high"}}}})
		}, effect: func(t *testing.T, _ *matrixEnv, _ *matrixCaller, _ *matrixTarget, out any) {
			wantEq(t, "the updated profile's version", aws.ToString(out.(*wa.UpdateProfileOutput).Profile.ProfileVersion), "2")
		}},
		{op: "UpgradeProfileVersion", kind: opOwn, write: true, call: func(ctx context.Context, c *wa.Client, tg *matrixTarget) (any, error) {
			return sdkDo(ctx, c.UpgradeProfileVersion, &wa.UpgradeProfileVersionInput{WorkloadId: &tg.id, ProfileArn: &tg.profileARN})
		}, effect: func(t *testing.T, e *matrixEnv, _ *matrixCaller, tg *matrixTarget, _ any) {
			wantEq(t, "the workload's profiles", ownerProfiles(t, e, tg), []types.WorkloadProfile{{ProfileArn: &tg.profileARN, ProfileVersion: aws.String("2")}})
		}},
		{op: "DisassociateProfiles", kind: opOwn, write: true, call: func(ctx context.Context, c *wa.Client, tg *matrixTarget) (any, error) {
			return sdkDo(ctx, c.DisassociateProfiles, &wa.DisassociateProfilesInput{WorkloadId: &tg.id, ProfileArns: []string{tg.profileARN}})
		}, effect: func(t *testing.T, e *matrixEnv, _ *matrixCaller, tg *matrixTarget, _ any) {
			wantEq(t, "the workload's profiles", ownerProfiles(t, e, tg), []types.WorkloadProfile(nil))
		}},
		{op: "CreateProfileShare", kind: opLens, write: true, resource: theProfile, call: func(ctx context.Context, c *wa.Client, tg *matrixTarget) (any, error) {
			return sdkDo(ctx, c.CreateProfileShare, &wa.CreateProfileShareInput{ProfileArn: &tg.profileARN, SharedWith: aws.String("222233334444")})
		}, effect: func(t *testing.T, e *matrixEnv, _ *matrixCaller, tg *matrixTarget, out any) {
			tg.profileShareID = aws.ToString(out.(*wa.CreateProfileShareOutput).ShareId)
			if got := ownerProfileShares(t, e, tg); got[tg.profileShareID] != "222233334444" {
				t.Errorf("the owner's profile shares = %v, want the new one", got)
			}
		}},
		{op: "ListProfileShares", kind: opLens, resource: theProfile, call: func(ctx context.Context, c *wa.Client, tg *matrixTarget) (any, error) {
			return sdkDo(ctx, c.ListProfileShares, &wa.ListProfileSharesInput{ProfileArn: &tg.profileARN})
		}},
		{op: "DeleteProfileShare", kind: opLens, write: true, resource: theProfile, call: func(ctx context.Context, c *wa.Client, tg *matrixTarget) (any, error) {
			id := tg.profileShareID
			if id == "" { // the caller could not share it: any well-formed ID
				id = "0123456789abcdef0123456789abcdef"
			}
			return sdkDo(ctx, c.DeleteProfileShare, &wa.DeleteProfileShareInput{ProfileArn: &tg.profileARN, ShareId: &id, ClientRequestToken: aws.String("del-" + id)})
		}, effect: func(t *testing.T, e *matrixEnv, _ *matrixCaller, tg *matrixTarget, _ any) {
			if got := ownerProfileShares(t, e, tg); len(got) != 0 {
				t.Errorf("the owner's profile shares after DeleteProfileShare = %v, want none", got)
			}
		}},
		{op: "DeleteProfile", kind: opLens, write: true, resource: theProfile, call: func(ctx context.Context, c *wa.Client, tg *matrixTarget) (any, error) {
			return sdkDo(ctx, c.DeleteProfile, &wa.DeleteProfileInput{ProfileArn: &tg.profileARN, ClientRequestToken: &tg.profileARN})
		}, effect: func(t *testing.T, e *matrixEnv, _ *matrixCaller, tg *matrixTarget, _ any) {
			_, err := e.owner.GetProfile(context.Background(), &wa.GetProfileInput{ProfileArn: &tg.profileARN})
			wantNotFound(t, err)
		}},
	}
}

// ownerProfileShares maps the target profile's share IDs to whom they
// share with, as the owner lists them.
func ownerProfileShares(t *testing.T, e *matrixEnv, tg *matrixTarget) map[string]string {
	t.Helper()
	out, err := e.owner.ListProfileShares(context.Background(), &wa.ListProfileSharesInput{ProfileArn: &tg.profileARN})
	if err != nil {
		t.Fatalf("the owner's ListProfileShares: %v", err)
	}
	m := map[string]string{}
	for _, s := range out.ProfileShareSummaries {
		m[aws.ToString(s.ShareId)] = aws.ToString(s.SharedWith)
	}
	return m
}
