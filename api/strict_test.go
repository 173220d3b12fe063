package api

import (
	"errors"
	"testing"

	"github.com/wat-dev/wat"
	"github.com/wat-dev/wat/api/wire"
)

func TestDecodeStrict(t *testing.T) {
	var in wire.PutWorkloadEvidenceInput
	body := `{"Tool":"wat","Rules":[{"Id":"r","Title":"t","Severity":"low","ChoiceIds":["c"],"Passed":2,
		"Flagged":[{"Status":"FAIL","Resource":"B","File":"f.yaml","Line":3}]}],"Problems":null}`
	if err := decodeStrict([]byte(body), &in); err != nil {
		t.Fatal(err)
	}
	if len(in.Rules) != 1 || *in.Rules[0].Passed != 2 || *in.Rules[0].Flagged[0].Line != 3 || in.WorkloadId != nil {
		t.Errorf("decoded %+v", in)
	}
	for body, fields := range map[string][]string{
		`{"Rules":[{"Passed":1e3,"Line":1}],"tool":"x"}`:       {"Rules[0].Line", "Rules[0].Passed", "tool"},
		`{"Rules":{"Id":"r"}}`:                                 {"Rules"},
		`{"Rules":[{"ChoiceIds":[1,"c",true]}]}`:               {"Rules[0].ChoiceIds[0]", "Rules[0].ChoiceIds[2]"},
		`{"Rules":[{"Passed":4294967296}],"WorkloadId":"x"}`:   {"Rules[0].Passed", "WorkloadId"},
		`{"Rules":[{"Flagged":[{"Line":-1,"Status":false}]}]}`: {"Rules[0].Flagged[0].Status"},
	} {
		var in wire.PutWorkloadEvidenceInput
		err := decodeStrict([]byte(body), &in)
		var e *wat.Error
		if !errors.As(err, &e) || e.Code != wat.EInvalid {
			t.Errorf("%s: %v, want a validation error", body, err)
			continue
		}
		var got []string
		for _, f := range e.Fields {
			got = append(got, f.Name)
		}
		if len(got) != len(fields) {
			t.Errorf("%s: fields %v, want %v", body, got, fields)
			continue
		}
		for i := range got {
			if got[i] != fields[i] {
				t.Errorf("%s: fields %v, want %v", body, got, fields)
				break
			}
		}
	}
	for _, bad := range []string{``, `{`, `{"Rules":[]} {}`, `nul`} {
		var in wire.PutWorkloadEvidenceInput
		var e *wat.Error
		if err := decodeStrict([]byte(bad), &in); !errors.As(err, &e) || e.Reason != wat.ReasonCannotParse {
			t.Errorf("%q: %v, want CANNOT_PARSE", bad, err)
		}
	}
}

// FuzzDecodeStrict: whatever the body, decodeStrict answers a validation
// error or a decoded input, never a panic or another error.
func FuzzDecodeStrict(f *testing.F) {
	f.Add(`{"Rules":[{"Id":"r","Title":"t","Severity":"low","ChoiceIds":["c"],"Flagged":[{"Status":"FAIL","Resource":"B","File":"f","Line":3}]}]}`)
	f.Add(`{"Rules":[{"Passed":1.5}],"X":{"Y":[null]}}`)
	f.Add(`[[[[[[[[[[]]]]]]]]]]`)
	f.Fuzz(func(t *testing.T, body string) {
		var in wire.PutWorkloadEvidenceInput
		err := decodeStrict([]byte(body), &in)
		var e *wat.Error
		if err != nil && (!errors.As(err, &e) || e.Code != wat.EInvalid) {
			t.Fatalf("%q: %v", body, err)
		}
	})
}
