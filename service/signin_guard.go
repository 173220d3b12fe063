package service

import (
	"fmt"
	"sync"
	"time"

	"github.com/wat-dev/wat"
)

// Brute-force protection of console sign-ins: after MaxFailedSignIns
// failures for one account and user name within SignInWindow, that user's
// sign-ins are refused for SignInLockout, whatever the password. The
// counts are kept in memory, per process: behind a load balancer each
// replica counts its own, so an attacker spreading attempts over n
// replicas gets n times as many guesses.
const (
	MaxFailedSignIns = 5
	SignInWindow     = 15 * time.Minute
	SignInLockout    = 15 * time.Minute
)

// maxGuarded bounds the account and user names the guard tracks, so that
// attempts under made-up names cannot exhaust memory.
const maxGuarded = 10000

// signInGuard counts failed sign-ins per account and user name. Attempts
// in flight count as failures until they end, so that many parallel
// guesses cannot slip past the limit together.
type signInGuard struct {
	mu      sync.Mutex
	entries map[string]*guardEntry
}

type guardEntry struct {
	failures    int
	inFlight    int
	windowStart time.Time // the first failure of the current window
	lockedUntil time.Time
}

// begin admits an attempt for key at now, or refuses it (EThrottled) while
// the key is locked out or its failures and attempts in flight reach the
// limit. An admitted attempt must be ended with end.
func (g *signInGuard) begin(key string, now time.Time) error {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.entries == nil {
		g.entries = make(map[string]*guardEntry)
	}
	e := g.entries[key]
	if e == nil {
		if len(g.entries) >= maxGuarded {
			g.sweep(now)
		}
		e = &guardEntry{}
		g.entries[key] = e
	}
	if now.Before(e.lockedUntil) {
		return lockedOut(e.lockedUntil.Sub(now))
	}
	if e.failures > 0 && now.Sub(e.windowStart) >= SignInWindow {
		e.failures = 0
	}
	if e.failures+e.inFlight >= MaxFailedSignIns {
		return &wat.Error{Code: wat.EThrottled, Message: "Too many sign-ins for this user at once: try again in a moment."}
	}
	e.inFlight++
	return nil
}

// end records how an admitted attempt ended: a success forgets the key's
// failures, a failure counts and locks the key out at the limit. An
// attempt that could not be decided (a database error) is neither.
func (g *signInGuard) end(key string, now time.Time, failed, succeeded bool) {
	g.mu.Lock()
	defer g.mu.Unlock()
	e := g.entries[key]
	if e == nil {
		return
	}
	e.inFlight--
	switch {
	case succeeded:
		e.failures = 0
	case failed:
		if e.failures == 0 || now.Sub(e.windowStart) >= SignInWindow {
			e.failures, e.windowStart = 0, now
		}
		e.failures++
		if e.failures >= MaxFailedSignIns {
			e.lockedUntil = now.Add(SignInLockout)
			e.failures = 0
		}
	}
	if e.inFlight == 0 && e.failures == 0 && !now.Before(e.lockedUntil) {
		delete(g.entries, key)
	}
}

// sweep forgets the keys that hold nothing but old failures; when that is
// not enough, it forgets keys that are not locked out, so a flood of new
// names never lifts an existing lockout.
func (g *signInGuard) sweep(now time.Time) {
	for k, e := range g.entries {
		if e.inFlight == 0 && !now.Before(e.lockedUntil) && now.Sub(e.windowStart) >= SignInWindow {
			delete(g.entries, k)
		}
	}
	for k, e := range g.entries {
		if len(g.entries) < maxGuarded {
			return
		}
		if e.inFlight == 0 && !now.Before(e.lockedUntil) {
			delete(g.entries, k)
		}
	}
}

// lockedOut is the error of a sign-in refused for wait more.
func lockedOut(wait time.Duration) error {
	minutes := int((wait + time.Minute - 1) / time.Minute)
	return &wat.Error{Code: wat.EThrottled, Message: fmt.Sprintf(
		"Too many failed sign-ins for this user: try again in %d minutes.", minutes)}
}
