package api_test

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected/types"
	"github.com/google/go-cmp/cmp"

	"github.com/wat-dev/wat"
	"github.com/wat-dev/wat/internal/testserver"
	"github.com/wat-dev/wat/lens"
	"github.com/wat-dev/wat/lens/catalog"
)

// TestCatalogEveryEntry takes every entry of the lens catalog embedded in
// wat through what a reviewer does with it: its document validates, it
// installs into the account (through the service, which
// InstallLensCatalogEntry calls; e2e_catalog_api_test.go tests the API),
// it is applied to a workload with AssociateLenses, every question is
// listed by ListAnswers and answered by UpdateAnswer with its first
// choice, and GetLensReview counts the risks its rules give, which are
// those the lens package computes for the same answers.
func TestCatalogEveryEntry(t *testing.T) {
	cat, err := catalog.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	forEachBackend(t, func(t *testing.T, srv *testserver.Server) {
		admin := wat.NewContextWithPrincipal(context.Background(), &wat.Principal{
			AccountID: srv.Admin.AccountID, UserName: "admin", UserARN: srv.Admin.UserARN, IsAdmin: true})
		ctx, c := context.Background(), srv.Client
		w := createWorkload(t, c, workloadInput(testserver.RandomName("catalog")))
		for _, e := range cat.Entries() {
			t.Run(e.ID, func(t *testing.T) {
				if _, _, ps := lens.Validate(e.Document); len(ps) > 0 {
					t.Fatalf("the document does not validate: %v", ps)
				}
				in, err := srv.Service.InstallCatalogLens(admin, e.ID)
				if err != nil {
					t.Fatalf("InstallCatalogLens: %v", err)
				}
				arn := &in.LensARN
				if _, err := c.AssociateLenses(ctx, &wellarchitected.AssociateLensesInput{WorkloadId: &w, LensAliases: []string{in.LensARN}}); err != nil {
					t.Fatalf("AssociateLenses: %v", err)
				}
				// A workload has at most 20 lenses and an account 15 custom
				// lenses: each entry's is removed again.
				defer func() {
					c.DisassociateLenses(ctx, &wellarchitected.DisassociateLensesInput{WorkloadId: &w, LensAliases: []string{in.LensARN}})
					if _, err := c.DeleteLens(ctx, &wellarchitected.DeleteLensInput{LensAlias: arn, LensStatus: types.LensStatusTypeAll}); err != nil {
						t.Errorf("DeleteLens: %v", err)
					}
				}()

				var listed []string
				for token := (*string)(nil); ; {
					out, err := c.ListAnswers(ctx, &wellarchitected.ListAnswersInput{WorkloadId: &w, LensAlias: arn, NextToken: token, MaxResults: aws.Int32(50)})
					if err != nil {
						t.Fatalf("ListAnswers: %v", err)
					}
					for _, a := range out.AnswerSummaries {
						listed = append(listed, aws.ToString(a.QuestionId))
					}
					if token = out.NextToken; token == nil {
						break
					}
				}
				var questions []string
				want := map[types.Risk]int32{}
				for _, q := range e.Lens.Questions() {
					questions = append(questions, q.ID)
					first := q.Choices[0].ID
					out, err := c.UpdateAnswer(ctx, &wellarchitected.UpdateAnswerInput{WorkloadId: &w, LensAlias: arn,
						QuestionId: aws.String(q.ID), SelectedChoices: []string{first}})
					if err != nil {
						t.Fatalf("UpdateAnswer(%s, %s): %v", q.ID, first, err)
					}
					risk := types.Risk(q.Risk([]string{first}, nil, true))
					if out.Answer.Risk != risk {
						t.Errorf("question %s answered %s: risk %s, the lens gives %s", q.ID, first, out.Answer.Risk, risk)
					}
					want[risk]++
				}
				if diff := cmp.Diff(questions, listed); diff != "" {
					t.Errorf("ListAnswers's questions (-lens +listed):\n%s", diff)
				}
				if int(want[types.RiskUnanswered]) != 0 || len(questions) != e.Questions {
					t.Errorf("%d questions (the entry says %d), %d without a risk", len(questions), e.Questions, want[types.RiskUnanswered])
				}
				rv, err := c.GetLensReview(ctx, &wellarchitected.GetLensReviewInput{WorkloadId: &w, LensAlias: arn})
				if err != nil {
					t.Fatalf("GetLensReview: %v", err)
				}
				got := map[types.Risk]int32{}
				for r, n := range rv.LensReview.RiskCounts {
					if n > 0 {
						got[types.Risk(r)] = n
					}
				}
				if diff := cmp.Diff(want, got); diff != "" {
					t.Errorf("GetLensReview's risk counts (-lens +review):\n%s", diff)
				}
				if aws.ToString(rv.LensReview.LensVersion) != e.Version {
					t.Errorf("the review is of version %s, want %s", aws.ToString(rv.LensReview.LensVersion), e.Version)
				}
			})
		}
	})
}
