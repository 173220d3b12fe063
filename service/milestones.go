package service

import (
	"context"
	"fmt"

	"github.com/wat-dev/wat"
)

// CreateMilestone records an immutable snapshot of a workload and returns its number.
func (s *Service) CreateMilestone(ctx context.Context, id, name, token string) (int, error) {
	p, err := caller(ctx)
	if err != nil {
		return 0, err
	}
	if nonSpaceCount(name) < 3 {
		return 0, wat.Invalid("MilestoneName", "Milestone name must contain at least 3 non-space characters")
	}
	fp := fingerprint("CreateMilestone", id, name)
	number := 0
	err = s.store.Update(ctx, func(tx wat.Tx) error {
		w, err := s.ownWorkload(ctx, tx, act("CreateMilestone"), id, true)
		if err != nil {
			return err
		}
		prev, err := s.replay(ctx, tx, p.AccountID, "CreateMilestone", token, fp)
		if err != nil {
			return err
		}
		if prev != "" {
			_, err = fmt.Sscan(prev, &number)
			return err
		}
		if number, err = s.saveMilestone(ctx, tx, w, name); err != nil {
			return err
		}
		return s.remember(ctx, tx, p.AccountID, "CreateMilestone", token, fp, itoa(number))
	})
	if err != nil {
		return 0, fmt.Errorf("CreateMilestone(%s, %q): %w", id, name, err)
	}
	return number, nil
}

// saveMilestone records, in tx, a milestone of w (locked) named name and
// returns its number.
func (s *Service) saveMilestone(ctx context.Context, tx wat.Tx, w *wat.Workload, name string) (int, error) {
	if nonSpaceCount(name) < 3 {
		return 0, wat.Invalid("MilestoneName", "Milestone name must contain at least 3 non-space characters")
	}
	last, err := roomForMilestone(ctx, tx, w.ID)
	if err != nil {
		return 0, err
	}
	reviews, err := tx.ListLensReviews(ctx, w.ID)
	if err != nil {
		return 0, err
	}
	answers, err := tx.ListAnswers(ctx, w.ID, "")
	if err != nil {
		return 0, err
	}
	m := &wat.Milestone{
		WorkloadID:  w.ID,
		Number:      last + 1,
		Name:        name,
		RecordedAt:  s.nowUTC(),
		Workload:    w,
		LensReviews: reviews,
		Answers:     answers,
	}
	if err := insertMilestone(ctx, tx, m); err != nil {
		return 0, err
	}
	return m.Number, s.publishMilestone(ctx, tx, w, m)
}

// roomForMilestone returns the number of the last milestone of workload
// id, failing when it has as many milestones as a workload may.
func roomForMilestone(ctx context.Context, tx wat.Tx, id string) (int, error) {
	last, count, err := tx.LastMilestone(ctx, id)
	if err != nil {
		return 0, err
	}
	if count >= MaxMilestonesPerWorkload {
		return 0, wat.QuotaExceeded("MILESTONE", "L-MILESTONES", "A workload can have at most %d milestones", MaxMilestonesPerWorkload)
	}
	return last, nil
}

// insertMilestone stores m; a name its workload already has is a conflict
// saying how names compare.
func insertMilestone(ctx context.Context, tx wat.Tx, m *wat.Milestone) error {
	err := tx.InsertMilestone(ctx, m)
	if wat.ErrorCodeOf(err) == wat.EConflict {
		return wat.Conflict("MILESTONE", m.Name, "Workload %s already has a milestone named %q (names are compared ignoring case and spaces)", m.WorkloadID, m.Name)
	}
	return err
}

// MilestoneView is a milestone with its workload as it was, risks included.
type MilestoneView struct {
	Milestone *wat.Milestone
	Workload  *WorkloadView
}

// GetMilestone returns one milestone.
func (s *Service) GetMilestone(ctx context.Context, id string, number int) (*MilestoneView, error) {
	var v *MilestoneView
	err := s.store.View(ctx, func(tx wat.Tx) error {
		w, err := s.readableWorkload(ctx, tx, act("GetMilestone"), id)
		if err != nil {
			return err
		}
		snap, err := s.loadSnapshot(ctx, tx, w, number, "")
		if err != nil {
			return err
		}
		v = &MilestoneView{Milestone: snap.milestone, Workload: s.workloadView(ctx, snap)}
		return nil
	})
	return v, err
}

// ListMilestones returns a page of a workload's milestones in number order.
func (s *Service) ListMilestones(ctx context.Context, id, token string, max int) ([]*MilestoneView, string, error) {
	t, err := decodeToken(token)
	if err != nil {
		return nil, "", err
	}
	n := pageSize(max, 50)
	var out []*MilestoneView
	next := ""
	err = s.store.View(ctx, func(tx wat.Tx) error {
		if _, err := s.readableWorkload(ctx, tx, act("ListMilestones"), id); err != nil {
			return err
		}
		ms, err := tx.ListMilestones(ctx, id, t.Offset, n+1)
		if err != nil {
			return err
		}
		if len(ms) > n {
			ms = ms[:n]
			next = encodeToken(pageToken{Offset: ms[n-1].Number})
		}
		for _, m := range ms {
			snap := newSnapshot(tx, m.Workload, m.LensReviews, m.Answers)
			snap.milestone = m
			out = append(out, &MilestoneView{Milestone: m, Workload: s.workloadView(ctx, snap)})
		}
		return nil
	})
	return out, next, err
}
