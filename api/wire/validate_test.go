package wire

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	wat "github.com/wat-dev/wat"
)

// validCreateWorkload is a CreateWorkload body that passes validation; tests
// break one thing at a time by adding keys (later keys win).
const validCreateWorkload = `"ClientRequestToken":"t","WorkloadName":"wl1","Description":"desc","Environment":"PRODUCTION","Lenses":["wellarchitected"]`

func fe(name, msg string) wat.FieldError { return wat.FieldError{Name: name, Message: msg} }

const (
	notNull = "Member must not be null"
	isWid   = "Member must satisfy regular expression pattern: ^[0-9a-f]{32}$"
)

func minLen(n int) string {
	return fmt.Sprintf("Member must have length greater than or equal to %d", n)
}
func maxLen(n int) string { return fmt.Sprintf("Member must have length less than or equal to %d", n) }

func TestInvokeValidates(t *testing.T) {
	long := strings.Repeat("é", 101) // 101 code points, 202 bytes
	tests := []struct {
		name   string
		op     string
		labels map[string]string
		query  string
		body   string
		want   []wat.FieldError // nil: validation passes
	}{
		{
			name: "required body members",
			op:   "CreateWorkload",
			body: `{}`,
			want: []wat.FieldError{
				fe("ClientRequestToken", notNull), fe("Description", notNull), fe("Environment", notNull),
				fe("Lenses", notNull), fe("WorkloadName", notNull),
			},
		},
		{name: "valid", op: "CreateWorkload", body: `{` + validCreateWorkload + `}`},
		{
			name: "string length counts code points",
			op:   "CreateWorkload",
			body: `{` + validCreateWorkload + `,"WorkloadName":"éé","Description":"` + strings.Repeat("é", 250) + `"}`,
			want: []wat.FieldError{fe("WorkloadName", minLen(3))},
		},
		{
			name: "string max length",
			op:   "CreateWorkload",
			body: `{` + validCreateWorkload + `,"WorkloadName":"` + long + `"}`,
			want: []wat.FieldError{fe("WorkloadName", maxLen(100))},
		},
		{
			name: "list max length and element constraints",
			op:   "CreateWorkload",
			body: `{` + validCreateWorkload + `,"AccountIds":[` + strings.Repeat(`"123456789012",`, 100) + `"12345678901x"],"Lenses":[""]}`,
			want: []wat.FieldError{
				fe("AccountIds", maxLen(100)),
				fe("AccountIds[100]", "Member must satisfy regular expression pattern: ^[0-9]{12}$"),
				fe("Lenses[0]", minLen(1)),
			},
		},
		{
			name:   "list min length",
			op:     "AssociateLenses",
			labels: map[string]string{"WorkloadId": wid},
			body:   `{"LensAliases":[]}`,
			want:   []wat.FieldError{fe("LensAliases", minLen(1))},
		},
		{
			name: "map length, keys and values",
			op:   "CreateWorkload",
			body: `{` + validCreateWorkload + `,"Tags":{}}`,
			want: []wat.FieldError{fe("Tags", minLen(1))},
		},
		{
			name:   "map key and value",
			op:     "TagResource",
			labels: map[string]string{"WorkloadArn": "w"},
			body:   `{"Tags":{"":"v","ok":"` + strings.Repeat("v", 257) + `"}}`,
			want: []wat.FieldError{
				fe("Tags", "Map keys must satisfy constraint: ["+minLen(1)+"]"),
				fe("Tags.ok", maxLen(256)),
			},
		},
		{
			name:   "map too long",
			op:     "TagResource",
			labels: map[string]string{"WorkloadArn": "w"},
			body:   `{"Tags":{` + manyTags(51) + `}}`,
			want:   []wat.FieldError{fe("Tags", maxLen(50))},
		},
		{
			name: "enum",
			op:   "CreateWorkload",
			body: `{` + validCreateWorkload + `,"Environment":"PROD"}`,
			want: []wat.FieldError{fe("Environment", "Member must satisfy enum value set: [PREPRODUCTION, PRODUCTION]")},
		},
		{
			name: "pattern",
			op:   "CreateWorkload",
			body: `{` + validCreateWorkload + `,"ArchitecturalDesign":"not a url"}`,
			want: []wat.FieldError{fe("ArchitecturalDesign", `Member must satisfy regular expression pattern: ^(|(https?|ftp):\/\/[^\s/$.?#].[^\s]*)$`)},
		},
		{
			name:   "nested structure, list of enums, pattern",
			op:     "UpdateWorkload",
			labels: map[string]string{"WorkloadId": wid},
			body:   `{"DiscoveryConfig":{"WorkloadResourceDefinition":["APP_REGISTRY","nope"]},"JiraConfiguration":{"JiraProjectKey":"abc"}}`,
			want: []wat.FieldError{
				fe("DiscoveryConfig.WorkloadResourceDefinition[1]", "Member must satisfy enum value set: [APP_REGISTRY, WORKLOAD_METADATA]"),
				fe("JiraConfiguration.JiraProjectKey", "Member must satisfy regular expression pattern: ^[A-Z][A-Z0-9_]*$"),
			},
		},
		{
			name: "list element structure",
			op:   "CreateProfile",
			body: `{"ClientRequestToken":"t","ProfileName":"pro","ProfileDescription":"desc","ProfileQuestions":[{"QuestionId":"q"},{"QuestionId":""}]}`,
			want: []wat.FieldError{fe("ProfileQuestions[1].QuestionId", minLen(1))},
		},
		{
			name:   "map value structure",
			op:     "UpdateAnswer",
			labels: map[string]string{"WorkloadId": wid, "LensAlias": "l", "QuestionId": "q"},
			body:   `{"ChoiceUpdates":{"c2":{"Status":"BAD"},"c1":{"Notes":"` + strings.Repeat("n", 251) + `"}}}`,
			want: []wat.FieldError{
				fe("ChoiceUpdates.c1.Notes", maxLen(250)),
				fe("ChoiceUpdates.c1.Status", notNull),
				fe("ChoiceUpdates.c2.Status", "Member must satisfy enum value set: [NOT_APPLICABLE, SELECTED, UNSELECTED]"),
			},
		},
		{
			name:   "labels: absent, empty, length and pattern",
			op:     "UpdateAnswer",
			labels: map[string]string{"WorkloadId": "XYZ", "LensAlias": ""},
			want: []wat.FieldError{
				fe("LensAlias", notNull), fe("QuestionId", notNull),
				fe("WorkloadId", minLen(32)), fe("WorkloadId", isWid),
			},
		},
		{
			name:   "integer label range",
			op:     "GetMilestone",
			labels: map[string]string{"WorkloadId": wid, "MilestoneNumber": "0"},
			want:   []wat.FieldError{fe("MilestoneNumber", "Member must have value greater than or equal to 1")},
		},
		{
			name:   "integer label that is no integer",
			op:     "GetMilestone",
			labels: map[string]string{"WorkloadId": wid, "MilestoneNumber": "3.5"},
			want:   []wat.FieldError{fe("MilestoneNumber", "Member must be an integer")},
		},
		{
			name:   "integer label out of int32",
			op:     "GetMilestone",
			labels: map[string]string{"WorkloadId": wid, "MilestoneNumber": "2147483648"},
			want:   []wat.FieldError{fe("MilestoneNumber", "Member must be an integer")},
		},
		{
			name:   "query: range, bad integer, enum, length",
			op:     "ListAnswers",
			labels: map[string]string{"WorkloadId": wid, "LensAlias": "l"},
			query:  "MaxResults=51&MilestoneNumber=x&QuestionPriority=HIGH&PillarId=",
			want:   []wat.FieldError{fe("MilestoneNumber", "Member must be an integer")},
		},
		{
			name:   "query: constraints once the types parse",
			op:     "ListAnswers",
			labels: map[string]string{"WorkloadId": wid, "LensAlias": "l"},
			query:  "MaxResults=51&MilestoneNumber=0&QuestionPriority=HIGH&PillarId=",
			want: []wat.FieldError{
				fe("MaxResults", "Member must have value less than or equal to 50"),
				fe("MilestoneNumber", "Member must have value greater than or equal to 1"),
				fe("PillarId", minLen(1)),
				fe("QuestionPriority", "Member must satisfy enum value set: [NONE, PRIORITIZED]"),
			},
		},
		{
			name:  "query: bad boolean, missing required enum",
			op:    "GetConsolidatedReport",
			query: "IncludeSharedResources=yes",
			want:  []wat.FieldError{fe("IncludeSharedResources", "Member must be a boolean")},
		},
		{
			name:  "query: required enum",
			op:    "GetConsolidatedReport",
			query: "Format=",
			want:  []wat.FieldError{fe("Format", notNull)},
		},
		{
			name:   "repeated query list: required and too long",
			op:     "UntagResource",
			labels: map[string]string{"WorkloadArn": "w"},
			want:   []wat.FieldError{fe("TagKeys", notNull)},
		},
		{
			name:   "repeated query list: elements",
			op:     "UntagResource",
			labels: map[string]string{"WorkloadArn": "w"},
			query:  "tagKeys=" + strings.Repeat("k", 129) + "&tagKeys=&tagKeys=ok",
			want:   []wat.FieldError{fe("TagKeys[0]", maxLen(128)), fe("TagKeys[1]", minLen(1))},
		},
		{
			name:   "required idempotency token in the query",
			op:     "DeleteWorkload",
			labels: map[string]string{"WorkloadId": wid},
			want:   []wat.FieldError{fe("ClientRequestToken", notNull)},
		},
		{
			name:   "type mismatches, all of them",
			op:     "UpdateAnswer",
			labels: map[string]string{"WorkloadId": wid, "LensAlias": "l", "QuestionId": "q"},
			body:   `{"Notes":5,"IsApplicable":"yes","SelectedChoices":"a","ChoiceUpdates":{"c1":{"Status":true},"c2":null,"c3":[]},"Reason":{}}`,
			want: []wat.FieldError{
				fe("Notes", "Member must be a string"),
				fe("IsApplicable", "Member must be a boolean"),
				fe("SelectedChoices", "Member must be a list"),
				fe("ChoiceUpdates.c1.Status", "Member must be a string"),
				fe("ChoiceUpdates.c2", notNull),
				fe("ChoiceUpdates.c3", "Member must be a structure"),
				fe("Reason", "Member must be a string"),
			},
		},
		{
			name: "type mismatches: lists, maps, numbers",
			op:   "ListWorkloads",
			body: `{"MaxResults":1.5,"WorkloadNamePrefix":["x"]}`,
			want: []wat.FieldError{fe("MaxResults", "Member must be an integer"), fe("WorkloadNamePrefix", "Member must be a string")},
		},
		{
			name: "integer out of int32 in the body",
			op:   "ListWorkloads",
			body: `{"MaxResults":-2147483649}`,
			want: []wat.FieldError{fe("MaxResults", "Member must be an integer")},
		},
		{
			name: "body range",
			op:   "ListWorkloads",
			body: `{"MaxResults":-2147483648}`,
			want: []wat.FieldError{fe("MaxResults", "Member must have value greater than or equal to 1")},
		},
		{
			name: "null list element",
			op:   "CreateWorkload",
			body: `{` + validCreateWorkload + `,"Lenses":["a",null],"Tags":{"k":null},"WorkloadName":5}`,
			want: []wat.FieldError{fe("Lenses[1]", notNull), fe("Tags.k", notNull), fe("WorkloadName", "Member must be a string")},
		},
		{
			name: "member names are case-sensitive",
			op:   "ListWorkloads",
			body: `{"maxResults":0,"MAXRESULTS":0}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := OperationByName(tt.op).Invoke(context.Background(), Unimplemented{}, request(t, tt.labels, tt.query, tt.body))
			e, ok := err.(*wat.Error)
			if !ok {
				t.Fatalf("err = %#v, want a *wat.Error", err)
			}
			if tt.want == nil {
				if e.Code != wat.ENotImplemented {
					t.Fatalf("err = %v, want validation to pass", err)
				}
				return
			}
			if e.Code != wat.EInvalid || e.Reason != wat.ReasonFieldValidationFailed {
				t.Fatalf("err = %+v, want EInvalid FIELD_VALIDATION_FAILED", e)
			}
			if diff := cmp.Diff(tt.want, e.Fields); diff != "" {
				t.Errorf("Fields (-want +got):\n%s", diff)
			}
		})
	}
}

func manyTags(n int) string {
	parts := make([]string, n)
	for i := range parts {
		parts[i] = fmt.Sprintf(`"k%d":"v"`, i)
	}
	return strings.Join(parts, ",")
}

// TestValidationMessage checks the AWS-style message: the count, every
// violation, values quoted when short and left out when long.
func TestValidationMessage(t *testing.T) {
	tests := []struct {
		name   string
		op     string
		labels map[string]string
		query  string
		body   string
		want   string
	}{
		{
			name: "two violations",
			op:   "CreateWorkload",
			body: `{"ClientRequestToken":"t","WorkloadName":"ab","Description":"desc","Environment":"PRODUCTION"}`,
			want: "2 validation errors detected: " +
				"Value null at 'lenses' failed to satisfy constraint: Member must not be null; " +
				"Value 'ab' at 'workloadName' failed to satisfy constraint: Member must have length greater than or equal to 3",
		},
		{
			name:   "long value left out, nested path in lowerCamel, keys kept",
			op:     "UpdateAnswer",
			labels: map[string]string{"WorkloadId": wid, "LensAlias": "l", "QuestionId": "q"},
			body:   `{"ChoiceUpdates":{"Choice_1":{"Status":"SELECTED","Notes":"` + strings.Repeat("x", 300) + `"}}}`,
			want:   "1 validation error detected: Value at 'choiceUpdates.Choice_1.notes' failed to satisfy constraint: Member must have length less than or equal to 250",
		},
		{
			name: "numbers, list paths, map keys",
			op:   "CreateWorkload",
			body: `{` + validCreateWorkload + `,"PillarPriorities":["x"],"Lenses":[""],"Tags":{"":"v"}}`,
			want: "2 validation errors detected: " +
				"Value '' at 'lenses[0]' failed to satisfy constraint: Member must have length greater than or equal to 1; " +
				"Value '' at 'tags' failed to satisfy constraint: Map keys must satisfy constraint: [Member must have length greater than or equal to 1]",
		},
		{
			name:   "integer label",
			op:     "GetMilestone",
			labels: map[string]string{"WorkloadId": wid, "MilestoneNumber": "abc"},
			want:   "1 validation error detected: Value 'abc' at 'milestoneNumber' failed to satisfy constraint: Member must be an integer",
		},
		{
			name: "range",
			op:   "ListWorkloads",
			body: `{"MaxResults":51}`,
			want: "1 validation error detected: Value '51' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 50",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := OperationByName(tt.op).Invoke(context.Background(), Unimplemented{}, request(t, tt.labels, tt.query, tt.body))
			e, ok := err.(*wat.Error)
			if !ok || e.Code != wat.EInvalid {
				t.Fatalf("err = %v, want EInvalid", err)
			}
			if diff := cmp.Diff(tt.want, e.Message); diff != "" {
				t.Errorf("Message (-want +got):\n%s", diff)
			}
		})
	}
}

// TestValidationIsBounded checks that a flood of bad elements yields a
// bounded error that still counts them all.
func TestValidationIsBounded(t *testing.T) {
	body := `{"ClientRequestToken":"t","ProfileName":"pro","ProfileDescription":"desc","ProfileQuestions":[` +
		strings.TrimSuffix(strings.Repeat(`{"QuestionId":""},`, 1000), ",") + `]}`
	_, err := OperationByName("CreateProfile").Invoke(context.Background(), Unimplemented{}, request(t, nil, "", body))
	e, ok := err.(*wat.Error)
	if !ok {
		t.Fatalf("err = %v", err)
	}
	if len(e.Fields) != maxViolations {
		t.Errorf("len(Fields) = %d, want %d", len(e.Fields), maxViolations)
	}
	if !strings.HasPrefix(e.Message, "1000 validation errors detected: ") || !strings.HasSuffix(e.Message, "; (900 more not shown)") {
		t.Errorf("Message = %.80q...%q", e.Message, e.Message[len(e.Message)-40:])
	}
}

func BenchmarkInvokeUpdateAnswer(b *testing.B) {
	op := OperationByName("UpdateAnswer")
	req := &Request{
		Labels: map[string]string{"WorkloadId": wid, "LensAlias": "wellarchitected", "QuestionId": "sec-1"},
		Body: []byte(`{"SelectedChoices":["sec_1_a","sec_1_b","sec_1_c"],"ChoiceUpdates":{"sec_1_d":{"Status":"NOT_APPLICABLE","Reason":"OUT_OF_SCOPE","Notes":"handled by the platform team"}},` +
			`"Notes":"Reviewed with the security team on Monday.","IsApplicable":true}`),
	}
	var rec recorder
	b.ReportAllocs()
	b.SetBytes(int64(len(req.Body)))
	for b.Loop() {
		if _, err := op.Invoke(context.Background(), &rec, req); err != nil {
			b.Fatal(err)
		}
	}
}
