package api_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	wa "github.com/aws/aws-sdk-go-v2/service/wellarchitected"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected/types"

	"github.com/wat-dev/wat"
	"github.com/wat-dev/wat/api/wire"
	"github.com/wat-dev/wat/internal/watclient"
)

// riskDetail is the detail of a "risk changed" event.
type riskDetail struct {
	Scope              string         `json:"scope"`
	WorkloadID         string         `json:"workloadId"`
	LensArn            string         `json:"lensArn"`
	QuestionID         string         `json:"questionId"`
	PreviousRisk       string         `json:"previousRisk"`
	Risk               string         `json:"risk"`
	PreviousRiskCounts map[string]int `json:"previousRiskCounts"`
	RiskCounts         map[string]int `json:"riskCounts"`
}

// riskEvents returns the verified "risk changed" details of workload id.
func riskEvents(t *testing.T, r *hookReceiver, secret, id string) (questions, workloads []riskDetail) {
	t.Helper()
	for _, m := range hooksOfType(r.messages(), wat.EventRiskChanged) {
		if !m.Verified[secret] {
			t.Errorf("message %s does not verify", m.ID)
		}
		var d riskDetail
		if err := json.Unmarshal(m.Env.Detail, &d); err != nil {
			t.Fatal(err)
		}
		switch {
		case d.WorkloadID != id:
		case d.Scope == "QUESTION":
			questions = append(questions, d)
		case d.Scope == "WORKLOAD":
			workloads = append(workloads, d)
		default:
			t.Errorf("scope %q", d.Scope)
		}
	}
	return questions, workloads
}

// TestWebhookRiskChanged: every path that changes answers publishes the
// question's risk change and, when the workload's risk counts move, the
// workload's: UpdateAnswer, ApplySuggestedAnswers, a workload created from
// a review template, a lens upgrade. An answer whose risk stays publishes
// nothing.
func TestWebhookRiskChanged(t *testing.T) {
	srv := startSQLite(t)
	ctx := context.Background()
	c := watclient.FromSDK(srv.Client)
	r := newHookReceiver(t)
	_, secret := subscribe(t, c, r.URL, wat.EventRiskChanged)
	r.trust(secret)
	total := len(srv.Service.Lenses().Framework().Lens.Questions())

	// UpdateAnswer: not applicable, then only its notes.
	q := srv.Service.Lenses().Framework().Lens.Questions()[0].ID
	w1 := createWorkload(t, srv.Client, workloadInput("Risk by answer"))
	for _, in := range []*wa.UpdateAnswerInput{
		{IsApplicable: aws.Bool(false), Reason: types.AnswerReasonOutOfScope},
		{Notes: aws.String("still out of scope")},
	} {
		in.WorkloadId, in.LensAlias, in.QuestionId = &w1, aws.String(lensAlias), &q
		if _, err := srv.Client.UpdateAnswer(ctx, in); err != nil {
			t.Fatal(err)
		}
	}
	deliver(t, srv, loopbackWorker(t))
	qs, ws := riskEvents(t, r, secret, w1)
	if len(qs) != 1 || qs[0].QuestionID != q || qs[0].PreviousRisk != "UNANSWERED" || qs[0].Risk != "NOT_APPLICABLE" {
		t.Errorf("UpdateAnswer: question events %+v, want one of %s UNANSWERED → NOT_APPLICABLE", qs, q)
	}
	if len(ws) != 1 || ws[0].PreviousRiskCounts["UNANSWERED"] != total || ws[0].RiskCounts["UNANSWERED"] != total-1 || ws[0].RiskCounts["NOT_APPLICABLE"] != 1 {
		t.Errorf("UpdateAnswer: workload events %+v, want one from %d unanswered to %d and 1 not applicable", ws, total, total-1)
	}

	// ApplySuggestedAnswers.
	w2 := createWorkload(t, srv.Client, workloadInput("Risk by evidence"))
	putEvidence(t, srv.Client, scanFixtures(t, "testdata/evidence/*.yaml").input(w2))
	out, err := c.ApplySuggestedAnswers(ctx, &wire.ApplySuggestedAnswersInput{WorkloadId: &w2, LensAlias: aws.String(lensAlias)})
	if err != nil {
		t.Fatal(err)
	}
	deliver(t, srv, loopbackWorker(t))
	qs, ws = riskEvents(t, r, secret, w2)
	if len(out.AppliedAnswers) == 0 || len(qs) == 0 || len(qs) > len(out.AppliedAnswers) || len(ws) != 1 ||
		ws[0].RiskCounts["UNANSWERED"] != total-len(qs) {
		t.Errorf("ApplySuggestedAnswers applied %d answers: %d question events, workload events %+v", len(out.AppliedAnswers), len(qs), ws)
	}

	// A workload created from a review template with an answer.
	tmpl := createTemplate(t, srv.Client, "Risky template")
	if _, err := srv.Client.UpdateReviewTemplateAnswer(ctx, &wa.UpdateReviewTemplateAnswerInput{TemplateArn: &tmpl, LensAlias: aws.String(lensAlias),
		QuestionId: &q, IsApplicable: aws.Bool(false), Reason: types.AnswerReasonOutOfScope}); err != nil {
		t.Fatal(err)
	}
	in := workloadInput("Risk by template")
	in.ReviewTemplateArns = []string{tmpl}
	w3 := createWorkload(t, srv.Client, in)
	deliver(t, srv, loopbackWorker(t))
	qs, ws = riskEvents(t, r, secret, w3)
	if len(qs) != 0 || len(ws) != 1 || ws[0].PreviousRiskCounts["UNANSWERED"] != total || ws[0].RiskCounts["NOT_APPLICABLE"] != 1 {
		t.Errorf("from a template: question events %+v, workload events %+v; want only the workload's", qs, ws)
	}

	// A lens upgrade whose new version rates the same answer higher.
	doc := customLensJSON("Risk Lens", "")
	arn := importLens(t, srv.Client, doc, "")
	publish(t, srv.Client, arn, "1.0", true)
	w4 := createWorkload(t, srv.Client, workloadInput("Risk by upgrade"))
	if _, err := srv.Client.AssociateLenses(ctx, &wa.AssociateLensesInput{WorkloadId: &w4, LensAliases: []string{arn}}); err != nil {
		t.Fatal(err)
	}
	if _, err := srv.Client.UpdateAnswer(ctx, &wa.UpdateAnswerInput{WorkloadId: &w4, LensAlias: &arn, QuestionId: aws.String("sec_identity"),
		SelectedChoices: []string{"sec_mfa"}}); err != nil {
		t.Fatal(err)
	}
	stricter := strings.Replace(doc, `{"condition": "sec_mfa", "risk": "MEDIUM_RISK"}`, `{"condition": "sec_keys", "risk": "MEDIUM_RISK"}`, 1)
	importLens(t, srv.Client, stricter, arn)
	publish(t, srv.Client, arn, "2.0", true)
	deliver(t, srv, loopbackWorker(t))
	seen := len(r.messages())
	if _, err := srv.Client.UpgradeLensReview(ctx, &wa.UpgradeLensReviewInput{WorkloadId: &w4, LensAlias: &arn, MilestoneName: aws.String("before 2.0")}); err != nil {
		t.Fatal(err)
	}
	deliver(t, srv, loopbackWorker(t))
	r.mu.Lock()
	r.got = r.got[seen:]
	r.mu.Unlock()
	qs, ws = riskEvents(t, r, secret, w4)
	if len(qs) != 1 || qs[0].LensArn != arn || qs[0].PreviousRisk != "MEDIUM" || qs[0].Risk != "HIGH" {
		t.Errorf("upgrade: question events %+v, want sec_identity MEDIUM → HIGH", qs)
	}
	if len(ws) != 1 || ws[0].RiskCounts["HIGH"] != ws[0].PreviousRiskCounts["HIGH"]+1 || ws[0].RiskCounts["MEDIUM"] != ws[0].PreviousRiskCounts["MEDIUM"]-1 {
		t.Errorf("upgrade: workload events %+v, want one moving a MEDIUM to HIGH", ws)
	}
}
