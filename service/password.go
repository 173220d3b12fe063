package service

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"fmt"
	"strings"
	"sync"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"

	"github.com/wat-dev/wat"
)

// Console passwords are 12 to 128 characters long.
const (
	MinPasswordLength = 12
	MaxPasswordLength = 128
)

// GeneratedPasswordLength is the length of the passwords GeneratePassword
// makes: about 116 bits of entropy.
const GeneratedPasswordLength = 20

// passwordAlphabet leaves out the characters that are easily mistaken for
// one another when read aloud or copied by hand (0 O 1 l I).
const passwordAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789"

// The argon2id parameters of new hashes: OWASP's minimum recommendation
// (19 MiB, two passes, one lane), around 30 ms on a server core. A hash
// records its parameters, so raising them later keeps old hashes valid.
const (
	argonMemory  = 19 * 1024 // KiB
	argonTime    = 2
	argonThreads = 1
	argonKeyLen  = 32
	argonSaltLen = 16
)

// validPassword enforces the password policy.
func validPassword(pw string) error {
	if n := utf8.RuneCountInString(pw); n < MinPasswordLength || n > MaxPasswordLength || !utf8.ValidString(pw) {
		return wat.Invalid("Password", "a console password must be %d to %d characters long", MinPasswordLength, MaxPasswordLength)
	}
	return nil
}

// GeneratePassword returns a random password of GeneratedPasswordLength
// letters and digits.
func GeneratePassword() string {
	b := make([]byte, GeneratedPasswordLength)
	// Rejection sampling keeps every character equally likely.
	limit := byte(256 - 256%len(passwordAlphabet))
	buf := make([]byte, 1)
	for i := 0; i < len(b); {
		if _, err := rand.Read(buf); err != nil {
			panic(err)
		}
		if buf[0] < limit {
			b[i] = passwordAlphabet[int(buf[0])%len(passwordAlphabet)]
			i++
		}
	}
	return string(b)
}

// hashPassword returns pw's argon2id hash, with a fresh random salt, in
// the PHC string format.
func hashPassword(pw string) string {
	salt := make([]byte, argonSaltLen)
	if _, err := rand.Read(salt); err != nil {
		panic(err)
	}
	key := argon2.IDKey([]byte(pw), salt, argonTime, argonMemory, argonThreads, argonKeyLen)
	enc := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s",
		argon2.Version, argonMemory, argonTime, argonThreads, enc.EncodeToString(salt), enc.EncodeToString(key))
}

// Bounds on the parameters a stored hash may ask for, so that a corrupt
// row cannot make a sign-in allocate gigabytes.
const (
	maxArgonMemory  = 1 << 20 // KiB: 1 GiB
	maxArgonTime    = 16
	maxArgonThreads = 16
)

// checkPassword reports whether pw matches encoded, a hash made by
// hashPassword, comparing the keys in constant time. A hash it cannot
// read matches nothing.
func checkPassword(encoded, pw string) bool {
	parts := strings.Split(encoded, "$")
	if len(parts) != 6 || parts[0] != "" || parts[1] != "argon2id" {
		return false
	}
	var version int
	if _, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil || version != argon2.Version {
		return false
	}
	var memory, time uint32
	var threads uint8
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &memory, &time, &threads); err != nil ||
		memory == 0 || memory > maxArgonMemory || time == 0 || time > maxArgonTime || threads == 0 || threads > maxArgonThreads {
		return false
	}
	enc := base64.RawStdEncoding
	salt, err := enc.DecodeString(parts[4])
	if err != nil || len(salt) < 8 {
		return false
	}
	want, err := enc.DecodeString(parts[5])
	if err != nil || len(want) < 16 || len(want) > 64 {
		return false
	}
	got := argon2.IDKey([]byte(pw), salt, time, memory, threads, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1
}

var decoy struct {
	once sync.Once
	hash string
}

// decoyHash is the hash a sign-in checks when there is no password to
// check (unknown account or user, no password set), so that every failed
// sign-in takes the time of a real one and the response time does not tell
// which users exist.
func decoyHash() string {
	decoy.once.Do(func() { decoy.hash = hashPassword(GeneratePassword()) })
	return decoy.hash
}
