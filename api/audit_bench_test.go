package api

import (
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/wat-dev/wat"
	"github.com/wat-dev/wat/api/wire"
	"github.com/wat-dev/wat/lens/framework"
	"github.com/wat-dev/wat/service"
)

// updateAnswerBody is an UpdateAnswer request body as the AWS SDK for Go
// writes it: members in alphabetical order, a map's in no particular one,
// '<', '>' and '&' not escaped, notes in several lines with quotes and
// non-ASCII letters.
const updateAnswerBody = `{"ChoiceUpdates":{"sus_sus_dev_a3":{"Notes":"Waiting on the \"FinOps\" team — see <ticket #42>","Reason":"BUSINESS_PRIORITIES","Status":"NOT_APPLICABLE"}},` +
	`"IsApplicable":true,"Notes":"Reviewed with Zoë & the platform team.\nNext: a \"carbon\" dashboard, ≤ 2 weeks.","Reason":"NONE",` +
	`"SelectedChoices":["sus_sus_dev_a1","sus_sus_dev_a2","sus_sus_dev_a4"]}`

// updateAnswerExchange is what an UpdateAnswer call on the framework
// question sus_dev leaves for the audit log: its request and a response
// as the server encodes it, about 9.5 KB of which 8.5 KB are the
// question's choices with their guidance.
func updateAnswerExchange(tb testing.TB) (*http.Request, *exchange) {
	tb.Helper()
	const workloadID = "0123456789abcdef0123456789abcdef"
	q, ok := framework.Lens().Question("sus_dev")
	if !ok {
		tb.Fatal("the framework has no question sus_dev")
	}
	v := &service.AnswerView{
		Lens:     &service.LensInfo{Alias: "wellarchitected", ARN: "arn:aws:wellarchitected::aws:lens/wellarchitected"},
		Question: q,
		Answer: &wat.Answer{
			SelectedChoices: []string{"sus_sus_dev_a1", "sus_sus_dev_a2", "sus_sus_dev_a4"},
			Choices: map[string]wat.ChoiceAnswer{"sus_sus_dev_a3": {Status: wat.ChoiceNotApplicable,
				Reason: "BUSINESS_PRIORITIES", Notes: `Waiting on the "FinOps" team — see <ticket #42>`}},
			IsApplicable: true,
			Reason:       "NONE",
			Notes:        "Reviewed with Zoë & the platform team.\nNext: a \"carbon\" dashboard, ≤ 2 weeks.",
		},
		Risk: wat.RiskMedium,
	}
	response, err := json.Marshal(&wire.UpdateAnswerOutput{WorkloadId: ptr(workloadID), LensAlias: &v.Lens.Alias,
		LensArn: &v.Lens.ARN, Answer: answerOut(v)})
	if err != nil {
		tb.Fatal(err)
	}
	r := httptest.NewRequest(http.MethodPatch, "/workloads/"+workloadID+"/lensReviews/wellarchitected/answers/sus_dev", nil)
	r.Header.Set("User-Agent", "aws-sdk-go-v2/1.36.3 ua/2.1 os/linux lang/go#1.26.8 md/GOOS#linux md/GOARCH#amd64 api/wellarchitected#1.35.0")
	x := &exchange{
		op:          "UpdateAnswer",
		labels:      map[string]string{"WorkloadId": workloadID, "LensAlias": "wellarchitected", "QuestionId": "sus_dev"},
		body:        []byte(updateAnswerBody),
		accessKeyID: "AKIAWATEXAMPLE000001",
		principal: &wat.Principal{AccountID: "123456789012", UserARN: "arn:aws:iam::123456789012:user/alice",
			UserName: "alice", AccessKeyID: "AKIAWATEXAMPLE000001"},
		response: response,
		source:   "192.0.2.10",
	}
	return r, x
}

// BenchmarkAuditEvent measures the record of one UpdateAnswer call, as
// (*Server).audit makes it before handing it to the writer.
func BenchmarkAuditEvent(b *testing.B) {
	s := &Server{log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	r, x := updateAnswerExchange(b)
	start := time.Now()
	b.ReportAllocs()
	for b.Loop() {
		if e := s.auditEvent(r, "req-1", start, x); e == nil || e.ResponseElements == "" {
			b.Fatal("no record")
		}
	}
}

// BenchmarkAuditEventResponse measures the masked copy of the response alone.
func BenchmarkAuditEventResponse(b *testing.B) {
	_, x := updateAnswerExchange(b)
	b.SetBytes(int64(len(x.response)))
	b.ReportAllocs()
	for b.Loop() {
		maskedOwnJSON(x.response)
	}
}

// BenchmarkAuditEventRequest measures the masked request parameters alone.
func BenchmarkAuditEventRequest(b *testing.B) {
	r, x := updateAnswerExchange(b)
	query := r.URL.Query()
	b.ReportAllocs()
	for b.Loop() {
		requestParameters(x.labels, query, x.body)
	}
}

// evidenceBody is a PutWorkloadEvidence body of about 1 MB: 2,000 rules,
// each flagging resources, as a scan of a large estate sends it.
func evidenceBody(tb testing.TB) []byte {
	tb.Helper()
	type flagged struct{ Resource, Path, Message string }
	type rule struct {
		Id, Title, Description, Severity string
		ChoiceIds                        []string
		Passed                           int
		Flagged                          []flagged
	}
	in := struct {
		Tool  string
		Rules []rule
	}{Tool: "wat 1.4.0"}
	for i := range 2000 {
		r := rule{Id: fmt.Sprintf("AWS-%04d", i), Title: "S3 buckets block public access", Severity: "HIGH",
			Description: "A bucket's policy or ACL must not grant \"*\" read or write: see <https://docs.aws.amazon.com/s3/>.",
			ChoiceIds:   []string{"sec_data_rest_a1", "sec_data_rest_a2"}, Passed: i}
		for j := range 3 {
			r.Flagged = append(r.Flagged, flagged{Resource: fmt.Sprintf("aws_s3_bucket.logs_%d_%d", i, j),
				Path: "modules/storage/main.tf", Message: "block_public_acls = false — the bucket “logs” is public"})
		}
		in.Rules = append(in.Rules, r)
	}
	b, err := json.Marshal(in)
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// BenchmarkAuditEventEvidence measures the request parameters of a
// PutWorkloadEvidence call of about 1 MB, of which the record keeps the
// number of rules.
func BenchmarkAuditEventEvidence(b *testing.B) {
	body := evidenceBody(b)
	labels := map[string]string{"WorkloadId": "0123456789abcdef0123456789abcdef", "LensAlias": "wellarchitected"}
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		requestParameters(labels, nil, body)
	}
}
