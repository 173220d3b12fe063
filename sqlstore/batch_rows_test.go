package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/wat-dev/wat"
)

// TestLockedRows: in one batch, a run of writes with the same key reads the
// workload row the first of them locked from the batch (hits), with the
// updated_at each wrote; a write rolled back to its savepoint, or a write
// without the key in between, makes the next read the database again and
// see what it holds.
func TestLockedRows(t *testing.T) {
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			if b.require != nil {
				b.require(t)
			}
			testLockedRows(t, b)
		})
	}
}

func testLockedRows(t *testing.T, b *backend) {
	db := b.fresh(t)
	newAccount(t, db, "111111111111")
	w := fullWorkload("111111111111", workloadID(1), "locked")
	insertWorkload(t, db, w)
	c := newCommitter(db, 32)
	defer c.close()
	ctx := context.Background()
	keyed := wat.WithWriteKey(ctx, w.ID)

	type step struct {
		ctx   context.Context
		touch time.Time // zero: none
		tags  map[string]string
		fail  bool
		// mutate changes the workload read, as a caller may, without
		// writing it.
		mutate bool
	}
	// run commits one batch of the steps; each reads the workload locked,
	// returns what it read, then touches it, changes its tags or fails.
	run := func(steps ...step) (read []*wat.Workload, hits int) {
		t.Helper()
		read = make([]*wat.Workload, len(steps))
		var batch []*writeReq
		var rows *lockedRows
		for i, s := range steps {
			batch = append(batch, &writeReq{ctx: s.ctx, result: make(chan writeResult, 1),
				fn: func(sqlTx *sql.Tx, r *lockedRows) error {
					rows = r
					tx := &tx{db: db, tx: sqlTx, write: true, rows: r}
					got, err := tx.GetWorkload(s.ctx, w.ID, true)
					if err != nil {
						return err
					}
					read[i] = got
					if s.mutate {
						got.Tags["team"] = "changed by the caller"
						got.Lenses[0] = "changed by the caller"
					}
					if !s.touch.IsZero() {
						if err := tx.TouchWorkload(s.ctx, w.ID, s.touch); err != nil {
							return err
						}
					}
					if s.tags != nil {
						got.Tags = s.tags
						if err := tx.UpdateWorkload(s.ctx, got); err != nil {
							return err
						}
					}
					if s.fail {
						return errors.New("refused")
					}
					return nil
				}})
		}
		c.run(batch)
		for i, r := range batch {
			if res := <-r.result; (res.err != nil) != steps[i].fail {
				t.Fatalf("step %d: %v", i, res.err)
			}
		}
		return read, rows.hits
	}
	t1, t2, t3 := t0.Add(time.Hour), t0.Add(2*time.Hour), t0.Add(3*time.Hour)

	read, hits := run(step{ctx: keyed, touch: t1}, step{ctx: keyed, touch: t2}, step{ctx: keyed})
	if hits != 2 {
		t.Errorf("three keyed writes: %d reads from the batch, want 2", hits)
	}
	if !read[1].UpdatedAt.Equal(storedTime(t1)) || !read[2].UpdatedAt.Equal(storedTime(t2)) {
		t.Errorf("read updated_at %v then %v, want %v then %v", read[1].UpdatedAt, read[2].UpdatedAt, t1, t2)
	}
	if read[2].Name != w.Name || read[2].Tags["team"] != w.Tags["team"] {
		t.Errorf("read from the batch %+v, want the stored workload", read[2])
	}

	// A write rolled back: the next reads the row again, as it was before.
	read, hits = run(step{ctx: keyed, touch: t3}, step{ctx: keyed, touch: t0.Add(9 * time.Hour), fail: true}, step{ctx: keyed})
	if hits != 1 {
		t.Errorf("after a failed write: %d reads from the batch, want 1 (the failed write's)", hits)
	}
	if !read[2].UpdatedAt.Equal(storedTime(t3)) {
		t.Errorf("after a failed write the next read updated_at %v, want %v", read[2].UpdatedAt, t3)
	}

	// A write without the key between two keyed ones: read again.
	read, hits = run(step{ctx: keyed}, step{ctx: ctx, tags: map[string]string{"team": "green"}}, step{ctx: keyed})
	if hits != 0 {
		t.Errorf("with an unkeyed write between: %d reads from the batch, want 0", hits)
	}
	if read[2].Tags["team"] != "green" {
		t.Errorf("after an unkeyed write the next read tags %v, want team green", read[2].Tags)
	}
	// A caller changing what it was given does not change what is kept.
	read, hits = run(step{ctx: keyed, mutate: true}, step{ctx: keyed, mutate: true}, step{ctx: keyed})
	if hits != 2 || read[2].Tags["team"] != "green" || read[2].Lenses[0] != w.Lenses[0] {
		t.Errorf("after its readers changed it, the row read from the batch (%d hits) has tags %v and lenses %v", hits, read[2].Tags, read[2].Lenses)
	}
}

// TestLockedRowsGrouped: a batch of writes that all have a key runs in runs
// of one key, each key's writes in their order, so that each run locks and
// reads its workload's row once.
func TestLockedRowsGrouped(t *testing.T) {
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			if b.require != nil {
				b.require(t)
			}
			db := b.fresh(t)
			ids := newWorkloads(t, db, 2)
			c := newCommitter(db, 32)
			defer c.close()
			var order []string
			var hits int
			var batch []*writeReq
			for i := range 6 {
				id := ids[i%2]
				ctx := wat.WithWriteKey(context.Background(), id)
				batch = append(batch, &writeReq{ctx: ctx, result: make(chan writeResult, 1),
					fn: func(sqlTx *sql.Tx, rows *lockedRows) error {
						tx := &tx{db: db, tx: sqlTx, write: true, rows: rows}
						if _, err := tx.GetWorkload(ctx, id, true); err != nil {
							return err
						}
						if err := tx.TouchWorkload(ctx, id, t0.Add(time.Duration(i)*time.Minute)); err != nil {
							return err
						}
						order = append(order, strconv.Itoa(i))
						hits = rows.hits
						return nil
					}})
			}
			c.run(batch)
			for _, r := range batch {
				if res := <-r.result; res.err != nil {
					t.Fatal(res.err)
				}
			}
			first, second := "0,2,4", "1,3,5"
			if ids[1] < ids[0] {
				first, second = second, first
			}
			if got := strings.Join(order, ","); got != first+","+second {
				t.Errorf("writes ran in the order %s, want %s then %s", got, first, second)
			}
			if hits != 4 {
				t.Errorf("%d reads from the batch, want 4 (each key's row read once)", hits)
			}
		})
	}
}
