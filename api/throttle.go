package api

import (
	"sync"
	"time"

	"github.com/wat-dev/wat"
)

// Limiter bounds the rate of something per key (a principal's requests, an
// address's failed authentications) with a token bucket: Rate per second on
// average, bursts of up to Burst. Limits are per process: behind a load
// balancer each replica applies its own. It keeps at most maxLimiterKeys
// buckets, so a client inventing keys (addresses) cannot grow it without
// bound.
type Limiter struct {
	rate  float64
	burst float64
	now   func() time.Time
	max   int // buckets kept at most

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
	return &Limiter{rate: rate, burst: float64(burst), now: now, max: maxLimiterKeys, buckets: make(map[string]*bucket)}
}

// maxLimiterKeys bounds a Limiter's memory: some 100 bytes a bucket.
const maxLimiterKeys = 50_000

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
		if len(l.buckets) >= l.max {
			l.evict(now)
		}
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

// Exhausted reports whether key's bucket is empty now, without taking a
// token: a check that costs a map lookup.
func (l *Limiter) Exhausted(key string) bool {
	if l == nil {
		return false
	}
	now := l.now()
	l.mu.Lock()
	defer l.mu.Unlock()
	b, ok := l.buckets[key]
	return ok && b.tokens+now.Sub(b.last).Seconds()*l.rate < 1
}

// evict makes room for one more bucket: it drops the full ones (at most once
// a second: a walk of every bucket on each new key would be a lever against
// the server's CPU), and when every bucket is still in use forgets one at
// random (map order), which at worst lets that key start over with a full
// burst.
func (l *Limiter) evict(now time.Time) {
	if now.Sub(l.swept) >= time.Second {
		l.dropFull(now)
	}
	for k := range l.buckets {
		if len(l.buckets) < l.max {
			return
		}
		delete(l.buckets, k)
	}
}

// sweep forgets, once a minute, buckets that have refilled completely: they
// behave exactly like new ones.
func (l *Limiter) sweep(now time.Time) {
	if now.Sub(l.swept) >= time.Minute {
		l.dropFull(now)
	}
}

// dropFull forgets the buckets that have refilled completely.
func (l *Limiter) dropFull(now time.Time) {
	l.swept = now
	for k, b := range l.buckets {
		if b.tokens+now.Sub(b.last).Seconds()*l.rate >= l.burst {
			delete(l.buckets, k)
		}
	}
}
