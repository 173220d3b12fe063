package wire

import (
	"context"
	"encoding/json"
	"net/url"
	"testing"

	wat "github.com/wat-dev/wat"
)

// FuzzInvoke feeds random bodies, query strings and label values to random
// operations: Invoke must never panic, must return only *wat.Error, must call
// the handler only with inputs that passed validation, and must report
// CANNOT_PARSE exactly for bodies that are no JSON object.
func FuzzInvoke(f *testing.F) {
	f.Add(uint8(60), []byte(`{"ChoiceUpdates":{"c":{"Status":"SELECTED"}},"SelectedChoices":["a"]}`), "", wid)
	f.Add(uint8(9), []byte(`{"WorkloadName":"abc","Tags":{"":null}}`), "MaxResults=3", "x")
	f.Add(uint8(36), []byte(`[`), "MaxResults=51&tagKeys=a&tagKeys=", "1")
	f.Add(uint8(55), []byte(`{"Tags":{"a":"b"}}`), "tagKeys=a", "arn:aws:wellarchitected:us-east-1:123456789012:workload/x")
	f.Add(uint8(28), []byte(``), "MilestoneNumber=-1", "99999999999")
	f.Add(uint8(0), []byte(`{"LensAliases":[null,1,"\ud800"]}`), "%zz", "")
	f.Fuzz(func(t *testing.T, opIndex uint8, body []byte, query, label string) {
		op := Operations[int(opIndex)%len(Operations)]
		q, _ := url.ParseQuery(query) // keep what parses, as net/http does
		labels := map[string]string{}
		for _, name := range []string{"WorkloadId", "LensAlias", "QuestionId", "MilestoneNumber", "ShareId", "ProfileArn", "TemplateArn", "WorkloadArn", "ShareInvitationId"} {
			labels[name] = label
		}
		out, err := op.Invoke(context.Background(), Unimplemented{}, &Request{Labels: labels, Query: q, Body: body})
		if out != nil {
			t.Fatalf("%s: output %v from Unimplemented", op.Name, out)
		}
		e, ok := err.(*wat.Error)
		if !ok {
			t.Fatalf("%s: error %T %v, want *wat.Error", op.Name, err, err)
		}
		if e.Reason == wat.ReasonCannotParse && isJSONObject(body) {
			t.Fatalf("%s: CANNOT_PARSE for a JSON object %q: %s", op.Name, body, e.Message)
		}
		if e.Code == wat.EInvalid && e.Reason == wat.ReasonFieldValidationFailed && len(e.Fields) == 0 {
			t.Fatalf("%s: validation error without fields: %s", op.Name, e.Message)
		}
		if e.Code != wat.EInvalid && e.Code != wat.ENotImplemented {
			t.Fatalf("%s: unexpected error %v", op.Name, e)
		}
	})
}

// isJSONObject reports whether body is empty, blank or a JSON object.
func isJSONObject(body []byte) bool {
	var v any
	if err := json.Unmarshal(body, &v); err != nil {
		return len(body) == 0 || len(trimBlank(body)) == 0
	}
	_, ok := v.(map[string]any)
	return ok
}

func trimBlank(b []byte) []byte {
	for len(b) > 0 && (b[0] == ' ' || b[0] == '\t' || b[0] == '\r' || b[0] == '\n') {
		b = b[1:]
	}
	return b
}
