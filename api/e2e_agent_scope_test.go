package api_test

import (
	"context"
	"slices"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	wa "github.com/aws/aws-sdk-go-v2/service/wellarchitected"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected/types"
	"github.com/google/go-cmp/cmp"

	"github.com/wat-dev/wat/internal/testserver"
)

// agentJudgement is what wat says of a profile: the fields it lacks and
// whether it is eligible for each kind of generation.
type agentJudgement struct {
	Missing                []string
	Architecture, Schedule bool
}

func judge(out *wa.GetAgentProfileOutput) agentJudgement {
	j := agentJudgement{Architecture: aws.ToBool(out.EligibleForArchitectureGeneration), Schedule: aws.ToBool(out.EligibleForScheduledGeneration)}
	for name, msg := range out.FieldErrors {
		if msg == "" {
			name += " (no message)"
		}
		j.Missing = append(j.Missing, name)
	}
	if out.EligibleForArchitectureGeneration == nil || out.EligibleForScheduledGeneration == nil {
		j.Missing = append(j.Missing, "the eligibility flags are absent")
	}
	slices.Sort(j.Missing)
	return j
}

// TestAgentProfileCompleteness: a profile may be saved without what the
// model lets be empty, and reads back with fieldErrors naming it; it is
// eligible for architecture generation once complete and its scope
// selects a workload its account owns or is shared. No profile is eligible
// for scheduled generation (wat assumes no role and schedules nothing).
func TestAgentProfileCompleteness(t *testing.T) {
	t.Parallel()
	forEachBackend(t, func(t *testing.T, srv *testserver.Server) {
		ctx := context.Background()
		c, account := srv.Client, srv.Admin.AccountID
		check := func(what string, arn *string, want agentJudgement) {
			t.Helper()
			if diff := cmp.Diff(want, judge(getAgentProfile(t, c, arn)), sdkOpts); diff != "" {
				t.Errorf("%s (-want +got):\n%s", what, diff)
			}
		}
		update := func(in *wa.UpdateAgentProfileInput) *wa.UpdateAgentProfileOutput {
			t.Helper()
			out, err := c.UpdateAgentProfile(ctx, in)
			if err != nil {
				t.Fatalf("UpdateAgentProfile: %v", err)
			}
			return out
		}

		in := agentProfileInput("draft", account)
		in.ExecutionRoleArn, in.AggregationConfiguration = aws.String(""), []types.AggregationConfiguration{}
		created := createAgentProfile(t, c, in)
		if diff := cmp.Diff(agentJudgement{Missing: []string{"aggregationConfiguration", "executionRoleArn"}}, judge((*wa.GetAgentProfileOutput)(created))); diff != "" {
			t.Errorf("CreateAgentProfile of a draft (-want +got):\n%s", diff)
		}
		arn := created.Arn

		// An entry with an account but no Region nor role.
		out := update(&wa.UpdateAgentProfileInput{ProfileArn: arn, ExecutionRoleArn: aws.String("arn:aws:iam::" + account + ":role/agent"),
			AggregationConfiguration: []types.AggregationConfiguration{{AccountId: aws.String(account), Regions: []string{}, AccessRoleArn: aws.String("")}}})
		want := agentJudgement{Missing: []string{"aggregationConfiguration[0].accessRoleArn", "aggregationConfiguration[0].regions"}}
		if diff := cmp.Diff(want, judge((*wa.GetAgentProfileOutput)(out))); diff != "" {
			t.Errorf("UpdateAgentProfile to an incomplete scope (-want +got):\n%s", diff)
		}

		// Complete, but no workload in eu-west-1 yet.
		update(&wa.UpdateAgentProfileInput{ProfileArn: arn, AggregationConfiguration: []types.AggregationConfiguration{{AccountId: aws.String(account),
			Regions: []string{"eu-west-1"}, AccessRoleArn: aws.String("arn:aws:iam::" + account + ":role/read")}}})
		check("a complete profile selecting no workload", arn, agentJudgement{})
		createWorkload(t, c, workloadInput("Shop in us-east-1")) // out of scope
		check("a complete profile selecting no workload", arn, agentJudgement{})
		inScope := workloadInput("Shop in eu-west-1")
		inScope.AwsRegions = []string{"eu-west-1"}
		shop := createWorkload(t, c, inScope)
		check("a complete profile selecting the account's workload", arn, agentJudgement{Architecture: true})
		if _, err := c.DeleteWorkload(ctx, &wa.DeleteWorkloadInput{WorkloadId: &shop, ClientRequestToken: aws.String("delete-" + shop)}); err != nil {
			t.Fatal(err)
		}
		check("a complete profile whose workload is deleted", arn, agentJudgement{})

		// Another account's workload, in its account and ap-south-1, counts
		// once it is shared with this one.
		other, otherClient := newAccount(t, srv, "agent-other")
		theirs := workloadInput("Their shop")
		theirs.AwsRegions = []string{"ap-south-1"}
		theirID := createWorkload(t, otherClient, theirs)
		update(&wa.UpdateAgentProfileInput{ProfileArn: arn, AggregationConfiguration: []types.AggregationConfiguration{{AccountId: aws.String(other),
			Regions: []string{"ap-south-1"}, AccessRoleArn: aws.String("arn:aws:iam::" + other + ":role/read")}}})
		check("a profile selecting another account's workload, not shared", arn, agentJudgement{})
		shareWorkload(t, otherClient, theirID, account, types.PermissionTypeReadonly)
		check("a profile selecting another account's workload, share pending", arn, agentJudgement{})
		answerInvitation(t, c, theirID, types.ShareInvitationActionAccept)
		check("a profile selecting a workload shared with its account", arn, agentJudgement{Architecture: true})

		// The list says the same.
		list, err := c.ListAgentProfiles(ctx, &wa.ListAgentProfilesInput{})
		if err != nil || len(list.Items) != 1 {
			t.Fatalf("ListAgentProfiles = %v, %v", list, err)
		}
		if got := list.Items[0]; !aws.ToBool(got.EligibleForArchitectureGeneration) || got.FieldErrors != nil {
			t.Errorf("ListAgentProfiles' item: eligible %v, fieldErrors %v", got.EligibleForArchitectureGeneration, got.FieldErrors)
		}
	})
}
