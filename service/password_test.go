package service

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/wat-dev/wat"
)

func TestPasswordHash(t *testing.T) {
	const pw = "correct horse battery"
	h := hashPassword(pw)
	if !strings.HasPrefix(h, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Errorf("hash %q is not a PHC argon2id string with the expected parameters", h)
	}
	if h2 := hashPassword(pw); h2 == h {
		t.Error("two hashes of one password are equal: the salt is not random")
	}
	if !checkPassword(h, pw) {
		t.Error("the password does not match its hash")
	}
	for _, wrong := range []string{"", "correct horse batterY", pw + " "} {
		if checkPassword(h, wrong) {
			t.Errorf("%q matches the hash of %q", wrong, pw)
		}
	}
	parts := strings.Split(h, "$")
	for name, bad := range map[string]string{
		"empty":         "",
		"bcrypt":        "$2a$10$abcdefghijklmnopqrstuu",
		"huge memory":   strings.Join([]string{"", "argon2id", "v=19", "m=4194304,t=2,p=1", parts[4], parts[5]}, "$"),
		"zero time":     strings.Join([]string{"", "argon2id", "v=19", "m=19456,t=0,p=1", parts[4], parts[5]}, "$"),
		"other version": strings.Join([]string{"", "argon2id", "v=16", parts[3], parts[4], parts[5]}, "$"),
		"short key":     strings.Join([]string{"", "argon2id", "v=19", parts[3], parts[4], "AAAA"}, "$"),
	} {
		if checkPassword(bad, pw) {
			t.Errorf("%s hash %q matches", name, bad)
		}
	}
}

// BenchmarkCheckPassword is the time every sign-in spends, found or not.
func BenchmarkCheckPassword(b *testing.B) {
	h := hashPassword("correct horse battery")
	for i := 0; i < b.N; i++ {
		checkPassword(h, "correct horse battery")
	}
}

func TestPasswordPolicy(t *testing.T) {
	for _, ok := range []string{strings.Repeat("a", 12), strings.Repeat("é", 12), strings.Repeat("x", 128)} {
		if err := validPassword(ok); err != nil {
			t.Errorf("validPassword(%d runes): %v", len([]rune(ok)), err)
		}
	}
	for _, bad := range []string{"", strings.Repeat("a", 11), strings.Repeat("x", 129), strings.Repeat("a", 11) + "\xff"} {
		err := validPassword(bad)
		var e *wat.Error
		if !errors.As(err, &e) || e.Code != wat.EInvalid || len(e.Fields) != 1 || e.Fields[0].Name != "Password" {
			t.Errorf("validPassword(%q) = %v, want EInvalid naming Password", bad, err)
		}
	}
}

func TestGeneratePassword(t *testing.T) {
	seen := map[string]bool{}
	for i := 0; i < 100; i++ {
		pw := GeneratePassword()
		if len(pw) != 20 || strings.Trim(pw, passwordAlphabet) != "" || validPassword(pw) != nil {
			t.Fatalf("GeneratePassword() = %q", pw)
		}
		if seen[pw] {
			t.Fatalf("GeneratePassword repeated %q", pw)
		}
		seen[pw] = true
	}
}

// TestSignInGuard: five failures lock a user out for 15 minutes; attempts
// in flight count; a success forgets the failures; old failures expire.
func TestSignInGuard(t *testing.T) {
	var g signInGuard
	t0 := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := 0; i < MaxFailedSignIns; i++ {
		failAt(t, &g, "a/bob", t0.Add(time.Duration(i)*time.Minute))
	}
	locked := t0.Add(4 * time.Minute)
	if err := g.begin("a/bob", locked.Add(time.Minute)); wat.ErrorCodeOf(err) != wat.EThrottled {
		t.Errorf("the sixth attempt: %v, want EThrottled", err)
	}
	if err := g.begin("a/carol", locked.Add(time.Minute)); err != nil {
		t.Errorf("another user is locked out too: %v", err)
	} else {
		g.end("a/carol", locked, false, true)
	}
	failAt(t, &g, "a/bob", locked.Add(SignInLockout)) // the lockout is over

	// Failures older than the window are forgotten.
	var h signInGuard
	for i := 0; i < MaxFailedSignIns-1; i++ {
		failAt(t, &h, "k", t0)
	}
	failAt(t, &h, "k", t0.Add(SignInWindow))
	if err := h.begin("k", t0.Add(SignInWindow)); err != nil {
		t.Errorf("old failures still count: %v", err)
	} else {
		h.end("k", t0, false, true)
	}

	// Attempts in flight count against the limit.
	var p signInGuard
	for i := 0; i < MaxFailedSignIns; i++ {
		if err := p.begin("k", t0); err != nil {
			t.Fatalf("parallel attempt %d refused: %v", i, err)
		}
	}
	if err := p.begin("k", t0); wat.ErrorCodeOf(err) != wat.EThrottled {
		t.Errorf("attempt beyond the limit in flight: %v, want EThrottled", err)
	}
	for i := 0; i < MaxFailedSignIns; i++ {
		p.end("k", t0, false, true)
	}
	if err := p.begin("k", t0); err != nil {
		t.Errorf("after successes: %v", err)
	}
}

// failAt records a failed sign-in for key at a time it must be admitted.
func failAt(t *testing.T, g *signInGuard, key string, at time.Time) {
	t.Helper()
	if err := g.begin(key, at); err != nil {
		t.Fatalf("attempt at %v refused: %v", at, err)
	}
	g.end(key, at, true, false)
}
