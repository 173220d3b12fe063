package service

import (
	"sync"
	"time"
)

// consoleState is what the Service keeps in memory for the console: the
// sessions' lifetime, the brute-force guard and the verified sessions.
type consoleState struct {
	ttl   time.Duration // of new sessions
	guard signInGuard
	cache sessionCache
}

// sessionCache remembers recently verified sessions by token hash, as
// authCache does access keys: for the auth cache TTL at most, never past
// the session's expiry. It holds copies.
type sessionCache struct {
	ttl     time.Duration // not positive: nothing is kept
	mu      sync.RWMutex
	entries map[string]sessionEntry
}

type sessionEntry struct {
	session ConsoleSession
	until   time.Time
}

func (c *sessionCache) get(hash string, now time.Time) (*ConsoleSession, bool) {
	c.mu.RLock()
	e, ok := c.entries[hash]
	c.mu.RUnlock()
	if !ok || !now.Before(e.until) {
		return nil, false
	}
	s := e.session
	return &s, true
}

func (c *sessionCache) put(hash string, s *ConsoleSession, now time.Time) {
	if c.ttl <= 0 {
		return
	}
	until := now.Add(c.ttl)
	if s.ExpiresAt.Before(until) {
		until = s.ExpiresAt
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.entries == nil || len(c.entries) > 10000 {
		c.entries = make(map[string]sessionEntry)
	}
	c.entries[hash] = sessionEntry{session: *s, until: until}
}

// drop forgets one session.
func (c *sessionCache) drop(hash string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.entries, hash)
}

// dropUser forgets every session of a user.
func (c *sessionCache) dropUser(accountID, userName string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for h, e := range c.entries {
		if p := e.session.Principal; p.AccountID == accountID && p.UserName == userName {
			delete(c.entries, h)
		}
	}
}

// dropAccount forgets every session of an account's users.
func (c *sessionCache) dropAccount(accountID string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for h, e := range c.entries {
		if e.session.Principal.AccountID == accountID {
			delete(c.entries, h)
		}
	}
}
