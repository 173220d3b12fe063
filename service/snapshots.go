package service

import (
	"context"

	"github.com/wat-dev/wat"
)

// liveSnapshots is liveSnapshot (in a read-only transaction) for several
// workloads at once: their lens reviews in one statement, and the answers
// of the workloads with a review not in the cache in another, instead of
// two statements a workload.
func (s *Service) liveSnapshots(ctx context.Context, tx wat.Tx, ws []*wat.Workload) ([]*snapshot, error) {
	if len(ws) == 0 {
		return nil, nil
	}
	ids := make([]string, len(ws))
	for i, w := range ws {
		ids[i] = w.ID
	}
	reviews, err := tx.ListLensReviewsOf(ctx, ids)
	if err != nil {
		return nil, err
	}
	byWorkload := make(map[string][]*wat.LensReview, len(ws))
	cached := make(map[string]map[string]*ReviewView, len(ws))
	uncached := map[string]bool{}
	for _, r := range reviews {
		byWorkload[r.WorkloadID] = append(byWorkload[r.WorkloadID], r)
		if v, ok := s.answers.get(r); ok {
			if cached[r.WorkloadID] == nil {
				cached[r.WorkloadID] = map[string]*ReviewView{}
			}
			cached[r.WorkloadID][r.LensARN] = v
		} else {
			uncached[r.WorkloadID] = true
		}
	}
	answersOf := map[string][]*wat.Answer{}
	if len(uncached) > 0 {
		need := make([]string, 0, len(uncached))
		for id := range uncached {
			need = append(need, id)
		}
		answers, err := tx.ListAnswersOf(ctx, need)
		if err != nil {
			return nil, err
		}
		for _, a := range answers {
			answersOf[a.WorkloadID] = append(answersOf[a.WorkloadID], a)
		}
	}
	out := make([]*snapshot, len(ws))
	for i, w := range ws {
		snap := newSnapshot(tx, w, byWorkload[w.ID], answersOf[w.ID])
		snap.live = s
		if snap.priorities, err = s.loadPriorities(ctx, tx, w); err != nil {
			return nil, err
		}
		for arn, v := range cached[w.ID] {
			snap.computed[arn] = v
		}
		out[i] = snap
	}
	return out, nil
}
