package wire

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	wat "github.com/wat-dev/wat"
)

// The model binds no long, boolean label or enum list, and has no timestamp
// in an input, but the generator supports them: these tests keep the
// runtime side honest for the day the model does.

func TestBindHelpers(t *testing.T) {
	d := newDecoder(request(t,
		map[string]string{"Big": "9007199254740993", "Flag": "TRUE", "Kind": "HIGH", "Bad": "1x", "Empty": ""},
		"n=-9223372036854775808&big=9223372036854775808&k=HIGH&k=NONE&b=false", ""))
	if got := d.labelInt64("Big"); got == nil || *got != 9007199254740993 {
		t.Errorf("labelInt64 = %v", got)
	}
	if got := d.labelBool("Flag"); got == nil || !*got {
		t.Errorf("labelBool = %v", got)
	}
	if got := Risk(d.labelValue("Kind")); got != RiskHigh {
		t.Errorf("labelValue = %q", got)
	}
	if got := d.labelInt64("Empty"); got != nil {
		t.Errorf("labelInt64(empty) = %v, want nil", *got)
	}
	if got := d.queryInt64("n", "N"); got == nil || *got != -9223372036854775808 {
		t.Errorf("queryInt64 = %v", got)
	}
	if got := d.queryBool("b", "B"); got == nil || *got {
		t.Errorf("queryBool = %v", got)
	}
	if diff := cmp.Diff([]Risk{RiskHigh, RiskNone}, enumList[Risk](d.queryStrings("k"))); diff != "" {
		t.Errorf("enumList (-want +got):\n%s", diff)
	}
	if got := enumList[Risk](d.queryStrings("absent")); got != nil {
		t.Errorf("enumList(absent) = %v, want nil", got)
	}
	d.queryInt64("big", "Big")
	d.labelBool("Bad")
	want := []wat.FieldError{fe("Big", "Member must be a long"), fe("Bad", "Member must be a boolean")}
	if diff := cmp.Diff(want, d.err().(*wat.Error).Fields); diff != "" {
		t.Errorf("Fields (-want +got):\n%s", diff)
	}
}

func TestDecodeLongAndTimestamp(t *testing.T) {
	d := newDecoder(request(t, nil, "", `{"L":-9223372036854775808,"T":1700000000.5,"BadL":9223372036854775808,"BadT":"2024","OldT":-1e20}`))
	var l int64
	var ts Timestamp
	d.body(func(key []byte) {
		switch string(key) {
		case "L", "BadL":
			if x, ok := d.int64(); ok {
				l = x
			}
		default:
			if x, ok := d.timestamp(); ok {
				ts = x
			}
		}
	})
	if l != -9223372036854775808 {
		t.Errorf("int64 = %d", l)
	}
	if !ts.Time().Equal(time.Unix(1700000000, 5e8)) {
		t.Errorf("timestamp = %v", ts)
	}
	want := []wat.FieldError{
		fe("BadL", "Member must be a long"),
		fe("BadT", "Member must be a timestamp in epoch seconds"),
		fe("OldT", "Member must be a timestamp in epoch seconds"),
	}
	if diff := cmp.Diff(want, d.err().(*wat.Error).Fields); diff != "" {
		t.Errorf("Fields (-want +got):\n%s", diff)
	}
}
