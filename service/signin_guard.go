package service

import (
	"fmt"
	"sync"
	"time"

	"github.com/wat-dev/wat"
)

// Guessing protection of console sign-ins. Failures are counted per user
// and source address together, so that whoever knows a user name cannot
// shut its owner out: the right password from another address works at
// once. A pair's first SignInFreeFailures failures are answered as usual;
// after that each further attempt must wait a delay that doubles with each
// failure, from SignInDelayBase to SignInDelayMax, and is refused (429)
// until it has passed. An address is limited the same way across all the
// user names it tries (SignInFreeAddressFailures), so that it cannot guess
// one password for many users instead. Failures are forgotten
// SignInForgetAfter after the last one, and a success forgets the pair's.
//
// The counts are kept in memory, per process: behind a load balancer each
// replica counts its own, so an attacker spreading attempts over n
// replicas gets n times as many guesses.
const (
	SignInFreeFailures        = 5
	SignInFreeAddressFailures = 20
	SignInDelayBase           = time.Second
	SignInDelayMax            = 30 * time.Second
	SignInForgetAfter         = 15 * time.Minute
)

// maxGuarded bounds the keys the guard tracks, so that attempts under
// made-up names or from many addresses cannot exhaust memory.
const maxGuarded = 20000

// signInGuard counts failed sign-ins per user and address and per address.
// Attempts in flight count as failures until they end, so that parallel
// guesses cannot slip past the limits together.
type signInGuard struct {
	mu      sync.Mutex
	entries map[string]*guardEntry
}

type guardEntry struct {
	failures  int
	inFlight  int
	last      time.Time // the latest failure
	notBefore time.Time // no attempt is admitted before it
}

// guardKeys are the two counters an attempt is counted under.
type guardKeys struct{ pair, address string }

func signInKeys(accountID, userName, address string) guardKeys {
	return guardKeys{pair: "u\x00" + accountID + "\x00" + userName + "\x00" + address, address: "a\x00" + address}
}

// begin admits an attempt at now, or refuses it with how long to wait. An
// admitted attempt must be ended with end.
func (g *signInGuard) begin(k guardKeys, now time.Time) (time.Duration, bool) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if len(g.entries)+2 > maxGuarded {
		g.sweep(now) // before taking the entries, which it might drop
	}
	pair, addr := g.entry(k.pair, now), g.entry(k.address, now)
	wait := max(pair.wait(SignInFreeFailures, now), addr.wait(SignInFreeAddressFailures, now))
	if wait > 0 {
		g.dropIdle(k.pair)
		g.dropIdle(k.address)
		return wait, false
	}
	pair.inFlight++
	addr.inFlight++
	return 0, true
}

// end records how an admitted attempt ended: a failure counts for the pair
// and the address; a success forgets the pair's failures (not the
// address's, or one account of its own would let an address guess on for
// others). An attempt that could not be decided (a database error) is
// neither.
func (g *signInGuard) end(k guardKeys, now time.Time, failed, succeeded bool) {
	g.mu.Lock()
	defer g.mu.Unlock()
	for _, c := range []struct {
		key  string
		free int
	}{{k.pair, SignInFreeFailures}, {k.address, SignInFreeAddressFailures}} {
		e := g.entries[c.key]
		if e == nil {
			continue
		}
		e.inFlight--
		switch {
		case succeeded && c.key == k.pair:
			e.failures, e.notBefore = 0, time.Time{}
		case failed:
			e.failures++
			e.last = now
			if e.failures >= c.free {
				e.notBefore = now.Add(signInDelay(e.failures - c.free))
			}
		}
		g.dropIdle(c.key)
	}
}

// dropIdle forgets key when it holds nothing.
func (g *signInGuard) dropIdle(key string) {
	if e := g.entries[key]; e != nil && e.inFlight == 0 && e.failures == 0 {
		delete(g.entries, key)
	}
}

// signInDelay is the wait after the nth failure beyond the free ones
// (counting from 0): SignInDelayBase doubled n times, at most
// SignInDelayMax.
func signInDelay(n int) time.Duration {
	if n >= 30 {
		return SignInDelayMax
	}
	return min(SignInDelayBase<<n, SignInDelayMax)
}

// wait is how long an attempt under e must wait at now; 0 admits it.
// Beyond the free failures attempts go one at a time.
func (e *guardEntry) wait(free int, now time.Time) time.Duration {
	switch {
	case e.failures+e.inFlight < free:
		return 0
	case e.failures < free || e.inFlight > 0:
		return SignInDelayBase // attempts in flight decide: soon
	case now.Before(e.notBefore):
		return e.notBefore.Sub(now)
	}
	return 0
}

// entry returns the entry of key, made if need be, its failures forgotten
// when they are old.
func (g *signInGuard) entry(key string, now time.Time) *guardEntry {
	if g.entries == nil {
		g.entries = make(map[string]*guardEntry)
	}
	e := g.entries[key]
	if e == nil {
		e = &guardEntry{}
		g.entries[key] = e
	}
	if e.failures > 0 && now.Sub(e.last) >= SignInForgetAfter {
		e.failures, e.notBefore = 0, time.Time{}
	}
	return e
}

// sweep makes room: it forgets the keys that hold nothing but old
// failures, then, if that is not a tenth of the room, keys that make no
// one wait, then any not in flight. Attempts needed to fill the room are
// themselves slowed by the address limit, so a flood lifts few delays.
func (g *signInGuard) sweep(now time.Time) {
	target := maxGuarded * 9 / 10
	for _, drop := range []func(*guardEntry) bool{
		func(e *guardEntry) bool { return now.Sub(e.last) >= SignInForgetAfter },
		func(e *guardEntry) bool { return !now.Before(e.notBefore) },
		func(*guardEntry) bool { return true },
	} {
		for k, e := range g.entries {
			if len(g.entries) < target {
				return
			}
			if e.inFlight == 0 && drop(e) {
				delete(g.entries, k)
			}
		}
	}
}

// signInThrottled is the error of a sign-in refused for wait more. It is
// the same whether the user exists or not.
func signInThrottled(wait time.Duration) error {
	seconds := int((wait + time.Second - 1) / time.Second)
	unit := "seconds"
	if seconds == 1 {
		unit = "second"
	}
	return &wat.Error{Code: wat.EThrottled, Message: fmt.Sprintf(
		"Too many failed sign-ins from this address: try again in %d %s.", seconds, unit)}
}
