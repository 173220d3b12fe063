package wire

import (
	"encoding/json"
	"testing"
	"time"
)

func TestTimestampMarshal(t *testing.T) {
	tests := []struct {
		t    time.Time
		want string
	}{
		{time.Unix(1700000000, 0), "1700000000"},
		{time.Unix(1700000000, 123_000_000), "1700000000.123"},
		{time.Unix(1700000000, 120_000_000), "1700000000.12"},
		{time.Unix(1700000000, 100_999_999), "1700000000.1"}, // truncated to the millisecond
		{time.Unix(1700000000, 999_999), "1700000000"},
		{time.Unix(0, 0), "0"},
		{time.Unix(-1, 500_000_000), "-0.5"},
		{time.Unix(-2, 0), "-2"},
		{time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC), "253402300799"},
	}
	for _, tt := range tests {
		got, err := json.Marshal(Timestamp(tt.t))
		if err != nil || string(got) != tt.want {
			t.Errorf("Marshal(%v) = %s, %v; want %s", tt.t, got, err, tt.want)
		}
		var back Timestamp
		if err := json.Unmarshal(got, &back); err != nil || back.Time().UnixMilli() != tt.t.UnixMilli() {
			t.Errorf("Unmarshal(%s) = %v, %v; want %v", got, back, err, tt.t)
		}
	}
}

func TestTimestampUnmarshal(t *testing.T) {
	tests := []struct {
		in   string
		want time.Time
		err  bool
	}{
		{in: "1700000000", want: time.Unix(1700000000, 0)},
		{in: "1700000000.123", want: time.Unix(1700000000, 123_000_000)},
		{in: "1.7e9", want: time.Unix(1700000000, 0)},
		{in: "-0.5", want: time.Unix(-1, 500_000_000)},
		{in: `"1700000000"`, err: true},
		{in: "1e300", err: true},
		{in: "true", err: true},
	}
	for _, tt := range tests {
		var got Timestamp
		err := json.Unmarshal([]byte(tt.in), &got)
		if tt.err {
			if err == nil {
				t.Errorf("Unmarshal(%s) = %v, want an error", tt.in, got)
			}
			continue
		}
		if err != nil || !got.Time().Equal(tt.want) {
			t.Errorf("Unmarshal(%s) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
		if got.Time().Location() != time.UTC {
			t.Errorf("Unmarshal(%s) location = %v, want UTC", tt.in, got.Time().Location())
		}
	}
	// null leaves a value alone and a pointer nil, like encoding/json does.
	var s struct{ T *Timestamp }
	if err := json.Unmarshal([]byte(`{"T":null}`), &s); err != nil || s.T != nil {
		t.Errorf("Unmarshal null = %v, %v", s.T, err)
	}
}

func TestNewTimestamp(t *testing.T) {
	now := time.Now()
	ts := NewTimestamp(now)
	if !ts.Time().Equal(now) || !ts.Equal(Timestamp(now)) {
		t.Errorf("NewTimestamp(%v) = %v", now, ts)
	}
	if got := Timestamp(time.Unix(1700000000, 5e6)).String(); got != "2023-11-14T22:13:20.005Z" {
		t.Errorf("String() = %q", got)
	}
}
