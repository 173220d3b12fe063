package wire

import (
	"encoding/json"
	"errors"
	"math"
	"strconv"
	"time"
)

// DateTime is a Smithy timestamp whose member says timestampFormat
// "date-time": on the wire a JSON string in RFC 3339, e.g.
// "2026-08-20T10:11:12.345Z". The Well-Architected Agent's shapes use it
// where the older shapes use epoch seconds (Timestamp).
type DateTime time.Time

// NewDateTime returns t as a *DateTime, for filling output members.
func NewDateTime(t time.Time) *DateTime {
	dt := DateTime(t)
	return &dt
}

// Time returns the date-time as a time.Time.
func (t DateTime) Time() time.Time { return time.Time(t) }

// Equal reports whether t and u are the same instant (which also lets
// go-cmp compare DateTimes).
func (t DateTime) Equal(u DateTime) bool { return time.Time(t).Equal(time.Time(u)) }

// String formats the date-time as it travels.
func (t DateTime) String() string {
	return time.Time(t).UTC().Truncate(time.Millisecond).Format(dateTimeLayout)
}

// dateTimeLayout writes UTC with milliseconds, dropping trailing zeros as
// the AWS SDKs do.
const dateTimeLayout = "2006-01-02T15:04:05.999Z07:00"

// MarshalJSON writes the RFC 3339 string in UTC.
func (t DateTime) MarshalJSON() ([]byte, error) {
	return strconv.AppendQuote(nil, t.String()), nil
}

// UnmarshalJSON reads an RFC 3339 string. A null leaves t unchanged.
func (t *DateTime) UnmarshalJSON(data []byte) error {
	if string(data) == "null" {
		return nil
	}
	var s string
	if err := json.Unmarshal(data, &s); err != nil {
		return errors.New("wire: date-time must be a JSON string in RFC 3339")
	}
	v, ok := parseDateTime(s)
	if !ok {
		return errors.New("wire: date-time must be a JSON string in RFC 3339")
	}
	*t = v
	return nil
}

// parseDateTime reads RFC 3339 with an optional fraction, in years 1 to
// 9999 (what the format can spell), as UTC.
func parseDateTime(s string) (DateTime, bool) {
	v, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return DateTime{}, false
	}
	return DateTime(v.UTC()), true
}

// Document is a Smithy document: any JSON value, kept as its raw text. A
// nil Document is an absent member.
type Document = json.RawMessage

// dateTime decodes an RFC 3339 string, the date-time body format.
func (d *decoder) dateTime() (DateTime, bool) {
	const msg = "Member must be a timestamp in RFC 3339 date-time format"
	if d.ws() != '"' {
		if !d.null() {
			d.mismatch(msg)
		}
		return DateTime{}, false
	}
	s, ok := d.str()
	if !ok {
		return DateTime{}, false
	}
	v, ok := parseDateTime(s)
	if !ok {
		d.add(d.path, quoted(s), msg)
	}
	return v, ok
}

// document decodes any JSON value as its raw text, checking its syntax. A
// null is an absent member (structure members reach here only when not
// null; list elements and map values are refused as null before).
func (d *decoder) document() (Document, bool) {
	d.ws()
	start := d.pos
	d.skip()
	if d.failed() {
		return nil, false
	}
	return Document(append([]byte(nil), d.data[start:d.pos]...)), true
}

// double decodes a JSON number as a float64.
func (d *decoder) double() (float64, bool) {
	const msg = "Member must be a number"
	switch c := d.ws(); {
	case c == 'n':
		d.literal("null")
		return 0, false
	case c != '-' && (c < '0' || c > '9'):
		d.mismatch(msg)
		return 0, false
	}
	text, _ := d.number()
	if text == nil {
		return 0, false
	}
	f, err := strconv.ParseFloat(string(text), 64)
	if err != nil || math.IsInf(f, 0) {
		d.add(d.path, quoted(string(text)), msg)
		return 0, false
	}
	return f, true
}
