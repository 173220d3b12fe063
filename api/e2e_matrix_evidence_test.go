package api_test

// The matrix rows of the checks and of wat's own evidence operations
// (api/evidence.go), which the SDK does not know: they are called through
// internal/watclient, signed with the column's SDK client's credentials,
// so that every column — recipients, outsiders, unsigned and badly signed
// requests — is checked as for the model's operations.

import (
	"context"
	"slices"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	wa "github.com/aws/aws-sdk-go-v2/service/wellarchitected"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected/types"

	"github.com/wat-dev/wat/api/wire"
	"github.com/wat-dev/wat/internal/watclient"
)

// The choice the matrix's evidence is for, and its rule.
const (
	matrixEvidenceChoice = "ops_priorities_ext_cust_needs"
	matrixEvidenceRule   = "matrix-rule"
)

// matrixEvidence is a minimal upload: one high-severity rule failing on
// one resource.
func matrixEvidence(workloadID string) *wire.PutWorkloadEvidenceInput {
	return &wire.PutWorkloadEvidenceInput{WorkloadId: &workloadID, LensAlias: aws.String(lensAlias), Tool: aws.String("matrix"),
		Rules: []wire.EvidenceRule{{Id: aws.String(matrixEvidenceRule), Title: aws.String("Matrix rule"), Severity: wire.EvidenceSeverityHigh,
			ChoiceIds: []string{matrixEvidenceChoice}, Passed: aws.Int32(1),
			Flagged: []wire.FlaggedResource{{Status: wire.FlaggedStatusFail, Resource: aws.String("Bucket"), File: aws.String("matrix.yaml"), Line: aws.Int32(3)}}}}}
}

// evidenceRows are the rows of the evidence: the upload first, so that the
// reads of those who may upload see it.
func evidenceRows() []*matrixRow {
	pillar, question, choice := aws.String("operationalExcellence"), aws.String("priorities"), aws.String(matrixEvidenceChoice)
	uploaded := func(c *matrixCaller) bool { return c.kind == callerOwner || c.kind == callerContributor }
	return []*matrixRow{
		{op: "PutWorkloadEvidence", kind: opContribute, write: true, call: func(ctx context.Context, c *wa.Client, tg *matrixTarget) (any, error) {
			return watclient.FromSDK(c).PutWorkloadEvidence(ctx, matrixEvidence(tg.id))
		}, effect: func(t *testing.T, e *matrixEnv, _ *matrixCaller, tg *matrixTarget, out any) {
			o := out.(*wire.PutWorkloadEvidenceOutput)
			if aws.ToInt32(o.RuleCount) != 1 || o.RuleStatusCounts["ERROR"] != 1 {
				t.Errorf("PutWorkloadEvidence = %+v, want one ERROR rule", o)
			}
			got, err := e.owner.ListCheckSummaries(context.Background(), &wa.ListCheckSummariesInput{WorkloadId: &tg.id,
				LensArn: aws.String(lensARN), PillarId: pillar, QuestionId: question, ChoiceId: choice})
			if err != nil || len(got.CheckSummaries) != 1 || got.CheckSummaries[0].Status != types.CheckStatusError {
				t.Errorf("the owner's checks after the upload: %+v, %v", got, err)
			}
		}},
		{op: "ListCheckSummaries", kind: opRead, call: func(ctx context.Context, c *wa.Client, tg *matrixTarget) (any, error) {
			return sdkDo(ctx, c.ListCheckSummaries, &wa.ListCheckSummariesInput{WorkloadId: &tg.id, LensArn: aws.String(lensARN),
				PillarId: pillar, QuestionId: question, ChoiceId: choice})
		}, effect: func(t *testing.T, _ *matrixEnv, c *matrixCaller, _ *matrixTarget, out any) {
			s := out.(*wa.ListCheckSummariesOutput).CheckSummaries
			if uploaded(c) && (len(s) != 1 || aws.ToString(s[0].Id) != matrixEvidenceRule) {
				t.Errorf("CheckSummaries = %+v, want the uploaded %s", s, matrixEvidenceRule)
			}
		}},
		{op: "ListCheckDetails", kind: opRead, call: func(ctx context.Context, c *wa.Client, tg *matrixTarget) (any, error) {
			return sdkDo(ctx, c.ListCheckDetails, &wa.ListCheckDetailsInput{WorkloadId: &tg.id, LensArn: aws.String(lensARN),
				PillarId: pillar, QuestionId: question, ChoiceId: choice})
		}, effect: func(t *testing.T, _ *matrixEnv, c *matrixCaller, _ *matrixTarget, out any) {
			d := out.(*wa.ListCheckDetailsOutput).CheckDetails
			if uploaded(c) && (len(d) != 1 || aws.ToInt32(d[0].FlaggedResources) != 1) {
				t.Errorf("CheckDetails = %+v, want the uploaded %s flagging one resource", d, matrixEvidenceRule)
			}
		}},
		{op: "ApplySuggestedAnswers", kind: opContribute, write: true, action: "UpdateAnswer", call: func(ctx context.Context, c *wa.Client, tg *matrixTarget) (any, error) {
			return watclient.FromSDK(c).ApplySuggestedAnswers(ctx, &wire.ApplySuggestedAnswersInput{WorkloadId: &tg.id, LensAlias: aws.String(lensAlias)})
		}, effect: func(t *testing.T, _ *matrixEnv, _ *matrixCaller, _ *matrixTarget, out any) {
			// The matrix's evidence only fails: nothing passes, so nothing is
			// selected, but the failing resource goes into the notes.
			if a := out.(*wire.ApplySuggestedAnswersOutput).AppliedAnswers; len(a) != 1 || aws.ToString(a[0].QuestionId) != "priorities" {
				t.Errorf("AppliedAnswers = %+v, want priorities", a)
			}
		}},
		{op: "GetLensReviewExport", kind: opRead, action: "GetLensReviewReport", call: func(ctx context.Context, c *wa.Client, tg *matrixTarget) (any, error) {
			return watclient.FromSDK(c).GetLensReviewExport(ctx, &wire.GetLensReviewExportInput{WorkloadId: &tg.id, LensAlias: aws.String(lensAlias), Format: wire.ExportFormatMarkdown})
		}, effect: func(t *testing.T, _ *matrixEnv, _ *matrixCaller, _ *matrixTarget, out any) {
			o := out.(*wire.GetLensReviewExportOutput)
			if aws.ToString(o.ContentType) != "text/markdown; charset=utf-8" || aws.ToString(o.Base64String) == "" {
				t.Errorf("GetLensReviewExport = %+v, want a Markdown file", o)
			}
		}},
		{op: "GetSuggestedAnswers", kind: opRead, call: func(ctx context.Context, c *wa.Client, tg *matrixTarget) (any, error) {
			return watclient.FromSDK(c).GetSuggestedAnswers(ctx, &wire.GetSuggestedAnswersInput{WorkloadId: &tg.id, LensAlias: aws.String(lensAlias)})
		}, effect: func(t *testing.T, _ *matrixEnv, c *matrixCaller, _ *matrixTarget, out any) {
			g := out.(*wire.GetSuggestedAnswersOutput).SuggestedAnswers
			if uploaded(c) && (len(g) != 1 || aws.ToString(g[0].QuestionId) != "priorities" || !slices.Equal(g[0].FailingChoices, []string{matrixEvidenceChoice})) {
				t.Errorf("SuggestedAnswers = %+v, want priorities with %s failing", g, matrixEvidenceChoice)
			}
		}},
	}
}
