package sqlstore

import (
	"context"
	"database/sql"
	"sync"
)

// stmtCache keeps one prepared statement per pool and query text. The
// queries are constants, so it stays small; database/sql prepares each on a
// connection the first time that connection runs it and reuses it after.
//
// A statement is prepared in the background the first time its query is
// seen: preparing on a pool needs a free connection, and the caller, inside
// a transaction, holds one already (the only one, for SQLite's writer). Until
// it is ready the query runs unprepared.
type stmtCache struct {
	mu      sync.Mutex
	m       map[stmtKey]*sql.Stmt
	pending map[stmtKey]bool
	closed  bool
	// preparing counts background prepares; close waits for them, so no
	// connection is opened after the DB is closed.
	preparing sync.WaitGroup
}

type stmtKey struct {
	pool  *sql.DB
	query string
}

// get returns the prepared statement of query on pool, or nil while it is
// being prepared.
func (c *stmtCache) get(pool *sql.DB, query string) *sql.Stmt {
	k := stmtKey{pool, query}
	c.mu.Lock()
	defer c.mu.Unlock()
	if st, ok := c.m[k]; ok || c.closed {
		return st
	}
	if !c.pending[k] {
		if c.pending == nil {
			c.pending = make(map[stmtKey]bool)
		}
		c.pending[k] = true
		c.preparing.Add(1)
		go c.prepare(k)
	}
	return nil
}

func (c *stmtCache) prepare(k stmtKey) {
	defer c.preparing.Done()
	st, err := k.pool.PrepareContext(context.Background(), k.query)
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.pending, k)
	if err != nil {
		return // the query keeps running unprepared, and reports its error there
	}
	if c.closed {
		st.Close()
		return
	}
	if c.m == nil {
		c.m = make(map[stmtKey]*sql.Stmt)
	}
	c.m[k] = st
}

func (c *stmtCache) close() {
	c.mu.Lock()
	c.closed = true
	c.mu.Unlock()
	c.preparing.Wait()
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, st := range c.m {
		st.Close()
	}
	c.m = nil
}
