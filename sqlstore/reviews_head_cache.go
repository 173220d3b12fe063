package sqlstore

import (
	"sync"
	"sync/atomic"

	"github.com/wat-dev/wat"
)

// headCache keeps the review heads LensReviewHead read, so that reading the
// same head again while the database has not changed costs no statement:
// GetLensReview's fast path (service/reviews_fast.go) reads a head on every
// call, and that read was most of what a cached review cost.
//
// Whether the database has changed is told by a stamp (changeStamp), which
// moves with every commit that could change a head. An entry keeps the
// stamp read before its head was, so that a head read while a commit lands
// is never taken for current afterwards: a hit needs the stamp unchanged
// since before the read, hence no commit since, hence the head read is what
// the database holds. A store without a stamp caches nothing.
type headCache struct {
	stamp changeStamp
	hits  atomic.Uint64 // heads given from the cache
	reads atomic.Uint64 // heads read from the database

	mu      sync.Mutex
	entries map[headKey]headEntry
}

// changeStamp tells whether the database has changed: now returns a value
// that differs from any it returned before a later change, or ok false when
// that cannot be known at the moment (nothing is then cached or given).
type changeStamp interface {
	now() (stamp uint64, ok bool)
}

type headKey struct{ workloadID, lensARN string }

type headEntry struct {
	head  wat.LensReviewHead
	stamp uint64
}

// headCacheMax bounds the entries; when full, the cache starts again empty
// (the heads of the reviews being read come back at once).
const headCacheMax = 4096

func newHeadCache(s changeStamp) *headCache {
	return &headCache{stamp: s, entries: map[headKey]headEntry{}}
}

// get returns a copy of the cached head of (workloadID, lensARN) when no
// change reached the database since it was read (its Tags and Lenses are
// shared and must not be modified). Otherwise it returns the stamp now, to
// keep with the head its caller reads (put), and whether there is one: the
// stamp is read before the head, so that a change committed meanwhile
// makes it stale at once.
func (c *headCache) get(workloadID, lensARN string) (h *wat.LensReviewHead, stamp uint64, known bool) {
	s, ok := c.stamp.now()
	if !ok {
		c.reads.Add(1)
		return nil, 0, false
	}
	c.mu.Lock()
	e, found := c.entries[headKey{workloadID, lensARN}]
	c.mu.Unlock()
	if !found || e.stamp != s {
		c.reads.Add(1)
		return nil, s, true
	}
	c.hits.Add(1)
	cp := e.head
	return &cp, s, true
}

// put keeps h, read after stamp s was.
func (c *headCache) put(h *wat.LensReviewHead, s uint64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.entries) >= headCacheMax {
		clear(c.entries)
	}
	c.entries[headKey{h.WorkloadID, h.LensARN}] = headEntry{head: *h, stamp: s}
}
