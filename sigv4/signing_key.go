package sigv4

import (
	"crypto/hmac"
	"crypto/sha256"
	"crypto/subtle"
	"sync"
)

// maxCachedKeys bounds the signing keys kept; past it the cache starts
// again empty (a key is derived again in four HMACs).
const maxCachedKeys = 4096

// signingKey is a key derived for one secret and day, in the verifier's
// region and service.
type signingKey struct {
	secret string
	date   string // YYYYMMDD
	key    [sha256.Size]byte
}

// keyCache keeps each access key's signing key of the day, so that a
// request costs one HMAC of the string to sign, not five. An entry is used
// only for the very secret and day it was derived for: a key whose secret
// changed gets a new one at once.
type keyCache struct {
	mu   sync.RWMutex
	keys map[string]*signingKey // by access key id
}

// get returns the signing key of secret on date (YYYYMMDD).
func (c *keyCache) get(accessKeyID, secret, date, region, service string) *[sha256.Size]byte {
	c.mu.RLock()
	k := c.keys[accessKeyID]
	c.mu.RUnlock()
	if k != nil && k.date == date && subtle.ConstantTimeCompare([]byte(k.secret), []byte(secret)) == 1 {
		return &k.key
	}
	k = &signingKey{secret: secret, date: date, key: deriveKey(secret, date, region, service)}
	c.mu.Lock()
	if c.keys == nil || len(c.keys) >= maxCachedKeys {
		c.keys = make(map[string]*signingKey)
	}
	c.keys[accessKeyID] = k
	c.mu.Unlock()
	return &k.key
}

// deriveKey is SigV4's signing key: the secret's HMAC chain over the date,
// region, service and terminator.
func deriveKey(secret, date, region, service string) (key [sha256.Size]byte) {
	k := hmacSHA256([]byte("AWS4"+secret), date)
	k = hmacSHA256(k, region)
	k = hmacSHA256(k, service)
	copy(key[:], hmacSHA256(k, terminator))
	return key
}

func hmacSHA256(key []byte, data string) []byte {
	h := hmac.New(sha256.New, key)
	h.Write([]byte(data))
	return h.Sum(nil)
}
