package sqlstore

import (
	"context"
	"fmt"
	"maps"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/wat-dev/wat"
)

// testLanesConflictInSavepoint makes a write in a batch fail once with a
// serialization failure: its savepoint alone is rolled back, it runs again
// and succeeds, and its note is kept once; the others of its batch are not
// disturbed.
func testLanesConflictInSavepoint(t *testing.T, db *DB) {
	id := newWorkloads(t, db, 1)[0]
	release, held := holdLane(t, db, id)
	var runs atomic.Int32
	errs := make([]error, 3)
	var wg sync.WaitGroup
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = db.Update(keyed(id), func(tx wat.Tx) error {
				ctx := context.Background()
				if err := addNote(ctx, tx, id, strconv.Itoa(i)); err != nil {
					return err
				}
				if i == 1 && runs.Add(1) == 1 {
					err := rawExec(ctx, tx, `DO $$ BEGIN RAISE EXCEPTION 'forced' USING ERRCODE = '40001'; END $$`)
					return err
				}
				return nil
			})
		}()
	}
	waitQueued(t, len(errs))
	release()
	wg.Wait()
	if err := <-held; err != nil {
		t.Fatal(err)
	}
	for i, err := range errs {
		if err != nil {
			t.Errorf("write %d: %v", i, err)
		}
	}
	if runs.Load() != 2 {
		t.Errorf("the conflicting write ran %d times, want 2", runs.Load())
	}
	if got, want := notes(t, db, id), map[string]int{"0": 1, "1": 1, "2": 1}; !maps.Equal(got, want) {
		t.Errorf("notes %v, want %v", got, want)
	}
}

// testLanesConflictAtCommit makes a batch's commit fail once with a
// serialization failure (a deferred trigger): every write of the batch runs
// again, and each is kept once.
func testLanesConflictAtCommit(t *testing.T, db *DB) {
	id := newWorkloads(t, db, 1)[0]
	for _, q := range []string{
		`CREATE SEQUENCE lanes_conflict`,
		`CREATE TABLE lanes_writes (n int)`,
		`CREATE FUNCTION lanes_conflict() RETURNS trigger LANGUAGE plpgsql AS $$
		BEGIN
			IF nextval('lanes_conflict') = 1 THEN
				RAISE EXCEPTION 'forced at commit' USING ERRCODE = '40001';
			END IF;
			RETURN NULL;
		END $$`,
		`CREATE CONSTRAINT TRIGGER lanes_conflict AFTER INSERT ON lanes_writes
			DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION lanes_conflict()`,
	} {
		if _, err := db.write.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	release, held := holdLane(t, db, id)
	var runs atomic.Int32
	errs := make([]error, 4)
	var wg sync.WaitGroup
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = db.Update(keyed(id), func(tx wat.Tx) error {
				runs.Add(1)
				return rawExec(context.Background(), tx, `INSERT INTO lanes_writes (n) VALUES (?)`, i)
			})
		}()
	}
	waitQueued(t, len(errs))
	release()
	wg.Wait()
	if err := <-held; err != nil {
		t.Fatal(err)
	}
	for i, err := range errs {
		if err != nil {
			t.Errorf("write %d: %v", i, err)
		}
	}
	var rows, distinct int
	if err := db.read.QueryRow(`SELECT count(*), count(DISTINCT n) FROM lanes_writes`).Scan(&rows, &distinct); err != nil {
		t.Fatal(err)
	}
	if rows != len(errs) || distinct != len(errs) {
		t.Errorf("%d rows, %d distinct, want each of the %d writes once", rows, distinct, len(errs))
	}
	if runs.Load() != 2*int32(len(errs)) {
		t.Errorf("the writes ran %d times, want %d: each twice", runs.Load(), 2*len(errs))
	}
}

// lockBoth locks workloads first and second, in that order, with a pause
// between them the first time (both contenders hold their first lock
// together), and adds a note to both.
func lockBoth(ctx context.Context, tx wat.Tx, first, second, note string, pause func()) error {
	if _, err := tx.GetWorkload(ctx, first, true); err != nil {
		return err
	}
	pause()
	if err := addNote(ctx, tx, second, note); err != nil {
		return err
	}
	return addNote(ctx, tx, first, note)
}

// testLanesDeadlockAcrossLanes makes two writes lock two workloads in
// opposite orders: a keyed one in a lane against another lane's, then
// against a write without a key. PostgreSQL aborts one side; it must run
// again, and both succeed, each once.
func testLanesDeadlockAcrossLanes(t *testing.T, db *DB) {
	ids := newWorkloads(t, db, 2)
	if db.lanes == nil {
		t.Fatal("PostgreSQL has no lanes")
	}
	other := ""
	for i := 3; other == ""; i++ {
		if k := workloadID(i); db.lanes.lane(k) != db.lanes.lane(ids[0]) {
			other = k
		}
	}
	for round, keys := range [][2]string{{ids[0], other}, {ids[0], ""}} {
		var runs atomic.Int32
		var holding sync.WaitGroup
		holding.Add(2)
		errs := parallel(2, func(i int) error {
			ctx := context.Background()
			if keys[i] != "" {
				ctx = keyed(keys[i])
			}
			return db.Update(ctx, func(tx wat.Tx) error {
				run := runs.Add(1)
				return lockBoth(context.Background(), tx, ids[i], ids[1-i], fmt.Sprintf("r%d-%d", round, i), func() {
					if run <= 2 { // not when run again
						holding.Done()
						waitTimeout(&holding, 2*time.Second)
					}
				})
			})
		})
		for i, err := range errs {
			if err != nil {
				t.Errorf("keys %q, write %d: %v", keys, i, err)
			}
		}
		if runs.Load() < 3 {
			t.Errorf("keys %q: the writes ran %d times: no deadlock was detected and run again", keys, runs.Load())
		}
		for _, id := range ids {
			got := notes(t, db, id)
			for i := range 2 {
				if n := got[fmt.Sprintf("r%d-%d", round, i)]; n != 1 {
					t.Errorf("keys %q: workload %s has the note of write %d %d times, want once", keys, id, i, n)
				}
			}
		}
	}
}

// testLanesDeadlockWithHeldLock puts two writes a and b in one batch: a
// locks workload 1 and is done, so the batch holds that lock until it
// commits; b waits for workload 2, which a write without a key holds while
// it waits for workload 1. Nothing may wait forever: PostgreSQL aborts b's
// savepoint or the other write, which runs again, and all three succeed.
func testLanesDeadlockWithHeldLock(t *testing.T, db *DB) {
	ids := newWorkloads(t, db, 2)
	release, held := holdLane(t, db, ids[0])
	xGo, xHolds := make(chan struct{}), make(chan struct{})
	var bRuns, xRuns atomic.Int32
	errc := make(chan error, 3)
	go func() {
		errc <- db.Update(keyed(ids[0]), func(tx wat.Tx) error { return addNote(context.Background(), tx, ids[0], "a") })
	}()
	waitQueued(t, 1) // a is queued before b
	go func() {
		errc <- db.Update(keyed(ids[0]), func(tx wat.Tx) error {
			if bRuns.Add(1) == 1 {
				close(xGo)
				<-xHolds
			}
			return addNote(context.Background(), tx, ids[1], "b")
		})
	}()
	go func() {
		<-xGo
		errc <- db.Update(context.Background(), func(tx wat.Tx) error {
			ctx := context.Background()
			if err := addNote(ctx, tx, ids[1], "x"); err != nil {
				return err
			}
			if xRuns.Add(1) == 1 {
				close(xHolds)
				waitLockWait(t, db) // b waits for workload 2
			}
			return addNote(ctx, tx, ids[0], "x")
		})
	}()
	waitQueued(t, 2)
	release()
	for range 3 {
		select {
		case err := <-errc:
			if err != nil {
				t.Errorf("write: %v", err)
			}
		case <-time.After(30 * time.Second):
			t.Fatal("the writes are still waiting after 30 s")
		}
	}
	if err := <-held; err != nil {
		t.Fatal(err)
	}
	if bRuns.Load()+xRuns.Load() < 3 {
		t.Errorf("b ran %d times and x %d: no deadlock was detected and run again", bRuns.Load(), xRuns.Load())
	}
	if got, want := notes(t, db, ids[0]), map[string]int{"a": 1, "x": 1}; !maps.Equal(got, want) {
		t.Errorf("workload 1 notes %v, want %v", got, want)
	}
	if got, want := notes(t, db, ids[1]), map[string]int{"b": 1, "x": 1}; !maps.Equal(got, want) {
		t.Errorf("workload 2 notes %v, want %v", got, want)
	}
}
