package service

import (
	"sync"
	"time"

	"github.com/wat-dev/wat"
)

// AuthCacheTTL bounds how long a replica keeps using an access key it has
// looked up without reading it again. Every API request is authenticated,
// so this saves a database round trip per call; a key deactivated or
// deleted on another replica stops working within this time.
const AuthCacheTTL = 5 * time.Second

// authCache remembers recently verified access keys. It holds copies, so
// callers cannot change what it keeps.
type authCache struct {
	mu      sync.RWMutex
	entries map[string]authEntry
}

type authEntry struct {
	secret    string
	principal wat.Principal
	expires   time.Time
}

func (c *authCache) get(keyID string, now time.Time) (string, *wat.Principal, bool) {
	c.mu.RLock()
	e, ok := c.entries[keyID]
	c.mu.RUnlock()
	if !ok || now.After(e.expires) {
		return "", nil, false
	}
	p := e.principal
	return e.secret, &p, true
}

func (c *authCache) put(keyID, secret string, p *wat.Principal, now time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.entries == nil || len(c.entries) > 10000 {
		c.entries = make(map[string]authEntry)
	}
	c.entries[keyID] = authEntry{secret: secret, principal: *p, expires: now.Add(AuthCacheTTL)}
}
