package api_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	wa "github.com/aws/aws-sdk-go-v2/service/wellarchitected"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected/types"
	"github.com/aws/smithy-go"
	"github.com/google/go-cmp/cmp"

	"github.com/wat-dev/wat/internal/testserver"
	"github.com/wat-dev/wat/service"
)

// TestAgentIsolation: another account's Agent profile, with its goals and
// contexts, is not found, exactly as one that does not exist; names are
// unique within an account only.
func TestAgentIsolation(t *testing.T) {
	t.Parallel()
	forEachBackend(t, func(t *testing.T, srv *testserver.Server) {
		ctx := context.Background()
		owner := srv.Client
		in := agentProfileInput("private", srv.Admin.AccountID)
		in.DeletionProtection = aws.Bool(false)
		p := createAgentProfile(t, owner, in).Arn
		g, err := owner.CreateAgentGoal(ctx, &wa.CreateAgentGoalInput{ProfileArn: p, Title: aws.String("Secret goal"), Pillars: []types.Pillar{types.PillarSecurity}})
		if err != nil {
			t.Fatal(err)
		}
		x, err := owner.CreateAgentContext(ctx, &wa.CreateAgentContextInput{ProfileArn: p, Title: aws.String("Secret app"),
			ContextType: types.ContextTypeApplication, Content: &types.ContextContent{}})
		if err != nil {
			t.Fatal(err)
		}
		other, stranger := newAccount(t, srv, "stranger")
		missing := aws.String(strings.Replace(*p, (*p)[len(*p)-32:], strings.Repeat("0", 32), 1))
		gid, cid := g.Goal.Id, x.Context.Id
		calls := map[string]func(arn *string) error{
			"GetAgentProfile": func(a *string) error {
				_, err := stranger.GetAgentProfile(ctx, &wa.GetAgentProfileInput{ProfileArn: a})
				return err
			},
			"UpdateAgentProfile": func(a *string) error {
				_, err := stranger.UpdateAgentProfile(ctx, &wa.UpdateAgentProfileInput{ProfileArn: a, Description: aws.String("x")})
				return err
			},
			"DeleteAgentProfile": func(a *string) error {
				_, err := stranger.DeleteAgentProfile(ctx, &wa.DeleteAgentProfileInput{ProfileArn: a})
				return err
			},
			"ListAgentGoals": func(a *string) error {
				_, err := stranger.ListAgentGoals(ctx, &wa.ListAgentGoalsInput{ProfileArn: a})
				return err
			},
			"GetAgentGoal": func(a *string) error {
				_, err := stranger.GetAgentGoal(ctx, &wa.GetAgentGoalInput{ProfileArn: a, Id: gid})
				return err
			},
			"DeleteAgentGoal": func(a *string) error {
				_, err := stranger.DeleteAgentGoal(ctx, &wa.DeleteAgentGoalInput{ProfileArn: a, Id: gid})
				return err
			},
			"CreateAgentContext": func(a *string) error {
				_, err := stranger.CreateAgentContext(ctx, &wa.CreateAgentContextInput{ProfileArn: a, Title: aws.String("x"), ContextType: types.ContextTypeApplication, Content: &types.ContextContent{}})
				return err
			},
			"UpdateAgentContext": func(a *string) error {
				_, err := stranger.UpdateAgentContext(ctx, &wa.UpdateAgentContextInput{ProfileArn: a, Id: cid, Title: aws.String("x")})
				return err
			},
			"ListTagsForResource": func(a *string) error {
				_, err := stranger.ListTagsForResource(ctx, &wa.ListTagsForResourceInput{WorkloadArn: a})
				return err
			},
		}
		for name, call := range calls {
			errOwned, errMissing := call(p), call(missing)
			if httpStatus(errOwned) != 404 {
				t.Errorf("%s of another account's profile: %v, want 404", name, errOwned)
				continue
			}
			if a, b := apiErrorText(errOwned, *p), apiErrorText(errMissing, *missing); a != b {
				t.Errorf("%s: another account's profile answers %q, a missing one %q", name, a, b)
			}
		}
		list, err := stranger.ListAgentProfiles(ctx, &wa.ListAgentProfilesInput{})
		if err != nil || len(list.Items) != 0 {
			t.Errorf("the stranger's ListAgentProfiles = %v, %v; want none", list, err)
		}
		// The same name in another account is another profile.
		createAgentProfile(t, stranger, agentProfileInput("private", other))
		// The owner's are untouched.
		got := getAgentProfile(t, owner, p)
		if aws.ToString(got.Description) != aws.ToString(in.Description) {
			t.Errorf("the owner's profile changed: %+v", got)
		}
		goals, err := owner.ListAgentGoals(ctx, &wa.ListAgentGoalsInput{ProfileArn: p})
		if err != nil || len(goals.Items) != 1 {
			t.Errorf("the owner's goals = %v, %v", goals, err)
		}
	})
}

// apiErrorText is what an error tells a client: its status, type and
// message, with arn written <arn>.
func apiErrorText(err error, arn string) string {
	var ae smithy.APIError
	if !errors.As(err, &ae) {
		return fmt.Sprintf("not an API error: %v", err)
	}
	return fmt.Sprintf("%d %s: %s", httpStatus(err), ae.ErrorCode(), strings.ReplaceAll(ae.ErrorMessage(), arn, "<arn>"))
}

// TestAgentProfileTags: a profile's tags are set when it is created and
// changed with TagResource and UntagResource on its ARN; IAM conditions
// read them.
func TestAgentProfileTags(t *testing.T) {
	t.Parallel()
	forEachBackend(t, func(t *testing.T, srv *testserver.Server) {
		ctx := context.Background()
		c := srv.Client
		in := agentProfileInput("tagged", srv.Admin.AccountID)
		in.Tags = []types.Tag{{Key: aws.String("team"), Value: aws.String("shop")}}
		p := createAgentProfile(t, c, in).Arn
		plain := createAgentProfile(t, c, agentProfileInput("plain", srv.Admin.AccountID)).Arn
		tags := func() map[string]string {
			t.Helper()
			out, err := c.ListTagsForResource(ctx, &wa.ListTagsForResourceInput{WorkloadArn: p})
			if err != nil {
				t.Fatal(err)
			}
			return out.Tags
		}
		if diff := cmp.Diff(map[string]string{"team": "shop"}, tags()); diff != "" {
			t.Errorf("ListTagsForResource (-want +got):\n%s", diff)
		}
		if _, err := c.TagResource(ctx, &wa.TagResourceInput{WorkloadArn: p, Tags: map[string]string{"env": "prod", "team": "web"}}); err != nil {
			t.Fatal(err)
		}
		if _, err := c.UntagResource(ctx, &wa.UntagResourceInput{WorkloadArn: p, TagKeys: []string{"env", "absent"}}); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(map[string]string{"team": "web"}, tags()); diff != "" {
			t.Errorf("after TagResource and UntagResource (-want +got):\n%s", diff)
		}
		if diff := cmp.Diff([]types.Tag{{Key: aws.String("team"), Value: aws.String("web")}}, getAgentProfile(t, c, p).Tags, sdkOpts); diff != "" {
			t.Errorf("GetAgentProfile's tags (-want +got):\n%s", diff)
		}
		_, err := c.TagResource(ctx, &wa.TagResourceInput{WorkloadArn: p, Tags: map[string]string{"aws:reserved": "x"}})
		wantAPIError(t, err, "ValidationException", 400)

		// A policy allowing what is tagged team=web.
		webUser, webARN := newUser(t, srv, "web", &service.PolicyInput{Name: "web", Document: []byte(`{"Version":"2012-10-17","Statement":[
			{"Effect":"Allow","Action":"wellarchitected:GetAgentProfile","Resource":"*","Condition":{"StringEquals":{"aws:ResourceTag/team":"web"}}}]}`)})
		if _, err := webUser.GetAgentProfile(ctx, &wa.GetAgentProfileInput{ProfileArn: p}); err != nil {
			t.Errorf("GetAgentProfile of a profile tagged team=web: %v", err)
		}
		_, err = webUser.GetAgentProfile(ctx, &wa.GetAgentProfileInput{ProfileArn: plain})
		wantDenied(t, err, webARN, "GetAgentProfile", *plain)
	})
}

// TestAgentConfigAuthorized: each configuration operation is its own IAM
// action, on the profile's ARN (goals' and contexts' too), on
// agent-profile/* for creating and * for listing.
func TestAgentConfigAuthorized(t *testing.T) {
	t.Parallel()
	srv := startSQLite(t)
	ctx := context.Background()
	p := createAgentProfile(t, srv.Client, agentProfileInput("guarded", srv.Admin.AccountID)).Arn
	g, err := srv.Client.CreateAgentGoal(ctx, &wa.CreateAgentGoalInput{ProfileArn: p, Title: aws.String("Goal"), Pillars: []types.Pillar{types.PillarSecurity}})
	if err != nil {
		t.Fatal(err)
	}

	reader, readerARN := newUser(t, srv, "reader", &service.PolicyInput{Managed: "WellArchitectedConsoleReadOnlyAccess"})
	if _, err := reader.ListAgentProfiles(ctx, &wa.ListAgentProfilesInput{}); err != nil {
		t.Errorf("a reader's ListAgentProfiles: %v", err)
	}
	if _, err := reader.GetAgentGoal(ctx, &wa.GetAgentGoalInput{ProfileArn: p, Id: g.Goal.Id}); err != nil {
		t.Errorf("a reader's GetAgentGoal: %v", err)
	}
	_, err = reader.CreateAgentProfile(ctx, agentProfileInput("mine", srv.Admin.AccountID))
	wantDenied(t, err, readerARN, "CreateAgentProfile", "arn:aws:wellarchitected:"+testserver.Region+":"+srv.Admin.AccountID+":agent-profile/*")
	_, err = reader.UpdateAgentProfile(ctx, &wa.UpdateAgentProfileInput{ProfileArn: p, Description: aws.String("x")})
	wantDenied(t, err, readerARN, "UpdateAgentProfile", *p)
	_, err = reader.DeleteAgentGoal(ctx, &wa.DeleteAgentGoalInput{ProfileArn: p, Id: g.Goal.Id})
	wantDenied(t, err, readerARN, "DeleteAgentGoal", *p)

	nobody, nobodyARN := newUser(t, srv, "nobody", nil)
	_, err = nobody.ListAgentProfiles(ctx, &wa.ListAgentProfilesInput{})
	wantDenied(t, err, nobodyARN, "ListAgentProfiles", "*")

	goals, goalsARN := newUser(t, srv, "goals", &service.PolicyInput{Name: "goals", Document: []byte(`{"Version":"2012-10-17","Statement":[
		{"Effect":"Allow","Action":"wellarchitected:*AgentGoal*","Resource":"` + *p + `"}]}`)})
	if _, err := goals.CreateAgentGoal(ctx, &wa.CreateAgentGoalInput{ProfileArn: p, Title: aws.String("Mine"), Pillars: []types.Pillar{types.PillarSecurity}}); err != nil {
		t.Errorf("CreateAgentGoal allowed on the profile: %v", err)
	}
	_, err = goals.CreateAgentContext(ctx, &wa.CreateAgentContextInput{ProfileArn: p, Title: aws.String("x"), ContextType: types.ContextTypeApplication, Content: &types.ContextContent{}})
	wantDenied(t, err, goalsARN, "CreateAgentContext", *p)
	_, err = goals.GetAgentProfile(ctx, &wa.GetAgentProfileInput{ProfileArn: p})
	wantDenied(t, err, goalsARN, "GetAgentProfile", *p)
}
