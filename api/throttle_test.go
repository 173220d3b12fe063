package api

import (
	"testing"
	"time"

	"github.com/wat-dev/wat"
)

func TestLimiter(t *testing.T) {
	now := time.Unix(1_700_000_000, 0)
	l := NewLimiter(10, 5, func() time.Time { return now })
	for i := 0; i < 5; i++ {
		if err := l.Allow("a"); err != nil {
			t.Fatalf("request %d of a burst of 5: %v", i, err)
		}
	}
	err := l.Allow("a")
	if wat.ErrorCodeOf(err) != wat.EThrottled {
		t.Fatalf("6th request in the same instant: %v, want throttled", err)
	}
	if err := l.Allow("b"); err != nil {
		t.Errorf("another principal is throttled too: %v", err)
	}
	now = now.Add(100 * time.Millisecond) // one token back at 10/s
	if err := l.Allow("a"); err != nil {
		t.Errorf("after 100 ms: %v", err)
	}
	if err := l.Allow("a"); wat.ErrorCodeOf(err) != wat.EThrottled {
		t.Errorf("second request after 100 ms: %v, want throttled", err)
	}
	now = now.Add(time.Hour) // refilled, never beyond the burst
	for i := 0; i < 5; i++ {
		if err := l.Allow("a"); err != nil {
			t.Fatalf("after an hour, request %d: %v", i, err)
		}
	}
	if err := l.Allow("a"); wat.ErrorCodeOf(err) != wat.EThrottled {
		t.Errorf("the bucket grew beyond its burst: %v", err)
	}
	// The hour-later sweep dropped b, full and idle, and kept a, in use.
	if _, ok := l.buckets["b"]; ok {
		t.Errorf("a full, idle bucket was not swept")
	}
	if _, ok := l.buckets["a"]; !ok {
		t.Errorf("a bucket in use was swept")
	}
	if NewLimiter(0, 10, nil).Allow("x") != nil {
		t.Errorf("a zero rate must mean no limit")
	}
}
