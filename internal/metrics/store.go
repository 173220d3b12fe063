package metrics

import (
	"context"
	"time"

	"github.com/wat-dev/wat"
)

// Store wraps a wat.Store so that every transaction's duration is
// recorded, from the call to its end: a write's includes the wait for the
// one SQLite writer or a PostgreSQL connection and for the group commit
// holding it, which is the latency a request sees. With a nil m it returns
// s unchanged, so metrics that are off cost nothing.
func (m *Metrics) Store(s wat.Store) wat.Store {
	if m == nil {
		return s
	}
	return &timedStore{Store: s, read: m.storeRead, write: m.storeWrite}
}

type timedStore struct {
	wat.Store
	read, write interface{ Observe(float64) }
}

func (s *timedStore) View(ctx context.Context, fn func(tx wat.Tx) error) error {
	start := time.Now()
	err := s.Store.View(ctx, fn)
	s.read.Observe(time.Since(start).Seconds())
	return err
}

func (s *timedStore) Update(ctx context.Context, fn func(tx wat.Tx) error) error {
	start := time.Now()
	err := s.Store.Update(ctx, fn)
	s.write.Observe(time.Since(start).Seconds())
	return err
}

// LensReviewHead is a read outside a transaction; it is timed as one.
func (s *timedStore) LensReviewHead(ctx context.Context, workloadID, lensARN string) (*wat.LensReviewHead, error) {
	start := time.Now()
	h, err := s.Store.LensReviewHead(ctx, workloadID, lensARN)
	s.read.Observe(time.Since(start).Seconds())
	return h, err
}
