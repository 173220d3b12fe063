package api_test

// The Agent part of the access-control matrix (e2e_matrix_test.go): each
// column's target has an Agent profile of the owner's with a goal and a
// context. Agent profiles are never shared, so to every other account
// they do not exist, whatever it is shared. The rows run last: reads,
// creates into the caller's own account, the owner's changes, the tag
// operations on the profile's ARN, and the deletes, the profile's last.

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	wa "github.com/aws/aws-sdk-go-v2/service/wellarchitected"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected/types"
	"github.com/google/go-cmp/cmp"

	"github.com/wat-dev/wat"
	"github.com/wat-dev/wat/internal/testserver"
)

const matrixAgentGoal = "Matrix secret goal"

// matrixAgentGeneration is the ID of every target's completed generation.
var matrixAgentGeneration = strings.Repeat("a", 32)

// matrixAgentRecommendation is the ARN of tg's recommendation; for the
// missing target, one that does not exist.
func matrixAgentRecommendation(tg *matrixTarget) string {
	return wat.AgentRecommendationARN(&wat.AgentProfile{ARN: tg.agentProfileARN, AccountID: strings.Split(tg.agentProfileARN, ":")[4]}, "matrix/q/c")
}

// theAgentRecommendation is what a denial on a recommendation's row names.
func theAgentRecommendation(_ *matrixEnv, tg *matrixTarget) string {
	return matrixAgentRecommendation(tg)
}

// newAgentTarget creates tg's Agent profile, goal and context, and, in
// the store, a completed generation and a recommendation of it (what a
// generation writes is tested in e2e_agent_recommendations_test.go; the
// matrix only needs them to exist).
func (e *matrixEnv) newAgentTarget(t *testing.T, store wat.Store, tg *matrixTarget, name string) {
	t.Helper()
	ctx := context.Background()
	in := agentProfileInput(strings.ReplaceAll(strings.ToLower(name), " ", "-"), e.account)
	in.Tags = []types.Tag{{Key: aws.String("team"), Value: aws.String("matrix")}}
	p := createAgentProfile(t, e.owner, in)
	g, err := e.owner.CreateAgentGoal(ctx, &wa.CreateAgentGoalInput{ProfileArn: p.Arn, Title: aws.String(matrixAgentGoal), Pillars: []types.Pillar{types.PillarSecurity}})
	if err != nil {
		t.Fatal(err)
	}
	x, err := e.owner.CreateAgentContext(ctx, &wa.CreateAgentContextInput{ProfileArn: p.Arn, Title: aws.String("Matrix app"),
		ContextType: types.ContextTypeApplication, Content: &types.ContextContent{ApplicationOverview: aws.String("Matrix overview")}})
	if err != nil {
		t.Fatal(err)
	}
	tg.agentProfileARN, tg.agentProfileName = aws.ToString(p.Arn), aws.ToString(in.Name)
	now := time.Now()
	if err := store.Update(ctx, func(tx wat.Tx) error {
		return errors.Join(
			tx.InsertAgentGeneration(ctx, &wat.AgentGeneration{ProfileARN: tg.agentProfileARN, ID: matrixAgentGeneration, Type: "ARCHITECTURE",
				Status: wat.AgentGenerationCompleted, CreatedAt: now, UpdatedAt: now}),
			tx.PutAgentRecommendation(ctx, &wat.AgentRecommendation{ARN: matrixAgentRecommendation(tg), ProfileARN: tg.agentProfileARN,
				PracticeKey: "matrix/q/c", Type: "ARCHITECTURE", Pillar: wat.AgentPillarSecurity, Title: matrixAgentGoal, Impact: wat.AgentHigh,
				Effort: wat.AgentSmall, Priority: wat.AgentHigh, Status: wat.AgentRecommendationActive, State: wat.AgentRecommendationOpen,
				GenerationID: matrixAgentGeneration, CreatedAt: now, UpdatedAt: now}))
	}); err != nil {
		t.Fatal(err)
	}
	tg.agentGoalID, tg.agentContextID = aws.ToString(g.Goal.Id), aws.ToString(x.Context.Id)
	e.secrets = append(e.secrets, tg.agentProfileARN, tg.agentProfileName, tg.agentGoalID, tg.agentContextID, matrixAgentGoal)
	e.names = append(e.names, tg.agentProfileName, matrixAgentGoal)
}

// agentView is what the owner sees of a target's Agent profile.
type agentView struct {
	Profile  *wa.GetAgentProfileOutput
	Goals    []types.GoalSummary
	Contexts []types.ContextSummary
	Tags     map[string]string
}

func ownerAgentView(t *testing.T, owner *wa.Client, arn string) agentView {
	t.Helper()
	ctx := context.Background()
	var v agentView
	p, err := owner.GetAgentProfile(ctx, &wa.GetAgentProfileInput{ProfileArn: &arn})
	if httpStatus(err) == 404 {
		return v // the owner deleted it
	}
	must := func(what string, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("the owner's %s of Agent profile %s: %v", what, arn, err)
		}
	}
	must("GetAgentProfile", err)
	g, err := owner.ListAgentGoals(ctx, &wa.ListAgentGoalsInput{ProfileArn: &arn})
	must("ListAgentGoals", err)
	c, err := owner.ListAgentContexts(ctx, &wa.ListAgentContextsInput{ProfileArn: &arn})
	must("ListAgentContexts", err)
	tags, err := owner.ListTagsForResource(ctx, &wa.ListTagsForResourceInput{WorkloadArn: &arn})
	must("ListTagsForResource", err)
	return agentView{Profile: p, Goals: g.Items, Contexts: c.Items, Tags: tags.Tags}
}

// theAgentProfile is what a denial on an Agent row names: the profile's
// ARN, for its goals and contexts too.
func theAgentProfile(_ *matrixEnv, tg *matrixTarget) string { return tg.agentProfileARN }

// agentRows are the rows that act on the target's Agent profile, in the
// order they run.
func agentRows() []*matrixRow {
	wantEq := func(t *testing.T, what string, got, want any) {
		t.Helper()
		if diff := cmp.Diff(want, got, sdkOpts); diff != "" {
			t.Errorf("%s (-want +got):\n%s", what, diff)
		}
	}
	p := func(tg *matrixTarget) *string { return &tg.agentProfileARN }
	pillars := []types.Pillar{types.PillarCostOptimization}
	row := func(op string, kind opKind, write bool, call func(ctx context.Context, c *wa.Client, tg *matrixTarget) (any, error)) *matrixRow {
		return &matrixRow{op: op, kind: kind, write: write, resource: theAgentProfile, call: call}
	}
	rec := func(tg *matrixTarget) *string { return aws.String(matrixAgentRecommendation(tg)) }
	recRow := func(op string, write bool, call func(ctx context.Context, c *wa.Client, tg *matrixTarget) (any, error)) *matrixRow {
		return &matrixRow{op: op, kind: opLens, write: write, resource: theAgentRecommendation, call: call}
	}
	rows := []*matrixRow{
		{op: "ListAgentProfiles", kind: opAccount, resource: anyResource, call: func(ctx context.Context, c *wa.Client, _ *matrixTarget) (any, error) {
			return sdkDo(ctx, c.ListAgentProfiles, &wa.ListAgentProfilesInput{})
		}, effect: func(t *testing.T, _ *matrixEnv, c *matrixCaller, _ *matrixTarget, out any) {
			for _, it := range out.(*wa.ListAgentProfilesOutput).Items {
				if !strings.Contains(aws.ToString(it.Arn), ":"+accountOf(c.user)+":") {
					t.Errorf("ListAgentProfiles lists %s, not of the caller's account", aws.ToString(it.Arn))
				}
			}
		}},
		row("GetAgentProfile", opLens, false, func(ctx context.Context, c *wa.Client, tg *matrixTarget) (any, error) {
			return sdkDo(ctx, c.GetAgentProfile, &wa.GetAgentProfileInput{ProfileArn: p(tg)})
		}),
		row("ListAgentGoals", opLens, false, func(ctx context.Context, c *wa.Client, tg *matrixTarget) (any, error) {
			return sdkDo(ctx, c.ListAgentGoals, &wa.ListAgentGoalsInput{ProfileArn: p(tg)})
		}),
		row("GetAgentGoal", opLens, false, func(ctx context.Context, c *wa.Client, tg *matrixTarget) (any, error) {
			return sdkDo(ctx, c.GetAgentGoal, &wa.GetAgentGoalInput{ProfileArn: p(tg), Id: &tg.agentGoalID})
		}),
		row("ListAgentContexts", opLens, false, func(ctx context.Context, c *wa.Client, tg *matrixTarget) (any, error) {
			return sdkDo(ctx, c.ListAgentContexts, &wa.ListAgentContextsInput{ProfileArn: p(tg)})
		}),
		row("GetAgentContext", opLens, false, func(ctx context.Context, c *wa.Client, tg *matrixTarget) (any, error) {
			return sdkDo(ctx, c.GetAgentContext, &wa.GetAgentContextInput{ProfileArn: p(tg), Id: &tg.agentContextID})
		}),
		row("ListTagsForResource", opLens, false, func(ctx context.Context, c *wa.Client, tg *matrixTarget) (any, error) {
			return sdkDo(ctx, c.ListTagsForResource, &wa.ListTagsForResourceInput{WorkloadArn: p(tg)})
		}),
		row("ListAgentRecommendationGenerations", opLens, false, func(ctx context.Context, c *wa.Client, tg *matrixTarget) (any, error) {
			return sdkDo(ctx, c.ListAgentRecommendationGenerations, &wa.ListAgentRecommendationGenerationsInput{ProfileArn: p(tg)})
		}),
		row("GetAgentRecommendationGeneration", opLens, false, func(ctx context.Context, c *wa.Client, tg *matrixTarget) (any, error) {
			return sdkDo(ctx, c.GetAgentRecommendationGeneration, &wa.GetAgentRecommendationGenerationInput{ProfileArn: p(tg), GenerationId: &matrixAgentGeneration})
		}),
		row("ListAgentRecommendations", opLens, false, func(ctx context.Context, c *wa.Client, tg *matrixTarget) (any, error) {
			return sdkDo(ctx, c.ListAgentRecommendations, &wa.ListAgentRecommendationsInput{ProfileArn: p(tg)})
		}),
		recRow("GetAgentRecommendation", false, func(ctx context.Context, c *wa.Client, tg *matrixTarget) (any, error) {
			return sdkDo(ctx, c.GetAgentRecommendation, &wa.GetAgentRecommendationInput{RecommendationArn: rec(tg)})
		}),
		recRow("ListAgentRecommendationItems", false, func(ctx context.Context, c *wa.Client, tg *matrixTarget) (any, error) {
			return sdkDo(ctx, c.ListAgentRecommendationItems, &wa.ListAgentRecommendationItemsInput{RecommendationArn: rec(tg)})
		}),

		// Any authenticated caller may create an Agent profile in its own account.
		{op: "CreateAgentProfile", kind: opAccount, write: true, resource: func(e *matrixEnv, _ *matrixTarget) string {
			return "arn:aws:wellarchitected:" + testserver.Region + ":" + e.account + ":agent-profile/*"
		}, call: func(ctx context.Context, c *wa.Client, _ *matrixTarget) (any, error) {
			return sdkDo(ctx, c.CreateAgentProfile, agentProfileInput(testserver.RandomName("matrix-new"), "111122223333"))
		}, effect: func(t *testing.T, _ *matrixEnv, c *matrixCaller, _ *matrixTarget, out any) {
			arn := aws.ToString(out.(*wa.CreateAgentProfileOutput).Arn)
			if prefix := "arn:aws:wellarchitected:" + testserver.Region + ":" + accountOf(c.user) + ":agent-profile/"; !strings.HasPrefix(arn, prefix) {
				t.Errorf("CreateAgentProfile made %s, want an Agent profile of the caller's account", arn)
			}
		}},

		row("UpdateAgentProfile", opLens, true, func(ctx context.Context, c *wa.Client, tg *matrixTarget) (any, error) {
			return sdkDo(ctx, c.UpdateAgentProfile, &wa.UpdateAgentProfileInput{ProfileArn: p(tg), Pillars: pillars})
		}),
		row("CreateAgentGoal", opLens, true, func(ctx context.Context, c *wa.Client, tg *matrixTarget) (any, error) {
			return sdkDo(ctx, c.CreateAgentGoal, &wa.CreateAgentGoalInput{ProfileArn: p(tg), Title: aws.String("New goal"), Pillars: pillars})
		}),
		row("UpdateAgentGoal", opLens, true, func(ctx context.Context, c *wa.Client, tg *matrixTarget) (any, error) {
			return sdkDo(ctx, c.UpdateAgentGoal, &wa.UpdateAgentGoalInput{ProfileArn: p(tg), Id: &tg.agentGoalID, Pillars: pillars})
		}),
		row("CreateAgentContext", opLens, true, func(ctx context.Context, c *wa.Client, tg *matrixTarget) (any, error) {
			return sdkDo(ctx, c.CreateAgentContext, &wa.CreateAgentContextInput{ProfileArn: p(tg), Title: aws.String("New app"),
				ContextType: types.ContextTypeApplication, Content: &types.ContextContent{}})
		}),
		row("UpdateAgentContext", opLens, true, func(ctx context.Context, c *wa.Client, tg *matrixTarget) (any, error) {
			return sdkDo(ctx, c.UpdateAgentContext, &wa.UpdateAgentContextInput{ProfileArn: p(tg), Id: &tg.agentContextID, Title: aws.String("Renamed app")})
		}),
		row("StartAgentRecommendationGeneration", opLens, true, func(ctx context.Context, c *wa.Client, tg *matrixTarget) (any, error) {
			return sdkDo(ctx, c.StartAgentRecommendationGeneration, &wa.StartAgentRecommendationGenerationInput{ProfileArn: p(tg),
				Types: []types.RecommendationType{types.RecommendationTypeArchitecture}, Scope: &types.Scope{Pillars: pillars}})
		}),
		recRow("UpdateAgentRecommendationStatus", true, func(ctx context.Context, c *wa.Client, tg *matrixTarget) (any, error) {
			return sdkDo(ctx, c.UpdateAgentRecommendationStatus, &wa.UpdateAgentRecommendationStatusInput{RecommendationArn: rec(tg),
				Status: types.RecommendationStatusSuppressed})
		}),
		recRow("PutAgentRecommendationFeedback", true, func(ctx context.Context, c *wa.Client, tg *matrixTarget) (any, error) {
			return sdkDo(ctx, c.PutAgentRecommendationFeedback, &wa.PutAgentRecommendationFeedbackInput{RecommendationArn: rec(tg),
				Type: types.RecommendationFeedbackTypeUseful})
		}),
		row("TagResource", opLens, true, func(ctx context.Context, c *wa.Client, tg *matrixTarget) (any, error) {
			return sdkDo(ctx, c.TagResource, &wa.TagResourceInput{WorkloadArn: p(tg), Tags: map[string]string{"env": "matrix"}})
		}),
		row("UntagResource", opLens, true, func(ctx context.Context, c *wa.Client, tg *matrixTarget) (any, error) {
			return sdkDo(ctx, c.UntagResource, &wa.UntagResourceInput{WorkloadArn: p(tg), TagKeys: []string{"team"}})
		}),
		row("DeleteAgentGoal", opLens, true, func(ctx context.Context, c *wa.Client, tg *matrixTarget) (any, error) {
			return sdkDo(ctx, c.DeleteAgentGoal, &wa.DeleteAgentGoalInput{ProfileArn: p(tg), Id: &tg.agentGoalID})
		}),
		row("DeleteAgentContext", opLens, true, func(ctx context.Context, c *wa.Client, tg *matrixTarget) (any, error) {
			return sdkDo(ctx, c.DeleteAgentContext, &wa.DeleteAgentContextInput{ProfileArn: p(tg), Id: &tg.agentContextID})
		}),
		row("DeleteAgentProfile", opLens, true, func(ctx context.Context, c *wa.Client, tg *matrixTarget) (any, error) {
			return sdkDo(ctx, c.DeleteAgentProfile, &wa.DeleteAgentProfileInput{ProfileArn: p(tg)})
		}),
	}
	// What the owner's allowed calls did.
	effects := map[string]func(t *testing.T, e *matrixEnv, tg *matrixTarget, v agentView){
		"UpdateAgentProfile": func(t *testing.T, _ *matrixEnv, _ *matrixTarget, v agentView) {
			wantEq(t, "the profile's pillars", v.Profile.Pillars, pillars)
		},
		"CreateAgentGoal": func(t *testing.T, _ *matrixEnv, _ *matrixTarget, v agentView) {
			wantEq(t, "the number of goals", len(v.Goals), 2)
		},
		"CreateAgentContext": func(t *testing.T, _ *matrixEnv, _ *matrixTarget, v agentView) {
			wantEq(t, "the number of contexts", len(v.Contexts), 2)
		},
		"TagResource": func(t *testing.T, _ *matrixEnv, _ *matrixTarget, v agentView) {
			wantEq(t, "the profile's tags", v.Tags, map[string]string{"team": "matrix", "env": "matrix"})
		},
		"UntagResource": func(t *testing.T, _ *matrixEnv, _ *matrixTarget, v agentView) {
			wantEq(t, "the profile's tags", v.Tags, map[string]string{"env": "matrix"})
		},
		"DeleteAgentGoal": func(t *testing.T, _ *matrixEnv, _ *matrixTarget, v agentView) {
			wantEq(t, "the number of goals", len(v.Goals), 1)
		},
		"DeleteAgentContext": func(t *testing.T, _ *matrixEnv, _ *matrixTarget, v agentView) {
			wantEq(t, "the number of contexts", len(v.Contexts), 1)
		},
		"DeleteAgentProfile": func(t *testing.T, _ *matrixEnv, _ *matrixTarget, v agentView) {
			wantEq(t, "the deleted profile", v.Profile, (*wa.GetAgentProfileOutput)(nil))
		},
	}
	for _, r := range rows {
		if check, ok := effects[r.op]; ok {
			r.effect = func(t *testing.T, e *matrixEnv, _ *matrixCaller, tg *matrixTarget, _ any) {
				check(t, e, tg, ownerAgentView(t, e.owner, tg.agentProfileARN))
			}
		}
		switch r.op {
		case "TagResource", "UntagResource", "ListTagsForResource":
			r.variant = "agent-profile" // the workload's rows have none
		case "ListAgentGoals", "ListAgentContexts", "StartAgentRecommendationGeneration":
			r.untypedNotFound = true // the model declares no ResourceNotFoundException for them
		}
	}
	return rows
}
