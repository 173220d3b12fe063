package api_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	wa "github.com/aws/aws-sdk-go-v2/service/wellarchitected"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected/types"

	"github.com/wat-dev/wat"
	"github.com/wat-dev/wat/api/wire"
	"github.com/wat-dev/wat/internal/watclient"
	fw "github.com/wat-dev/wat/lens/framework"
	"github.com/wat-dev/wat/service"
)

// putRaw sends body as PutWorkloadEvidence of workloadID's framework review.
func putRaw(c *wa.Client, workloadID, body string) error {
	path := "/workloads/" + workloadID + "/lensReviews/" + lensAlias + "/evidence"
	return watclient.FromSDK(c).Call(context.Background(), http.MethodPut, path, []byte(body), &wire.PutWorkloadEvidenceOutput{})
}

// TestPutWorkloadEvidenceValidation: an upload is decoded strictly, and
// every problem is reported at once as a ValidationException naming the
// member, before anything is stored.
func TestPutWorkloadEvidenceValidation(t *testing.T) {
	t.Parallel()
	srv := startSQLite(t)
	c := srv.Client
	w := createWorkload(t, c, workloadInput("Validated"))
	rule := `{"Id":"r1","Title":"A rule","Severity":"high","ChoiceIds":["ops_priorities_ext_cust_needs"],"Passed":1}`
	for _, tc := range []struct{ name, body, field string }{
		{"Rules missing", `{}`, "Rules"},
		{"unknown member", `{"Rules":[],"Extra":1}`, "Extra"},
		{"member in the wrong case", `{"rules":[]}`, "rules"},
		{"not an object", `[1]`, "(body)"},
		{"a string for a number", `{"Rules":[{"Id":"r","Title":"t","Severity":"low","ChoiceIds":["ops_priorities_ext_cust_needs"],"Passed":"1"}]}`, "Rules[0].Passed"},
		{"a fraction for a line", `{"Rules":[{"Id":"r","Title":"t","Severity":"low","ChoiceIds":["ops_priorities_ext_cust_needs"],"Flagged":[{"Status":"FAIL","Resource":"B","File":"f","Line":1.5}]}]}`, "Rules[0].Flagged[0].Line"},
		{"unknown flagged member", `{"Rules":[{"Id":"r","Title":"t","Severity":"low","ChoiceIds":["ops_priorities_ext_cust_needs"],"Flagged":[{"Sev":"x"}]}]}`, "Rules[0].Flagged[0].Sev"},
		{"unknown choice", `{"Rules":[{"Id":"r","Title":"t","Severity":"low","ChoiceIds":["no_such_choice"]}]}`, "Rules[0].ChoiceIds[0]"},
		{"None of these", `{"Rules":[{"Id":"r","Title":"t","Severity":"low","ChoiceIds":["ops_priorities_no"]}]}`, "Rules[0].ChoiceIds[0]"},
		{"no choice", `{"Rules":[{"Id":"r","Title":"t","Severity":"low"}]}`, "Rules[0].ChoiceIds"},
		{"bad severity", `{"Rules":[{"Id":"r","Title":"t","Severity":"critical","ChoiceIds":["ops_priorities_ext_cust_needs"]}]}`, "Rules[0].Severity"},
		{"bad rule id", `{"Rules":[{"Id":"-r x","Title":"t","Severity":"low","ChoiceIds":["ops_priorities_ext_cust_needs"]}]}`, "Rules[0].Id"},
		{"rule twice", `{"Rules":[` + rule + `,` + rule + `]}`, "Rules[1].Id"},
		{"bad status", `{"Rules":[{"Id":"r","Title":"t","Severity":"low","ChoiceIds":["ops_priorities_ext_cust_needs"],"Flagged":[{"Status":"PASS","Resource":"B","File":"f"}]}]}`, "Rules[0].Flagged[0].Status"},
		{"flagged without a file", `{"Rules":[{"Id":"r","Title":"t","Severity":"low","ChoiceIds":["ops_priorities_ext_cust_needs"],"Flagged":[{"Status":"FAIL","Resource":"B"}]}]}`, "Rules[0].Flagged[0].File"},
		{"negative line", `{"Rules":[],"Problems":[{"File":"f","Message":"m","Line":-1}]}`, "Problems[0].Line"},
		{"title too long", `{"Rules":[{"Id":"r","Title":"` + strings.Repeat("t", 513) + `","Severity":"low","ChoiceIds":["ops_priorities_ext_cust_needs"]}]}`, "Rules[0].Title"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			wantValidation(t, putRaw(c, w, tc.body), tc.field)
		})
	}
	// Every problem at once.
	err := putRaw(c, w, `{"Rules":[{"Id":"r","Title":"","Severity":"x","ChoiceIds":["nope"]}]}`)
	for _, f := range []string{"Rules[0].Title", "Rules[0].Severity", "Rules[0].ChoiceIds[0]"} {
		wantValidation(t, err, f)
	}
	wantAPIError(t, putRaw(c, w, `{"Rules":[`), "ValidationException", 400)
	wantValidation(t, putRaw(c, "not-a-workload-id", `{"Rules":[]}`), "WorkloadId")
	// Nothing was stored.
	if got, err := c.ListCheckSummaries(context.Background(), checkInput(w, matrixPractice())); err != nil || len(got.CheckSummaries) != 0 {
		t.Errorf("after refused uploads, checks %+v, %v", got, err)
	}
	// Too many rules for one upload: the model's bound.
	many := make([]string, watclient.MaxPutWorkloadEvidenceInputRules+1)
	for i := range many {
		many[i] = fmt.Sprintf(`{"Id":"r%d","Title":"t","Severity":"low","ChoiceIds":["ops_priorities_ext_cust_needs"]}`, i)
	}
	var ve *types.ValidationException
	if err := putRaw(c, w, `{"Rules":[`+strings.Join(many, ",")+`]}`); !errors.As(err, &ve) || len(ve.Fields) != 1 ||
		aws.ToString(ve.Fields[0].Name) != "Rules" || !strings.Contains(ve.ErrorMessage(), "less than or equal to 2000") {
		t.Errorf("%d rules: %v, want a ValidationException on Rules alone", len(many), err)
	}
}

// TestEvidenceAccess: a READONLY recipient reads the checks and the
// suggestions but cannot upload; a CONTRIBUTOR uploads, and its account is
// the one the details name; an unshared account finds nothing; IAM
// policies decide for users, PutWorkloadEvidence being an action of its
// own.
func TestEvidenceAccess(t *testing.T) {
	t.Parallel()
	srv := startSQLite(t)
	ctx := context.Background()
	w := createWorkload(t, srv.Client, workloadInput("Shared evidence"))
	putEvidence(t, srv.Client, matrixEvidence(w))
	account := func(name string) (*service.AccountCredentials, *wa.Client) {
		creds, err := srv.Service.CreateAccount(ctx, name)
		if err != nil {
			t.Fatal(err)
		}
		return creds, srv.NewClient(creds.AccessKeyID, creds.SecretAccessKey)
	}
	reader, readerClient := account("evidence-reader")
	contributor, contributorClient := account("evidence-contributor")
	_, strangerClient := account("evidence-stranger")
	shareWorkload(t, srv.Client, w, reader.AccountID, types.PermissionTypeReadonly)
	shareWorkload(t, srv.Client, w, contributor.AccountID, types.PermissionTypeContributor)
	answerMatrixInvitation(t, readerClient, w, types.ShareInvitationActionAccept)
	answerMatrixInvitation(t, contributorClient, w, types.ShareInvitationActionAccept)

	bp := matrixPractice()
	got, err := readerClient.ListCheckDetails(ctx, detailInput(w, bp))
	if err != nil || len(got.CheckDetails) != 1 || aws.ToString(got.CheckDetails[0].AccountId) != srv.Admin.AccountID {
		t.Errorf("the reader's check details: %+v, %v; want the owner's upload", got, err)
	}
	if g := suggestions(t, readerClient, w); len(g) != 1 {
		t.Errorf("the reader's suggestions: %+v", g)
	}
	_, err = watclient.FromSDK(readerClient).PutWorkloadEvidence(ctx, matrixEvidence(w))
	wantDenied(t, err, reader.UserARN, "PutWorkloadEvidence", "arn:aws:wellarchitected:us-east-1:"+srv.Admin.AccountID+":workload/"+w)

	putEvidence(t, contributorClient, matrixEvidence(w))
	got, err = readerClient.ListCheckDetails(ctx, detailInput(w, bp))
	if err != nil || len(got.CheckDetails) != 1 || aws.ToString(got.CheckDetails[0].AccountId) != contributor.AccountID {
		t.Errorf("after the contributor's upload, details %+v, %v; want its account", got, err)
	}

	_, err = strangerClient.ListCheckSummaries(ctx, checkInput(w, bp))
	wantNotFound(t, err)
	_, err = watclient.FromSDK(strangerClient).GetSuggestedAnswers(ctx, &wire.GetSuggestedAnswersInput{WorkloadId: &w, LensAlias: aws.String(lensAlias)})
	wantNotFound(t, err)

	ro, roARN := newUser(t, srv, "evidence-ro", &service.PolicyInput{Managed: "WellArchitectedConsoleReadOnlyAccess"})
	if g := suggestions(t, ro, w); len(g) != 1 {
		t.Errorf("a read-only user's suggestions: %+v", g)
	}
	_, err = watclient.FromSDK(ro).PutWorkloadEvidence(ctx, matrixEvidence(w))
	wantDenied(t, err, roARN, "PutWorkloadEvidence", "arn:aws:wellarchitected:us-east-1:"+srv.Admin.AccountID+":workload/"+w)
	uploader, _ := newUser(t, srv, "evidence-uploader", &service.PolicyInput{Name: "upload", Document: []byte(`{"Version":"2012-10-17",
	  "Statement":[{"Effect":"Allow","Action":"wellarchitected:PutWorkloadEvidence","Resource":"*"}]}`)})
	putEvidence(t, uploader, matrixEvidence(w))
}

// matrixPractice is the practice of the matrix's evidence.
func matrixPractice() fw.BestPractice {
	return fw.BestPractice{PillarID: "operationalExcellence", QuestionID: "priorities", ChoiceID: matrixEvidenceChoice}
}

// TestEvidenceAudited: an upload is audited like any mutating call, with
// the scan itself reduced to its size.
func TestEvidenceAudited(t *testing.T) {
	t.Parallel()
	srv := startSQLite(t)
	ctx := context.Background()
	w := createWorkload(t, srv.Client, workloadInput("Audited evidence"))
	putEvidence(t, srv.Client, matrixEvidence(w))
	var events []*wat.AuditEvent
	if err := srv.Store.View(ctx, func(tx wat.Tx) (err error) {
		events, err = tx.ListAuditEvents(ctx, wat.AuditFilter{EventName: "PutWorkloadEvidence"}, 0, 10)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if len(events) != 1 {
		t.Fatalf("%d PutWorkloadEvidence events, want 1", len(events))
	}
	var params map[string]any
	if err := json.Unmarshal([]byte(events[0].RequestParameters), &params); err != nil {
		t.Fatal(err)
	}
	if params["Rules"] != float64(1) || params["WorkloadId"] != w || strings.Contains(events[0].RequestParameters, "matrix.yaml") {
		t.Errorf("audited parameters %s: want the workload and the number of rules, no resource", events[0].RequestParameters)
	}
}
