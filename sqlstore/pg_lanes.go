package sqlstore

import (
	"context"
	"database/sql"
	"hash/maphash"
)

// PostgreSQL flushes its write-ahead log at every commit. Writes about one
// workload lock its row (SELECT … FOR UPDATE) and hold the lock until their
// commit is flushed, so they go one at a time however many wait: each
// waits for the previous one's commit, then for the lock to pass to its
// session. The server groups the flushes of concurrent commits, but these
// are never concurrent, and with many waiting the lock's queue costs the
// server more than the writes do.
//
// Lanes group them in the application instead. A write whose context
// carries a key (wat.WithWriteKey: the workload it is about) goes to the
// lane of its key's hash; a lane is a committer (batch.go) that runs the
// writes waiting for it in one PostgreSQL transaction, each in a savepoint,
// and commits them with one flush. Writes about one workload always meet in
// the same lane; different lanes run in parallel, each on a connection of
// the pool while it has a batch, and their commits are the concurrent
// ones the server groups. Writes without a key go straight to the pool, as
// before (DB.inTx).
//
// A lane's transaction holds the locks its earlier savepoints took until
// it commits, and locks only the workloads of its own keys, unless a write
// reaches further. Whatever it waits for cannot wait for the lane in turn
// without PostgreSQL's deadlock detector aborting one side: a write without
// a key is then run again by inTx; a write in a lane has its savepoint
// rolled back and runs again in a later batch (committer.do), once the
// lane's commit has released what the other side waited for.
const (
	// laneCount is half the pool (postgresMaxConns): a lane holds a
	// connection only while it runs a batch, and the other half stays for
	// reads, writes without a key and the statements being prepared, so
	// that busy lanes never starve them. More lanes would split the writes
	// of busy workloads over more flushes for little more parallelism: the
	// lanes' batches already commit side by side.
	laneCount = postgresMaxConns / 2
	// laneBatch bounds the writes of one lane's commit. Each savepoint that
	// writes is a subtransaction with an id of its own, and PostgreSQL
	// keeps only 64 of a transaction's subtransaction ids in shared memory:
	// beyond that, every other session's snapshot must look them up in
	// pg_subtrans. 32 stays well within that, and bounds how long a batch
	// holds its workloads' locks (an answer's write takes one or two
	// milliseconds of statements under load).
	laneBatch = 32
)

// lanes are the committers of PostgreSQL's keyed writes, chosen by key.
type lanes struct {
	seed  maphash.Seed
	lanes []*committer
}

func newLanes(db *DB) *lanes {
	l := &lanes{seed: maphash.MakeSeed(), lanes: make([]*committer, laneCount)}
	for i := range l.lanes {
		l.lanes[i] = newCommitter(db, laneBatch)
	}
	return l
}

// lane returns the committer of the writes about key.
func (l *lanes) lane(key string) *committer {
	return l.lanes[maphash.String(l.seed, key)%uint64(len(l.lanes))]
}

// do runs fn in a batch of the lane of key and returns once that batch has
// committed (see committer.do).
func (l *lanes) do(ctx context.Context, key string, fn func(*sql.Tx, *lockedRows) error) error {
	return l.lane(key).do(ctx, fn)
}

// observe has f told the size of every lane's batches.
func (l *lanes) observe(f func(size int)) {
	for _, c := range l.lanes {
		c.observe.Store(&f)
	}
}

// close stops every lane: the callers still waiting for one fail as the
// database closed, the batches running commit, and close returns when
// every lane's goroutine has ended.
func (l *lanes) close() {
	for _, c := range l.lanes {
		close(c.quit)
	}
	for _, c := range l.lanes {
		<-c.done
	}
}
