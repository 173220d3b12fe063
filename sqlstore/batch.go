package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync/atomic"

	"github.com/jackc/pgx/v5"

	"github.com/wat-dev/wat"
)

// maxBatch bounds how many write transactions share one SQLite commit.
const maxBatch = 64

// committer gives group commit: to SQLite, whose one writer must otherwise
// wait for the disk at every commit (with synchronous=FULL), serialising
// one commit per request at the disk's sync rate; and to each of
// PostgreSQL's lanes (pg_lanes.go), where writes about one workload take
// turns on its row. The committer runs the write transactions that are
// waiting together inside one database transaction and commits once: every
// caller still returns only after its writes are on disk, and a failing
// transaction is rolled back without touching the others (see once: the
// batch runs again, each transaction in a savepoint of its own). Transactions in a batch run one
// after the other, so each sees what the previous ones wrote, exactly as if
// they had committed in turn.
type committer struct {
	db   *DB
	max  int // bound on the transactions of one batch
	reqs chan *writeReq
	quit chan struct{}
	done chan struct{}
	// observe, when set (DB.ObserveCommitBatches), is told each batch's size.
	observe atomic.Pointer[func(size int)]
	// cautious counts the batches still to run apart (each write in its
	// savepoint) after a batch run together had a write fail; only the
	// committer's goroutine uses it.
	cautious int
}

// cautiousBatches is how many batches run apart after a write failed in a
// batch run together: a client sending failing writes over and over costs
// the others one batch run twice in that many, not every batch.
const cautiousBatches = 16

type writeReq struct {
	ctx    context.Context
	fn     func(*sql.Tx, *lockedRows) error
	result chan writeResult
}

type writeResult struct {
	err   error
	panic any
}

// newCommitter starts a committer of batches of at most max transactions.
func newCommitter(db *DB, max int) *committer {
	c := &committer{db: db, max: max, reqs: make(chan *writeReq), quit: make(chan struct{}), done: make(chan struct{})}
	go c.loop()
	return c
}

// do runs fn in a batch and waits until that batch has committed. When the
// database reports a transient conflict, for the whole batch (its begin or
// commit: on SQLite, another process holding the file's write lock) or for
// fn's savepoint alone (a PostgreSQL deadlock), fn runs again, a few
// times, in a later batch: the batch it was in holds its locks until it
// ends, so running fn again in it would wait for the same thing. So it does
// when the batch's PostgreSQL connection was lost before its commit.
func (c *committer) do(ctx context.Context, fn func(*sql.Tx, *lockedRows) error) error {
	for attempt := 1; ; attempt++ {
		err := c.submit(ctx, fn)
		if err == nil || attempt == maxAttempts || classify(err) != kindRetry && !lostConnection(err) {
			return err
		}
		if lostConnection(err) {
			c.db.forgetIdle()
		}
		if err := backoff(ctx, attempt); err != nil {
			return err
		}
	}
}

// submit runs fn in the next batch and waits until that batch has ended.
func (c *committer) submit(ctx context.Context, fn func(*sql.Tx, *lockedRows) error) error {
	r := &writeReq{ctx: ctx, fn: fn, result: make(chan writeResult, 1)}
	select {
	case c.reqs <- r:
	case <-ctx.Done():
		return ctx.Err()
	case <-c.quit:
		return errClosed
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
		for len(batch) < c.max {
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

// run commits one batch and tells each caller how its transaction ended.
func (c *committer) run(batch []*writeReq) {
	groupByKey(batch)
	results, err := c.once(batch)
	for i, r := range batch {
		res := results[i]
		if err != nil && res.err == nil && res.panic == nil {
			res.err = err
		}
		r.result <- res
	}
}

// groupByKey puts the writes of a batch that all have a key (answers, as a
// PostgreSQL lane's are) in runs of one key, keeping the order of each
// key's writes: each run then locks and reads its workload's row once
// (lockedRows). The writes of a batch were all waiting at once, so no
// caller can tell the order of different keys'; a batch with a write
// without a key, which may be about anything, keeps its order.
func groupByKey(batch []*writeReq) {
	for _, r := range batch {
		if wat.WriteKeyFrom(r.ctx) == "" {
			return
		}
	}
	slices.SortStableFunc(batch, func(a, b *writeReq) int {
		return strings.Compare(wat.WriteKeyFrom(a.ctx), wat.WriteKeyFrom(b.ctx))
	})
}

// once runs every transaction of the batch and commits. It returns each
// transaction's own outcome, and the error of the batch as a whole (begin
// or commit), which fails every transaction that succeeded.
//
// The batch is first run together: the transactions one after the other,
// without savepoints, since nearly all succeed. When one fails (an error, a
// panic, or a failed statement it went on from, which PostgreSQL reveals at
// the commit) the whole batch is rolled back and run again apart, each
// transaction in its savepoint, and so are the next cautiousBatches
// batches. A transaction may so run twice, as it may when a conflict makes
// it run again in a later batch; only the second run counts.
func (c *committer) once(batch []*writeReq) ([]writeResult, error) {
	if len(batch) > 1 && c.cautious == 0 {
		if results, err, ok := c.together(batch); ok {
			return results, err
		}
		c.cautious = cautiousBatches
	} else if c.cautious > 0 {
		c.cautious--
	}
	return c.apart(batch)
}

// together runs the batch without savepoints and commits it, or reports
// (ok false) that a transaction failed and nothing was kept.
func (c *committer) together(batch []*writeReq) (results []writeResult, err error, ok bool) {
	results = make([]writeResult, len(batch))
	sqlTx, err := c.db.write.BeginTx(context.Background(), nil)
	if err != nil {
		return results, fmt.Errorf("sqlstore: begin: %w", err), true
	}
	defer sqlTx.Rollback() // a no-op after Commit
	rows := &lockedRows{}
	kept := false
	for i, r := range batch {
		if err := r.ctx.Err(); err != nil {
			results[i].err = err
			continue
		}
		rows.begin(wat.WriteKeyFrom(r.ctx))
		results[i] = runRecovered(sqlTx, rows, r.fn)
		if results[i].err != nil || results[i].panic != nil {
			return nil, nil, false // the deferred rollback undoes the batch
		}
		kept = true
	}
	if !kept {
		return results, nil, true // every caller had gone: the rollback ends it
	}
	if err := sqlTx.Commit(); err != nil {
		if errors.Is(err, pgx.ErrTxCommitRollback) {
			// A statement failed and its transaction went on regardless:
			// PostgreSQL rolled the whole batch back at the commit.
			return nil, nil, false
		}
		return results, &commitError{err}, true
	}
	return results, nil, true
}

// apart runs each transaction of the batch in its savepoint and commits.
// A transaction alone in its batch runs as it is. Otherwise each runs in
// the savepoint w, which is kept open between them: a transaction that
// fails is rolled back to it, which leaves w open and empty for the next;
// one that succeeds is released when the next opens w again, in the same
// statement, or before the commit. On PostgreSQL each statement is a round
// trip that the writes of a batch wait for one after the other, so the
// savepoints cost one, not two, per transaction.
func (c *committer) apart(batch []*writeReq) ([]writeResult, error) {
	results := make([]writeResult, len(batch))
	sqlTx, err := c.db.write.BeginTx(context.Background(), nil)
	if err != nil {
		return results, fmt.Errorf("sqlstore: begin: %w", err)
	}
	defer sqlTx.Rollback() // a no-op after Commit
	alone := len(batch) == 1
	open, held := false, -1 // w is open; the transaction whose writes w holds
	rows := &lockedRows{}
	for i, r := range batch {
		if err := r.ctx.Err(); err != nil {
			results[i].err = err
			continue
		}
		rows.begin(wat.WriteKeyFrom(r.ctx))
		switch {
		case alone:
		case !open:
			if _, err := sqlTx.Exec("SAVEPOINT w"); err != nil {
				return results, fmt.Errorf("sqlstore: savepoint: %w", err)
			}
			open = true
		case held >= 0:
			if err := release(sqlTx, "RELEASE w; SAVEPOINT w", &results[held]); err != nil {
				return results, err
			}
			if results[held].err != nil { // rolled back: its locks are gone
				rows.forgetAll()
			}
			held = -1
		}
		results[i] = runRecovered(sqlTx, rows, r.fn)
		switch {
		case results[i].err == nil && results[i].panic == nil:
			held = i
		case alone:
			return results, nil // the deferred rollback undoes it
		default:
			if _, err := sqlTx.Exec("ROLLBACK TO w"); err != nil {
				return results, fmt.Errorf("sqlstore: rollback to savepoint: %w", err)
			}
			rows.forgetAll() // the locks it took are given up
		}
	}
	if held >= 0 && !alone {
		if err := release(sqlTx, "RELEASE w", &results[held]); err != nil {
			return results, err
		}
	}
	kept := false
	for _, res := range results {
		kept = kept || res.err == nil && res.panic == nil
	}
	if !kept {
		return results, nil // the deferred rollback ends it
	}
	if err := sqlTx.Commit(); err != nil {
		return results, &commitError{err}
	}
	return results, nil
}

// release runs stmt, which releases the savepoint w holding the writes of
// the transaction whose result is res. PostgreSQL refuses it after a failed
// statement that fn went on from regardless: that transaction's writes are
// then rolled back, which leaves w open and empty, and it fails alone, as
// it would have failed to commit.
func release(sqlTx *sql.Tx, stmt string, res *writeResult) error {
	_, err := sqlTx.Exec(stmt)
	if err == nil {
		return nil
	}
	if _, rerr := sqlTx.Exec("ROLLBACK TO w"); rerr != nil {
		return fmt.Errorf("sqlstore: release savepoint: %w", err)
	}
	res.err = fmt.Errorf("sqlstore: release savepoint: %w", err)
	return nil
}

// runRecovered runs fn, turning a panic into a result the caller re-raises.
func runRecovered(sqlTx *sql.Tx, rows *lockedRows, fn func(*sql.Tx, *lockedRows) error) (res writeResult) {
	defer func() {
		if p := recover(); p != nil {
			res = writeResult{panic: p}
		}
	}()
	return writeResult{err: fn(sqlTx, rows)}
}
