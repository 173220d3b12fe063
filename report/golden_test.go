package report_test

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected/types"

	"github.com/wat-dev/wat"
	"github.com/wat-dev/wat/internal/golden"
	"github.com/wat-dev/wat/internal/testserver"
)

// TestGoldenModel builds the report model of a fixed workload through the
// service and compares it, as JSON, with testdata/*.golden.json.
func TestGoldenModel(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 3, 14, 9, 26, 53, 0, time.UTC)
	srv := testserver.Start(t, testserver.Options{Now: func() time.Time { return now }})
	ctx := context.Background()
	c := srv.Client
	out, err := c.CreateWorkload(ctx, &wellarchitected.CreateWorkloadInput{
		WorkloadName: aws.String("Payments platform"), Description: aws.String("Card payments for the web shop"),
		Environment: types.WorkloadEnvironmentProduction, AwsRegions: []string{"eu-west-1"}, NonAwsRegions: []string{"on-premises DC1"},
		AccountIds: []string{"444455556666"}, ReviewOwner: aws.String("alice@example.com"), ArchitecturalDesign: aws.String("https://example.com/design"),
		IndustryType: aws.String("Financial Services"), Industry: aws.String("Payments"), Notes: aws.String("Reviewed every quarter"),
		PillarPriorities: []string{"security"}, Lenses: []string{"wellarchitected"},
	})
	if err != nil {
		t.Fatal(err)
	}
	id := aws.ToString(out.WorkloadId)
	fw := srv.Service.Lenses().Framework().Lens
	update := func(in *wellarchitected.UpdateAnswerInput) {
		t.Helper()
		in.WorkloadId, in.LensAlias = &id, aws.String("wellarchitected")
		if _, err := c.UpdateAnswer(ctx, in); err != nil {
			t.Fatalf("UpdateAnswer(%s): %v", aws.ToString(in.QuestionId), err)
		}
	}
	for i, p := range fw.Pillars {
		q := p.Questions[0]
		none, _ := q.NoneChoice()
		switch i % 3 {
		case 0: // two practices, one not applicable, notes
			update(&wellarchitected.UpdateAnswerInput{QuestionId: &q.ID, SelectedChoices: []string{q.Choices[0].ID, q.Choices[1].ID},
				ChoiceUpdates: map[string]types.ChoiceUpdate{q.Choices[2].ID: {Status: types.ChoiceStatusNotApplicable, Reason: types.ChoiceReasonArchitectureConstraints, Notes: aws.String("Single region by design")}},
				Notes:         aws.String("Discussed with the team")})
		case 1:
			update(&wellarchitected.UpdateAnswerInput{QuestionId: &q.ID, SelectedChoices: []string{none.ID}})
		case 2:
			update(&wellarchitected.UpdateAnswerInput{QuestionId: &q.ID, IsApplicable: aws.Bool(false), Reason: types.AnswerReasonOutOfScope})
		}
	}
	if _, err := c.UpdateLensReview(ctx, &wellarchitected.UpdateLensReviewInput{WorkloadId: &id, LensAlias: aws.String("wellarchitected"),
		LensNotes: aws.String("Next review in June"), PillarNotes: map[string]string{"security": "Pen test booked"}}); err != nil {
		t.Fatal(err)
	}
	_, p, err := srv.Service.Authenticate(ctx, srv.Admin.AccessKeyID)
	if err != nil {
		t.Fatal(err)
	}
	ctx = wat.NewContextWithPrincipal(ctx, p)
	r, err := srv.Service.LensReviewReport(ctx, id, "wellarchitected", 0)
	if err != nil {
		t.Fatal(err)
	}
	mask := strings.NewReplacer(id, "WORKLOAD_ID", srv.Admin.AccountID, "ACCOUNT_ID")
	goldenJSON(t, "lens_review.golden.json", mask, r)
	goldenText(t, "lens_review.golden.md", mask, r.Markdown())
	html, err := r.HTML()
	if err != nil {
		t.Fatal(err)
	}
	goldenText(t, "lens_review.golden.html", mask, html)
	csv, err := r.CSV()
	if err != nil {
		t.Fatal(err)
	}
	goldenText(t, "lens_review.golden.csv", mask, csv)
	cr, err := srv.Service.ConsolidatedReport(ctx, true)
	if err != nil {
		t.Fatal(err)
	}
	goldenJSON(t, "consolidated_summary.golden.json", mask, cr.Summary())
	csv, err = cr.CSV()
	if err != nil {
		t.Fatal(err)
	}
	goldenText(t, "consolidated.golden.csv", mask, csv)
}

// goldenText compares a text rendering, masked, with testdata/name; with
// -update it rewrites the file.
func goldenText(t *testing.T, name string, mask *strings.Replacer, b []byte) {
	t.Helper()
	golden.Check(t, filepath.Join("testdata", name), []byte(mask.Replace(string(b))))
}

// goldenJSON compares v as indented JSON, masked, with testdata/name; with
// -update it rewrites the file.
func goldenJSON(t *testing.T, name string, mask *strings.Replacer, v any) {
	t.Helper()
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	golden.Check(t, filepath.Join("testdata", name), []byte(mask.Replace(string(b))+"\n"))
}
