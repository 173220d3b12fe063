package api_test

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	wa "github.com/aws/aws-sdk-go-v2/service/wellarchitected"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected/types"

	"github.com/wat-dev/wat"
	"github.com/wat-dev/wat/internal/testserver"
	"github.com/wat-dev/wat/lens"
	"github.com/wat-dev/wat/service"
)

// testWorker is the worker the tests run synchronously, as `wat serve`
// runs it in the background.
var testWorker = service.AgentWorker{ID: "test-worker", Lease: time.Minute}

// runGenerations runs the worker until no job is left and returns how many
// it ended.
func runGenerations(t *testing.T, srv *testserver.Server) int {
	t.Helper()
	n, err := srv.Service.RunAgentGenerations(context.Background(), testWorker)
	if err != nil {
		t.Fatalf("RunAgentGenerations: %v", err)
	}
	return n
}

// agentFixture is an account with two workloads in a profile's scope, the
// framework's first security question answered in both with its first
// choice only, and scan evidence on the first.
type agentFixture struct {
	c        *wa.Client
	profile  *string
	ws       []string
	question *lens.Question
	failing  string // a choice id whose checks fail in the evidence
}

func newAgentFixture(t *testing.T, srv *testserver.Server) *agentFixture {
	t.Helper()
	f := &agentFixture{c: srv.Client}
	for _, name := range []string{"Agent shop", "Agent blog"} {
		f.ws = append(f.ws, createWorkload(t, f.c, workloadInput(name)))
	}
	for _, q := range srv.Service.Lenses().Framework().Lens.Questions() {
		if q.PillarID == "security" {
			f.question = q
			break
		}
	}
	for _, w := range f.ws {
		f.answer(t, w, f.question.Choices[0].ID)
	}
	s := scanFixtures(t, "testdata/evidence/*.yaml")
	for _, bp := range s.choices(anyFails) {
		if bp.PillarID == "security" || bp.PillarID == "reliability" {
			f.failing = bp.ChoiceID
			break
		}
	}
	if f.failing == "" {
		t.Fatal("no security or reliability practice fails in testdata/evidence")
	}
	putEvidence(t, f.c, s.input(f.ws[0]))
	f.profile = createAgentProfile(t, f.c, agentProfileInput("agent-shop", srv.Admin.AccountID)).Arn
	return f
}

// answer selects choices of the fixture's question in workload w; the
// question must stay at risk for its other choices to be recommended.
func (f *agentFixture) answer(t *testing.T, w string, choices ...string) types.Risk {
	t.Helper()
	out, err := f.c.UpdateAnswer(context.Background(), &wa.UpdateAnswerInput{WorkloadId: &w, LensAlias: aws.String(lensAlias),
		QuestionId: &f.question.ID, SelectedChoices: choices})
	if err != nil {
		t.Fatalf("UpdateAnswer: %v", err)
	}
	return out.Answer.Risk
}

func (f *agentFixture) start(t *testing.T) *wa.StartAgentRecommendationGenerationOutput {
	t.Helper()
	out, err := f.c.StartAgentRecommendationGeneration(context.Background(), &wa.StartAgentRecommendationGenerationInput{ProfileArn: f.profile,
		Types: []types.RecommendationType{types.RecommendationTypeArchitecture}, Scope: &types.Scope{Pillars: []types.Pillar{types.PillarSecurity, types.PillarResilience}}})
	if err != nil {
		t.Fatalf("StartAgentRecommendationGeneration: %v", err)
	}
	return out
}

// recommendations lists the profile's recommendations by practice title.
func (f *agentFixture) recommendations(t *testing.T) map[string]types.AgentRecommendationSummary {
	t.Helper()
	out, err := f.c.ListAgentRecommendations(context.Background(), &wa.ListAgentRecommendationsInput{ProfileArn: f.profile})
	if err != nil {
		t.Fatalf("ListAgentRecommendations: %v", err)
	}
	m := map[string]types.AgentRecommendationSummary{}
	for _, r := range out.Items {
		m[aws.ToString(r.Title)] = r
	}
	return m
}

func choiceTitle(t *testing.T, srv *testserver.Server, id string) string {
	t.Helper()
	for _, q := range srv.Service.Lenses().Framework().Lens.Questions() {
		for _, ch := range q.Choices {
			if ch.ID == id {
				return ch.Title
			}
		}
	}
	t.Fatalf("no choice %s", id)
	return ""
}

// TestAgentRecommendations drives a profile's generations end to end with
// the SDK: queued, run by the worker, its recommendations with their
// scores, steps and resources; run again after a practice is answered,
// keeping ARNs and the user's status; feedback.
func TestAgentRecommendations(t *testing.T) {
	t.Parallel()
	forEachBackend(t, func(t *testing.T, srv *testserver.Server) {
		ctx := context.Background()
		f := newAgentFixture(t, srv)
		g := f.start(t)
		if g.Status != types.GenerationStatusQueued || g.EstimatedCompletionTime == nil || !g.EstimatedCompletionTime.After(*g.CreatedAt) {
			t.Errorf("started generation = %s, estimated %v", g.Status, g.EstimatedCompletionTime)
		}
		if again := f.start(t); aws.ToString(again.Id) != aws.ToString(g.Id) {
			t.Errorf("a second start while queued made generation %s, want %s", aws.ToString(again.Id), aws.ToString(g.Id))
		}
		if n := runGenerations(t, srv); n != 1 {
			t.Fatalf("the worker ended %d generations, want 1", n)
		}
		got, err := f.c.GetAgentRecommendationGeneration(ctx, &wa.GetAgentRecommendationGenerationInput{ProfileArn: f.profile, GenerationId: g.Id})
		if err != nil || got.Status != types.GenerationStatusCompleted || got.EndedAt == nil || got.StartedAt == nil {
			t.Fatalf("GetAgentRecommendationGeneration = %+v, %v", got, err)
		}

		recs := f.recommendations(t)
		unselected := f.question.Choices[1]
		r, ok := recs[unselected.Title]
		if !ok {
			t.Fatalf("no recommendation for %q among %d", unselected.Title, len(recs))
		}
		if r.Pillar != types.PillarSecurity || r.State != types.RecommendationStateOpen || r.Status != types.RecommendationStatusActive ||
			r.Impact == "" || r.Effort == "" || r.Priority == "" || !slices.Equal(r.Applications, []string{"Agent blog", "Agent shop"}) {
			t.Errorf("recommendation for an unselected practice = %+v", r)
		}
		iac, ok := recs[choiceTitle(t, srv, f.failing)]
		if !ok || aws.ToInt32(iac.NumberOfResources) == 0 || iac.Type != types.RecommendationTypeResource {
			t.Fatalf("recommendation for the failing practice = %+v (found %v)", iac, ok)
		}
		full, err := f.c.GetAgentRecommendation(ctx, &wa.GetAgentRecommendationInput{RecommendationArn: iac.RecommendationArn})
		if err != nil || !slices.Contains(full.Sources, types.RecommendationSourceCustomerIac) || len(full.Remediations) != 1 ||
			len(full.Remediations[0].Steps) == 0 || len(full.Remediations[0].ResourceLinks) == 0 || full.RemediationSummary == nil {
			t.Fatalf("GetAgentRecommendation = %+v, %v", full, err)
		}
		items, err := f.c.ListAgentRecommendationItems(ctx, &wa.ListAgentRecommendationItemsInput{RecommendationArn: iac.RecommendationArn})
		if err != nil || len(items.Items) != int(aws.ToInt32(iac.NumberOfResources)) {
			t.Fatalf("ListAgentRecommendationItems = %+v, %v", items, err)
		}
		var md struct {
			ResourceName, ResourceType, File, Workload string
			Line                                       int
		}
		raw, err := items.Items[0].Metadata.MarshalSmithyDocument()
		if err == nil {
			err = json.Unmarshal(raw, &md)
		}
		if err != nil || items.Items[0].Type != types.RecommendationItemTypeAwsResource || md.ResourceName == "" ||
			!strings.HasPrefix(md.ResourceType, "AWS::") || !strings.HasSuffix(md.File, ".yaml") || md.Line == 0 || md.Workload != "Agent shop" {
			t.Errorf("item metadata = %s (%v)", raw, err)
		}

		// Suppress one; answer another practice in both workloads; run again.
		if _, err := f.c.UpdateAgentRecommendationStatus(ctx, &wa.UpdateAgentRecommendationStatusInput{RecommendationArn: iac.RecommendationArn,
			Status: types.RecommendationStatusSuppressed, UpdateReason: aws.String("accepted risk")}); err != nil {
			t.Fatal(err)
		}
		for _, w := range f.ws {
			f.answer(t, w, f.question.Choices[0].ID, unselected.ID)
		}
		f.start(t)
		if n := runGenerations(t, srv); n != 1 {
			t.Fatalf("the worker ended %d generations, want 1", n)
		}
		after := f.recommendations(t)
		if a := after[unselected.Title]; a.State != types.RecommendationStateClosed || aws.ToString(a.RecommendationArn) != aws.ToString(r.RecommendationArn) {
			t.Errorf("the answered practice's recommendation = %s %s, want CLOSED %s", a.State, aws.ToString(a.RecommendationArn), aws.ToString(r.RecommendationArn))
		}
		if a := after[aws.ToString(iac.Title)]; a.State != types.RecommendationStateOpen || a.Status != types.RecommendationStatusSuppressed ||
			aws.ToString(a.UpdateReason) != "accepted risk" || aws.ToString(a.RecommendationArn) != aws.ToString(iac.RecommendationArn) {
			t.Errorf("the suppressed recommendation after regeneration = %+v", a)
		}
		open, err := f.c.ListAgentRecommendations(ctx, &wa.ListAgentRecommendationsInput{ProfileArn: f.profile, State: types.RecommendationStateOpen})
		if err != nil || len(open.Items) != len(after)-1 {
			t.Errorf("open recommendations: %d of %d (%v)", len(open.Items), len(after), err)
		}
		gens, err := f.c.ListAgentRecommendationGenerations(ctx, &wa.ListAgentRecommendationGenerationsInput{ProfileArn: f.profile})
		if err != nil || len(gens.Items) != 2 || gens.Items[0].Status != types.GenerationStatusCompleted {
			t.Errorf("ListAgentRecommendationGenerations = %+v, %v", gens, err)
		}

		// Feedback is kept, each call one more.
		for _, fb := range []*wa.PutAgentRecommendationFeedbackInput{
			{RecommendationArn: iac.RecommendationArn, Type: types.RecommendationFeedbackTypeUseful},
			{RecommendationArn: iac.RecommendationArn, Type: types.RecommendationFeedbackTypeNotUseful, FeedbackCategory: types.FeedbackCategoryResourceNotImportant, Comments: aws.String("test stack")},
		} {
			if _, err := f.c.PutAgentRecommendationFeedback(ctx, fb); err != nil {
				t.Fatal(err)
			}
		}
		var kept []*wat.AgentFeedback
		if err := srv.Store.View(ctx, func(tx wat.Tx) (err error) {
			kept, err = tx.ListAgentFeedback(ctx, aws.ToString(iac.RecommendationArn))
			return err
		}); err != nil || len(kept) != 2 || kept[1].Category != "RESOURCE_NOT_IMPORTANT" || kept[1].Comments != "test stack" {
			t.Errorf("stored feedback = %+v, %v", kept, err)
		}

		// Another account sees none of it.
		_, other := newAccount(t, srv, "agent-outsider")
		_, err = other.GetAgentRecommendation(ctx, &wa.GetAgentRecommendationInput{RecommendationArn: iac.RecommendationArn})
		wantNotFound(t, err)
		_, err = other.ListAgentRecommendations(ctx, &wa.ListAgentRecommendationsInput{ProfileArn: f.profile})
		wantNotFound(t, err)
		_, err = other.StartAgentRecommendationGeneration(ctx, &wa.StartAgentRecommendationGenerationInput{ProfileArn: f.profile,
			Types: []types.RecommendationType{types.RecommendationTypeArchitecture}, Scope: &types.Scope{Pillars: []types.Pillar{types.PillarSecurity}}})
		// The model declares no ResourceNotFoundException for it: the SDK
		// cannot type the 404.
		if httpStatus(err) != 404 {
			t.Errorf("another account's StartAgentRecommendationGeneration: %v, want a 404", err)
		}
	})
}

// TestAgentGenerationLease: a job claimed by a worker that died is taken
// again once its lease has expired, and not before.
func TestAgentGenerationLease(t *testing.T) {
	t.Parallel()
	forEachBackend(t, func(t *testing.T, srv *testserver.Server) {
		ctx := context.Background()
		f := newAgentFixture(t, srv)
		g := f.start(t)
		claim := func(until time.Duration) {
			t.Helper()
			if err := srv.Store.Update(ctx, func(tx wat.Tx) error {
				_, err := tx.ClaimAgentGeneration(ctx, "dead-worker", time.Now(), time.Now().Add(until))
				return err
			}); err != nil {
				t.Fatal(err)
			}
		}
		claim(time.Hour)
		if n := runGenerations(t, srv); n != 0 {
			t.Fatalf("the worker took a job whose lease runs: %d", n)
		}
		// The dead worker's lease runs out (its claim is re-written as
		// expired, as time would make it).
		if err := srv.Store.Update(ctx, func(tx wat.Tx) error {
			cur, err := tx.GetAgentGeneration(ctx, *f.profile, *g.Id)
			if err != nil {
				return err
			}
			cur.LeaseUntil = time.Now().Add(-time.Second)
			return tx.UpdateAgentGeneration(ctx, cur)
		}); err != nil {
			t.Fatal(err)
		}
		if n := runGenerations(t, srv); n != 1 {
			t.Fatalf("the worker ended %d generations after the lease, want 1", n)
		}
		got, err := f.c.GetAgentRecommendationGeneration(ctx, &wa.GetAgentRecommendationGenerationInput{ProfileArn: f.profile, GenerationId: g.Id})
		if err != nil || got.Status != types.GenerationStatusCompleted {
			t.Fatalf("generation after its lease = %+v, %v", got, err)
		}
		if len(f.recommendations(t)) == 0 {
			t.Error("no recommendations")
		}
	})
}
