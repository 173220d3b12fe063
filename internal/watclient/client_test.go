package watclient_test

import (
	"context"
	"encoding/base64"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	wa "github.com/aws/aws-sdk-go-v2/service/wellarchitected"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected/types"

	"github.com/wat-dev/wat/api/wire"
	"github.com/wat-dev/wat/internal/testserver"
	"github.com/wat-dev/wat/internal/watclient"
)

// choice is a practice of the framework's question "priorities".
const choice = "ops_priorities_ext_cust_needs"

// TestClientCallsEveryOperation drives each of wat's own operations through
// the generated client against a running server: a call that succeeds,
// and one the model refuses, which comes back as the SDK's
// ValidationException naming the member.
func TestClientCallsEveryOperation(t *testing.T) {
	t.Parallel()
	srv := testserver.Start(t, testserver.Options{})
	ctx := context.Background()
	w, err := srv.Client.CreateWorkload(ctx, &wa.CreateWorkloadInput{
		WorkloadName: aws.String(testserver.RandomName("client")), Description: aws.String("A workload"), Environment: types.WorkloadEnvironmentProduction,
		Lenses: []string{"wellarchitected"}, AwsRegions: []string{"us-east-1"}, ReviewOwner: aws.String("Owner"), ClientRequestToken: aws.String("t"),
	})
	if err != nil {
		t.Fatal(err)
	}
	id, alias := w.WorkloadId, aws.String("wellarchitected")
	c := watclient.New(aws.Config{Region: testserver.Region, BaseEndpoint: aws.String(srv.URL),
		Credentials: credentials.NewStaticCredentialsProvider(srv.Admin.AccessKeyID, srv.Admin.SecretAccessKey, "")})
	upload := func(title string) *wire.PutWorkloadEvidenceInput {
		return &wire.PutWorkloadEvidenceInput{WorkloadId: id, LensAlias: alias, Tool: aws.String("client test"),
			Rules: []wire.EvidenceRule{{Id: aws.String("r1"), Title: aws.String(title), Severity: wire.EvidenceSeverityHigh,
				ChoiceIds: []string{choice}, Passed: aws.Int32(2)}}}
	}

	put, err := c.PutWorkloadEvidence(ctx, upload("A rule"))
	if err != nil || aws.ToInt32(put.RuleCount) != 1 || aws.ToInt32(put.CheckCount) != 1 || put.RuleStatusCounts["OKAY"] != 1 || put.UpdatedAt == nil {
		t.Fatalf("PutWorkloadEvidence: %+v, %v", put, err)
	}
	_, err = c.PutWorkloadEvidence(ctx, upload(strings.Repeat("t", watclient.MaxEvidenceRuleTitle+1)))
	wantValidation(t, "PutWorkloadEvidence", err, "Rules[0].Title")

	sug, err := c.GetSuggestedAnswers(ctx, &wire.GetSuggestedAnswersInput{WorkloadId: id, LensAlias: alias})
	if err != nil || len(sug.SuggestedAnswers) != 1 || aws.ToString(sug.SuggestedAnswers[0].QuestionId) != "priorities" ||
		!aws.ToBool(sug.SuggestedAnswers[0].HasChanges) || sug.SuggestedAnswers[0].SuggestedRisk == "" {
		t.Fatalf("GetSuggestedAnswers: %+v, %v", sug, err)
	}
	_, err = c.GetSuggestedAnswers(ctx, &wire.GetSuggestedAnswersInput{WorkloadId: aws.String("not-a-workload-id"), LensAlias: alias})
	wantValidation(t, "GetSuggestedAnswers", err, "WorkloadId")

	_, err = c.ApplySuggestedAnswers(ctx, &wire.ApplySuggestedAnswersInput{WorkloadId: id, LensAlias: alias,
		QuestionIds: make([]string, watclient.MaxApplySuggestedAnswersInputQuestionIds+1)})
	wantValidation(t, "ApplySuggestedAnswers", err, "QuestionIds")
	applied, err := c.ApplySuggestedAnswers(ctx, &wire.ApplySuggestedAnswersInput{WorkloadId: id, LensAlias: alias, QuestionIds: []string{"priorities"}})
	if err != nil || len(applied.AppliedAnswers) != 1 || aws.ToString(applied.AppliedAnswers[0].QuestionId) != "priorities" {
		t.Fatalf("ApplySuggestedAnswers: %+v, %v", applied, err)
	}
	answer, err := srv.Client.GetAnswer(ctx, &wa.GetAnswerInput{WorkloadId: id, LensAlias: alias, QuestionId: aws.String("priorities")})
	if err != nil || !slices.Contains(answer.Answer.SelectedChoices, choice) {
		t.Fatalf("after ApplySuggestedAnswers, the answer selects %v (%v), want %s", answer.Answer.SelectedChoices, err, choice)
	}

	export, err := c.GetLensReviewExport(ctx, &wire.GetLensReviewExportInput{WorkloadId: id, LensAlias: alias, Format: wire.ExportFormatMarkdown})
	if err != nil || export.Format != wire.ExportFormatMarkdown || !strings.HasSuffix(aws.ToString(export.FileName), ".md") {
		t.Fatalf("GetLensReviewExport: %+v, %v", export, err)
	}
	if md, err := base64.StdEncoding.DecodeString(aws.ToString(export.Base64String)); err != nil || !strings.Contains(string(md), "priorities") {
		t.Errorf("the Markdown export does not show the question (%v):\n%.300s", err, md)
	}
	_, err = c.GetLensReviewExport(ctx, &wire.GetLensReviewExportInput{WorkloadId: id, LensAlias: alias, Format: "DOCX"})
	wantValidation(t, "GetLensReviewExport", err, "Format")
	_, err = c.GetLensReviewExport(ctx, &wire.GetLensReviewExportInput{WorkloadId: id, LensAlias: alias, Format: wire.ExportFormatCsv, MilestoneNumber: aws.Int32(0)})
	wantValidation(t, "GetLensReviewExport", err, "MilestoneNumber")
}

// TestClientErrors: an error the model declares comes back as the SDK's
// type; one it does not (an unsigned call's, a request no operation
// matches) as a generic API error with the server's code.
func TestClientErrors(t *testing.T) {
	t.Parallel()
	srv := testserver.Start(t, testserver.Options{})
	ctx := context.Background()
	in := &wire.GetSuggestedAnswersInput{WorkloadId: aws.String("0123456789abcdef0123456789abcdef"), LensAlias: aws.String("wellarchitected")}
	_, err := watclient.FromSDK(srv.Client).GetSuggestedAnswers(ctx, in)
	var notFound *types.ResourceNotFoundException
	if !errors.As(err, &notFound) || aws.ToString(notFound.ResourceId) == "" {
		t.Errorf("an unknown workload: %v, want ResourceNotFoundException with its id", err)
	}
	var api interface{ ErrorCode() string }
	anonymous := watclient.New(aws.Config{Region: testserver.Region, BaseEndpoint: aws.String(srv.URL)})
	if _, err := anonymous.GetSuggestedAnswers(ctx, in); !errors.As(err, &api) || api.ErrorCode() != "MissingAuthenticationTokenException" {
		t.Errorf("an unsigned call: %v, want MissingAuthenticationTokenException", err)
	}
	if err := watclient.FromSDK(srv.Client).Call(ctx, "GET", "/no/such/operation", nil, &struct{}{}); !errors.As(err, &api) || api.ErrorCode() != "UnknownOperationException" {
		t.Errorf("an unknown operation: %v, want UnknownOperationException", err)
	}
}

// wantValidation fails unless err is the SDK's ValidationException naming
// field.
func wantValidation(t *testing.T, op string, err error, field string) {
	t.Helper()
	var ve *types.ValidationException
	if !errors.As(err, &ve) {
		t.Errorf("%s: %v, want ValidationException naming %s", op, err, field)
		return
	}
	for _, f := range ve.Fields {
		if aws.ToString(f.Name) == field {
			return
		}
	}
	t.Errorf("%s: ValidationException %q names %+v, want %s", op, ve.ErrorMessage(), ve.Fields, field)
}
