package sqlstore

import (
	"context"
	"math"
	"strconv"

	"github.com/wat-dev/wat"
)

// InsertMilestone stores a milestone with its snapshot; EConflict when the
// workload has a milestone of that number, or one whose name has the same
// wat.NameKey; ENotFound when the workload does not exist.
func (t *tx) InsertMilestone(ctx context.Context, m *wat.Milestone) error {
	_, err := t.exec(ctx, `INSERT INTO milestones (workload_id, number, name, name_key, recorded_at, snapshot)
		VALUES (?, ?, ?, ?, ?, ?)`,
		m.WorkloadID, m.Number, m.Name, wat.NameKey(m.Name), timeValue(m.RecordedAt), jsonText(newSnapshotRecord(m)))
	if err != nil {
		return fail("InsertMilestone", m.WorkloadID+" "+strconv.Itoa(m.Number), err, outcomes{
			conflict: wat.Conflict("MILESTONE", m.Name,
				"Workload %s already has milestone number %d or a milestone named %q", m.WorkloadID, m.Number, m.Name),
			parent: workloadNotFound(m.WorkloadID),
		})
	}
	return nil
}

const milestoneColumns = `workload_id, number, name, recorded_at, snapshot`

// GetMilestone returns a milestone with its snapshot.
func (t *tx) GetMilestone(ctx context.Context, workloadID string, number int) (*wat.Milestone, error) {
	m, err := scanMilestone(t.queryRow(ctx, `SELECT `+milestoneColumns+` FROM milestones
		WHERE workload_id = ? AND number = ?`, workloadID, number))
	if err != nil {
		num := strconv.Itoa(number)
		return nil, fail("GetMilestone", workloadID+" "+num, err, outcomes{
			missing: wat.NotFound("MILESTONE", num, "Workload %s has no milestone number %d", workloadID, number),
		})
	}
	return m, nil
}

// ListMilestones returns up to limit milestones of a workload (all of them
// when limit is not positive) numbered above after, in number order.
func (t *tx) ListMilestones(ctx context.Context, workloadID string, after, limit int) ([]*wat.Milestone, error) {
	if limit <= 0 {
		limit = math.MaxInt32
	}
	rows, err := t.query(ctx, `SELECT `+milestoneColumns+` FROM milestones
		WHERE workload_id = ? AND number > ? ORDER BY number LIMIT ?`, workloadID, after, limit)
	if err != nil {
		return nil, fail("ListMilestones", workloadID, err, outcomes{})
	}
	defer rows.Close()
	var ms []*wat.Milestone
	for rows.Next() {
		m, err := scanMilestone(rows)
		if err != nil {
			return nil, fail("ListMilestones", workloadID, err, outcomes{})
		}
		ms = append(ms, m)
	}
	if err := rows.Err(); err != nil {
		return nil, fail("ListMilestones", workloadID, err, outcomes{})
	}
	return ms, nil
}

// LastMilestone returns the highest milestone number of a workload and how
// many milestones it has: (0, 0) when it has none, or does not exist.
func (t *tx) LastMilestone(ctx context.Context, workloadID string) (number, count int, err error) {
	err = t.queryRow(ctx, `SELECT coalesce(max(number), 0), count(*) FROM milestones WHERE workload_id = ?`, workloadID).
		Scan(&number, &count)
	if err != nil {
		return 0, 0, fail("LastMilestone", workloadID, err, outcomes{})
	}
	return number, count, nil
}

func scanMilestone(s scanner) (*wat.Milestone, error) {
	var (
		m        wat.Milestone
		snapshot string
	)
	if err := s.Scan(&m.WorkloadID, &m.Number, &m.Name, timeScanner{&m.RecordedAt}, &snapshot); err != nil {
		return nil, err
	}
	var (
		d   decoder
		rec snapshotRecord
	)
	if d.json(snapshot, &rec); d.err != nil {
		return nil, d.err
	}
	rec.fill(&m)
	return &m, nil
}
