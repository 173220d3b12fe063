package api_test

// Review templates through the SDK: their lifecycle, answers and question
// counts, workloads created from them, validation and isolation.

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	wa "github.com/aws/aws-sdk-go-v2/service/wellarchitected"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected/types"
	"github.com/google/go-cmp/cmp"

	"github.com/wat-dev/wat/internal/testserver"
)

var templateARNRE = regexp.MustCompile(`^arn:aws:wellarchitected:[a-z0-9-]+:\d{12}:review-template/[a-f0-9]{32}$`)

// createTemplate creates a review template of the framework lens and
// returns its ARN.
func createTemplate(t *testing.T, c *wa.Client, name string) string {
	t.Helper()
	out, err := c.CreateReviewTemplate(context.Background(), &wa.CreateReviewTemplateInput{
		TemplateName: aws.String(name), Description: aws.String("Shared landing zone"),
		Lenses: []string{lensAlias}, Notes: aws.String("Template notes"), ClientRequestToken: aws.String(name),
	})
	if err != nil {
		t.Fatalf("CreateReviewTemplate(%q): %v", name, err)
	}
	return aws.ToString(out.TemplateArn)
}

func counts(answered, unanswered int32) map[string]int32 {
	return map[string]int32{"ANSWERED": answered, "UNANSWERED": unanswered}
}

func TestReviewTemplateLifecycle(t *testing.T) {
	forEachBackend(t, func(t *testing.T, srv *testserver.Server) {
		ctx, c := context.Background(), srv.Client
		arn := createTemplate(t, c, "Landing Zone")
		if !templateARNRE.MatchString(arn) {
			t.Errorf("TemplateArn = %q, want a review-template ARN", arn)
		}
		// A retry with the same token is the same template.
		if again := createTemplate(t, c, "Landing Zone"); again != arn {
			t.Errorf("a retried CreateReviewTemplate made %s, want %s", again, arn)
		}
		got, err := c.GetReviewTemplate(ctx, &wa.GetReviewTemplateInput{TemplateArn: &arn})
		if err != nil {
			t.Fatal(err)
		}
		want := &types.ReviewTemplate{
			TemplateArn: &arn, TemplateName: aws.String("Landing Zone"), Description: aws.String("Shared landing zone"),
			Notes: aws.String("Template notes"), Lenses: []string{lensAlias}, Owner: aws.String(srv.Admin.AccountID),
			QuestionCounts: counts(0, 57), UpdateStatus: types.ReviewTemplateUpdateStatusCurrent,
		}
		if diff := cmp.Diff(want, got.ReviewTemplate, sdkOpts, cmp.FilterPath(func(p cmp.Path) bool { return p.Last().String() == ".UpdatedAt" }, cmp.Ignore())); diff != "" {
			t.Errorf("GetReviewTemplate (-want +got):\n%s", diff)
		}

		// Names are unique in the account, ignoring case and spaces.
		_, err = c.CreateReviewTemplate(ctx, &wa.CreateReviewTemplateInput{TemplateName: aws.String("landingzone"),
			Description: aws.String("Another"), Lenses: []string{lensAlias}, ClientRequestToken: aws.String("other")})
		wantConflict(t, err)

		up, err := c.UpdateReviewTemplate(ctx, &wa.UpdateReviewTemplateInput{TemplateArn: &arn,
			TemplateName: aws.String("Landing Zone v2"), Notes: aws.String("New notes")})
		if err != nil {
			t.Fatal(err)
		}
		if n, d := aws.ToString(up.ReviewTemplate.TemplateName), aws.ToString(up.ReviewTemplate.Notes); n != "Landing Zone v2" || d != "New notes" {
			t.Errorf("UpdateReviewTemplate gave name %q and notes %q", n, d)
		}
		_, err = c.UpdateReviewTemplate(ctx, &wa.UpdateReviewTemplateInput{TemplateArn: &arn, LensesToDisassociate: []string{lensAlias}})
		wantValidation(t, err, "LensesToDisassociate")

		lr, err := c.UpdateReviewTemplateLensReview(ctx, &wa.UpdateReviewTemplateLensReviewInput{TemplateArn: &arn, LensAlias: aws.String(lensAlias),
			LensNotes: aws.String("Lens notes"), PillarNotes: map[string]string{"security": "Central IAM"}})
		if err != nil {
			t.Fatal(err)
		}
		if n := aws.ToString(lr.LensReview.Notes); n != "Lens notes" {
			t.Errorf("lens notes = %q", n)
		}
		_, err = c.UpdateReviewTemplateLensReview(ctx, &wa.UpdateReviewTemplateLensReviewInput{TemplateArn: &arn, LensAlias: aws.String(lensAlias),
			PillarNotes: map[string]string{"nopillar": "x"}})
		wantValidation(t, err, "PillarNotes")
		rv, err := c.GetReviewTemplateLensReview(ctx, &wa.GetReviewTemplateLensReviewInput{TemplateArn: &arn, LensAlias: aws.String(lensAlias)})
		if err != nil {
			t.Fatal(err)
		}
		if len(rv.LensReview.PillarReviewSummaries) != 6 || rv.LensReview.LensStatus != types.LensStatusCurrent {
			t.Errorf("lens review has %d pillars and status %s, want 6 and CURRENT", len(rv.LensReview.PillarReviewSummaries), rv.LensReview.LensStatus)
		}
		for _, p := range rv.LensReview.PillarReviewSummaries {
			if aws.ToString(p.PillarId) == "security" && aws.ToString(p.Notes) != "Central IAM" {
				t.Errorf("security pillar notes = %q", aws.ToString(p.Notes))
			}
		}
		_, err = c.UpgradeReviewTemplateLensReview(ctx, &wa.UpgradeReviewTemplateLensReviewInput{TemplateArn: &arn, LensAlias: aws.String(lensAlias)})
		wantValidation(t, err, "LensAlias")

		list, err := c.ListReviewTemplates(ctx, &wa.ListReviewTemplatesInput{})
		if err != nil {
			t.Fatal(err)
		}
		if len(list.ReviewTemplates) != 1 || aws.ToString(list.ReviewTemplates[0].TemplateName) != "Landing Zone v2" {
			t.Errorf("ListReviewTemplates = %+v, want the template", list.ReviewTemplates)
		}

		if _, err := c.DeleteReviewTemplate(ctx, &wa.DeleteReviewTemplateInput{TemplateArn: &arn, ClientRequestToken: aws.String("del")}); err != nil {
			t.Fatal(err)
		}
		_, err = c.GetReviewTemplate(ctx, &wa.GetReviewTemplateInput{TemplateArn: &arn})
		wantNotFound(t, err)
		_, err = c.DeleteReviewTemplate(ctx, &wa.DeleteReviewTemplateInput{TemplateArn: &arn, ClientRequestToken: aws.String("del2")})
		wantNotFound(t, err)
	})
}

func TestReviewTemplateAnswers(t *testing.T) {
	forEachBackend(t, func(t *testing.T, srv *testserver.Server) {
		ctx, c := context.Background(), srv.Client
		arn := createTemplate(t, c, "Answers")
		update := func(q string, in wa.UpdateReviewTemplateAnswerInput) (*wa.UpdateReviewTemplateAnswerOutput, error) {
			in.TemplateArn, in.LensAlias, in.QuestionId = &arn, aws.String(lensAlias), aws.String(q)
			return c.UpdateReviewTemplateAnswer(ctx, &in)
		}
		out, err := update("priorities", wa.UpdateReviewTemplateAnswerInput{SelectedChoices: []string{"ops_priorities_ext_cust_needs", "ops_priorities_compliance_reqs"},
			Notes: aws.String("Agreed by the platform team")})
		if err != nil {
			t.Fatal(err)
		}
		if got := out.Answer; got.AnswerStatus != types.ReviewTemplateAnswerStatusAnswered || aws.ToString(got.Notes) != "Agreed by the platform team" ||
			!cmp.Equal(got.SelectedChoices, []string{"ops_priorities_ext_cust_needs", "ops_priorities_compliance_reqs"}) {
			t.Errorf("UpdateReviewTemplateAnswer = %+v", got)
		}
		if _, err := update("ops-model", wa.UpdateReviewTemplateAnswerInput{IsApplicable: aws.Bool(false), Reason: types.AnswerReasonOutOfScope}); err != nil {
			t.Fatal(err)
		}
		// The answer rules of UpdateAnswer hold.
		_, err = update("priorities", wa.UpdateReviewTemplateAnswerInput{SelectedChoices: []string{"ops_priorities_no", "ops_priorities_ext_cust_needs"}})
		wantValidation(t, err, "SelectedChoices")
		_, err = update("priorities", wa.UpdateReviewTemplateAnswerInput{SelectedChoices: []string{"nochoice"}})
		wantValidation(t, err, "SelectedChoices")
		_, err = update("priorities", wa.UpdateReviewTemplateAnswerInput{ChoiceUpdates: map[string]types.ChoiceUpdate{
			"ops_priorities_no": {Status: types.ChoiceStatusNotApplicable}}})
		wantValidation(t, err, "ChoiceUpdates")
		_, err = update("noquestion", wa.UpdateReviewTemplateAnswerInput{SelectedChoices: []string{"x"}})
		wantNotFound(t, err)

		g, err := c.GetReviewTemplate(ctx, &wa.GetReviewTemplateInput{TemplateArn: &arn})
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(counts(2, 55), g.ReviewTemplate.QuestionCounts); diff != "" {
			t.Errorf("template QuestionCounts (-want +got):\n%s", diff)
		}
		rv, err := c.GetReviewTemplateLensReview(ctx, &wa.GetReviewTemplateLensReviewInput{TemplateArn: &arn, LensAlias: aws.String(lensAlias)})
		if err != nil {
			t.Fatal(err)
		}
		fw := framework(t)
		for _, p := range rv.LensReview.PillarReviewSummaries {
			n := int32(len(fw.PillarQuestions(aws.ToString(p.PillarId))))
			want := counts(0, n)
			if aws.ToString(p.PillarId) == "operationalExcellence" {
				want = counts(2, n-2)
			}
			if diff := cmp.Diff(want, p.QuestionCounts); diff != "" {
				t.Errorf("pillar %s QuestionCounts (-want +got):\n%s", aws.ToString(p.PillarId), diff)
			}
		}
		list, err := c.ListReviewTemplateAnswers(ctx, &wa.ListReviewTemplateAnswersInput{TemplateArn: &arn, LensAlias: aws.String(lensAlias),
			PillarId: aws.String("operationalExcellence")})
		if err != nil {
			t.Fatal(err)
		}
		answered := 0
		for _, a := range list.AnswerSummaries {
			if aws.ToString(a.PillarId) != "operationalExcellence" {
				t.Errorf("ListReviewTemplateAnswers(operationalExcellence) lists %s of %s", aws.ToString(a.QuestionId), aws.ToString(a.PillarId))
			}
			if a.AnswerStatus == types.ReviewTemplateAnswerStatusAnswered {
				answered++
			}
		}
		if answered != 2 {
			t.Errorf("ListReviewTemplateAnswers has %d answered questions, want 2", answered)
		}
		ga, err := c.GetReviewTemplateAnswer(ctx, &wa.GetReviewTemplateAnswerInput{TemplateArn: &arn, LensAlias: aws.String(lensAlias), QuestionId: aws.String("ops-model")})
		if err != nil {
			t.Fatal(err)
		}
		if a := ga.Answer; aws.ToBool(a.IsApplicable) || a.Reason != types.AnswerReasonOutOfScope {
			t.Errorf("GetReviewTemplateAnswer(ops_model) = applicable %v, reason %s", aws.ToBool(a.IsApplicable), a.Reason)
		}
	})
}

func TestWorkloadFromTemplate(t *testing.T) {
	forEachBackend(t, func(t *testing.T, srv *testserver.Server) {
		ctx, c := context.Background(), srv.Client
		arn := createTemplate(t, c, "Everything")
		fw := framework(t)
		answers := answerTemplate(t, c, arn, fw, 7)
		if _, err := c.UpdateReviewTemplateLensReview(ctx, &wa.UpdateReviewTemplateLensReviewInput{TemplateArn: &arn, LensAlias: aws.String(lensAlias),
			LensNotes: aws.String("From the template"), PillarNotes: map[string]string{"security": "Central IAM"}}); err != nil {
			t.Fatal(err)
		}

		in := workloadInput("From Template")
		in.ReviewTemplateArns = []string{arn}
		id := createWorkload(t, c, in)

		want := map[types.Risk]int32{}
		for _, q := range fw.Questions {
			want[expectedRisk(q, answers[q.ID])]++
		}
		checkRisks := func(when string) {
			t.Helper()
			lr, err := c.GetLensReview(ctx, &wa.GetLensReviewInput{WorkloadId: &id, LensAlias: aws.String(lensAlias)})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(riskCounts(want), lr.LensReview.RiskCounts); diff != "" {
				t.Errorf("%s: risk counts (-want +got):\n%s", when, diff)
			}
			if n := aws.ToString(lr.LensReview.Notes); n != "From the template" {
				t.Errorf("%s: lens notes = %q, want the template's", when, n)
			}
		}
		checkRisks("created from the template")
		w, err := c.GetWorkload(ctx, &wa.GetWorkloadInput{WorkloadId: &id})
		if err != nil {
			t.Fatal(err)
		}
		if n := aws.ToString(w.Workload.Notes); n != "Template notes" {
			t.Errorf("workload notes = %q, want the template's", n)
		}
		q := fw.Questions[0]
		ga, err := c.GetAnswer(ctx, &wa.GetAnswerInput{WorkloadId: &id, LensAlias: aws.String(lensAlias), QuestionId: &q.ID})
		if err != nil {
			t.Fatal(err)
		}
		if r := expectedRisk(q, answers[q.ID]); ga.Answer.Risk != r {
			t.Errorf("the copied answer to %s has risk %s, want %s", q.ID, ga.Answer.Risk, r)
		}

		// Later changes to the template do not touch the workload.
		for _, q := range fw.Questions[:5] {
			if _, err := c.UpdateReviewTemplateAnswer(ctx, &wa.UpdateReviewTemplateAnswerInput{TemplateArn: &arn, LensAlias: aws.String(lensAlias),
				QuestionId: &q.ID, SelectedChoices: []string{q.NoneID()}}); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := c.UpdateReviewTemplateLensReview(ctx, &wa.UpdateReviewTemplateLensReviewInput{TemplateArn: &arn, LensAlias: aws.String(lensAlias),
			LensNotes: aws.String("Changed later")}); err != nil {
			t.Fatal(err)
		}
		checkRisks("after the template changed")
		if _, err := c.DeleteReviewTemplate(ctx, &wa.DeleteReviewTemplateInput{TemplateArn: &arn, ClientRequestToken: aws.String("d")}); err != nil {
			t.Fatal(err)
		}
		checkRisks("after the template was deleted")

		in = workloadInput("Two Templates")
		in.ReviewTemplateArns = []string{arn, arn}
		_, err = c.CreateWorkload(ctx, in)
		wantValidation(t, err, "ReviewTemplateArns")
		in = workloadInput("Deleted Template")
		in.ReviewTemplateArns = []string{arn}
		_, err = c.CreateWorkload(ctx, in)
		wantNotFound(t, err)
	})
}

// answerTemplate answers every framework question of a template with
// answers drawn from seed (some unanswered) and returns them.
func answerTemplate(t testing.TB, c *wa.Client, arn string, fw *fwFacts, seed uint64) map[string]answerSpec {
	t.Helper()
	next := prng(seed)
	answers := map[string]answerSpec{}
	for _, q := range fw.Questions {
		a := randomAnswer(q, next)
		answers[q.ID] = a
		if a.Selected == nil && !a.Inapplicable {
			continue
		}
		u := updateAnswerInput("", q, a)
		_, err := c.UpdateReviewTemplateAnswer(context.Background(), &wa.UpdateReviewTemplateAnswerInput{
			TemplateArn: &arn, LensAlias: u.LensAlias, QuestionId: u.QuestionId, SelectedChoices: u.SelectedChoices,
			IsApplicable: u.IsApplicable, Reason: u.Reason, ChoiceUpdates: u.ChoiceUpdates,
		})
		if err != nil {
			t.Fatalf("UpdateReviewTemplateAnswer(%s): %v", q.ID, err)
		}
	}
	return answers
}

func TestReviewTemplateValidation(t *testing.T) {
	t.Parallel()
	srv := startSQLite(t)
	ctx, c := context.Background(), srv.Client
	create := func(name, description string, lenses ...string) error {
		_, err := c.CreateReviewTemplate(ctx, &wa.CreateReviewTemplateInput{TemplateName: &name, Description: &description,
			Lenses: lenses, ClientRequestToken: aws.String(testserver.RandomName("t"))})
		return err
	}
	wantValidation(t, create("ab", "A template", lensAlias), "TemplateName")
	wantValidation(t, create(strings.Repeat("n", 101), "A template", lensAlias), "TemplateName")
	wantValidation(t, create("a    b", "A template", lensAlias), "TemplateName")
	wantValidation(t, create("Template", "  x  ", lensAlias), "Description")
	wantValidation(t, create("Template", "Bad <chars>", lensAlias), "Description")
	wantValidation(t, create("Template", "A template", "nolens"), "Lenses")
	_, err := c.CreateReviewTemplate(ctx, &wa.CreateReviewTemplateInput{TemplateName: aws.String("Tags"), Description: aws.String("A template"),
		Lenses: []string{lensAlias}, Tags: map[string]string{"aws:x": "y"}, ClientRequestToken: aws.String("tags")})
	wantValidation(t, err, "Tags")
	// The framework lens is applied even when not asked for.
	arn := createTemplate(t, c, "Framework Always")
	g, err := c.GetReviewTemplate(ctx, &wa.GetReviewTemplateInput{TemplateArn: &arn})
	if err != nil {
		t.Fatal(err)
	}
	if !cmp.Equal(g.ReviewTemplate.Lenses, []string{lensAlias}) {
		t.Errorf("Lenses = %v", g.ReviewTemplate.Lenses)
	}
	_, err = c.GetReviewTemplate(ctx, &wa.GetReviewTemplateInput{TemplateArn: aws.String(strings.Replace(arn, arn[len(arn)-32:], strings.Repeat("0", 32), 1))})
	wantNotFound(t, err)
}

func TestReviewTemplateIsolation(t *testing.T) {
	forEachBackend(t, func(t *testing.T, srv *testserver.Server) {
		ctx := context.Background()
		arn := createTemplate(t, srv.Client, "Mine")
		creds, err := srv.Service.CreateAccount(ctx, "other")
		if err != nil {
			t.Fatal(err)
		}
		other := srv.NewClient(creds.AccessKeyID, creds.SecretAccessKey)
		_, err = other.GetReviewTemplate(ctx, &wa.GetReviewTemplateInput{TemplateArn: &arn})
		wantNotFound(t, err)
		_, err = other.UpdateReviewTemplateAnswer(ctx, &wa.UpdateReviewTemplateAnswerInput{TemplateArn: &arn, LensAlias: aws.String(lensAlias),
			QuestionId: aws.String("priorities"), SelectedChoices: []string{"ops_priorities_no"}})
		wantNotFound(t, err)
		_, err = other.DeleteReviewTemplate(ctx, &wa.DeleteReviewTemplateInput{TemplateArn: &arn, ClientRequestToken: aws.String("x")})
		wantNotFound(t, err)
		list, err := other.ListReviewTemplates(ctx, &wa.ListReviewTemplatesInput{})
		if err != nil {
			t.Fatal(err)
		}
		if len(list.ReviewTemplates) != 0 {
			t.Errorf("another account lists %d templates, want none", len(list.ReviewTemplates))
		}
		in := workloadInput("Not Mine")
		in.ReviewTemplateArns = []string{arn}
		_, err = other.CreateWorkload(ctx, in)
		wantNotFound(t, err)
		if _, err := srv.Client.GetReviewTemplate(ctx, &wa.GetReviewTemplateInput{TemplateArn: &arn}); err != nil {
			t.Errorf("the owner's GetReviewTemplate: %v", err)
		}
	})
}

func TestReviewTemplateUpgrade(t *testing.T) {
	forEachBackend(t, func(t *testing.T, srv *testserver.Server) {
		ctx, c := context.Background(), srv.Client
		extra := `
	  {"id": "sec_extra", "title": "Extra", "description": "Dropped in 2.0.", "improvementPlan": {"displayText": "Extra", "url": "https://example.com/extra"}},`
		lensARN := importLens(t, c, customLensJSON("Baseline", extra), "")
		publish(t, c, lensARN, "1.0", true)
		out, err := c.CreateReviewTemplate(ctx, &wa.CreateReviewTemplateInput{TemplateName: aws.String("Custom"),
			Description: aws.String("With a custom lens"), Lenses: []string{lensARN}, ClientRequestToken: aws.String("custom")})
		if err != nil {
			t.Fatal(err)
		}
		arn := aws.ToString(out.TemplateArn)
		if _, err := c.UpdateReviewTemplateAnswer(ctx, &wa.UpdateReviewTemplateAnswerInput{TemplateArn: &arn, LensAlias: &lensARN,
			QuestionId: aws.String("sec_identity"), SelectedChoices: []string{"sec_mfa", "sec_extra"}}); err != nil {
			t.Fatal(err)
		}
		status := func() types.ReviewTemplateUpdateStatus {
			t.Helper()
			g, err := c.GetReviewTemplate(ctx, &wa.GetReviewTemplateInput{TemplateArn: &arn})
			if err != nil {
				t.Fatal(err)
			}
			if !cmp.Equal(g.ReviewTemplate.Lenses, []string{lensAlias, lensARN}) {
				t.Errorf("Lenses = %v, want the framework and the custom lens", g.ReviewTemplate.Lenses)
			}
			return g.ReviewTemplate.UpdateStatus
		}
		if s := status(); s != types.ReviewTemplateUpdateStatusCurrent {
			t.Errorf("UpdateStatus = %s, want CURRENT", s)
		}
		importLens(t, c, customLensJSON("Baseline", ""), lensARN)
		publish(t, c, lensARN, "2.0", true)
		if s := status(); s != types.ReviewTemplateUpdateStatusLensNotCurrent {
			t.Errorf("UpdateStatus after 2.0 = %s, want LENS_NOT_CURRENT", s)
		}
		if _, err := c.UpgradeReviewTemplateLensReview(ctx, &wa.UpgradeReviewTemplateLensReviewInput{TemplateArn: &arn, LensAlias: &lensARN}); err != nil {
			t.Fatal(err)
		}
		if s := status(); s != types.ReviewTemplateUpdateStatusCurrent {
			t.Errorf("UpdateStatus after the upgrade = %s, want CURRENT", s)
		}
		ga, err := c.GetReviewTemplateAnswer(ctx, &wa.GetReviewTemplateAnswerInput{TemplateArn: &arn, LensAlias: &lensARN, QuestionId: aws.String("sec_identity")})
		if err != nil {
			t.Fatal(err)
		}
		if !cmp.Equal(ga.Answer.SelectedChoices, []string{"sec_mfa"}) {
			t.Errorf("after the upgrade SelectedChoices = %v, want the surviving sec_mfa", ga.Answer.SelectedChoices)
		}

		// A workload from the template gets the custom lens at 2.0 with the answer.
		in := workloadInput("Custom From Template")
		in.ReviewTemplateArns = []string{arn}
		id := createWorkload(t, c, in)
		lr, err := c.GetLensReview(ctx, &wa.GetLensReviewInput{WorkloadId: &id, LensAlias: &lensARN})
		if err != nil {
			t.Fatal(err)
		}
		if v := aws.ToString(lr.LensReview.LensVersion); v != "2.0" {
			t.Errorf("the workload's review of the custom lens is on %q, want 2.0", v)
		}
		if diff := cmp.Diff(riskCounts(map[types.Risk]int32{types.RiskMedium: 1, types.RiskUnanswered: 1}), lr.LensReview.RiskCounts); diff != "" {
			t.Errorf("the custom lens's risk counts (-want +got):\n%s", diff)
		}
	})
}
