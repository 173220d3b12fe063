package wire

import (
	"errors"
	"math"
	"strconv"
	"time"
)

// Timestamp is a Smithy timestamp. On the restJson1 wire it is a JSON number
// of seconds since the Unix epoch with millisecond precision, e.g.
// 1700000000 or 1700000000.123.
type Timestamp time.Time

// NewTimestamp returns t as a *Timestamp, for filling output members.
func NewTimestamp(t time.Time) *Timestamp {
	ts := Timestamp(t)
	return &ts
}

// Time returns the timestamp as a time.Time.
func (t Timestamp) Time() time.Time { return time.Time(t) }

// Equal reports whether t and u are the same instant (which also lets
// go-cmp compare Timestamps).
func (t Timestamp) Equal(u Timestamp) bool { return time.Time(t).Equal(time.Time(u)) }

// String formats the timestamp as RFC 3339 with milliseconds.
func (t Timestamp) String() string {
	return time.Time(t).UTC().Format("2006-01-02T15:04:05.000Z07:00")
}

// MarshalJSON writes epoch seconds, truncated to the millisecond and without
// trailing zeros, as the AWS SDKs do.
func (t Timestamp) MarshalJSON() ([]byte, error) {
	ms := time.Time(t).UnixMilli()
	var b []byte
	if ms < 0 {
		b = append(b, '-')
		ms = -ms // cannot overflow: UnixMilli of any time.Time is far from MinInt64
	}
	b = strconv.AppendInt(b, ms/1000, 10)
	if frac := ms % 1000; frac != 0 {
		b = append(b, '.', byte('0'+frac/100), byte('0'+frac/10%10), byte('0'+frac%10))
		for b[len(b)-1] == '0' {
			b = b[:len(b)-1]
		}
	}
	return b, nil
}

// UnmarshalJSON reads epoch seconds from a JSON number, rounded to the
// millisecond. A null leaves t unchanged.
func (t *Timestamp) UnmarshalJSON(data []byte) error {
	if string(data) == "null" {
		return nil
	}
	f, err := strconv.ParseFloat(string(data), 64)
	if err != nil || math.IsInf(f, 0) || math.IsNaN(f) || f < minEpochSeconds || f > maxEpochSeconds {
		return errors.New("wire: timestamp must be a JSON number of epoch seconds")
	}
	*t = epochSeconds(f)
	return nil
}

// epochSeconds converts epoch seconds to a UTC Timestamp, rounding to the
// millisecond so that 1700000000.123 is exactly .123 despite binary floats.
func epochSeconds(f float64) Timestamp {
	return Timestamp(time.UnixMilli(int64(math.Round(f * 1000))).UTC())
}

// The timestamps a decoder accepts: years 1 to 9999, as RFC 3339 can spell.
const (
	minEpochSeconds = -62135596800
	maxEpochSeconds = 253402300799
)

// timestamp decodes epoch seconds, the restJson1 body format.
func (d *decoder) timestamp() (Timestamp, bool) {
	const msg = "Member must be a timestamp in epoch seconds"
	switch c := d.ws(); {
	case c == 'n':
		d.literal("null")
		return Timestamp{}, false
	case c != '-' && (c < '0' || c > '9'):
		d.mismatch(msg)
		return Timestamp{}, false
	}
	text, _ := d.number()
	if text == nil {
		return Timestamp{}, false
	}
	f, err := strconv.ParseFloat(string(text), 64)
	if err != nil || f < minEpochSeconds || f > maxEpochSeconds {
		d.add(d.path, quoted(string(text)), msg)
		return Timestamp{}, false
	}
	return epochSeconds(f), true
}
