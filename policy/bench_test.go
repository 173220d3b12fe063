package policy

import "testing"

func BenchmarkEvaluate(b *testing.B) {
	ps := []*Policy{
		mustParse(b, stmt(
			`{"Effect":"Allow","Action":["wellarchitected:Get*","wellarchitected:List*"],"Resource":"*"}`,
			`{"Effect":"Allow","Action":"wellarchitected:*","Resource":"arn:aws:wellarchitected:*:*:workload/*","Condition":{"StringEquals":{"wellarchitected:ResourceTag/team":"retail"}}}`,
		)),
		mustParse(b, stmt(
			`{"Effect":"Deny","Action":"wellarchitected:DeleteLens*","Resource":"*"}`,
			`{"Effect":"Deny","Action":"wellarchitected:*","Resource":"*","Condition":{"StringEquals":{"wellarchitected:ResourceTag/frozen":"true"}}}`,
		)),
		mustParse(b, stmt(
			`{"Effect":"Allow","Action":"wellarchitected:ExportLens","Resource":"arn:aws:wellarchitected:*:*:lens/*"}`,
		)),
	}
	r := Request{
		Action:   "wellarchitected:UpdateAnswer",
		Resource: "arn:aws:wellarchitected:us-east-1:123456789012:workload/0123456789abcdef0123456789abcdef",
		Context: map[string][]string{
			"wellarchitected:ResourceTag/team": {"retail"},
			"aws:PrincipalArn":                 {"arn:aws:iam::123456789012:user/alice"},
			"aws:username":                     {"alice"},
		},
	}
	if got := Evaluate(ps, r); got != Allow {
		b.Fatalf("Evaluate = %v, want Allow", got)
	}
	b.ReportAllocs()
	for b.Loop() {
		Evaluate(ps, r)
	}
}
