package api

import (
	"strconv"
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

// TestLimiterBounds: Exhausted takes nothing and creates nothing, and the
// buckets stay within their bound however many keys come.
func TestLimiterBounds(t *testing.T) {
	now := time.Unix(1_700_000_000, 0)
	l := NewLimiter(0.001, 2, func() time.Time { return now })
	if l.Exhausted("a") || len(l.buckets) != 0 {
		t.Fatalf("Exhausted on a new key: true or a bucket made")
	}
	l.Allow("a")
	if l.Exhausted("a") {
		t.Errorf("exhausted after 1 of a burst of 2")
	}
	l.Allow("a")
	first, second := l.Exhausted("a"), l.Exhausted("a")
	if !first || !second {
		t.Errorf("not exhausted after a burst of 2 (or Exhausted took a token)")
	}
	l.max = 100
	for i := range 1000 {
		l.Allow(strconv.Itoa(i))
		if len(l.buckets) > l.max {
			t.Fatalf("%d buckets after %d keys, bound %d", len(l.buckets), i+1, l.max)
		}
	}
}
