package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
	"testing"

	"github.com/wat-dev/wat"
)

// TestBatchTogether: a batch whose writes all succeed runs without
// savepoints and commits once; when one fails — with an error, or, on
// PostgreSQL, by going on after a failed statement as the last of the
// batch, which only the commit reveals — the batch runs again apart, the
// others' writes are kept once, the failed one's not at all, and the next
// batches run apart too.
func TestBatchTogether(t *testing.T) {
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			if b.require != nil {
				b.require(t)
			}
			testBatchTogether(t, b)
		})
	}
}

func testBatchTogether(t *testing.T, b *backend) {
	db := b.fresh(t)
	id := newWorkloads(t, db, 1)[0]
	c := newCommitter(db, 32)
	defer c.close()
	errBoom := errors.New("boom")
	// run commits one batch of n writes, each adding its note; fail says
	// how write i ends after adding it.
	runs := map[int]int{}
	run := func(n int, fail func(i int, tx wat.Tx) error) []error {
		t.Helper()
		var batch []*writeReq
		for i := range n {
			batch = append(batch, &writeReq{ctx: context.Background(), result: make(chan writeResult, 1),
				fn: func(sqlTx *sql.Tx, rows *lockedRows) error {
					runs[i]++
					tx := &tx{db: db, tx: sqlTx, write: true, rows: rows}
					ctx := context.Background()
					if err := addNote(ctx, tx, id, strconv.Itoa(i)); err != nil {
						return err
					}
					return fail(i, tx)
				}})
		}
		c.run(batch)
		errs := make([]error, n)
		for i, r := range batch {
			errs[i] = (<-r.result).err
		}
		return errs
	}

	errs := run(3, func(int, wat.Tx) error { return nil })
	if errors.Join(errs...) != nil || runs[0] != 1 || runs[2] != 1 || c.cautious != 0 {
		t.Fatalf("three good writes: errors %v, runs %v, cautious %d; want each run once, together", errs, runs, c.cautious)
	}
	if got := notes(t, db, id); len(got) != 3 {
		t.Fatalf("notes %v after three good writes", got)
	}

	// The middle write fails: the batch runs again apart.
	clear(runs)
	errs = run(3, func(i int, _ wat.Tx) error {
		if i == 1 {
			return errBoom
		}
		return nil
	})
	if errs[0] != nil || !errors.Is(errs[1], errBoom) || errs[2] != nil {
		t.Fatalf("a failing write in the middle: errors %v", errs)
	}
	if runs[0] != 2 || c.cautious != cautiousBatches {
		t.Errorf("a failing write: runs %v, cautious %d; want the batch run again apart, and %d batches apart to come", runs, c.cautious, cautiousBatches)
	}
	if got := notes(t, db, id); got["0"] != 2 || got["1"] != 1 || got["2"] != 2 {
		t.Errorf("notes %v, want writes 0 and 2 kept once more, not write 1", got)
	}

	if b.name != "postgres" {
		return
	}
	// PostgreSQL: the last write goes on after a failed statement. Only
	// the commit tells (it rolls back), and the batch runs again apart.
	c.cautious = 0
	clear(runs)
	errs = run(3, func(i int, tx wat.Tx) error {
		if i == 2 {
			_ = rawExec(context.Background(), tx, "SELECT 1/0")
		}
		return nil
	})
	if errs[0] != nil || errs[1] != nil || errs[2] == nil {
		t.Fatalf("the last write went on after a failed statement: errors %v, want it alone to fail", errs)
	}
	if got := notes(t, db, id); got["0"] != 3 || got["1"] != 2 || got["2"] != 2 {
		t.Errorf("notes %v, want writes 0 and 1 kept once more, not write 2", got)
	}
}
