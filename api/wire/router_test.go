package wire

import (
	"errors"
	"net/url"
	"strings"
	"testing"

	"github.com/aws/smithy-go/encoding/httpbinding"
	"github.com/google/go-cmp/cmp"
	wat "github.com/wat-dev/wat"
)

// labelSamples are realistic values of every URI label of the model.
var labelSamples = map[string]string{
	"WorkloadId":        "0123456789abcdef0123456789abcdef",
	"LensAlias":         "arn:aws:wellarchitected:us-east-1:123456789012:lens/0123456789abcdef0123456789abcdef",
	"QuestionId":        "priorities-1",
	"MilestoneNumber":   "7",
	"ShareId":           "fedcba9876543210fedcba9876543210",
	"ProfileArn":        "arn:aws:wellarchitected:us-east-1:123456789012:profile/0123456789abcdef0123456789abcdef",
	"TemplateArn":       "arn:aws:wellarchitected:us-east-1:123456789012:review-template/0123456789abcdef0123456789abcdef",
	"WorkloadArn":       "arn:aws:wellarchitected:us-east-1:123456789012:workload/0123456789abcdef0123456789abcdef",
	"ShareInvitationId": "00112233445566778899aabbccddeeff",
	// The Agent's labels. The model gives no pattern for its ARNs; these
	// only need the characters ARNs are made of.
	"profileArn":        "arn:aws:wellarchitected:us-east-1:123456789012:agent-profile/p-0123456789abcdef",
	"recommendationArn": "arn:aws:wellarchitected:us-east-1:123456789012:agent-recommendation/r-0123456789abcdef",
	"id":                "c-0123456789abcdef",
	"generationId":      "g-0123456789abcdef",
}

// expand fills a URI template with the samples, escaped as the AWS SDK for
// Go escapes labels (":" and "/" included).
func expand(t testing.TB, uri string) (string, map[string]string) {
	t.Helper()
	labels := map[string]string{}
	var b strings.Builder
	for _, seg := range strings.Split(uri, "/")[1:] {
		b.WriteByte('/')
		if name, ok := strings.CutPrefix(seg, "{"); ok {
			name = strings.TrimSuffix(name, "}")
			v, ok := labelSamples[name]
			if !ok {
				t.Fatalf("no sample for label %s of %s", name, uri)
			}
			labels[name] = v
			b.WriteString(httpbinding.EscapePath(v, true))
			continue
		}
		b.WriteString(seg)
	}
	return b.String(), labels
}

func TestRouterReachesEveryOperation(t *testing.T) {
	// The model of the AWS SDK for Go's wellarchitected v1.43.2: the 72
	// operations of the Well-Architected Tool and the Agent's 23.
	if len(Operations) != 95 {
		t.Fatalf("len(Operations) = %d, want 95", len(Operations))
	}
	r := NewRouter()
	for _, op := range Operations {
		path, want := expand(t, op.URI)
		for _, p := range []string{path, path + "/"} {
			got, labels, err := r.Match(op.Method, p)
			if err != nil {
				t.Errorf("Match(%s %s) error: %v", op.Method, p, err)
				continue
			}
			if got != op {
				t.Errorf("Match(%s %s) = %s, want %s", op.Method, p, got.Name, op.Name)
			}
			if diff := cmp.Diff(want, labels); diff != "" {
				t.Errorf("Match(%s %s) labels (-want +got):\n%s", op.Method, p, diff)
			}
		}
	}
}

func TestRouterMatch(t *testing.T) {
	r := NewRouter()
	arn := "arn%3Aaws%3Awellarchitected%3Aus-east-1%3A123456789012%3Alens%2Fabc"
	tests := []struct {
		method, path string
		op           string
		labels       map[string]string
	}{
		// Literal segments win over labels at the same depth.
		{"POST", "/workloadsSummaries", "ListWorkloads", map[string]string{}},
		{"GET", "/workloads/w1/lensReviews/l1/improvements", "ListLensReviewImprovements", map[string]string{"WorkloadId": "w1", "LensAlias": "l1"}},
		{"GET", "/workloads/w1/lensReviews/l1/report", "GetLensReviewReport", map[string]string{"WorkloadId": "w1", "LensAlias": "l1"}},
		{"GET", "/templates/shares/t1", "ListTemplateShares", map[string]string{"TemplateArn": "t1"}},
		{"DELETE", "/templates/shares/t1/s1", "DeleteTemplateShare", map[string]string{"TemplateArn": "t1", "ShareId": "s1"}},
		// A label value that equals a literal elsewhere is still a label.
		{"GET", "/lenses/shares", "GetLens", map[string]string{"LensAlias": "shares"}},
		// Labels are split before decoding: an encoded "/" stays inside.
		{"GET", "/lenses/" + arn + "/shares", "ListLensShares", map[string]string{"LensAlias": "arn:aws:wellarchitected:us-east-1:123456789012:lens/abc"}},
		{"GET", "/lenses/" + arn + "/", "GetLens", map[string]string{"LensAlias": "arn:aws:wellarchitected:us-east-1:123456789012:lens/abc"}},
		{"GET", "/lenses/a%20b+c", "GetLens", map[string]string{"LensAlias": "a b+c"}},
		// Literals are compared decoded.
		{"GET", "/l%65nses", "ListLenses", map[string]string{}},
		// An empty label matches, for the validator to reject.
		{"GET", "/workloads//", "GetWorkload", map[string]string{"WorkloadId": ""}},
		{"GET", "/workloads//milestones/3", "GetMilestone", map[string]string{"WorkloadId": "", "MilestoneNumber": "3"}},
	}
	for _, tt := range tests {
		op, labels, err := r.Match(tt.method, tt.path)
		if err != nil {
			t.Errorf("Match(%s %s) error: %v", tt.method, tt.path, err)
			continue
		}
		if op.Name != tt.op {
			t.Errorf("Match(%s %s) = %s, want %s", tt.method, tt.path, op.Name, tt.op)
		}
		if diff := cmp.Diff(tt.labels, labels); diff != "" {
			t.Errorf("Match(%s %s) labels (-want +got):\n%s", tt.method, tt.path, diff)
		}
	}
}

func TestRouterErrors(t *testing.T) {
	r := NewRouter()
	tests := []struct {
		method, path string
		want         *wat.Error
	}{
		{"GET", "/nope", &wat.Error{Code: wat.ENotFound, Type: "UnknownOperationException", Message: "No operation matches GET /nope"}},
		{"GET", "", &wat.Error{Code: wat.ENotFound, Type: "UnknownOperationException", Message: "No operation matches GET "}},
		{"GET", "/", &wat.Error{Code: wat.ENotFound, Type: "UnknownOperationException", Message: "No operation matches GET /"}},
		{"GET", "workloads", &wat.Error{Code: wat.ENotFound, Type: "UnknownOperationException", Message: "No operation matches GET workloads"}},
		{"GET", "/workloads/w1/extra/deep/path/that/is/too/long", &wat.Error{Code: wat.ENotFound, Type: "UnknownOperationException", Message: "No operation matches GET /workloads/w1/extra/deep/path/that/is/too/long"}},
		{"GET", "/workloads//x//", &wat.Error{Code: wat.ENotFound, Type: "UnknownOperationException", Message: "No operation matches GET /workloads//x//"}},
		{"PUT", "/workloads", &wat.Error{Code: wat.ENotFound, Type: "UnknownOperationException", Message: "Method PUT is not allowed on this path; allowed methods: POST"}},
		{"POST", "/workloads/w1", &wat.Error{Code: wat.ENotFound, Type: "UnknownOperationException", Message: "Method POST is not allowed on this path; allowed methods: DELETE, GET, PATCH"}},
		{"post", "/workloads", &wat.Error{Code: wat.ENotFound, Type: "UnknownOperationException", Message: "Method post is not allowed on this path; allowed methods: POST"}},
		{"GET", "/tags/arn%3", &wat.Error{Code: wat.EInvalid, Reason: wat.ReasonOther, Message: "The request path has an invalid percent-encoding"}},
		{"GET", "/tags/%zz", &wat.Error{Code: wat.EInvalid, Reason: wat.ReasonOther, Message: "The request path has an invalid percent-encoding"}},
		{"GET", "/tags/%FF", &wat.Error{Code: wat.EInvalid, Reason: wat.ReasonOther, Message: "The request path has an invalid percent-encoding"}},
		{"GET", "/" + strings.Repeat("x", 200), &wat.Error{Code: wat.ENotFound, Type: "UnknownOperationException", Message: "No operation matches GET /" + strings.Repeat("x", 63) + "..."}},
	}
	for _, tt := range tests {
		op, labels, err := r.Match(tt.method, tt.path)
		var got *wat.Error
		if !errors.As(err, &got) {
			t.Errorf("Match(%s %q) = %v, %v, %v; want a *wat.Error", tt.method, tt.path, op, labels, err)
			continue
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("Match(%s %q) error (-want +got):\n%s", tt.method, tt.path, diff)
		}
	}
}

func TestOperationByName(t *testing.T) {
	for _, op := range Operations {
		if got := OperationByName(op.Name); got != op {
			t.Errorf("OperationByName(%q) = %v", op.Name, got)
		}
	}
	if got := OperationByName("Nope"); got != nil {
		t.Errorf("OperationByName(Nope) = %v, want nil", got)
	}
	op := OperationByName("UpdateAnswer")
	want := Operation{Name: "UpdateAnswer", Method: "PATCH", URI: "/workloads/{WorkloadId}/lensReviews/{LensAlias}/answers/{QuestionId}", SuccessCode: 200, HasOutput: true}
	got := *op
	got.Invoke = nil
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("UpdateAnswer (-want +got):\n%s", diff)
	}
	if OperationByName("DeleteWorkload").HasOutput {
		t.Error("DeleteWorkload.HasOutput = true; the model has no output")
	}
}

func BenchmarkRouterMatch(b *testing.B) {
	r := NewRouter()
	var paths []struct{ method, path string }
	for _, name := range []string{"UpdateAnswer", "GetWorkload", "ListWorkloads", "ListTagsForResource", "DeleteTemplateShare", "GetMilestone"} {
		op := OperationByName(name)
		p, _ := expand(b, op.URI)
		paths = append(paths, struct{ method, path string }{op.Method, p})
	}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		p := paths[i%len(paths)]
		if _, _, err := r.Match(p.method, p.path); err != nil {
			b.Fatal(err)
		}
	}
}

func TestUnescapeAgreesWithURL(t *testing.T) {
	for _, s := range []string{"", "abc", "a%20b", "a+b", "%2F%3a", "%", "%2", "%zz", "%%41", "a%C3%A9", "%41%"} {
		got, ok := unescape(s)
		want, err := url.PathUnescape(s)
		if ok != (err == nil) || got != want && ok {
			t.Errorf("unescape(%q) = %q, %v; url.PathUnescape = %q, %v", s, got, ok, want, err)
		}
	}
}

// FuzzRouterMatch checks that any method and path either match an operation
// with exactly its labels or fail with a *wat.Error, never panic.
func FuzzRouterMatch(f *testing.F) {
	f.Add("GET", "/tags/arn%3Aaws%3Awellarchitected%3Aus-east-1%3A123456789012%3Aworkload%2Fabc")
	f.Add("PATCH", "/workloads/x/lensReviews/y/answers/z/")
	f.Add("DELETE", "/templates/shares/%zz/x")
	f.Add("GET", "//workloads//")
	r := NewRouter()
	f.Fuzz(func(t *testing.T, method, path string) {
		op, labels, err := r.Match(method, path)
		if err != nil {
			if _, ok := err.(*wat.Error); !ok || op != nil || labels != nil {
				t.Fatalf("Match(%q, %q) = %v, %v, %T %v", method, path, op, labels, err, err)
			}
			return
		}
		if op.Method != method || len(labels) != strings.Count(op.URI, "{") {
			t.Fatalf("Match(%q, %q) = %s %v", method, path, op.Name, labels)
		}
	})
}
