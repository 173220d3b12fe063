package api_test

import (
	"fmt"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/wat-dev/wat/internal/testserver"
)

// The test clients connect from loopback addresses of their own, which
// Linux routes to the server on 127.0.0.1 like 127.0.0.1 itself.
const (
	addrA = "127.0.0.2"
	addrB = "127.0.0.3"
	addrC = "127.0.0.4"
	addrD = "127.0.0.5"
)

// wantRefused checks a sign-in refused for wait: 429, Retry-After, the
// message saying how long, no cookie.
func wantRefused(t *testing.T, what string, r consoleResponse, wait time.Duration) {
	t.Helper()
	secs := int(wait / time.Second)
	unit := "seconds"
	if secs == 1 {
		unit = "second"
	}
	msg := fmt.Sprintf("Too many failed sign-ins from this address: try again in %d %s.", secs, unit)
	if r.status != http.StatusTooManyRequests || r.header.Get("Retry-After") != strconv.Itoa(secs) || r.message() != msg || r.cookie() != nil {
		t.Errorf("%s: %d Retry-After %q %s, want 429 Retry-After %d %q", what, r.status, r.header.Get("Retry-After"), r.body, secs, msg)
	}
}

// TestConsoleSignInThrottle: twenty wrong passwords for the admin from one
// address slow that address down, with delays that double up to 30
// seconds, but do not keep the admin out from another address; the
// refusal is the same for a user that does not exist.
func TestConsoleSignInThrottle(t *testing.T) {
	t.Parallel()
	clk := &clock{now: time.Now()}
	srv := testserver.Start(t, testserver.Options{Now: clk.Now})
	pw := srv.Admin.ConsolePassword
	consoleUser(t, srv, "bob", nil) // signed in from 127.0.0.1
	a, b := newConsoleClientFrom(t, srv.URL, addrA), newConsoleClientFrom(t, srv.URL, addrB)

	var waits []string
	for i := range 20 {
		if i >= 5 {
			// Beyond the five free failures, an attempt at once is refused
			// for as long as the delay; after it, the password is checked.
			r := a.signIn("", "admin", "still wrong")
			waits = append(waits, r.header.Get("Retry-After"))
			secs, _ := strconv.Atoi(r.header.Get("Retry-After"))
			wantRefused(t, fmt.Sprintf("failure %d at once", i+1), r, time.Duration(secs)*time.Second)
			clk.advance(time.Duration(secs) * time.Second)
		}
		if r := a.signIn("", "admin", fmt.Sprintf("wrong password %d", i)); r.status != http.StatusUnauthorized || r.message() != msgBadSignIn {
			t.Fatalf("failure %d: %d %s, want 401", i+1, r.status, r.body)
		}
	}
	want := "[1 2 4 8 16 30 30 30 30 30 30 30 30 30 30]"
	if got := fmt.Sprint(waits); got != want {
		t.Errorf("the delays were %s seconds, want %s", got, want)
	}

	// The right password from another address works at once.
	if r := b.signIn("", "admin", pw); r.status != http.StatusOK || r.cookie() == nil {
		t.Errorf("the right password from %s: %d %s, want 200", addrB, r.status, r.body)
	}
	// From the guessing address it waits like any guess.
	wantRefused(t, "the right password from the guessing address", a.signIn("", "admin", pw), 30*time.Second)
	// Twenty failures from there also hold the address up for a second,
	// for any user: one that exists and one that does not alike.
	known, unknown := a.signIn("", "bob", "a long enough password"), a.signIn("", "nobody", "a long enough password")
	wantRefused(t, "another user from the guessing address", known, time.Second)
	if unknown.status != known.status || unknown.body != known.body || unknown.header.Get("Retry-After") != known.header.Get("Retry-After") {
		t.Errorf("an unknown user: %d %s, a known one: %d %s; want the same", unknown.status, unknown.body, known.status, known.body)
	}
	clk.advance(30 * time.Second)
	if r := a.signIn("", "admin", pw); r.status != http.StatusOK {
		t.Errorf("the right password from %s after the delay: %d %s", addrA, r.status, r.body)
	}
	// That success forgot the admin's failures from there (not the
	// address's): the next failure holds the address for 2 seconds, not
	// the admin for 30.
	if r := a.signIn("", "admin", "wrong again"); r.status != http.StatusUnauthorized {
		t.Errorf("a failure after the success: %d %s, want 401", r.status, r.body)
	}
	wantRefused(t, "the attempt after it", a.signIn("", "admin", "wrong again"), 2*time.Second)
}

// TestConsoleSignInSpray: one address trying a password on many users is
// slowed down after twenty failures, whichever user it tries next; other
// addresses are not.
func TestConsoleSignInSpray(t *testing.T) {
	t.Parallel()
	clk := &clock{now: time.Now()}
	srv := testserver.Start(t, testserver.Options{Now: clk.Now})
	consoleUser(t, srv, "bob", nil) // signed in from 127.0.0.1
	c, d := newConsoleClientFrom(t, srv.URL, addrC), newConsoleClientFrom(t, srv.URL, addrD)
	for i := range 20 {
		if r := c.signIn("", "user"+strconv.Itoa(i), "Password123!"); r.status != http.StatusUnauthorized {
			t.Fatalf("user %d: %d %s, want 401", i, r.status, r.body)
		}
	}
	wantRefused(t, "a 21st user from the spraying address", c.signIn("", "bob", "a long enough password"), time.Second)
	if r := d.signIn("", "bob", "a long enough password"); r.status != http.StatusOK {
		t.Errorf("bob from another address: %d %s, want 200", r.status, r.body)
	}
	clk.advance(time.Second)
	if r := c.signIn("", "bob", "a long enough password"); r.status != http.StatusOK {
		t.Errorf("bob from the spraying address after the delay: %d %s, want 200", r.status, r.body)
	}
	// A success of its own does not reset the address's count: its next
	// failure doubles the delay.
	if r := c.signIn("", "user0", "Password123!"); r.status != http.StatusUnauthorized {
		t.Errorf("a guess after the delay: %d %s, want 401", r.status, r.body)
	}
	wantRefused(t, "the next guess", c.signIn("", "user1", "Password123!"), 2*time.Second)
}
