package service

import (
	"fmt"
	"testing"
	"time"
)

var guardT0 = time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)

// failAt records a failed sign-in under k at a time it must be admitted.
func failAt(t *testing.T, g *signInGuard, k guardKeys, at time.Time) {
	t.Helper()
	if wait, ok := g.begin(k, at); !ok {
		t.Fatalf("attempt at %v refused: wait %v", at.Sub(guardT0), wait)
	}
	g.end(k, at, true, false)
}

// TestSignInGuardDelays: the first failures of a user from an address are
// free; then each attempt waits a delay that doubles up to the cap; the
// same user from another address, and another user, are not held up.
func TestSignInGuardDelays(t *testing.T) {
	var g signInGuard
	bobA := signInKeys("acct", "bob", "192.0.2.1")
	now := guardT0
	for range SignInFreeFailures {
		failAt(t, &g, bobA, now)
	}
	var waits []time.Duration
	for range 7 {
		wait, ok := g.begin(bobA, now)
		if ok {
			t.Fatalf("attempt beyond the free failures admitted at once")
		}
		waits = append(waits, wait)
		if _, ok := g.begin(bobA, now.Add(wait-time.Millisecond)); ok {
			t.Fatalf("attempt admitted %v before its wait of %v is over", time.Millisecond, wait)
		}
		now = now.Add(wait)
		failAt(t, &g, bobA, now)
	}
	want := []time.Duration{1, 2, 4, 8, 16, 30, 30}
	for i := range want {
		want[i] *= time.Second
	}
	if fmt.Sprint(waits) != fmt.Sprint(want) {
		t.Errorf("waits %v, want %v", waits, want)
	}
	for name, k := range map[string]guardKeys{
		"bob from another address": signInKeys("acct", "bob", "198.51.100.7"),
		"carol from the address":   signInKeys("acct", "carol", "192.0.2.1"),
		"bob of another account":   signInKeys("other", "bob", "192.0.2.1"),
	} {
		if wait, ok := g.begin(k, now); !ok {
			t.Errorf("%s: refused, wait %v", name, wait)
		} else {
			g.end(k, now, false, true)
		}
	}
	// A success forgets the pair's failures.
	now = now.Add(SignInDelayMax)
	if _, ok := g.begin(bobA, now); !ok {
		t.Fatal("refused after the longest delay")
	}
	g.end(bobA, now, false, true)
	for range SignInFreeFailures {
		failAt(t, &g, bobA, now)
	}
}

// TestSignInGuardForgets: failures count until SignInForgetAfter after the
// last one, then are forgotten.
func TestSignInGuardForgets(t *testing.T) {
	k := signInKeys("acct", "bob", "192.0.2.1")
	for _, tc := range []struct {
		after time.Duration
		free  int // failures answered at once from then
	}{{SignInForgetAfter - time.Second, 1}, {SignInForgetAfter, SignInFreeFailures}} {
		var g signInGuard
		for range SignInFreeFailures {
			failAt(t, &g, k, guardT0)
		}
		at := guardT0.Add(tc.after)
		for range tc.free {
			failAt(t, &g, k, at)
		}
		if _, ok := g.begin(k, at); ok {
			t.Errorf("%v later: more than %d failures answered at once", tc.after, tc.free)
		}
	}
}

// TestSignInGuardAddress: one address trying many users is held up after
// SignInFreeAddressFailures failures, whichever user comes next; a success
// does not reset the address's count.
func TestSignInGuardAddress(t *testing.T) {
	var g signInGuard
	const addr = "203.0.113.9"
	for i := range SignInFreeAddressFailures {
		failAt(t, &g, signInKeys("acct", fmt.Sprintf("user%d", i), addr), guardT0)
		if i == 3 {
			k := signInKeys("acct", "mine", addr)
			g.begin(k, guardT0)
			g.end(k, guardT0, false, true)
		}
	}
	if wait, ok := g.begin(signInKeys("acct", "fresh", addr), guardT0); ok || wait != SignInDelayBase {
		t.Errorf("a new user from a spraying address: admitted %v, wait %v; want refused for %v", ok, wait, SignInDelayBase)
	}
	if _, ok := g.begin(signInKeys("acct", "fresh", "203.0.113.10"), guardT0); !ok {
		t.Error("another address refused")
	}
}

// TestSignInGuardInFlight: attempts in flight count, so parallel guesses
// cannot pass the free failures together; beyond them, one at a time.
func TestSignInGuardInFlight(t *testing.T) {
	var g signInGuard
	k := signInKeys("acct", "bob", "192.0.2.1")
	for i := range SignInFreeFailures {
		if _, ok := g.begin(k, guardT0); !ok {
			t.Fatalf("parallel attempt %d refused", i)
		}
	}
	if _, ok := g.begin(k, guardT0); ok {
		t.Error("an attempt beyond the free failures in flight was admitted")
	}
	for range SignInFreeFailures {
		g.end(k, guardT0, true, false)
	}
	at := guardT0.Add(SignInDelayBase)
	if _, ok := g.begin(k, at); !ok {
		t.Fatal("refused after the delay")
	}
	if _, ok := g.begin(k, at); ok {
		t.Error("a second attempt admitted while the first delayed one is in flight")
	}
}

// TestSignInGuardBounded: made-up names from many addresses do not grow
// the guard past its bound, and a flood of them keeps the delays it can.
func TestSignInGuardBounded(t *testing.T) {
	var g signInGuard
	held := signInKeys("acct", "bob", "192.0.2.1")
	for range SignInFreeFailures {
		failAt(t, &g, held, guardT0)
	}
	for i := range 3 * maxGuarded {
		k := signInKeys("acct", fmt.Sprintf("u%d", i), fmt.Sprintf("10.%d.%d.%d", i>>16&255, i>>8&255, i&255))
		failAt(t, &g, k, guardT0)
		if len(g.entries) > maxGuarded {
			t.Fatalf("%d entries after %d attempts, want at most %d", len(g.entries), i+1, maxGuarded)
		}
	}
	if _, ok := g.begin(held, guardT0); ok {
		t.Error("the flood lifted a delay in force")
	}
}
