package sqlstore

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/wat-dev/wat"
)

// TestPostgresLanes checks the lanes of keyed writes on PostgreSQL
// (pg_lanes.go): writes about one workload share commits and each keeps
// its own outcome, transient conflicts are run again, a cancelled caller
// does not take its batch down.
func TestPostgresLanes(t *testing.T) {
	b := backends[1]
	b.require(t)
	for _, tc := range []struct {
		name string
		run  func(*testing.T, *DB)
	}{
		{"OneWorkload", testLanesOneWorkload},
		{"ConflictInSavepoint", testLanesConflictInSavepoint},
		{"ConflictAtCommit", testLanesConflictAtCommit},
		{"DeadlockAcrossLanes", testLanesDeadlockAcrossLanes},
		{"DeadlockWithHeldLock", testLanesDeadlockWithHeldLock},
		{"Cancel", testLanesCancel},
	} {
		t.Run(tc.name, func(t *testing.T) { tc.run(t, b.fresh(t)) })
	}
}

// keyed is the context of a write about workload id.
func keyed(id string) context.Context {
	return wat.WithWriteKey(context.Background(), id)
}

// holdLane starts a write about key that keeps its lane (on SQLite, the
// committer) busy until release is called, so that the writes queued
// meanwhile share the next batch. The channel gives that write's error.
func holdLane(t *testing.T, db *DB, key string) (release func(), done <-chan error) {
	t.Helper()
	started, hold := make(chan struct{}), make(chan struct{})
	errc := make(chan error, 1)
	go func() {
		errc <- db.Update(keyed(key), func(wat.Tx) error {
			close(started)
			<-hold
			return nil
		})
	}()
	<-started
	var once sync.Once
	release = func() { once.Do(func() { close(hold) }) }
	t.Cleanup(release)
	return release, errc
}

// waitQueued waits until n writes are waiting to be taken into a batch
// (in committer.do's select), so that the test knows what the next batch
// of a lane held by holdLane holds, and in which order.
func waitQueued(t *testing.T, n int) {
	t.Helper()
	buf := make([]byte, 1<<20)
	deadline := time.Now().Add(10 * time.Second)
	for {
		got := 0
		for _, g := range strings.Split(string(buf[:runtime.Stack(buf, true)]), "\n\n") {
			if strings.Contains(g, " [select") && strings.Contains(g, "sqlstore.(*committer).do(") {
				got++
			}
		}
		if got >= n {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d writes waiting for a batch after 10 s, want %d", got, n)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// waitLockWait waits until a session of db's database waits for a lock.
func waitLockWait(t *testing.T, db *DB) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		var n int
		if err := db.read.QueryRow(`SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`).Scan(&n); err != nil {
			t.Error(err)
			return
		}
		if n > 0 {
			return
		}
		if time.Now().After(deadline) {
			t.Error("no session waits for a lock after 10 s")
			return
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// addNote appends s to the notes of workload id, under its row lock, as
// the service's writes about a workload read and change it.
func addNote(ctx context.Context, tx wat.Tx, id, s string) error {
	w, err := tx.GetWorkload(ctx, id, true)
	if err != nil {
		return err
	}
	w.Notes += s + ","
	return tx.UpdateWorkload(ctx, w)
}

// notes counts the entries addNote left in workload id's notes.
func notes(t *testing.T, db *DB, id string) map[string]int {
	t.Helper()
	n := map[string]int{}
	for _, s := range strings.Split(getWorkload(t, db, id).Notes, ",") {
		if s != "" {
			n[s]++
		}
	}
	return n
}

// newWorkloads stores an account and n workloads without notes.
func newWorkloads(t *testing.T, db *DB, n int) []string {
	t.Helper()
	newAccount(t, db, "111111111111")
	var ids []string
	for i := 1; i <= n; i++ {
		w := fullWorkload("111111111111", workloadID(i), fmt.Sprintf("workload %d", i))
		w.Notes = ""
		insertWorkload(t, db, w)
		ids = append(ids, w.ID)
	}
	return ids
}

// rawExec runs a statement of the test's own in the store's transaction.
func rawExec(ctx context.Context, t wat.Tx, query string, args ...any) error {
	_, err := t.(*tx).exec(ctx, query, args...)
	return err
}

// testLanesOneWorkload queues many writes about one workload behind a held
// lane: they share a commit, each sees the previous ones' writes, and each
// keeps its own outcome. Failing writes (an error, a panic, a failed
// statement that fn ignored) leave nothing behind and fail no other.
func testLanesOneWorkload(t *testing.T, db *DB) {
	id := newWorkloads(t, db, 1)[0]
	var mu sync.Mutex
	var sizes []int
	db.ObserveCommitBatches(func(n int) { mu.Lock(); sizes = append(sizes, n); mu.Unlock() })

	release, held := holdLane(t, db, id)
	const n = 24
	errBoom := errors.New("boom")
	fails := func(i int) bool { return i%4 == 1 || i == 6 || i == 10 }
	errs, panics := make([]error, n), make([]any, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() { panics[i] = recover() }()
			errs[i] = db.Update(keyed(id), func(tx wat.Tx) error {
				ctx := context.Background()
				if err := addNote(ctx, tx, id, strconv.Itoa(i)); err != nil {
					return err
				}
				switch {
				case i%4 == 1:
					return errBoom
				case i == 6:
					panic("kaboom")
				case i == 10:
					// PostgreSQL aborts the savepoint; fn goes on as if not.
					_ = tx.InsertWorkload(ctx, fullWorkload("111111111111", id, "taken"))
				}
				return nil
			})
		}()
	}
	waitQueued(t, n)
	release()
	wg.Wait()
	if err := <-held; err != nil {
		t.Fatalf("the write holding the lane: %v", err)
	}

	got := notes(t, db, id)
	for i := range n {
		s := strconv.Itoa(i)
		switch {
		case i%4 == 1 && !errors.Is(errs[i], errBoom):
			t.Errorf("write %d: err %v, want its own error", i, errs[i])
		case i == 6 && panics[i] != "kaboom":
			t.Errorf("write %d: recovered %v, want its own panic", i, panics[i])
		case i == 10 && errs[i] == nil:
			t.Errorf("write %d ignored a failed statement: Update succeeded", i)
		case !fails(i) && (errs[i] != nil || panics[i] != nil):
			t.Errorf("write %d: err %v, panic %v", i, errs[i], panics[i])
		case fails(i) && got[s] != 0:
			t.Errorf("write %d failed but its note is kept", i)
		case !fails(i) && got[s] != 1:
			t.Errorf("write %d succeeded and its note is there %d times", i, got[s])
		}
	}
	mu.Lock()
	biggest := slices.Max(append(sizes, 0))
	mu.Unlock()
	if biggest != n {
		t.Errorf("batches of %v writes, want one of the %d writes queued together", sizes, n)
	}

	// Writes without a key go straight to the pool; those with one are
	// batches, counted even alone.
	mu.Lock()
	sizes = nil
	mu.Unlock()
	update(t, db, func(ctx context.Context, tx wat.Tx) error { return addNote(ctx, tx, id, "unkeyed") })
	if err := db.Update(keyed(id), func(tx wat.Tx) error { return addNote(context.Background(), tx, id, "keyed") }); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	if !slices.Equal(sizes, []int{1}) {
		t.Errorf("batches after one write without a key and one with: %v, want [1]", sizes)
	}
}

// testLanesCancel: a caller that gives up while waiting for its lane
// returns at once and its write never runs; a caller cancelled while its
// statement runs in a batch does not break the batch's connection, so the
// others of the batch commit.
func testLanesCancel(t *testing.T, db *DB) {
	id := newWorkloads(t, db, 1)[0]
	release, held := holdLane(t, db, id)

	ctx, cancel := context.WithTimeout(keyed(id), 50*time.Millisecond)
	defer cancel()
	start := time.Now()
	ran := false
	err := db.Update(ctx, func(tx wat.Tx) error { ran = true; return nil })
	if !errors.Is(err, context.DeadlineExceeded) || ran {
		t.Errorf("a caller giving up while waiting: err %v, ran %v; want its context's error and no run", err, ran)
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("a caller giving up while waiting returned after %v", d)
	}

	errs := make([]error, 2)
	var wg sync.WaitGroup
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ctx, cancel := context.WithCancel(keyed(id))
			defer cancel()
			errs[i] = db.Update(ctx, func(tx wat.Tx) error {
				if i == 0 {
					time.AfterFunc(50*time.Millisecond, cancel)
					if err := rawExec(ctx, tx, `SELECT pg_sleep(0.3)`); err != nil {
						return err
					}
				}
				return addNote(ctx, tx, id, strconv.Itoa(i))
			})
		}()
	}
	waitQueued(t, len(errs))
	release()
	wg.Wait()
	if err := <-held; err != nil {
		t.Fatal(err)
	}
	if errs[1] != nil {
		t.Errorf("the write sharing a batch with a cancelled one: %v", errs[1])
	}
	// The cancelled caller's statements went on, and its write committed
	// with the batch: it is told so.
	if errs[0] != nil {
		t.Errorf("the write cancelled during its statement: %v", errs[0])
	}
	if got, want := notes(t, db, id), map[string]int{"0": 1, "1": 1}; !maps.Equal(got, want) {
		t.Errorf("notes %v, want %v", got, want)
	}
}

// TestCloseWhileWriting closes a DB while writes wait for their batch (a
// PostgreSQL lane, SQLite's committer): they fail at once as unavailable,
// the batch running commits, Close waits for it, and the goroutines of the
// batches end.
func TestCloseWhileWriting(t *testing.T) {
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			if b.require != nil {
				b.require(t)
			}
			db := b.fresh(t)
			id := newWorkloads(t, db, 1)[0]
			release, held := holdLane(t, db, id)
			var ran atomic.Int32
			errs := make(chan error, 3)
			for range 3 {
				go func() {
					errs <- db.Update(keyed(id), func(wat.Tx) error { ran.Add(1); return nil })
				}()
			}
			waitQueued(t, 3)
			closed := make(chan error, 1)
			go func() { closed <- db.Close() }()
			for range 3 {
				select {
				case err := <-errs:
					if wat.ErrorCodeOf(err) != wat.EUnavailable {
						t.Errorf("a write waiting when the DB closed: %v, want EUnavailable", err)
					}
				case <-time.After(5 * time.Second):
					t.Fatal("a write waiting when the DB closed is still waiting")
				}
			}
			select {
			case err := <-closed:
				t.Fatalf("Close returned (%v) before the running batch ended", err)
			default:
			}
			release()
			if err := <-held; err != nil {
				t.Errorf("the batch running when the DB closed: %v", err)
			}
			if err := <-closed; err != nil {
				t.Errorf("Close: %v", err)
			}
			if ran.Load() != 0 {
				t.Errorf("%d writes waiting when the DB closed ran", ran.Load())
			}
			if err := db.Update(keyed(id), func(wat.Tx) error { return nil }); wat.ErrorCodeOf(err) != wat.EUnavailable {
				t.Errorf("a write after Close: %v, want EUnavailable", err)
			}
			var committers []*committer
			if db.commits != nil {
				committers = append(committers, db.commits)
			}
			if db.lanes != nil {
				committers = append(committers, db.lanes.lanes...)
			}
			for i, c := range committers {
				select {
				case <-c.done:
				default:
					t.Errorf("committer %d still runs after Close", i)
				}
			}
		})
	}
}
