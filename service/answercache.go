package service

import (
	"container/list"
	"sync"

	"github.com/wat-dev/wat"
)

// answerCacheSize bounds how many evaluated lens reviews a replica keeps.
const answerCacheSize = 2048

// answerCache keeps recently evaluated lens reviews (answers and risks),
// keyed by the review's revision. A read transaction first reads the lens
// review row; when its revision and lens version match a cached entry,
// neither the answers nor the notes can have changed (every write to them
// bumps the revision in the same transaction), so they are not read or
// evaluated again. This holds across replicas: the revision comes from the
// database. Cached views are shared and must not be modified.
type answerCache struct {
	mu    sync.Mutex
	order *list.List // of *answerEntry, most recent first
	byKey map[answerKey]*list.Element
}

type answerKey struct {
	workloadID, lensARN string
}

type answerEntry struct {
	key      answerKey
	revision int64
	view     *ReviewView
	// encoded is what callers of EncodedLensReview made of view, by
	// variant (reviews_fast.go); it goes with view.
	encoded []encodedView
}

func (c *answerCache) get(r *wat.LensReview) (*ReviewView, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.byKey[answerKey{r.WorkloadID, r.LensARN}]
	if !ok {
		return nil, false
	}
	e := el.Value.(*answerEntry)
	if e.revision != r.Revision || e.view.Review.LensVersion != r.LensVersion {
		return nil, false
	}
	c.order.MoveToFront(el)
	return e.view, true
}

func (c *answerCache) put(r *wat.LensReview, v *ReviewView) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.byKey == nil {
		c.byKey = make(map[answerKey]*list.Element)
		c.order = list.New()
	}
	k := answerKey{r.WorkloadID, r.LensARN}
	if el, ok := c.byKey[k]; ok {
		e := el.Value.(*answerEntry)
		if e.revision > r.Revision {
			return // a newer revision is cached already
		}
		e.revision, e.view, e.encoded = r.Revision, v, nil
		c.order.MoveToFront(el)
		return
	}
	c.byKey[k] = c.order.PushFront(&answerEntry{key: k, revision: r.Revision, view: v})
	if c.order.Len() > answerCacheSize {
		last := c.order.Back()
		c.order.Remove(last)
		delete(c.byKey, last.Value.(*answerEntry).key)
	}
}
