package api_test

import (
	"context"
	"encoding/json"
	"net/http"
	"sort"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected"
	"github.com/google/go-cmp/cmp"

	"github.com/wat-dev/wat"
	"github.com/wat-dev/wat/internal/testserver"
	"github.com/wat-dev/wat/service"
)

// TestAuditLog: mutating calls, allowed, denied or wrongly signed, are
// recorded with names, descriptions and notes masked; reads are not.
func TestAuditLog(t *testing.T) {
	forEachBackend(t, func(t *testing.T, srv *testserver.Server) {
		ctx := context.Background()
		const (
			name  = "Secret Payments Platform"
			desc  = "Handles the confidential card flow"
			notes = "we still store PANs in clear, fix before audit"
			owner = "owner@example.com"
		)
		in := workloadInput(name)
		in.Description = aws.String(desc)
		in.ReviewOwner = aws.String(owner)
		id := createWorkload(t, srv.Client, in)
		update := &wellarchitected.UpdateAnswerInput{WorkloadId: aws.String(id), LensAlias: aws.String(lensAlias),
			QuestionId: aws.String("priorities"), SelectedChoices: []string{"ops_priorities_no"}, Notes: aws.String(notes)}
		if _, err := srv.Client.UpdateAnswer(ctx, update); err != nil {
			t.Fatalf("UpdateAnswer: %v", err)
		}
		reader, readerARN := newUser(t, srv, "reader", &service.PolicyInput{Managed: "WellArchitectedConsoleReadOnlyAccess"})
		_, err := reader.UpdateAnswer(ctx, update)
		wantAPIError(t, err, "AccessDeniedException", http.StatusForbidden)
		forged := srv.NewClient(srv.Admin.AccessKeyID, strings.Repeat("x", 40))
		_, err = forged.CreateWorkload(ctx, workloadInput(name))
		wantAPIError(t, err, "InvalidSignatureException", http.StatusForbidden)
		if _, err := srv.Client.GetWorkload(ctx, &wellarchitected.GetWorkloadInput{WorkloadId: aws.String(id)}); err != nil {
			t.Fatalf("GetWorkload: %v", err)
		}

		var events []*wat.AuditEvent
		if err := srv.Store.View(ctx, func(tx wat.Tx) (err error) {
			events, err = tx.ListAuditEvents(ctx, wat.AuditFilter{}, 0, 100)
			return err
		}); err != nil {
			t.Fatal(err)
		}
		// A record is written after its response, so a quick next call can
		// be stored first; the order of the calls is that of their times.
		sort.SliceStable(events, func(i, j int) bool { return events[i].EventTime.Before(events[j].EventTime) })
		acct, adminARN := srv.Admin.AccountID, srv.Admin.UserARN
		adminName := adminARN[strings.LastIndex(adminARN, "/")+1:]
		type row struct {
			EventName, AccountID, UserARN, UserName, AccessKeyID, ErrorCode string
			Params                                                          map[string]any
			HasResponse                                                     bool
		}
		var got []row
		for _, e := range events {
			text, _ := json.Marshal(e)
			for _, clear := range []string{name, desc, notes, owner} {
				if strings.Contains(string(text), clear) {
					t.Errorf("event %s %s holds %q in clear: %s", e.EventName, e.RequestID, clear, text)
				}
			}
			if e.RequestID == "" || e.SourceIPAddress != "127.0.0.1" || !strings.Contains(e.UserAgent, "aws-sdk-go-v2") || e.EventTime.IsZero() {
				t.Errorf("event %s: request id %q, source %q, user agent %q, time %v", e.EventName, e.RequestID, e.SourceIPAddress, e.UserAgent, e.EventTime)
			}
			if (e.ErrorCode == "") == (e.ErrorMessage != "") {
				t.Errorf("event %s: error code %q with message %q", e.EventName, e.ErrorCode, e.ErrorMessage)
			}
			var params map[string]any
			if e.RequestParameters != "" { // none for a caller that failed authentication
				if err := json.Unmarshal([]byte(e.RequestParameters), &params); err != nil {
					t.Errorf("event %s: requestParameters %q: %v", e.EventName, e.RequestParameters, err)
				}
			}
			delete(params, "ClientRequestToken")
			delete(params, "SelectedChoices")
			delete(params, "AwsRegions")
			delete(params, "Lenses")
			if e.ResponseElements != "" && !json.Valid([]byte(e.ResponseElements)) {
				t.Errorf("event %s: responseElements not JSON: %q", e.EventName, e.ResponseElements)
			}
			got = append(got, row{e.EventName, e.AccountID, e.UserARN, e.UserName, e.AccessKeyID, e.ErrorCode, params, e.ResponseElements != ""})
		}
		createParams := map[string]any{"WorkloadName": "****", "Description": "****", "ReviewOwner": "****", "Environment": "PREPRODUCTION"}
		answerParams := map[string]any{"WorkloadId": id, "LensAlias": lensAlias, "QuestionId": "priorities", "Notes": "****"}
		want := []row{
			{"CreateWorkload", acct, adminARN, adminName, srv.Admin.AccessKeyID, "", createParams, true},
			{"UpdateAnswer", acct, adminARN, adminName, srv.Admin.AccessKeyID, "", answerParams, true},
			{"UpdateAnswer", acct, readerARN, "reader", "", "AccessDeniedException", answerParams, false},
			// A forged request's parameters are not kept: an unauthenticated
			// client must not choose what the log holds.
			{"CreateWorkload", "", "", "", srv.Admin.AccessKeyID, "InvalidSignatureException", nil, false},
		}
		// The reader's key is not known to the test: take it from the row.
		if len(got) == len(want) {
			want[2].AccessKeyID = got[2].AccessKeyID
			if !strings.HasPrefix(got[2].AccessKeyID, "AKIA") {
				t.Errorf("reader's access key id %q", got[2].AccessKeyID)
			}
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("audit events (-want +got):\n%s", diff)
		}
		// The response of UpdateAnswer is recorded, masked, with what was
		// chosen and the number of the lens's choices, not their texts.
		if len(events) > 1 {
			re := events[1].ResponseElements
			for _, want := range []string{`"Notes":"****"`, `"SelectedChoices":[`, `"ChoiceAnswers":[`, `"Choices":`} {
				if !strings.Contains(re, want) {
					t.Errorf("UpdateAnswer responseElements has no %s: %s", want, re)
				}
			}
			if strings.Contains(re, `"Choices":[`) || strings.Contains(re, "ImprovementPlan\"") || len(re) > 2000 {
				t.Errorf("UpdateAnswer responseElements keeps the lens's choices (%d bytes): %s", len(re), re)
			}
		}
	})
}
