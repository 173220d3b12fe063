package service

import (
	"container/list"
	"sync"

	"github.com/wat-dev/wat/report"
)

// lensRisksCache keeps the consolidated report's part of recently reported
// lens reviews: the per-pillar, per-question risks and missing practices
// built from an evaluated review. An entry is valid only for the very
// evaluation it was built from (the *ReviewView the answer cache hands out
// for one revision), so it can never outlive a change: a new revision is a
// new evaluation and is built again. Entries are shared, read-only.
type lensRisksCache struct {
	mu    sync.Mutex
	order *list.List // of *lensRisksEntry, most recent first
	byKey map[answerKey]*list.Element
}

type lensRisksEntry struct {
	key  answerKey
	view *ReviewView
	risk report.LensRisks
}

// get returns the lens risks of rv, building them with build when rv is
// not the evaluation they were cached for.
func (c *lensRisksCache) get(rv *ReviewView, build func() report.LensRisks) report.LensRisks {
	k := answerKey{rv.Review.WorkloadID, rv.Lens.ARN}
	c.mu.Lock()
	if el, ok := c.byKey[k]; ok && el.Value.(*lensRisksEntry).view == rv {
		c.order.MoveToFront(el)
		r := el.Value.(*lensRisksEntry).risk
		c.mu.Unlock()
		return r
	}
	c.mu.Unlock()
	r := build()
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.byKey == nil {
		c.byKey = make(map[answerKey]*list.Element)
		c.order = list.New()
	}
	if el, ok := c.byKey[k]; ok {
		e := el.Value.(*lensRisksEntry)
		e.view, e.risk = rv, r
		c.order.MoveToFront(el)
		return r
	}
	c.byKey[k] = c.order.PushFront(&lensRisksEntry{key: k, view: rv, risk: r})
	if c.order.Len() > answerCacheSize {
		last := c.order.Back()
		c.order.Remove(last)
		delete(c.byKey, last.Value.(*lensRisksEntry).key)
	}
	return r
}
