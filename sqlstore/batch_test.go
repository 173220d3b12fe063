package sqlstore

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/wat-dev/wat"
)

// TestGroupCommit runs many concurrent write transactions on SQLite, so that
// they share commits, and checks that each keeps its own outcome: the
// successful ones are all stored, the failing ones leave nothing behind,
// and a panic reaches its own caller only.
func TestGroupCommit(t *testing.T) {
	db := backends[0].fresh(t)
	ctx := context.Background()
	const n = 200
	errBoom := errors.New("boom")
	var wg sync.WaitGroup
	errs := make([]error, n)
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			id := fmt.Sprintf("%012d", 100000000000+i)
			errs[i] = db.Update(ctx, func(tx wat.Tx) error {
				if err := tx.CreateAccount(ctx, &wat.Account{ID: id, Name: "a", CreatedAt: time.Now().UTC()}); err != nil {
					return err
				}
				if i%3 == 0 {
					return errBoom // written, then rolled back to its savepoint
				}
				return nil
			})
		}(i)
	}
	wg.Wait()
	var accounts []*wat.Account
	if err := db.View(ctx, func(tx wat.Tx) error {
		var err error
		accounts, err = tx.ListAccounts(ctx)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	stored := map[string]bool{}
	for _, a := range accounts {
		stored[a.ID] = true
	}
	for i := 0; i < n; i++ {
		id := fmt.Sprintf("%012d", 100000000000+i)
		switch {
		case i%3 == 0 && !errors.Is(errs[i], errBoom):
			t.Errorf("transaction %d: err %v, want its own error", i, errs[i])
		case i%3 == 0 && stored[id]:
			t.Errorf("transaction %d failed but its write was kept", i)
		case i%3 != 0 && errs[i] != nil:
			t.Errorf("transaction %d: %v", i, errs[i])
		case i%3 != 0 && !stored[id]:
			t.Errorf("transaction %d succeeded but its write is missing", i)
		}
	}

	// A panic is raised in the caller's goroutine, and the batch goes on.
	func() {
		defer func() {
			if p := recover(); p != "kaboom" {
				t.Errorf("recovered %v, want the transaction's panic", p)
			}
		}()
		db.Update(ctx, func(tx wat.Tx) error { panic("kaboom") })
	}()
	if err := db.Update(ctx, func(tx wat.Tx) error {
		return tx.CreateAccount(ctx, &wat.Account{ID: "999999999999", Name: "after", CreatedAt: time.Now().UTC()})
	}); err != nil {
		t.Fatalf("write after a panic: %v", err)
	}

	// A cancelled caller's transaction is not run.
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	ran := false
	err := db.Update(cctx, func(tx wat.Tx) error { ran = true; return nil })
	if err == nil || ran {
		t.Errorf("cancelled Update: err %v, ran %v; want an error and no run", err, ran)
	}
}
