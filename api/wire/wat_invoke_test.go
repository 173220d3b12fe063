package wire

import (
	"context"
	"errors"
	"maps"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	wat "github.com/wat-dev/wat"
)

// The operations of wat's own model (spec/wat.json) run through the same
// decoder and validator as AWS's; these tests hold what is theirs alone:
// inputs that reject unknown members, the Amender, the IAM action of the
// model's aws.iam#actionName, and routes that AWS's never take.

// watOp returns the operation of wat's model named name.
func watOp(t testing.TB, name string) *Operation {
	t.Helper()
	i := slices.IndexFunc(WatOperations, func(op *Operation) bool { return op.Name == name })
	if i < 0 {
		t.Fatalf("no operation %s in WatOperations", name)
	}
	return WatOperations[i]
}

var evidenceLabels = map[string]string{"WorkloadId": wid, "LensAlias": "wellarchitected"}

// evidenceRecorder records the upload it is given and, as an Amender, adds
// a problem of its own to the model's.
type evidenceRecorder struct {
	Unimplemented
	in      *PutWorkloadEvidenceInput
	amended any
}

func (r *evidenceRecorder) PutWorkloadEvidence(_ context.Context, in *PutWorkloadEvidenceInput) (*PutWorkloadEvidenceOutput, error) {
	r.in = in
	return &PutWorkloadEvidenceOutput{}, nil
}

func (r *evidenceRecorder) Amend(_ context.Context, in any) []wat.FieldError {
	r.amended = in
	return []wat.FieldError{{Name: "Rules[0].ChoiceIds[0]", Message: "the lens has no choice"}}
}

// fieldNames returns the sorted names of an error's fields.
func fieldNames(err error) []string {
	var e *wat.Error
	if !errors.As(err, &e) {
		return nil
	}
	var names []string
	for _, f := range e.Fields {
		names = append(names, f.Name)
	}
	slices.Sort(names)
	return names
}

func TestWatInputsRejectUnknownMembers(t *testing.T) {
	op := watOp(t, "PutWorkloadEvidence")
	var rec evidenceRecorder
	body := `{"Tool":"wat","Rules":[{"Id":"r","Title":"t","Severity":"low","ChoiceIds":["c"],"Passed":2,
		"Flagged":[{"Status":"FAIL","Resource":"B","File":"f.yaml","Line":3}]}],"Problems":null}`
	if _, err := op.Invoke(context.Background(), &rec, request(t, evidenceLabels, "", body)); err != nil {
		t.Fatal(err)
	}
	if rec.in == nil || len(rec.in.Rules) != 1 || *rec.in.Rules[0].Passed != 2 || *rec.in.Rules[0].Flagged[0].Line != 3 ||
		rec.in.Rules[0].Flagged[0].Status != FlaggedStatusFail || *rec.in.WorkloadId != wid {
		t.Errorf("decoded %+v", rec.in)
	}
	for body, want := range map[string][]string{
		`{"Rules":[{"Passed":1e3,"Line":1}],"tool":"x"}`:       {"Rules[0].Line", "Rules[0].Passed", "tool"},
		`{"Rules":{"Id":"r"}}`:                                 {"Rules"},
		`{"Rules":[{"ChoiceIds":[1,"c",true]}]}`:               {"Rules[0].ChoiceIds[0]", "Rules[0].ChoiceIds[2]"},
		`{"Rules":[{"Passed":4294967296}],"WorkloadId":"x"}`:   {"Rules[0].Passed", "WorkloadId"},
		`{"Rules":[{"Flagged":[{"Line":-1,"Status":false}]}]}`: {"Rules[0].Flagged[0].Status"},
		`{"Rules":[],"Problems":[{"Sev":"x"}]}`:                {"Problems[0].Sev"},
		`[1]`:                                                  {"(body)"},
	} {
		_, err := op.Invoke(context.Background(), &rec, request(t, evidenceLabels, "", body))
		if diff := cmp.Diff(want, fieldNames(err)); diff != "" {
			t.Errorf("%s: fields (-want +got):\n%s\n%v", body, diff, err)
		}
	}
	// Decoding problems are not the use case's to amend: only an input
	// that decodes reaches Amend.
	if rec.amended != nil {
		t.Errorf("Amend was given %+v, an input that did not decode", rec.amended)
	}
	// AWS's shapes skip what they do not define, as restJson1 servers do.
	labels := map[string]string{"WorkloadId": wid, "LensAlias": "l", "QuestionId": "q"}
	if _, err := OperationByName("UpdateAnswer").Invoke(context.Background(), Unimplemented{}, request(t, labels, "", `{"Extra":1}`)); !isNotImplemented(err) {
		t.Errorf("UpdateAnswer with an unknown member: %v, want it ignored", err)
	}
}

// TestAmenderJoinsTheModelsProblems: an input the model refuses reaches the
// handler's Amend, never its method, and one error names the problems of
// both.
func TestAmenderJoinsTheModelsProblems(t *testing.T) {
	var rec evidenceRecorder
	body := `{"Rules":[{"Id":"r","Title":"","Severity":"critical","ChoiceIds":["nope"]}]}`
	_, err := watOp(t, "PutWorkloadEvidence").Invoke(context.Background(), &rec, request(t, evidenceLabels, "", body))
	want := []string{"Rules[0].ChoiceIds[0]", "Rules[0].Severity", "Rules[0].Title"}
	if diff := cmp.Diff(want, fieldNames(err)); diff != "" {
		t.Errorf("fields (-want +got):\n%s\n%v", diff, err)
	}
	if in, ok := rec.amended.(*PutWorkloadEvidenceInput); !ok || in.Rules[0].ChoiceIds[0] != "nope" {
		t.Errorf("Amend was given %#v, want the decoded upload", rec.amended)
	}
	if rec.in != nil {
		t.Errorf("PutWorkloadEvidence ran with an input the model refuses: %+v", rec.in)
	}
}

// TestWatOperationsNeedTheirHandler: a handler that implements Handler
// alone answers wat's operations NotImplementedException.
func TestWatOperationsNeedTheirHandler(t *testing.T) {
	var only struct{ Handler }
	only.Handler = Unimplemented{}
	for _, op := range WatOperations {
		_, err := op.Invoke(context.Background(), only, request(t, evidenceLabels, "Format=CSV", `{"Rules":[]}`))
		if !isNotImplemented(err) {
			t.Errorf("%s: %v, want NotImplementedException", op.Name, err)
		}
	}
}

func isNotImplemented(err error) bool {
	var e *wat.Error
	return errors.As(err, &e) && e.Code == wat.ENotImplemented
}

func TestIAMAction(t *testing.T) {
	want := map[string]string{
		"PutWorkloadEvidence": "PutWorkloadEvidence", "GetSuggestedAnswers": "GetSuggestedAnswers",
		"ApplySuggestedAnswers": "UpdateAnswer", "GetLensReviewExport": "GetLensReviewReport",
		"ListLensCatalog": "ListLenses", "GetLensCatalogEntry": "GetLens", "InstallLensCatalogEntry": "ImportLens",
		"ImportMilestone": "CreateMilestone", "PinLensReviewVersion": "UpgradeLensReview",
		"GetJiraSyncStatus": "GetJiraSyncStatus",
	}
	// Webhook subscriptions are wat's alone: each asks its own action.
	for _, name := range []string{"CreateWebhookSubscription", "GetWebhookSubscription", "ListWebhookSubscriptions",
		"UpdateWebhookSubscription", "DeleteWebhookSubscription", "RotateWebhookSecret", "ListWebhookDeliveries", "RedeliverWebhook"} {
		want[name] = name
	}
	got := map[string]string{}
	for _, op := range WatOperations {
		got[op.Name] = op.IAMAction()
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("IAM actions of wat's operations (-want +got):\n%s", diff)
	}
	for _, op := range Operations {
		if op.IAMAction() != op.Name {
			t.Errorf("%s is authorised as %s, want its name", op.Name, op.IAMAction())
		}
	}
}

// TestWatRoutesAreNotAWSs: every operation of wat's model is routed by its
// own table, and by nothing in AWS's, so that AWS's routes win where both
// could match and wat's take only what AWS's leave.
func TestWatRoutesAreNotAWSs(t *testing.T) {
	aws, ours := NewRouter(), NewRouterFor(WatOperations)
	// A value per label: a custom lens's ARN, escaped, for LensAlias.
	values := map[string]string{"WorkloadId": wid, "LensAlias": "arn:aws:wellarchitected:us-east-1:123456789012:lens/x", "EntryId": "amazon-ecs",
		"SubscriptionId": "b3f2c1d0e9a8f7e6d5c4b3a2f1e0d9c8", "DeliveryId": "5e0c6c1f-3f1a-4c6e-9b9a-2f0d7c8e1a42"}
	for _, op := range WatOperations {
		path, want := op.URI, map[string]string{}
		for name, v := range values {
			if strings.Contains(path, "{"+name+"}") {
				path = strings.ReplaceAll(path, "{"+name+"}", url.PathEscape(v))
				want[name] = v
			}
		}
		if got, _, err := aws.Match(op.Method, path); err == nil {
			t.Errorf("%s %s: AWS's router matches %s", op.Method, path, got.Name)
		}
		got, labels, err := ours.Match(op.Method, path)
		if err != nil || got != op || !maps.Equal(labels, want) {
			t.Errorf("%s %s: %v %v %v, want %s with %v", op.Method, path, got, labels, err, op.Name, want)
		}
	}
}

// FuzzInvokeWat holds wat's operations to what FuzzInvoke holds AWS's to,
// with inputs that reject unknown members: never a panic, only
// *wat.Error, CANNOT_PARSE only for bodies that are no JSON object.
func FuzzInvokeWat(f *testing.F) {
	f.Add(uint8(3), []byte(`{"Rules":[{"Id":"r","Title":"t","Severity":"low","ChoiceIds":["c"],"Flagged":[{"Status":"FAIL","Resource":"B","File":"f","Line":3}]}]}`), "")
	f.Add(uint8(3), []byte(`{"Rules":[{"Passed":1.5}],"X":{"Y":[null]}}`), "")
	f.Add(uint8(0), []byte(`{"QuestionIds":["a",null]}`), "")
	f.Add(uint8(1), []byte(``), "Format=XLSX&MilestoneNumber=101")
	f.Fuzz(func(t *testing.T, opIndex uint8, body []byte, query string) {
		op := WatOperations[int(opIndex)%len(WatOperations)]
		q, _ := url.ParseQuery(query)
		_, err := op.Invoke(context.Background(), Unimplemented{}, &Request{Labels: evidenceLabels, Query: q, Body: body, RequireObject: true})
		e, ok := err.(*wat.Error)
		if !ok {
			t.Fatalf("%s: error %T %v, want *wat.Error", op.Name, err, err)
		}
		if e.Reason == wat.ReasonCannotParse && isJSONObject(body) {
			t.Fatalf("%s: CANNOT_PARSE for a JSON object %q: %s", op.Name, body, e.Message)
		}
		if e.Code != wat.EInvalid && e.Code != wat.ENotImplemented {
			t.Fatalf("%s: unexpected error %v", op.Name, e)
		}
	})
}
