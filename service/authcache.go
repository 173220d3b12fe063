package service

import (
	"sync"
	"time"

	"github.com/wat-dev/wat"
)

// AuthCacheTTL is the default of Config.AuthCacheTTL: how long a process
// keeps using an access key it has looked up without reading it again.
// Every API request is authenticated, so this saves a database round trip
// per call; a key deactivated or deleted by another process (another
// replica, or `wat admin` beside a running server) stops working within
// this time. Changes made through this process's Service take effect at
// once.
const AuthCacheTTL = 5 * time.Second

// authCache remembers recently verified access keys. It holds copies, so
// callers cannot change what it keeps.
type authCache struct {
	ttl     time.Duration // not positive: nothing is kept
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
	if c.ttl <= 0 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.entries == nil || len(c.entries) > 10000 {
		c.entries = make(map[string]authEntry)
	}
	c.entries[keyID] = authEntry{secret: secret, principal: *p, expires: now.Add(c.ttl)}
}

// drop forgets access keys that were deactivated or deleted.
func (c *authCache) drop(keyIDs ...string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, id := range keyIDs {
		delete(c.entries, id)
	}
}
