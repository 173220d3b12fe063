package api_test

// The "None of these" choices of the built-in lens carry AWS's ids
// (sec_securely_operate_no), so scripts and data from AWS work against wat;
// wat's former ids (securely_operate_no) are still accepted on input, and
// never answered.

import (
	"context"
	"encoding/base64"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	wa "github.com/aws/aws-sdk-go-v2/service/wellarchitected"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected/types"

	"github.com/wat-dev/wat/api/wire"
	"github.com/wat-dev/wat/internal/testserver"
	"github.com/wat-dev/wat/internal/watclient"
)

func TestNoneOfTheseAWSIDs(t *testing.T) {
	t.Parallel()
	forEachBackend(t, func(t *testing.T, srv *testserver.Server) {
		ctx, c := context.Background(), srv.Client
		facts := framework(t)
		sec := facts.ByID["securely-operate"]
		if sec.NoneID() != "sec_securely_operate_no" || sec.LegacyNone != "securely_operate_no" {
			t.Fatalf("securely-operate's None of these ids are %q and %q", sec.NoneID(), sec.LegacyNone)
		}
		id := createWorkload(t, c, workloadInput("None of these"))
		answer := func(question string, in wa.UpdateAnswerInput) (*wa.UpdateAnswerOutput, error) {
			in.WorkloadId, in.LensAlias, in.QuestionId = &id, aws.String(lensAlias), aws.String(question)
			return c.UpdateAnswer(ctx, &in)
		}
		get := func(question string, milestone *int32) *types.Answer {
			t.Helper()
			out, err := c.GetAnswer(ctx, &wa.GetAnswerInput{WorkloadId: &id, LensAlias: aws.String(lensAlias),
				QuestionId: aws.String(question), MilestoneNumber: milestone})
			if err != nil {
				t.Fatalf("GetAnswer(%s): %v", question, err)
			}
			return out.Answer
		}
		wantSelected := func(what string, got *types.Answer, want ...string) {
			t.Helper()
			if !slices.Equal(got.SelectedChoices, want) || got.Risk != types.RiskHigh {
				t.Errorf("%s: SelectedChoices %q, risk %s; want %q, HIGH", what, got.SelectedChoices, got.Risk, want)
			}
		}

		// AWS's id, as a script written for AWS sends it.
		out, err := answer("securely-operate", wa.UpdateAnswerInput{SelectedChoices: []string{"sec_securely_operate_no"}})
		if err != nil {
			t.Fatalf("UpdateAnswer with sec_securely_operate_no: %v", err)
		}
		wantSelected("UpdateAnswer", out.Answer, "sec_securely_operate_no")
		got := get("securely-operate", nil)
		wantSelected("GetAnswer", got, "sec_securely_operate_no")
		var choiceIDs []string
		for _, ch := range got.Choices {
			choiceIDs = append(choiceIDs, aws.ToString(ch.ChoiceId))
		}
		if !slices.Equal(choiceIDs, sec.ChoiceIDs()) {
			t.Errorf("GetAnswer Choices %q, want %q", choiceIDs, sec.ChoiceIDs())
		}

		// The former ids are accepted, in SelectedChoices and in
		// ChoiceUpdates, and answered as AWS's.
		out, err = answer("priorities", wa.UpdateAnswerInput{SelectedChoices: []string{"priorities_no"}})
		if err != nil {
			t.Fatalf("UpdateAnswer with the former priorities_no: %v", err)
		}
		wantSelected("UpdateAnswer with priorities_no", out.Answer, "ops_priorities_no")
		wantSelected("GetAnswer after priorities_no", get("priorities", nil), "ops_priorities_no")
		if _, err := answer("securely-operate", wa.UpdateAnswerInput{SelectedChoices: []string{"securely_operate_no"}}); err != nil {
			t.Fatalf("UpdateAnswer with the former securely_operate_no: %v", err)
		}
		wantSelected("GetAnswer after securely_operate_no", get("securely-operate", nil), "sec_securely_operate_no")
		_, err = answer("application-security", wa.UpdateAnswerInput{ChoiceUpdates: map[string]types.ChoiceUpdate{
			"application_security_no": {Status: types.ChoiceStatusSelected}}})
		if err != nil {
			t.Fatalf("ChoiceUpdates with the former application_security_no: %v", err)
		}
		wantSelected("GetAnswer after application_security_no", get("application-security", nil), "sec_appsec_no")
		// A former id is still "None of these", with its rules.
		_, err = answer("priorities", wa.UpdateAnswerInput{SelectedChoices: []string{"priorities_no", facts.ByID["priorities"].Practices[0].ChoiceID}})
		wantValidation(t, err, "SelectedChoices")

		// ListAnswers, a milestone and the export show AWS's ids only.
		var summaries []types.AnswerSummary
		p := wa.NewListAnswersPaginator(c, &wa.ListAnswersInput{WorkloadId: &id, LensAlias: aws.String(lensAlias)})
		for p.HasMorePages() {
			page, err := p.NextPage(ctx)
			if err != nil {
				t.Fatal(err)
			}
			summaries = append(summaries, page.AnswerSummaries...)
		}
		if len(summaries) != 57 {
			t.Fatalf("ListAnswers: %d answers, want 57", len(summaries))
		}
		for _, s := range summaries {
			q := facts.ByID[aws.ToString(s.QuestionId)]
			last := s.Choices[len(s.Choices)-1]
			if aws.ToString(last.ChoiceId) != q.NoneID() || aws.ToString(last.Title) != "None of these" {
				t.Errorf("ListAnswers %s: last choice %s %q, want %s", q.ID, aws.ToString(last.ChoiceId), aws.ToString(last.Title), q.NoneID())
			}
			if len(s.SelectedChoices) > 0 && !slices.Equal(s.SelectedChoices, []string{q.NoneID()}) {
				t.Errorf("ListAnswers %s: SelectedChoices %q, want [%s]", q.ID, s.SelectedChoices, q.NoneID())
			}
		}
		if _, err := c.CreateMilestone(ctx, &wa.CreateMilestoneInput{WorkloadId: &id, MilestoneName: aws.String("Version 1"), ClientRequestToken: aws.String("m1")}); err != nil {
			t.Fatal(err)
		}
		wantSelected("GetAnswer of milestone 1", get("priorities", aws.Int32(1)), "ops_priorities_no")
		export, err := watclient.FromSDK(c).GetLensReviewExport(ctx, &wire.GetLensReviewExportInput{WorkloadId: &id,
			LensAlias: aws.String(lensAlias), Format: wire.ExportFormatCsv, MilestoneNumber: aws.Int32(1)})
		if err != nil {
			t.Fatal(err)
		}
		csv, err := base64.StdEncoding.DecodeString(aws.ToString(export.Base64String))
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{",securely-operate,sec_securely_operate_no", ",priorities,ops_priorities_no", ",application-security,sec_appsec_no"} {
			if !strings.Contains(string(csv), want) {
				t.Errorf("the CSV export has no %q", want)
			}
		}
		if strings.Contains(string(csv), ",priorities_no") || strings.Contains(string(csv), ",securely_operate_no") {
			t.Errorf("the CSV export names a former id")
		}

		// Review templates: the same ids, and a workload made from the
		// template inherits AWS's.
		arn := createTemplate(t, c, "None of these")
		tout, err := c.UpdateReviewTemplateAnswer(ctx, &wa.UpdateReviewTemplateAnswerInput{TemplateArn: &arn, LensAlias: aws.String(lensAlias),
			QuestionId: aws.String("securely-operate"), SelectedChoices: []string{"securely_operate_no"}})
		if err != nil {
			t.Fatalf("UpdateReviewTemplateAnswer with the former id: %v", err)
		}
		if got := tout.Answer.SelectedChoices; !slices.Equal(got, []string{"sec_securely_operate_no"}) {
			t.Errorf("UpdateReviewTemplateAnswer SelectedChoices %q, want [sec_securely_operate_no]", got)
		}
		if _, err := c.UpdateReviewTemplateAnswer(ctx, &wa.UpdateReviewTemplateAnswerInput{TemplateArn: &arn, LensAlias: aws.String(lensAlias),
			QuestionId: aws.String("priorities"), SelectedChoices: []string{"ops_priorities_no"}}); err != nil {
			t.Fatalf("UpdateReviewTemplateAnswer with AWS's id: %v", err)
		}
		lt, err := c.ListReviewTemplateAnswers(ctx, &wa.ListReviewTemplateAnswersInput{TemplateArn: &arn, LensAlias: aws.String(lensAlias),
			PillarId: aws.String("security")})
		if err != nil {
			t.Fatal(err)
		}
		if got := lt.AnswerSummaries[0]; aws.ToString(got.QuestionId) != "securely-operate" || !slices.Equal(got.SelectedChoices, []string{"sec_securely_operate_no"}) {
			t.Errorf("ListReviewTemplateAnswers: %s selects %q, want securely-operate selecting [sec_securely_operate_no]", aws.ToString(got.QuestionId), got.SelectedChoices)
		}
		in := workloadInput("From the template")
		in.ReviewTemplateArns = []string{arn}
		id = createWorkload(t, c, in)
		wantSelected("GetAnswer of a workload from the template", get("securely-operate", nil), "sec_securely_operate_no")
		wantSelected("GetAnswer of a workload from the template", get("priorities", nil), "ops_priorities_no")

		// Evidence is never for "None of these", by either id.
		for _, none := range []string{"sec_securely_operate_no", "securely_operate_no"} {
			err := putRaw(c, id, `{"Rules":[{"Id":"r","Title":"t","Severity":"low","ChoiceIds":["`+none+`"]}]}`)
			wantValidation(t, err, "Rules[0].ChoiceIds[0]")
			var ve *types.ValidationException
			if errors.As(err, &ve) && (len(ve.Fields) != 1 || !strings.Contains(aws.ToString(ve.Fields[0].Message), "None of these")) {
				t.Errorf("evidence for %s: %+v, want one problem naming None of these", none, ve.Fields)
			}
		}
	})
}
