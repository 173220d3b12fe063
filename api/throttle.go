package api

import (
	"sync"
	"time"

	"github.com/wat-dev/wat"
)

// Limiter bounds the request rate of each principal with a token bucket:
// Rate requests per second on average, bursts of up to Burst. Limits are
// per process: behind a load balancer each replica applies its own.
type Limiter struct {
	rate  float64
	burst float64
	now   func() time.Time

	mu      sync.Mutex
	buckets map[string]*bucket
	swept   time.Time
}

type bucket struct {
	tokens float64
	last   time.Time
}

// NewLimiter returns a limiter of rate requests per second with bursts of
// burst; nil (no limit) when rate is not positive.
func NewLimiter(rate float64, burst int, now func() time.Time) *Limiter {
	if rate <= 0 {
		return nil
	}
	if burst < 1 {
		burst = 1
	}
	if now == nil {
		now = time.Now
	}
	return &Limiter{rate: rate, burst: float64(burst), now: now, buckets: make(map[string]*bucket)}
}

// Allow takes one token from key's bucket, or returns a ThrottlingException
// when it is empty.
func (l *Limiter) Allow(key string) error {
	if l == nil {
		return nil
	}
	now := l.now()
	l.mu.Lock()
	defer l.mu.Unlock()
	l.sweep(now)
	b, ok := l.buckets[key]
	if !ok {
		b = &bucket{tokens: l.burst, last: now}
		l.buckets[key] = b
	}
	b.tokens = min(l.burst, b.tokens+now.Sub(b.last).Seconds()*l.rate)
	b.last = now
	if b.tokens < 1 {
		return &wat.Error{Code: wat.EThrottled, Message: "Rate exceeded", ServiceCode: "wellarchitected", QuotaCode: "L-REQUEST-RATE"}
	}
	b.tokens--
	return nil
}

// sweep forgets, once a minute, buckets that have refilled completely: they
// behave exactly like new ones.
func (l *Limiter) sweep(now time.Time) {
	if now.Sub(l.swept) < time.Minute {
		return
	}
	l.swept = now
	for k, b := range l.buckets {
		if b.tokens+now.Sub(b.last).Seconds()*l.rate >= l.burst {
			delete(l.buckets, k)
		}
	}
}
