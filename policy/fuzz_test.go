package policy

import (
	"bytes"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/wat-dev/wat"
)

func FuzzParse(f *testing.F) {
	for _, name := range ManagedNames() {
		f.Add([]byte(managed[name]))
	}
	f.Add([]byte(stmt(`{"Sid":"a","Effect":"Deny","NotAction":"wellarchitected:Delete*","NotResource":["arn:aws:wellarchitected:*:*:workload/${aws:username}"],"Condition":{"ForAllValues:StringEquals":{"aws:TagKeys":["team",1,true]},"Null":{"aws:RequestTag/x":"true"}}}`)))
	f.Add([]byte(`{"Statement":{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"ArnLikeIfExists":{"aws:PrincipalArn":"arn:aws:iam::*:role/${*}"}}}}`))
	f.Add([]byte(`{"Version":"2008-10-17","Id":"x","Statement":[{"Effect":"Allow","Action":["wellarchitected:?et*"],"Resource":"*"}]}`))
	f.Fuzz(func(t *testing.T, doc []byte) {
		p, err := Parse(doc)
		if err != nil {
			var e *wat.Error
			if !errors.As(err, &e) || e.Code != wat.EInvalid || len(e.Fields) == 0 {
				t.Fatalf("Parse error %#v is not an EInvalid *wat.Error with fields", err)
			}
			return
		}
		norm, err := p.MarshalJSON()
		if err != nil {
			t.Fatalf("MarshalJSON: %v", err)
		}
		if chars(norm) > MaxChars {
			t.Skip("normalising (string to array) grew the document past the limit")
		}
		again, err := Parse(norm)
		if err != nil {
			t.Fatalf("Parse(%s) of normalised %s: %v", norm, doc, err)
		}
		if diff := cmp.Diff(p, again, cmpopts.IgnoreUnexported(Policy{})); diff != "" {
			t.Fatalf("normalised policy differs (-first +reparsed):\n%s", diff)
		}
		norm2, _ := again.MarshalJSON()
		if !bytes.Equal(norm, norm2) {
			t.Fatalf("normalisation not stable:\n%s\n%s", norm, norm2)
		}
		// Evaluation must not panic on anything Parse accepts.
		Evaluate([]*Policy{p}, Request{Action: "wellarchitected:GetWorkload", Resource: wlARN, Context: map[string][]string{"aws:TagKeys": {"a"}, "aws:username": {"u"}}})
	})
}
