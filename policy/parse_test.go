package policy

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/wat-dev/wat"
)

func mustParse(tb testing.TB, doc string) *Policy {
	tb.Helper()
	p, err := Parse([]byte(doc))
	if err != nil {
		tb.Fatalf("Parse(%s): %v", doc, err)
	}
	return p
}

func TestParseErrors(t *testing.T) {
	const ok = `"Effect":"Allow","Action":"wellarchitected:GetWorkload","Resource":"*"`
	tests := []struct {
		name string
		doc  string
		want []string // Fields[].Name
	}{
		{"not json", `{"Statement":`, []string{"$"}},
		{"not an object", `[]`, []string{"$"}},
		{"null", `null`, []string{"$"}},
		{"unknown top-level key", `{"Statement":{` + ok + `},"Foo":1}`, []string{"Foo"}},
		{"bad version", `{"Version":"2020-01-01","Statement":{` + ok + `}}`, []string{"Version"}},
		{"version not a string", `{"Version":2012,"Statement":{` + ok + `}}`, []string{"Version"}},
		{"no statement", `{"Version":"2012-10-17"}`, []string{"Statement"}},
		{"empty statement list", `{"Statement":[]}`, []string{"Statement"}},
		{"statement not an object", `{"Statement":[{` + ok + `},"x"]}`, []string{"Statement[1]"}},
		{"statement wrong type", `{"Statement":"x"}`, []string{"Statement"}},
		{"unknown statement key", `{"Statement":[{` + ok + `,"Foo":"x"}]}`, []string{"Statement[0].Foo"}},
		{"principal", `{"Statement":[{` + ok + `,"Principal":"*"}]}`, []string{"Statement[0].Principal"}},
		{"not principal", `{"Statement":{` + ok + `,"NotPrincipal":{"AWS":"x"}}}`, []string{"Statement.NotPrincipal"}},
		{"missing effect", `{"Statement":[{"Action":"wellarchitected:*","Resource":"*"}]}`, []string{"Statement[0].Effect"}},
		{"bad effect", `{"Statement":[{"Effect":"allow","Action":"wellarchitected:*","Resource":"*"}]}`, []string{"Statement[0].Effect"}},
		{"effect not a string", `{"Statement":[{"Effect":true,"Action":"wellarchitected:*","Resource":"*"}]}`, []string{"Statement[0].Effect"}},
		{"sid not a string", `{"Statement":[{` + ok + `,"Sid":null}]}`, []string{"Statement[0].Sid"}},
		{"duplicate sid", `{"Statement":[{` + ok + `,"Sid":"a"},{` + ok + `,"Sid":"a"}]}`, []string{"Statement[1].Sid"}},
		{"missing action", `{"Statement":[{"Effect":"Allow","Resource":"*"}]}`, []string{"Statement[0].Action"}},
		{"action and notaction", `{"Statement":[{` + ok + `,"NotAction":"wellarchitected:*"}]}`, []string{"Statement[0].NotAction"}},
		{"empty action list", `{"Statement":[{"Effect":"Allow","Action":[],"Resource":"*"}]}`, []string{"Statement[0].Action"}},
		{"action wrong type", `{"Statement":[{"Effect":"Allow","Action":{},"Resource":"*"}]}`, []string{"Statement[0].Action"}},
		{"action item wrong type", `{"Statement":[{"Effect":"Allow","Action":["wellarchitected:*",3],"Resource":"*"}]}`, []string{"Statement[0].Action[1]"}},
		{"other service", `{"Statement":[{"Effect":"Allow","Action":["s3:GetObject"],"Resource":"*"}]}`, []string{"Statement[0].Action[0]"}},
		{"no colon", `{"Statement":[{"Effect":"Allow","Action":"GetWorkload","Resource":"*"}]}`, []string{"Statement[0].Action"}},
		{"star service", `{"Statement":[{"Effect":"Allow","Action":"*:GetWorkload","Resource":"*"}]}`, []string{"Statement[0].Action"}},
		{"empty name", `{"Statement":[{"Effect":"Allow","Action":"wellarchitected:","Resource":"*"}]}`, []string{"Statement[0].Action"}},
		{"bad name char", `{"Statement":[{"Effect":"Allow","Action":"wellarchitected:Get-Workload","Resource":"*"}]}`, []string{"Statement[0].Action"}},
		{"notaction bad", `{"Statement":[{"Effect":"Deny","NotAction":["x"],"Resource":"*"}]}`, []string{"Statement[0].NotAction[0]"}},
		{"missing resource", `{"Statement":[{"Effect":"Allow","Action":"wellarchitected:*"}]}`, []string{"Statement[0].Resource"}},
		{"resource and notresource", `{"Statement":[{` + ok + `,"NotResource":"*"}]}`, []string{"Statement[0].NotResource"}},
		{"resource not an arn", `{"Statement":[{"Effect":"Allow","Action":"wellarchitected:*","Resource":["*","workload/x"]}]}`, []string{"Statement[0].Resource[1]"}},
		{"resource too few parts", `{"Statement":[{"Effect":"Allow","Action":"wellarchitected:*","Resource":"arn:aws:x"}]}`, []string{"Statement[0].Resource"}},
		{"empty resource list", `{"Statement":[{"Effect":"Allow","Action":"wellarchitected:*","NotResource":[]}]}`, []string{"Statement[0].NotResource"}},
		{"condition not an object", `{"Statement":[{` + ok + `,"Condition":[]}]}`, []string{"Statement[0].Condition"}},
		{"unknown operator", `{"Statement":[{` + ok + `,"Condition":{"NumericEquals":{"a:b":"1"}}}]}`, []string{"Statement[0].Condition.NumericEquals"}},
		{"unknown qualifier", `{"Statement":[{` + ok + `,"Condition":{"ForSomeValues:StringEquals":{"a:b":"1"}}}]}`, []string{"Statement[0].Condition.ForSomeValues:StringEquals"}},
		{"null ifexists", `{"Statement":[{` + ok + `,"Condition":{"NullIfExists":{"a:b":"true"}}}]}`, []string{"Statement[0].Condition.NullIfExists"}},
		{"operator not an object", `{"Statement":[{` + ok + `,"Condition":{"StringEquals":"x"}}]}`, []string{"Statement[0].Condition.StringEquals"}},
		{"operator without keys", `{"Statement":[{` + ok + `,"Condition":{"StringEquals":{}}}]}`, []string{"Statement[0].Condition.StringEquals"}},
		{"value object", `{"Statement":[{` + ok + `,"Condition":{"StringEquals":{"a:b":{"c":"d"}}}}]}`, []string{"Statement[0].Condition.StringEquals.a:b"}},
		{"value null", `{"Statement":[{` + ok + `,"Condition":{"StringEquals":{"a:b":null}}}]}`, []string{"Statement[0].Condition.StringEquals.a:b"}},
		{"empty value list", `{"Statement":[{` + ok + `,"Condition":{"StringEquals":{"a:b":[]}}}]}`, []string{"Statement[0].Condition.StringEquals.a:b"}},
		{"value item wrong", `{"Statement":[{` + ok + `,"Condition":{"StringEquals":{"a:b":["x",["y"]]}}}]}`, []string{"Statement[0].Condition.StringEquals.a:b[1]"}},
		{"bool not boolean", `{"Statement":[{` + ok + `,"Condition":{"Bool":{"aws:SecureTransport":"yes"}}}]}`, []string{"Statement[0].Condition.Bool.aws:SecureTransport"}},
		{"empty key", `{"Statement":[{` + ok + `,"Condition":{"StringEquals":{"":"x"}}}]}`, []string{"Statement[0].Condition.StringEquals."}},
		{
			"all problems at once",
			`{"Foo":1,"Statement":[{"Effect":"Maybe","Action":["s3:*"],"Resource":"x"},{` + ok + `,"Principal":"*"}]}`,
			[]string{"Foo", "Statement[0].Effect", "Statement[0].Action[0]", "Statement[0].Resource", "Statement[1].Principal"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := Parse([]byte(tt.doc))
			if p != nil {
				t.Errorf("Parse returned a policy as well as an error")
			}
			var e *wat.Error
			if !errors.As(err, &e) {
				t.Fatalf("Parse(%s) error = %v, want *wat.Error", tt.doc, err)
			}
			if e.Code != wat.EInvalid || e.Reason != wat.ReasonFieldValidationFailed {
				t.Errorf("Code, Reason = %v, %v; want %v, %v", e.Code, e.Reason, wat.EInvalid, wat.ReasonFieldValidationFailed)
			}
			var got []string
			for _, f := range e.Fields {
				got = append(got, f.Name)
				if f.Message == "" {
					t.Errorf("field %s has no message", f.Name)
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("field names (-want +got):\n%s\nerror: %v", diff, err)
			}
		})
	}
}

func TestParseSizeLimit(t *testing.T) {
	stmt := `{"Effect":"Allow","Action":"wellarchitected:GetWorkload","Resource":"*"}`
	build := func(n int) string {
		return `{"Statement":[` + strings.TrimSuffix(strings.Repeat(stmt+",", n), ",") + `]}`
	}
	n := 1
	for len(build(n+1)) <= MaxChars {
		n++
	}
	if _, err := Parse([]byte(build(n))); err != nil {
		t.Fatalf("document of %d characters: %v", len(build(n)), err)
	}
	// Whitespace does not count, as in IAM.
	if _, err := Parse([]byte(strings.ReplaceAll(build(n), ",", ",\n   "))); err != nil {
		t.Fatalf("indented document: %v", err)
	}
	_, err := Parse([]byte(build(n + 1)))
	var e *wat.Error
	if !errors.As(err, &e) || len(e.Fields) != 1 || e.Fields[0].Name != "$" || !strings.Contains(e.Fields[0].Message, "6144") {
		t.Fatalf("document of %d characters: error %#v, want one field \"$\" naming the 6144 limit", len(build(n+1)), err)
	}
}

func TestParseNormalises(t *testing.T) {
	doc := `{
	  "Version": "2012-10-17", "Id": "p1",
	  "Statement": {
	    "Sid": "tags", "Effect": "Deny", "NotAction": "wellarchitected:Get*",
	    "NotResource": "arn:aws:wellarchitected:*:*:workload/${aws:username}",
	    "Condition": {"Bool": {"aws:MultiFactorAuthPresent": false}, "StringEquals": {"aws:RequestTag/n": 10}}
	  }
	}`
	p := mustParse(t, doc)
	want := &Policy{
		Version: Version2012,
		ID:      "p1",
		Statements: []Statement{{
			Sid:         "tags",
			Effect:      EffectDeny,
			NotAction:   []string{"wellarchitected:Get*"},
			NotResource: []string{"arn:aws:wellarchitected:*:*:workload/${aws:username}"},
			Condition: map[string]map[string][]string{
				"Bool":         {"aws:MultiFactorAuthPresent": {"false"}},
				"StringEquals": {"aws:RequestTag/n": {"10"}},
			},
		}},
	}
	if diff := cmp.Diff(want, p, cmpopts.IgnoreUnexported(Policy{})); diff != "" {
		t.Errorf("Parse (-want +got):\n%s", diff)
	}
	const wantJSON = `{"Version":"2012-10-17","Id":"p1","Statement":[{"Sid":"tags","Effect":"Deny","NotAction":["wellarchitected:Get*"],"NotResource":["arn:aws:wellarchitected:*:*:workload/${aws:username}"],"Condition":{"Bool":{"aws:MultiFactorAuthPresent":["false"]},"StringEquals":{"aws:RequestTag/n":["10"]}}}]}`
	got, err := p.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(wantJSON, string(got)); diff != "" {
		t.Errorf("MarshalJSON (-want +got):\n%s", diff)
	}
	again := mustParse(t, p.String())
	if diff := cmp.Diff(p, again, cmpopts.IgnoreUnexported(Policy{})); diff != "" {
		t.Errorf("Parse(String()) (-want +got):\n%s", diff)
	}
}

func cmpDiff(want, got any) string { return cmp.Diff(want, got) }
