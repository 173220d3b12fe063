package sqlstore

import (
	"maps"
	"slices"
	"time"

	"github.com/wat-dev/wat"
)

// lockedRows keeps, within one batch of a committer, the workload rows that
// a run of keyed writes (wat.WithWriteKey: the answers to one workload)
// locked and read, so that the next write of the run reads the row from
// here instead of locking it again with a statement — on PostgreSQL a round
// trip that every answer of a busy workload waits for in turn.
//
// What is kept is what the database holds, for as long as no other write
// can have changed it:
//   - the batch's transaction holds the row's lock (FOR UPDATE; on SQLite
//     the database's write lock) from the first read to the commit;
//   - TouchWorkload and SaveAnswerChange, which set a workload's updated_at
//     (all that the answers of a key change of it: wat.WithWriteKey), update
//     the copy kept; UpdateWorkload and DeleteWorkload forget it, and
//     DeleteAccount every row (the statements that change the table);
//   - the rows are forgotten too at a write without a key or with another
//     key, and at a write rolled back to its savepoint, which also gives up
//     the row locks it took.
type lockedRows struct {
	key       string // of the run of writes now; "": nothing is kept
	workloads map[string]*wat.Workload
	hits      int // reads given from here, for tests
}

// begin starts a write with key (wat.WriteKeyFrom): a write without a key,
// or with another than the run's, forgets every row and starts a new run.
func (l *lockedRows) begin(key string) {
	if key == "" || key != l.key {
		clear(l.workloads)
	}
	l.key = key
}

// workload returns a copy of the workload kept by id.
func (l *lockedRows) workload(id string) (*wat.Workload, bool) {
	if l == nil || l.key == "" {
		return nil, false
	}
	w, ok := l.workloads[id]
	if !ok {
		return nil, false
	}
	l.hits++
	return cloneWorkload(w), true
}

// keep keeps a copy of w, just read and locked.
func (l *lockedRows) keep(w *wat.Workload) {
	if l == nil || l.key == "" {
		return
	}
	if l.workloads == nil {
		l.workloads = map[string]*wat.Workload{}
	}
	l.workloads[w.ID] = cloneWorkload(w)
}

// forget drops the row of workload id, about to change.
func (l *lockedRows) forget(id string) {
	if l != nil {
		delete(l.workloads, id)
	}
}

// forgetAll drops every row: a write rolled back to its savepoint gave up
// the row locks it took, and a deleted account took its workloads.
func (l *lockedRows) forgetAll() {
	if l != nil {
		clear(l.workloads)
	}
}

// touched records a new updated_at of workload id.
func (l *lockedRows) touched(id string, at time.Time) {
	if l == nil {
		return
	}
	if w, ok := l.workloads[id]; ok {
		w.UpdatedAt = storedTime(at)
	}
}

// cloneWorkload copies w with its lists and maps, which callers may change.
func cloneWorkload(w *wat.Workload) *wat.Workload {
	c := *w
	c.AccountIDs = slices.Clone(w.AccountIDs)
	c.AWSRegions = slices.Clone(w.AWSRegions)
	c.NonAWSRegions = slices.Clone(w.NonAWSRegions)
	c.PillarPriorities = slices.Clone(w.PillarPriorities)
	c.Applications = slices.Clone(w.Applications)
	c.Lenses = slices.Clone(w.Lenses)
	c.Tags = maps.Clone(w.Tags)
	if w.DiscoveryConfig != nil {
		d := *w.DiscoveryConfig
		d.WorkloadResourceDefinition = slices.Clone(w.DiscoveryConfig.WorkloadResourceDefinition)
		c.DiscoveryConfig = &d
	}
	return &c
}
