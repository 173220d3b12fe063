package api_test

import (
	"context"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected/types"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/wat-dev/wat/internal/testserver"
)

// pillarCounts returns each pillar's RiskCounts of a lens review, by pillar id.
func pillarCounts(r *types.LensReview) map[string]map[string]int32 {
	out := map[string]map[string]int32{}
	for _, p := range r.PillarReviewSummaries {
		out[aws.ToString(p.PillarId)] = p.RiskCounts
	}
	return out
}

// listAllAnswers pages through ListAnswers and returns every summary.
func listAllAnswers(t *testing.T, c *wellarchitected.Client, in wellarchitected.ListAnswersInput) []types.AnswerSummary {
	t.Helper()
	var all []types.AnswerSummary
	for page := 1; ; page++ {
		out, err := c.ListAnswers(context.Background(), &in)
		if err != nil {
			t.Fatalf("ListAnswers page %d: %v", page, err)
		}
		all = append(all, out.AnswerSummaries...)
		if out.NextToken == nil {
			return all
		}
		if page > 60 {
			t.Fatal("ListAnswers does not end")
		}
		in.NextToken = out.NextToken
	}
}

// TestLensReview checks a fresh lens review and its notes.
func TestLensReview(t *testing.T) {
	t.Parallel()
	fw := framework(t)
	forEachBackend(t, func(t *testing.T, srv *testserver.Server) {
		ctx := context.Background()
		c := srv.Client
		id := createWorkload(t, c, workloadInput("Lens Review"))

		list, err := c.ListLensReviews(ctx, &wellarchitected.ListLensReviewsInput{WorkloadId: aws.String(id)})
		if err != nil {
			t.Fatal(err)
		}
		fresh := riskCounts(map[types.Risk]int32{types.RiskUnanswered: 57})
		wantSummary := []types.LensReviewSummary{{
			LensAlias: aws.String(lensAlias), LensArn: aws.String(lensARN), LensName: aws.String("AWS Well-Architected Framework"),
			LensVersion: aws.String("2026-05"), LensStatus: types.LensStatusCurrent, RiskCounts: fresh,
		}}
		if diff := cmp.Diff(wantSummary, list.LensReviewSummaries, sdkOpts, cmpopts.IgnoreFields(types.LensReviewSummary{}, "UpdatedAt")); diff != "" {
			t.Errorf("ListLensReviews (-want +got):\n%s", diff)
		}

		got, err := c.GetLensReview(ctx, &wellarchitected.GetLensReviewInput{WorkloadId: aws.String(id), LensAlias: aws.String(lensAlias)})
		if err != nil {
			t.Fatal(err)
		}
		want := &types.LensReview{
			LensAlias: aws.String(lensAlias), LensArn: aws.String(lensARN), LensName: aws.String("AWS Well-Architected Framework"),
			LensVersion: aws.String("2026-05"), LensStatus: types.LensStatusCurrent, RiskCounts: fresh,
		}
		for _, p := range fw.Pillars {
			want.PillarReviewSummaries = append(want.PillarReviewSummaries, types.PillarReviewSummary{
				PillarId: aws.String(p), PillarName: aws.String(fw.PillarNames[p]),
				RiskCounts: riskCounts(map[types.Risk]int32{types.RiskUnanswered: int32(len(fw.PillarQuestions(p)))}),
			})
		}
		ignoreTime := cmpopts.IgnoreFields(types.LensReview{}, "UpdatedAt")
		if diff := cmp.Diff(want, got.LensReview, sdkOpts, ignoreTime); diff != "" {
			t.Errorf("GetLensReview of a fresh workload (-want +got):\n%s", diff)
		}

		// Notes: the lens's, then per pillar, merged over updates.
		up, err := c.UpdateLensReview(ctx, &wellarchitected.UpdateLensReviewInput{
			WorkloadId: aws.String(id), LensAlias: aws.String(lensAlias),
			LensNotes: aws.String("Reviewed with the team"), PillarNotes: map[string]string{"security": "MFA everywhere"},
		})
		if err != nil {
			t.Fatal(err)
		}
		want.Notes = aws.String("Reviewed with the team")
		want.PillarReviewSummaries[1].Notes = aws.String("MFA everywhere")
		if diff := cmp.Diff(want, up.LensReview, sdkOpts, ignoreTime); diff != "" {
			t.Errorf("UpdateLensReview response (-want +got):\n%s", diff)
		}
		if _, err := c.UpdateLensReview(ctx, &wellarchitected.UpdateLensReviewInput{
			WorkloadId: aws.String(id), LensAlias: aws.String(lensAlias), PillarNotes: map[string]string{"reliability": "Multi-AZ"},
		}); err != nil {
			t.Fatal(err)
		}
		want.PillarReviewSummaries[2].Notes = aws.String("Multi-AZ")
		_, err = c.UpdateLensReview(ctx, &wellarchitected.UpdateLensReviewInput{
			WorkloadId: aws.String(id), LensAlias: aws.String(lensAlias), PillarNotes: map[string]string{"happiness": "no such pillar"},
		})
		wantValidation(t, err, "PillarNotes")
		_, err = c.UpdateLensReview(ctx, &wellarchitected.UpdateLensReviewInput{
			WorkloadId: aws.String(id), LensAlias: aws.String("serverless"), LensNotes: aws.String("no such lens"),
		})
		wantNotFound(t, err)
		got, err = c.GetLensReview(ctx, &wellarchitected.GetLensReviewInput{WorkloadId: aws.String(id), LensAlias: aws.String(lensAlias)})
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, got.LensReview, sdkOpts, ignoreTime); diff != "" {
			t.Errorf("GetLensReview after notes (-want +got):\n%s", diff)
		}
		_, err = c.GetLensReview(ctx, &wellarchitected.GetLensReviewInput{WorkloadId: aws.String(id), LensAlias: aws.String("serverless")})
		wantNotFound(t, err)

		// The lens ARN works wherever an alias does (the SDK escapes its "/").
		byARN, err := c.GetLensReview(ctx, &wellarchitected.GetLensReviewInput{WorkloadId: aws.String(id), LensAlias: aws.String(lensARN)})
		if err != nil {
			t.Fatalf("GetLensReview by lens ARN: %v", err)
		}
		if diff := cmp.Diff(got.LensReview, byARN.LensReview, sdkOpts); diff != "" {
			t.Errorf("GetLensReview by ARN differs from by alias (-alias +arn):\n%s", diff)
		}
		if _, err := c.UpdateAnswer(ctx, &wellarchitected.UpdateAnswerInput{
			WorkloadId: aws.String(id), LensAlias: aws.String(lensARN), QuestionId: aws.String("priorities"), SelectedChoices: []string{"ops_priorities_no"},
		}); err != nil {
			t.Fatalf("UpdateAnswer by lens ARN: %v", err)
		}
		a, err := c.GetAnswer(ctx, &wellarchitected.GetAnswerInput{WorkloadId: aws.String(id), LensAlias: aws.String(lensAlias), QuestionId: aws.String("priorities")})
		if err != nil {
			t.Fatal(err)
		}
		if a.Answer.Risk != types.RiskHigh || aws.ToString(a.LensAlias) != lensAlias {
			t.Errorf("answer given through the lens ARN, read through the alias: lens %q, risk %s; want %s, HIGH", aws.ToString(a.LensAlias), a.Answer.Risk, lensAlias)
		}
	})
}

// TestListAnswers pages through the 57 questions and applies the filters.
func TestListAnswers(t *testing.T) {
	t.Parallel()
	fw := framework(t)
	srv := startSQLite(t)
	ctx := context.Background()
	c := srv.Client
	id := createWorkload(t, c, workloadInput("List Answers"))

	var sizes []int
	var got []types.AnswerSummary
	in := &wellarchitected.ListAnswersInput{WorkloadId: aws.String(id), LensAlias: aws.String(lensAlias), MaxResults: aws.Int32(10)}
	for {
		out, err := c.ListAnswers(ctx, in)
		if err != nil {
			t.Fatal(err)
		}
		if aws.ToString(out.LensAlias) != lensAlias || aws.ToString(out.LensArn) != lensARN || aws.ToString(out.WorkloadId) != id {
			t.Errorf("ListAnswers names lens %q (%q) of workload %q", aws.ToString(out.LensAlias), aws.ToString(out.LensArn), aws.ToString(out.WorkloadId))
		}
		sizes = append(sizes, len(out.AnswerSummaries))
		got = append(got, out.AnswerSummaries...)
		if out.NextToken == nil || len(sizes) > 10 {
			break
		}
		in.NextToken = out.NextToken
	}
	if diff := cmp.Diff([]int{10, 10, 10, 10, 10, 7}, sizes); diff != "" {
		t.Errorf("ListAnswers page sizes with MaxResults 10 (-want +got):\n%s", diff)
	}
	type row struct {
		Pillar, Question, Title string
		Choices                 []string
		Risk                    types.Risk
	}
	var want, have []row
	for _, q := range fw.Questions {
		want = append(want, row{q.Pillar, q.ID, q.Title, q.ChoiceIDs(), types.RiskUnanswered})
	}
	for _, s := range got {
		r := row{Pillar: aws.ToString(s.PillarId), Question: aws.ToString(s.QuestionId), Title: aws.ToString(s.QuestionTitle), Risk: s.Risk}
		for _, ch := range s.Choices {
			r.Choices = append(r.Choices, aws.ToString(ch.ChoiceId))
		}
		have = append(have, r)
		if len(s.SelectedChoices) != 0 || !aws.ToBool(s.IsApplicable) {
			t.Errorf("fresh answer %s: selected %q, applicable %v", r.Question, s.SelectedChoices, aws.ToBool(s.IsApplicable))
		}
	}
	if diff := cmp.Diff(want, have); diff != "" {
		t.Errorf("ListAnswers of a fresh workload against the framework CSV (-want +got):\n%s", diff)
	}

	for _, p := range fw.Pillars {
		var wantIDs, gotIDs []string
		for _, q := range fw.PillarQuestions(p) {
			wantIDs = append(wantIDs, q.ID)
		}
		for _, s := range listAllAnswers(t, c, wellarchitected.ListAnswersInput{WorkloadId: aws.String(id), LensAlias: aws.String(lensAlias), PillarId: aws.String(p)}) {
			gotIDs = append(gotIDs, aws.ToString(s.QuestionId))
		}
		if diff := cmp.Diff(wantIDs, gotIDs); diff != "" {
			t.Errorf("ListAnswers(PillarId %s) (-want +got):\n%s", p, diff)
		}
	}
	prioritized := listAllAnswers(t, c, wellarchitected.ListAnswersInput{WorkloadId: aws.String(id), LensAlias: aws.String(lensAlias), QuestionPriority: types.QuestionPriorityPrioritized})
	if len(prioritized) != 0 {
		t.Errorf("ListAnswers(PRIORITIZED) without a profile lists %d questions, want none", len(prioritized))
	}
	_, err := c.ListAnswers(ctx, &wellarchitected.ListAnswersInput{WorkloadId: aws.String(id), LensAlias: aws.String(lensAlias), PillarId: aws.String("happiness")})
	wantValidation(t, err, "PillarId")
	_, err = c.ListAnswers(ctx, &wellarchitected.ListAnswersInput{WorkloadId: aws.String(id), LensAlias: aws.String("serverless")})
	wantNotFound(t, err)
}

// TestGetAnswer checks a question's content against the framework CSV.
func TestGetAnswer(t *testing.T) {
	t.Parallel()
	fw := framework(t)
	srv := startSQLite(t)
	ctx := context.Background()
	c := srv.Client
	id := createWorkload(t, c, workloadInput("Get Answer"))

	for _, qid := range []string{"priorities", "ops-model", "securely-operate", fw.Questions[56].ID} {
		q := fw.ByID[qid]
		if q == nil {
			t.Fatalf("no question %q in the CSV", qid)
		}
		out, err := c.GetAnswer(ctx, &wellarchitected.GetAnswerInput{WorkloadId: aws.String(id), LensAlias: aws.String(lensAlias), QuestionId: aws.String(qid)})
		if err != nil {
			t.Errorf("GetAnswer(%s): %v", qid, err)
			continue
		}
		if aws.ToString(out.LensAlias) != lensAlias || aws.ToString(out.LensArn) != lensARN || aws.ToString(out.WorkloadId) != id {
			t.Errorf("GetAnswer(%s) names lens %q (%q) of workload %q", qid, aws.ToString(out.LensAlias), aws.ToString(out.LensArn), aws.ToString(out.WorkloadId))
		}
		a := out.Answer
		type choice struct{ ID, Title, PlanURL string }
		var wantChoices, gotChoices []choice
		for _, p := range q.Practices {
			wantChoices = append(wantChoices, choice{p.ChoiceID, p.Title, p.URL})
		}
		wantChoices = append(wantChoices, choice{q.NoneID(), "None of these", ""})
		for _, ch := range a.Choices {
			g := choice{ID: aws.ToString(ch.ChoiceId), Title: aws.ToString(ch.Title)}
			if ch.ImprovementPlan != nil {
				g.PlanURL = aws.ToString(ch.ImprovementPlan.Url)
			}
			gotChoices = append(gotChoices, g)
		}
		if diff := cmp.Diff(wantChoices, gotChoices); diff != "" {
			t.Errorf("GetAnswer(%s) choices: id, title, improvement plan URL (-want +got):\n%s", qid, diff)
		}
		gotHead := []string{aws.ToString(a.QuestionId), aws.ToString(a.PillarId), aws.ToString(a.QuestionTitle), string(a.Risk)}
		if diff := cmp.Diff([]string{q.ID, q.Pillar, q.Title, string(types.RiskUnanswered)}, gotHead); diff != "" {
			t.Errorf("GetAnswer(%s) id, pillar, title, risk (-want +got):\n%s", qid, diff)
		}
		if u := aws.ToString(a.HelpfulResourceUrl); !strings.HasPrefix(u, "https://") {
			t.Errorf("GetAnswer(%s) HelpfulResourceUrl = %q, want a link", qid, u)
		}
		if !aws.ToBool(a.IsApplicable) || len(a.SelectedChoices) != 0 || len(a.ChoiceAnswers) != 0 {
			t.Errorf("GetAnswer(%s) of a fresh workload: applicable %v, selected %q, choice answers %+v", qid, aws.ToBool(a.IsApplicable), a.SelectedChoices, a.ChoiceAnswers)
		}
	}
	_, err := c.GetAnswer(ctx, &wellarchitected.GetAnswerInput{WorkloadId: aws.String(id), LensAlias: aws.String(lensAlias), QuestionId: aws.String("no-such-question")})
	wantNotFound(t, err)
	_, err = c.GetAnswer(ctx, &wellarchitected.GetAnswerInput{WorkloadId: aws.String(strings.Repeat("d", 32)), LensAlias: aws.String(lensAlias), QuestionId: aws.String("priorities")})
	wantNotFound(t, err)
}
