package sqlstore

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/wat-dev/wat"
)

// TestObserveCommitBatches: every SQLite write transaction is counted in
// exactly one observed batch, and concurrent writers share some.
func TestObserveCommitBatches(t *testing.T) {
	db := backends[0].fresh(t)
	var batches, txs, biggest atomic.Int64
	db.ObserveCommitBatches(func(size int) {
		batches.Add(1)
		txs.Add(int64(size))
		if int64(size) > biggest.Load() {
			biggest.Store(int64(size))
		}
	})
	ctx := context.Background()
	const n = 100
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			id := fmt.Sprintf("%012d", 200000000000+i)
			if err := db.Update(ctx, func(tx wat.Tx) error {
				return tx.CreateAccount(ctx, &wat.Account{ID: id, Name: "a", CreatedAt: time.Now().UTC()})
			}); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if txs.Load() != n {
		t.Errorf("the observed batches hold %d transactions, want %d", txs.Load(), n)
	}
	if batches.Load() >= n || biggest.Load() < 2 {
		t.Errorf("%d batches, the biggest of %d, for %d concurrent writers: no group commit observed", batches.Load(), biggest.Load(), n)
	}
}

// TestPoolStats: the pool's statistics are PostgreSQL's only.
func TestPoolStats(t *testing.T) {
	if _, ok := backends[0].fresh(t).PoolStats(); ok {
		t.Errorf("SQLite reports pool statistics")
	}
	pg := backends[1]
	if pg.require != nil {
		pg.require(t)
	}
	db := pg.fresh(t)
	db.ObserveCommitBatches(func(int) { t.Error("a PostgreSQL commit observed as a batch") })
	update(t, db, func(ctx context.Context, tx wat.Tx) error {
		return tx.CreateAccount(ctx, &wat.Account{ID: "300000000000", Name: "a", CreatedAt: time.Now().UTC()})
	})
	s, ok := db.PoolStats()
	if !ok || s.MaxOpenConnections != postgresMaxConns || s.OpenConnections < 1 {
		t.Errorf("PostgreSQL pool stats = %+v, %v; want open connections, at most %d", s, ok, postgresMaxConns)
	}
}

// TestReady: a database answers ready with every migration applied; one
// behind the binary (restored from an older backup under a running
// server), or closed, is not, with a reason that says which.
func TestReady(t *testing.T) {
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			if b.require != nil {
				b.require(t)
			}
			db := b.fresh(t)
			ctx := context.Background()
			if err := db.Ready(ctx); err != nil {
				t.Fatalf("a fresh database: %v", err)
			}
			ms, _ := migrations(db.dialect.name)
			latest := ms[len(ms)-1].version
			if _, err := db.write.Exec(db.rebind(`DELETE FROM schema_migrations WHERE version = ?`), latest); err != nil {
				t.Fatal(err)
			}
			err := db.Ready(ctx)
			want := fmt.Sprintf("the database schema is at migration %d; this binary needs %d", latest-1, latest)
			var e *wat.Error
			if !errors.As(err, &e) || e.Code != wat.EUnavailable || e.Message != want {
				t.Errorf("a schema behind: %v, want an unavailable error %q", err, want)
			}
			db.Close()
			if err := db.Ready(ctx); err == nil || !strings.Contains(err.Error(), "closed") {
				t.Errorf("a closed database: %v", err)
			}
		})
	}
}
