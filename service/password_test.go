package service

import (
	"errors"
	"strings"
	"testing"

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
