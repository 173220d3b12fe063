package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"sync/atomic"
)

// maxBatch bounds how many write transactions share one SQLite commit.
const maxBatch = 64

// committer gives SQLite group commit. SQLite has one writer at a time and,
// with synchronous=FULL, every commit waits for the disk; serialising one
// commit per request caps writes at the disk's sync rate. The committer runs
// the write transactions that are waiting together inside one SQLite
// transaction, each in a savepoint of its own, and commits once: every
// caller still returns only after its writes are on disk, and a failing
// transaction is rolled back to its savepoint without touching the others.
// Transactions in a batch run one after the other, so each sees what the
// previous ones wrote, exactly as if they had committed in turn.
type committer struct {
	db   *DB
	reqs chan *writeReq
	quit chan struct{}
	done chan struct{}
	// observe, when set (DB.ObserveCommitBatches), is told each batch's size.
	observe atomic.Pointer[func(size int)]
}

type writeReq struct {
	ctx    context.Context
	fn     func(*sql.Tx) error
	result chan writeResult
}

type writeResult struct {
	err   error
	panic any
}

func newCommitter(db *DB) *committer {
	c := &committer{db: db, reqs: make(chan *writeReq), quit: make(chan struct{}), done: make(chan struct{})}
	go c.loop()
	return c
}

// do runs fn in the next batch and waits until that batch has committed.
func (c *committer) do(ctx context.Context, fn func(*sql.Tx) error) error {
	r := &writeReq{ctx: ctx, fn: fn, result: make(chan writeResult, 1)}
	select {
	case c.reqs <- r:
	case <-ctx.Done():
		return ctx.Err()
	case <-c.quit:
		return fmt.Errorf("sqlstore: the database is closed")
	}
	res := <-r.result
	if res.panic != nil {
		panic(res.panic)
	}
	return res.err
}

func (c *committer) close() {
	close(c.quit)
	<-c.done
}

func (c *committer) loop() {
	defer close(c.done)
	for {
		var first *writeReq
		select {
		case first = <-c.reqs:
		case <-c.quit:
			return
		}
		batch := []*writeReq{first}
	drain:
		for len(batch) < maxBatch {
			select {
			case r := <-c.reqs:
				batch = append(batch, r)
			default:
				break drain
			}
		}
		if f := c.observe.Load(); f != nil {
			(*f)(len(batch))
		}
		c.run(batch)
	}
}

// run commits one batch, trying it again as a whole when SQLite reports a
// transient conflict (another process holding the file's write lock).
func (c *committer) run(batch []*writeReq) {
	var results []writeResult
	var err error
	for attempt := 1; ; attempt++ {
		results, err = c.once(batch)
		if err == nil || attempt == maxAttempts || classify(err) != kindRetry {
			break
		}
		if backoff(context.Background(), attempt) != nil {
			break
		}
	}
	for i, r := range batch {
		res := results[i]
		if err != nil && res.err == nil && res.panic == nil {
			res.err = err
		}
		r.result <- res
	}
}

// once runs every transaction of the batch in its own savepoint and commits.
// It returns each transaction's own outcome, and the error of the batch as a
// whole (begin or commit), which fails every transaction that succeeded.
func (c *committer) once(batch []*writeReq) ([]writeResult, error) {
	results := make([]writeResult, len(batch))
	sqlTx, err := c.db.write.BeginTx(context.Background(), nil)
	if err != nil {
		return results, fmt.Errorf("sqlstore: begin: %w", err)
	}
	defer sqlTx.Rollback()
	ok := 0
	for i, r := range batch {
		if err := r.ctx.Err(); err != nil {
			results[i].err = err
			continue
		}
		if _, err := sqlTx.Exec("SAVEPOINT w"); err != nil {
			return results, fmt.Errorf("sqlstore: savepoint: %w", err)
		}
		results[i] = runSavepoint(sqlTx, r.fn)
		undo := "RELEASE w"
		if results[i].err != nil || results[i].panic != nil {
			undo = "ROLLBACK TO w; RELEASE w"
		} else {
			ok++
		}
		if _, err := sqlTx.Exec(undo); err != nil {
			return results, fmt.Errorf("sqlstore: %s: %w", undo, err)
		}
	}
	if ok == 0 {
		return results, nil // nothing to keep: the deferred rollback ends it
	}
	if err := sqlTx.Commit(); err != nil {
		return results, fmt.Errorf("sqlstore: commit: %w", err)
	}
	return results, nil
}

// runSavepoint runs fn, turning a panic into a result the caller re-raises.
func runSavepoint(sqlTx *sql.Tx, fn func(*sql.Tx) error) (res writeResult) {
	defer func() {
		if p := recover(); p != nil {
			res = writeResult{panic: p}
		}
	}()
	return writeResult{err: fn(sqlTx)}
}
