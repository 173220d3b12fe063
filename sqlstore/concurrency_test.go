package sqlstore

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/wat-dev/wat"
)

// parallel runs fn(i) for i in [0, n) on n goroutines started together and
// returns their errors.
func parallel(n int, fn func(i int) error) []error {
	errs := make([]error, n)
	var start, done sync.WaitGroup
	start.Add(1)
	for i := range n {
		done.Add(1)
		go func() {
			defer done.Done()
			start.Wait()
			errs[i] = fn(i)
		}()
	}
	start.Done()
	done.Wait()
	return errs
}

// testConcurrentSameName races 16 inserts of one name, without LockAccount:
// the database alone must let exactly one win and tell the others EConflict.
func testConcurrentSameName(t *testing.T, b *backend) {
	db := b.fresh(t)
	newAccount(t, db, "111111111111")
	errs := parallel(16, func(i int) error {
		return try(db, func(ctx context.Context, tx wat.Tx) error {
			return tx.InsertWorkload(ctx, fullWorkload("111111111111", workloadID(i+1), fmt.Sprintf("Same  Name%s", " "[:i%2])))
		})
	})
	won := 0
	for _, err := range errs {
		if err == nil {
			won++
			continue
		}
		wantError(t, err, wat.EConflict, "WORKLOAD")
	}
	if won != 1 {
		t.Errorf("%d of 16 inserts of one name succeeded, want 1", won)
	}
}

// createUnderQuota is what the service does to create a workload under a
// quota: lock the account, count, insert. The pause between count and
// insert makes sure that without the lock the writers would overtake each
// other.
func createUnderQuota(db *DB, id string, quota int) error {
	return try(db, func(ctx context.Context, tx wat.Tx) error {
		if err := tx.LockAccount(ctx, "111111111111"); err != nil {
			return err
		}
		n, err := tx.CountWorkloads(ctx, "111111111111")
		if err != nil {
			return err
		}
		if n >= quota {
			return wat.QuotaExceeded("WORKLOAD", "L-TEST", "over quota")
		}
		time.Sleep(5 * time.Millisecond)
		return tx.InsertWorkload(ctx, fullWorkload("111111111111", id, "workload "+id))
	})
}

// wantQuotaHeld checks that exactly quota of the creations succeeded, the
// others were refused for the quota, and the account has quota workloads.
func wantQuotaHeld(t *testing.T, db *DB, errs []error, quota int) {
	t.Helper()
	created := 0
	for _, err := range errs {
		switch {
		case err == nil:
			created++
		case wat.ErrorCodeOf(err) != wat.EQuota:
			t.Errorf("create: %v", err)
		}
	}
	if created != quota {
		t.Errorf("%d workloads created under a quota of %d", created, quota)
	}
	if n := rowCount(t, db, "workloads", "account_id", "111111111111"); n != quota {
		t.Errorf("the account has %d workloads under a quota of %d", n, quota)
	}
}

func testConcurrentQuota(t *testing.T, b *backend) {
	db := b.fresh(t)
	newAccount(t, db, "111111111111")
	const quota = 5
	errs := parallel(16, func(i int) error { return createUnderQuota(db, workloadID(i+1), quota) })
	wantQuotaHeld(t, db, errs, quota)
}

// testReplicas runs two DBs on one database, as two `wat serve` processes
// would: each sees what the other wrote, and the account lock holds across
// them.
func testReplicas(t *testing.T, b *backend) {
	addr := b.newDatabase(t)
	one, two := b.mustOpen(t, addr), b.mustOpen(t, addr)
	newAccount(t, one, "111111111111")
	insertWorkload(t, one, fullWorkload("111111111111", workloadID(100), "written by one"))
	if got := getWorkload(t, two, workloadID(100)); got.Name != "written by one" {
		t.Errorf("replica two reads %q", got.Name)
	}
	update(t, two, func(ctx context.Context, tx wat.Tx) error { return tx.DeleteWorkload(ctx, workloadID(100)) })
	err := view(one, func(ctx context.Context, tx wat.Tx) error {
		_, err := tx.GetWorkload(ctx, workloadID(100), false)
		return err
	})
	wantError(t, err, wat.ENotFound, "WORKLOAD")

	const quota = 6
	errs := parallel(16, func(i int) error {
		db := one
		if i%2 == 1 {
			db = two
		}
		return createUnderQuota(db, workloadID(i+1), quota)
	})
	wantQuotaHeld(t, one, errs, quota)
}

// testConcurrentOpen starts four replicas at once on a new database: they
// must migrate it once, one after the other.
func testConcurrentOpen(t *testing.T, b *backend) {
	addr := b.newDatabase(t)
	dbs := make([]*DB, 4)
	errs := parallel(len(dbs), func(i int) (err error) {
		dbs[i], err = b.open(context.Background(), addr, testKey)
		return err
	})
	for i, err := range errs {
		if err != nil {
			t.Fatalf("replica %d: %v", i, err)
		}
		t.Cleanup(func() { dbs[i].Close() })
	}
	ms, err := migrations(dbs[0].dialect.name)
	if err != nil {
		t.Fatal(err)
	}
	var n int
	if err := dbs[0].read.QueryRow(`SELECT count(*) FROM schema_migrations`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != len(ms) {
		t.Errorf("schema_migrations has %d rows, want %d", n, len(ms))
	}
	newAccount(t, dbs[3], "111111111111")
}

// testDeadlockRetried makes two transactions lock two workloads in opposite
// orders. Where they can deadlock (PostgreSQL) the database aborts one and
// Update must run it again; either way both must succeed.
func testDeadlockRetried(t *testing.T, b *backend) {
	db := b.fresh(t)
	newAccount(t, db, "111111111111")
	ids := []string{workloadID(1), workloadID(2)}
	for _, id := range ids {
		insertWorkload(t, db, fullWorkload("111111111111", id, "workload "+id))
	}
	var runs atomic.Int32
	var holding sync.WaitGroup
	holding.Add(2)
	errs := parallel(2, func(i int) error {
		first, second := ids[i], ids[1-i]
		return try(db, func(ctx context.Context, tx wat.Tx) error {
			run := runs.Add(1)
			w, err := tx.GetWorkload(ctx, first, true)
			if err != nil {
				return err
			}
			if run <= 2 { // not when retried
				holding.Done()
				waitTimeout(&holding, 500*time.Millisecond) // both hold their first lock
			}
			if _, err := tx.GetWorkload(ctx, second, true); err != nil {
				return err
			}
			w.Notes = fmt.Sprintf("updated by %d", i)
			return tx.UpdateWorkload(ctx, w)
		})
	})
	for i, err := range errs {
		if err != nil {
			t.Errorf("transaction %d: %v", i, err)
		}
	}
	if b.name == "postgres" && runs.Load() < 3 {
		t.Errorf("the transactions ran %d times: no deadlock was detected and retried", runs.Load())
	}
}

// waitTimeout waits for wg, or d at most: on SQLite the second writer cannot
// start until the first commits, so the two never hold locks together.
func waitTimeout(wg *sync.WaitGroup, d time.Duration) {
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(d):
	}
}
