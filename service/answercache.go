package service

import (
	"container/list"
	"sync"

	"github.com/wat-dev/wat"
)

// answerCacheSize bounds how many lens reviews' answers a replica keeps.
const answerCacheSize = 2048

// answerCache keeps the answers of recently read lens reviews, keyed by the
// review's revision. A read transaction first reads the lens review row; when
// its revision matches a cached entry the answers cannot have changed (every
// answer write bumps the revision in the same transaction), so the answers
// need not be read again. This holds across replicas: the revision comes from
// the database. Cached answers are shared and must not be modified.
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
	answers  []*wat.Answer
}

func (c *answerCache) get(r *wat.LensReview) ([]*wat.Answer, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.byKey[answerKey{r.WorkloadID, r.LensARN}]
	if !ok {
		return nil, false
	}
	e := el.Value.(*answerEntry)
	if e.revision != r.Revision {
		return nil, false
	}
	c.order.MoveToFront(el)
	return e.answers, true
}

func (c *answerCache) put(r *wat.LensReview, answers []*wat.Answer) {
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
		e.revision, e.answers = r.Revision, answers
		c.order.MoveToFront(el)
		return
	}
	c.byKey[k] = c.order.PushFront(&answerEntry{key: k, revision: r.Revision, answers: answers})
	if c.order.Len() > answerCacheSize {
		last := c.order.Back()
		c.order.Remove(last)
		delete(c.byKey, last.Value.(*answerEntry).key)
	}
}
