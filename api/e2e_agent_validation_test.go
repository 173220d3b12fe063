package api_test

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	wa "github.com/aws/aws-sdk-go-v2/service/wellarchitected"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected/types"
)

// TestAgentValidation: what is malformed beyond the model's constraints is
// refused with a ValidationException naming each field by its wire path,
// and nothing is stored. (What is missing where the model allows it is
// stored and reported in fieldErrors: TestAgentProfileCompleteness.)
func TestAgentValidation(t *testing.T) {
	t.Parallel()
	srv := startSQLite(t)
	c, account := srv.Client, srv.Admin.AccountID
	ctx := context.Background()
	p := createAgentProfile(t, c, agentProfileInput("valid", account)).Arn
	g, err := c.CreateAgentGoal(ctx, &wa.CreateAgentGoalInput{ProfileArn: p, Title: aws.String("Goal"), Pillars: []types.Pillar{types.PillarSecurity}})
	if err != nil {
		t.Fatal(err)
	}
	x, err := c.CreateAgentContext(ctx, &wa.CreateAgentContextInput{ProfileArn: p, Title: aws.String("App"), ContextType: types.ContextTypeApplication,
		Content: &types.ContextContent{}})
	if err != nil {
		t.Fatal(err)
	}
	scope := func(entries ...types.AggregationConfiguration) []types.AggregationConfiguration { return entries }
	entry := func(account, region, role string) types.AggregationConfiguration {
		return types.AggregationConfiguration{AccountId: aws.String(account), Regions: []string{region}, AccessRoleArn: aws.String(role)}
	}
	role := "arn:aws:iam::" + account + ":role/read"
	bad := agentProfileInput("   ", account) // three spaces: the model's length, nothing to read
	bad.DisplayName = aws.String(" \u200b x ")
	bad.ExecutionRoleArn = aws.String("agent")
	bad.AggregationConfiguration = scope(entry("12345", "us-east-1", role), entry(account, "moon-1", "arn:aws:iam::1:user/bob"), entry(account, "us-east-1", role))
	bad.Tags = []types.Tag{{Key: aws.String("aws:owner"), Value: aws.String("x")}, {Key: aws.String("team"), Value: aws.String("a")}, {Key: aws.String("team"), Value: aws.String("b")}}

	tests := []struct {
		name   string
		call   func() error
		fields []string
	}{
		{"CreateAgentProfile", func() error { _, err := c.CreateAgentProfile(ctx, bad); return err }, []string{
			"name", "displayName", "executionRoleArn", "aggregationConfiguration[0].accountId", "aggregationConfiguration[1].regions[0]",
			"aggregationConfiguration[1].accessRoleArn", "aggregationConfiguration[2].accountId", "tags[0].key", "tags[2].key"}},
		{"UpdateAgentProfile", func() error {
			_, err := c.UpdateAgentProfile(ctx, &wa.UpdateAgentProfileInput{ProfileArn: p, DisplayName: aws.String("   "), ExecutionRoleArn: aws.String("arn:aws:iam::x:role/r"),
				AggregationConfiguration: scope(entry(account, "us-east-1", "role"))})
			return err
		}, []string{"displayName", "executionRoleArn", "aggregationConfiguration[0].accessRoleArn"}},
		{"CreateAgentGoal", func() error {
			_, err := c.CreateAgentGoal(ctx, &wa.CreateAgentGoalInput{ProfileArn: p, Title: aws.String(" "), Description: aws.String("\u200b"), Pillars: []types.Pillar{types.PillarSecurity}})
			return err
		}, []string{"title", "description"}},
		{"UpdateAgentGoal", func() error {
			_, err := c.UpdateAgentGoal(ctx, &wa.UpdateAgentGoalInput{ProfileArn: p, Id: g.Goal.Id, Title: aws.String("  ")})
			return err
		}, []string{"title"}},
		{"CreateAgentContext", func() error {
			_, err := c.CreateAgentContext(ctx, &wa.CreateAgentContextInput{ProfileArn: p, Title: aws.String(" "), ContextType: types.ContextTypeApplication,
				Content: &types.ContextContent{AccountIds: []string{account, "abc"}, Regions: []string{"Mars"}, AwsServices: []string{" "},
					ResourceTags: []types.ContextResourceTag{{Key: aws.String(" "), Value: aws.String("v")}}}})
			return err
		}, []string{"title", "content.accountIds[1]", "content.regions[0]", "content.awsServices[0]", "content.resourceTags[0].key"}},
		{"UpdateAgentContext", func() error {
			_, err := c.UpdateAgentContext(ctx, &wa.UpdateAgentContextInput{ProfileArn: p, Id: x.Context.Id, Content: &types.ContextContent{ResourceTypes: []string{""}}})
			return err
		}, []string{"content.resourceTypes[0]"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.call()
			for _, f := range tt.fields {
				wantValidation(t, err, f)
			}
		})
	}

	// Nothing of the refused calls was stored.
	list, err := c.ListAgentProfiles(ctx, &wa.ListAgentProfilesInput{})
	if err != nil || len(list.Items) != 1 {
		t.Errorf("ListAgentProfiles = %v, %v; want the valid profile alone", list, err)
	}
	got := getAgentProfile(t, c, p)
	if aws.ToString(got.DisplayName) != "The valid" || aws.ToString(got.AggregationConfiguration[0].AccessRoleArn) != role {
		t.Errorf("a refused update changed the profile: %+v", got)
	}
}
