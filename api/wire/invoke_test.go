package wire

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	wat "github.com/wat-dev/wat"
)

const wid = "0123456789abcdef0123456789abcdef"

// TestInvokeDecodes checks that labels, query parameters and body members
// all land in the input.
func TestInvokeDecodes(t *testing.T) {
	tests := []struct {
		name   string
		op     string
		labels map[string]string
		query  string
		body   string
		want   any
	}{
		{
			name:   "labels and nested body",
			op:     "UpdateAnswer",
			labels: map[string]string{"WorkloadId": wid, "LensAlias": "wellarchitected", "QuestionId": "priorities"},
			body: `{"SelectedChoices":["a","b\u00e9\ud83d\ude00"],"ChoiceUpdates":{"c1":{"Status":"NOT_APPLICABLE","Reason":"OTHER","Notes":"n"}},
				"Notes":"x","IsApplicable":false,"Reason":"NONE","Unknown":{"deep":[1,2,{"x":null}]},"WorkloadId":"ignored","notes":"ignored"}`,
			want: &UpdateAnswerInput{
				WorkloadId: ptr(wid), LensAlias: ptr("wellarchitected"), QuestionId: ptr("priorities"),
				SelectedChoices: []string{"a", "bé😀"},
				ChoiceUpdates:   map[string]ChoiceUpdate{"c1": {Status: ChoiceStatusNotApplicable, Reason: ChoiceReasonOther, Notes: ptr("n")}},
				Notes:           ptr("x"), IsApplicable: ptr(false), Reason: AnswerReasonNone,
			},
		},
		{
			name:   "null members are absent, empty lists are not",
			op:     "UpdateAnswer",
			labels: map[string]string{"WorkloadId": wid, "LensAlias": "l", "QuestionId": "q"},
			body:   `{"Notes":null,"ChoiceUpdates":null,"SelectedChoices":[]}`,
			want:   &UpdateAnswerInput{WorkloadId: ptr(wid), LensAlias: ptr("l"), QuestionId: ptr("q"), SelectedChoices: []string{}},
		},
		{
			name:   "integer label",
			op:     "GetMilestone",
			labels: map[string]string{"WorkloadId": wid, "MilestoneNumber": "42"},
			want:   &GetMilestoneInput{WorkloadId: ptr(wid), MilestoneNumber: ptr(int32(42))},
		},
		{
			name:   "query integers, enum and string; unknown parameters ignored",
			op:     "ListAnswers",
			labels: map[string]string{"WorkloadId": wid, "LensAlias": "wellarchitected"},
			query:  "MaxResults=20&MilestoneNumber=3&QuestionPriority=PRIORITIZED&PillarId=security&NextToken=abc%3D&maxresults=99&Other=1",
			want: &ListAnswersInput{
				WorkloadId: ptr(wid), LensAlias: ptr("wellarchitected"), MaxResults: ptr(int32(20)), MilestoneNumber: ptr(int32(3)),
				QuestionPriority: QuestionPriorityPrioritized, PillarId: ptr("security"), NextToken: ptr("abc="),
			},
		},
		{
			name:   "repeated list query parameter",
			op:     "UntagResource",
			labels: map[string]string{"WorkloadArn": "arn:aws:wellarchitected:us-east-1:123456789012:workload/" + wid},
			query:  "tagKeys=a&tagKeys=b%20c&tagKeys=a",
			want:   &UntagResourceInput{WorkloadArn: ptr("arn:aws:wellarchitected:us-east-1:123456789012:workload/" + wid), TagKeys: []string{"a", "b c", "a"}},
		},
		{
			name:  "query boolean and required enum",
			op:    "GetConsolidatedReport",
			query: "Format=JSON&IncludeSharedResources=true&MaxResults=15",
			want:  &GetConsolidatedReportInput{Format: ReportFormatJson, IncludeSharedResources: ptr(true), MaxResults: ptr(int32(15))},
		},
		{
			name: "body of POST with query-less input, whitespace-only body",
			op:   "ListWorkloads",
			body: " \r\n\t",
			want: &ListWorkloadsInput{},
		},
		{
			name: "body in a GET without body members is ignored",
			op:   "GetGlobalSettings",
			body: "not json",
			want: &GetGlobalSettingsInput{},
		},
		{
			name:   "map body member",
			op:     "TagResource",
			labels: map[string]string{"WorkloadArn": "w"},
			body:   `{"Tags":{"env":"prod","a\"b":""}}`,
			want:   &TagResourceInput{WorkloadArn: ptr("w"), Tags: map[string]string{"env": "prod", `a"b`: ""}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var rec recorder
			out, err := OperationByName(tt.op).Invoke(context.Background(), &rec, request(t, tt.labels, tt.query, tt.body))
			if err != nil {
				t.Fatalf("Invoke: %v", err)
			}
			if out == nil {
				t.Fatal("Invoke returned a nil output")
			}
			if diff := cmp.Diff(tt.want, rec.in); diff != "" {
				t.Errorf("input (-want +got):\n%s", diff)
			}
		})
	}
}

func TestInvokeReturnsEmptyOutputForNil(t *testing.T) {
	var rec recorder
	out, err := OperationByName("UpdateAnswer").Invoke(context.Background(), &rec,
		request(t, map[string]string{"WorkloadId": wid, "LensAlias": "l", "QuestionId": "q"}, "", ""))
	if err != nil {
		t.Fatal(err)
	}
	if o, ok := out.(*UpdateAnswerOutput); !ok || o == nil {
		t.Fatalf("output = %#v, want a non-nil *UpdateAnswerOutput", out)
	}
}

func TestInvokeHandlerErrorPassesThrough(t *testing.T) {
	want := errors.New("boom")
	h := errHandler{err: want}
	_, err := OperationByName("DeleteWorkload").Invoke(context.Background(), h,
		request(t, map[string]string{"WorkloadId": wid}, "ClientRequestToken=t", ""))
	if err != want {
		t.Fatalf("err = %v, want the handler's", err)
	}
	_, err = OperationByName("GetWorkload").Invoke(context.Background(), Unimplemented{}, request(t, map[string]string{"WorkloadId": wid}, "", ""))
	if diff := cmp.Diff(&wat.Error{Code: wat.ENotImplemented, Type: "NotImplementedException", Message: "GetWorkload is not available yet in wat"}, err); diff != "" {
		t.Errorf("Unimplemented error (-want +got):\n%s", diff)
	}
}

type errHandler struct {
	Unimplemented
	err error
}

func (h errHandler) DeleteWorkload(context.Context, *DeleteWorkloadInput) (*DeleteWorkloadOutput, error) {
	return nil, h.err
}

func TestInvokeCannotParse(t *testing.T) {
	labels := map[string]string{"WorkloadId": wid, "LensAlias": "l", "QuestionId": "q"}
	tests := []struct{ body, msg string }{
		{`{"Notes":`, "unexpected end of JSON input at offset 9"},
		{`{"Notes":"x",}`, "invalid character '}' at offset 13"},
		{`{"Notes":"x"} {}`, "invalid character after the top-level object at offset 14"},
		{`[]`, "the body must be a JSON object at offset 0"},
		{`"x"`, "the body must be a JSON object at offset 0"},
		{`null`, "the body must be a JSON object at offset 0"},
		{`{"Notes":"\x"}`, "invalid escape in string at offset 11"},
		{"{\"Notes\":\"a\x01\"}", "invalid control character in string at offset 11"},
		{`{"Notes":tru}`, "invalid character '}' at offset 12"},
		{`{"SelectedChoices":[1 2]}`, "invalid character '2' at offset 22"},
		{`{"IsApplicable":01}`, "invalid character '1' at offset 17"},
		{"\x00", "invalid character at offset 0"},
		{`{"ChoiceUpdates":{"a":` + strings.Repeat("[", 20000) + `}}`, "exceeded max depth at offset 10020"},
		// A syntax error wins over members of the wrong type before it.
		{`{"Notes":5,`, "unexpected end of JSON input at offset 11"},
	}
	for _, tt := range tests {
		_, err := OperationByName("UpdateAnswer").Invoke(context.Background(), Unimplemented{}, request(t, labels, "", tt.body))
		want := &wat.Error{Code: wat.EInvalid, Reason: wat.ReasonCannotParse, Message: "Could not parse the request body: " + tt.msg}
		if diff := cmp.Diff(want, err); diff != "" {
			t.Errorf("body %.40q (-want +got):\n%s", tt.body, diff)
		}
	}
}
