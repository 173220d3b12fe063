package api_test

import (
	"context"
	"regexp"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	wa "github.com/aws/aws-sdk-go-v2/service/wellarchitected"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected/types"
	"github.com/google/go-cmp/cmp"

	"github.com/wat-dev/wat/internal/testserver"
)

// TestProfileLifecycle: the template, then a profile created, read,
// listed, updated into a new version (the old one still readable) and
// deleted.
func TestProfileLifecycle(t *testing.T) {
	t.Parallel()
	forEachBackend(t, func(t *testing.T, srv *testserver.Server) {
		ctx := context.Background()
		c := srv.Client
		d := readTemplate(t)
		tpl, err := c.GetProfileTemplate(ctx, &wa.GetProfileTemplateInput{})
		if err != nil {
			t.Fatal(err)
		}
		var gotIDs, wantIDs []string
		for _, q := range tpl.ProfileTemplate.TemplateQuestions {
			gotIDs = append(gotIDs, aws.ToString(q.QuestionId))
		}
		for _, q := range d.Questions {
			wantIDs = append(wantIDs, q.ID)
		}
		if diff := cmp.Diff(wantIDs, gotIDs); diff != "" {
			t.Errorf("template questions (-want +got):\n%s", diff)
		}

		sel := d.baseAnswers()
		sel["regulatory_regime"] = []string{"reg_health", "reg_privacy"}
		arn := createProfile(t, c, "Critical Apps", sel)
		if !regexp.MustCompile(`^arn:aws:wellarchitected:` + testserver.Region + `:` + srv.Admin.AccountID + `:profile/[0-9a-f]{32}$`).MatchString(arn) {
			t.Errorf("profile ARN %s", arn)
		}
		again := createProfile(t, c, "Critical Apps", sel) // same token: the same profile
		if again != arn {
			t.Errorf("a retried CreateProfile made %s, want %s", again, arn)
		}
		_, err = c.CreateProfile(ctx, &wa.CreateProfileInput{ProfileName: aws.String("critical  APPS"), ProfileDescription: aws.String("dup"),
			ProfileQuestions: questionUpdates(sel), ClientRequestToken: aws.String("other")})
		wantConflict(t, err)

		got, err := c.GetProfile(ctx, &wa.GetProfileInput{ProfileArn: &arn})
		if err != nil {
			t.Fatal(err)
		}
		p := got.Profile
		if aws.ToString(p.ProfileName) != "Critical Apps" || aws.ToString(p.ProfileVersion) != "1" || aws.ToString(p.Owner) != srv.Admin.AccountID {
			t.Errorf("GetProfile = %+v", p)
		}
		selected := func(p *types.Profile) map[string][]string {
			m := map[string][]string{}
			for _, q := range p.ProfileQuestions {
				if len(q.SelectedChoiceIds) > 0 {
					m[aws.ToString(q.QuestionId)] = q.SelectedChoiceIds
				}
			}
			return m
		}
		want := d.baseAnswers()
		want["regulatory_regime"] = []string{"reg_privacy", "reg_health"} // in template order
		if diff := cmp.Diff(want, selected(p)); diff != "" {
			t.Errorf("version 1's selections (-want +got):\n%s", diff)
		}

		createProfile(t, c, "Batch Jobs", d.baseAnswers())
		list := func(prefix string, owner types.ProfileOwnerType) []string {
			out, err := c.ListProfiles(ctx, &wa.ListProfilesInput{ProfileNamePrefix: aws.String(prefix), ProfileOwnerType: owner})
			if err != nil {
				t.Fatal(err)
			}
			names := []string{}
			for _, s := range out.ProfileSummaries {
				names = append(names, aws.ToString(s.ProfileName))
			}
			return names
		}
		if diff := cmp.Diff([]string{"Batch Jobs", "Critical Apps"}, list("", "")); diff != "" {
			t.Errorf("ListProfiles (-want +got):\n%s", diff)
		}
		if diff := cmp.Diff([]string{"Critical Apps"}, list("crit", types.ProfileOwnerTypeSelf)); diff != "" {
			t.Errorf("ListProfiles(crit) (-want +got):\n%s", diff)
		}
		if got := list("", types.ProfileOwnerTypeShared); len(got) != 0 {
			t.Errorf("ListProfiles(SHARED) = %v, want none", got)
		}

		up, err := c.UpdateProfile(ctx, &wa.UpdateProfileInput{ProfileArn: &arn, ProfileDescription: aws.String("Changed"),
			ProfileQuestions: []types.ProfileQuestionUpdate{{QuestionId: aws.String("regulatory_regime"), SelectedChoiceIds: []string{}}}})
		if err != nil {
			t.Fatal(err)
		}
		delete(want, "regulatory_regime")
		if v := aws.ToString(up.Profile.ProfileVersion); v != "2" || aws.ToString(up.Profile.ProfileDescription) != "Changed" {
			t.Errorf("UpdateProfile = version %s, description %s", v, aws.ToString(up.Profile.ProfileDescription))
		}
		if diff := cmp.Diff(want, selected(up.Profile)); diff != "" {
			t.Errorf("version 2's selections (-want +got):\n%s", diff)
		}
		desc, err := c.UpdateProfile(ctx, &wa.UpdateProfileInput{ProfileArn: &arn, ProfileDescription: aws.String("Only text")})
		if err != nil || aws.ToString(desc.Profile.ProfileVersion) != "2" {
			t.Errorf("a description-only UpdateProfile = %+v, %v; want version 2 still", desc, err)
		}
		v1, err := c.GetProfile(ctx, &wa.GetProfileInput{ProfileArn: &arn, ProfileVersion: aws.String("1")})
		if err != nil || len(selected(v1.Profile)["regulatory_regime"]) != 2 {
			t.Errorf("GetProfile(version 1) = %+v, %v; want its own selections", v1, err)
		}
		_, err = c.GetProfile(ctx, &wa.GetProfileInput{ProfileArn: &arn, ProfileVersion: aws.String("3")})
		wantNotFound(t, err)

		if _, err := c.DeleteProfile(ctx, &wa.DeleteProfileInput{ProfileArn: &arn, ClientRequestToken: aws.String("del")}); err != nil {
			t.Fatal(err)
		}
		_, err = c.GetProfile(ctx, &wa.GetProfileInput{ProfileArn: &arn})
		wantNotFound(t, err)
		_, err = c.DeleteProfile(ctx, &wa.DeleteProfileInput{ProfileArn: &arn, ClientRequestToken: aws.String("del2")})
		wantNotFound(t, err)
		if diff := cmp.Diff([]string{"Batch Jobs"}, list("", "")); diff != "" {
			t.Errorf("ListProfiles after the deletion (-want +got):\n%s", diff)
		}
		createProfile(t, c, "Critical Apps", sel) // the name is free again
	})
}

// TestProfilePrioritizesEveryChoice: for every choice of the template, a
// workload whose profile selects it has exactly the union of the mappings
// of its profile's choices as prioritised questions.
func TestProfilePrioritizesEveryChoice(t *testing.T) {
	t.Parallel()
	forEachBackend(t, func(t *testing.T, srv *testserver.Server) {
		d := readTemplate(t)
		for _, q := range d.Questions {
			for _, ch := range q.Choices {
				sel := d.baseAnswers()
				sel[q.ID] = []string{ch.ID}
				arn := createProfile(t, srv.Client, "Choice "+ch.ID, sel)
				in := workloadInput("Prioritised by " + ch.ID)
				in.ProfileArns = []string{arn}
				id := createWorkload(t, srv.Client, in)
				if diff := cmp.Diff(d.prioritized(sel), prioritizedQuestions(t, srv.Client, id)); diff != "" {
					t.Errorf("choice %s: prioritised questions (-want +got):\n%s", ch.ID, diff)
				}
			}
		}
	})
}
