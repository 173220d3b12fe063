package wire

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	wat "github.com/wat-dev/wat"
)

func TestDateTimeMarshal(t *testing.T) {
	for _, tt := range []struct {
		in   time.Time
		want string
	}{
		{time.Date(2026, 8, 20, 10, 11, 12, 0, time.UTC), `"2026-08-20T10:11:12Z"`},
		{time.Date(2026, 8, 20, 10, 11, 12, 345_678_000, time.UTC), `"2026-08-20T10:11:12.345Z"`},
		{time.Date(2026, 8, 20, 12, 11, 12, 500_000_000, time.FixedZone("CEST", 2*3600)), `"2026-08-20T10:11:12.5Z"`},
	} {
		got, err := json.Marshal(NewDateTime(tt.in))
		if err != nil || string(got) != tt.want {
			t.Errorf("Marshal(%v) = %s, %v; want %s", tt.in, got, err, tt.want)
		}
	}
}

func TestDateTimeUnmarshal(t *testing.T) {
	var dt DateTime
	if err := json.Unmarshal([]byte(`"2026-08-20T12:11:12.25+02:00"`), &dt); err != nil {
		t.Fatal(err)
	}
	if want := time.Date(2026, 8, 20, 10, 11, 12, 250_000_000, time.UTC); !dt.Time().Equal(want) || dt.Time().Location() != time.UTC {
		t.Errorf("Unmarshal = %v, want %v in UTC", dt.Time(), want)
	}
	if err := json.Unmarshal([]byte(`null`), &dt); err != nil || !dt.Equal(DateTime(time.Date(2026, 8, 20, 10, 11, 12, 250_000_000, time.UTC))) {
		t.Errorf("null changed the value or failed: %v", err)
	}
	for _, bad := range []string{`1700000000`, `"2026-08-20"`, `"yesterday"`} {
		if err := json.Unmarshal([]byte(bad), &dt); err == nil {
			t.Errorf("Unmarshal(%s) succeeded", bad)
		}
	}
}

// TestDecodeAgentValueKinds checks the decoders of date-times, documents
// and doubles: good values are read, wrong ones are named at their path
// and the rest of the body is still read.
func TestDecodeAgentValueKinds(t *testing.T) {
	body := `{"D":"2026-08-20T10:11:12.5Z","BadD":1700000000,"WorseD":"2026-13-01T00:00:00Z",` +
		`"Doc":{"a":[1,"x",{"b":null}],"c":true},"Str":"just a string","F":0.25,"BadF":"1","HugeF":1e400}`
	d := newDecoder(request(t, nil, "", body))
	var dt DateTime
	docs := map[string]string{}
	var f float64
	d.body(func(key []byte) {
		switch k := string(key); k {
		case "D", "BadD", "WorseD":
			if x, ok := d.dateTime(); ok {
				dt = x
			}
		case "Doc", "Str":
			if x, ok := d.document(); ok {
				docs[k] = string(x)
			}
		default:
			if x, ok := d.double(); ok {
				f = x
			}
		}
	})
	if want := time.Date(2026, 8, 20, 10, 11, 12, 5e8, time.UTC); !dt.Time().Equal(want) {
		t.Errorf("date-time = %v, want %v", dt, want)
	}
	if diff := cmp.Diff(map[string]string{"Doc": `{"a":[1,"x",{"b":null}],"c":true}`, "Str": `"just a string"`}, docs); diff != "" {
		t.Errorf("documents (-want +got):\n%s", diff)
	}
	if f != 0.25 {
		t.Errorf("double = %v, want 0.25", f)
	}
	want := []wat.FieldError{
		fe("BadD", "Member must be a timestamp in RFC 3339 date-time format"),
		fe("WorseD", "Member must be a timestamp in RFC 3339 date-time format"),
		fe("BadF", "Member must be a number"),
		fe("HugeF", "Member must be a number"),
	}
	if diff := cmp.Diff(want, d.err().(*wat.Error).Fields); diff != "" {
		t.Errorf("Fields (-want +got):\n%s", diff)
	}
}

// TestDecodeDocumentSyntax checks that a broken document is a syntax error
// of the whole body, as any other broken value is.
func TestDecodeDocumentSyntax(t *testing.T) {
	d := newDecoder(request(t, nil, "", `{"Doc":{"a":[1,}}`))
	d.body(func([]byte) {
		if _, ok := d.document(); ok {
			t.Error("a broken document was read")
		}
	})
	if err := d.result(); err == nil || err.(*wat.Error).Reason != wat.ReasonCannotParse {
		t.Errorf("result = %v, want CANNOT_PARSE", err)
	}
}
