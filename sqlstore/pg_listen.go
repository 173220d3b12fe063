package sqlstore

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"
)

// pgStamp is PostgreSQL's changeStamp: a counter this process moves on
// every change it hears of. It hears of its own writes when they commit
// (DB.Update), and of everyone else's — other replicas, an older release
// still serving, wat admin — from PostgreSQL: the triggers of migration
// 0024 notify the channel wat_review_heads in every transaction that
// changes a table a review head is read from, and a connection of this
// process's own listens on it (listen).
//
// So a replica sees its own writes at once, and another replica's as soon
// as PostgreSQL has delivered the notice, which it does once the writing
// transaction has committed: typically well under a millisecond, and never
// later than the moment the listening connection is found broken. While
// that connection is down (found dead by a ping every pgListenPing of
// silence, or refused), the stamp is unknown and nothing is given from the
// cache; once it listens again, every head kept before is dropped.
type pgStamp struct {
	listening atomic.Bool
	seq       atomic.Uint64
	// heard counts the notices heard, for tests.
	heard atomic.Uint64
}

func (s *pgStamp) now() (uint64, bool) {
	if !s.listening.Load() {
		return 0, false
	}
	return s.seq.Load(), true
}

// changed makes every stamp given before differ from those after.
func (s *pgStamp) changed() { s.seq.Add(1) }

// pgListenPing is how long the listening connection may stay silent before
// it is pinged, to find a connection that died without a word.
const pgListenPing = 2 * time.Second

// pgListener runs the listening connection of a DB until closed.
type pgListener struct {
	cancel context.CancelFunc
	done   sync.WaitGroup
}

// listen starts listening on wat_review_heads for s, on a connection of
// its own to url, reconnecting with a growing delay when it fails.
func listen(url string, s *pgStamp) *pgListener {
	ctx, cancel := context.WithCancel(context.Background())
	l := &pgListener{cancel: cancel}
	l.done.Add(1)
	go func() {
		defer l.done.Done()
		delay := 50 * time.Millisecond
		for ctx.Err() == nil {
			start := time.Now()
			listenOnce(ctx, url, s)
			s.listening.Store(false)
			s.changed()
			if time.Since(start) > time.Minute {
				delay = 50 * time.Millisecond // it had been listening: try again soon
			}
			select {
			case <-ctx.Done():
			case <-time.After(delay):
			}
			delay = min(2*delay, 5*time.Second)
		}
	}()
	return l
}

// listenOnce connects, listens and counts notices until the connection
// fails or ctx ends. Stamps move when it starts listening, so that no head
// kept before (when notices may have been missed) is given afterwards.
func listenOnce(ctx context.Context, url string, s *pgStamp) error {
	cfg, err := pgx.ParseConfig(url)
	if err != nil {
		return err
	}
	cfg.RuntimeParams["application_name"] = pgListenApplication
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		return err
	}
	defer conn.Close(context.Background())
	if _, err := conn.Exec(ctx, "LISTEN wat_review_heads"); err != nil {
		return err
	}
	s.changed()
	s.listening.Store(true)
	for {
		wait, cancel := context.WithTimeout(ctx, pgListenPing)
		_, err := conn.WaitForNotification(wait)
		cancel()
		switch {
		case err == nil:
			s.heard.Add(1)
			s.changed()
			continue
		case ctx.Err() != nil:
			return ctx.Err()
		case !errors.Is(err, context.DeadlineExceeded):
			return err
		}
		ping, cancel := context.WithTimeout(ctx, pgListenPing)
		err = conn.Ping(ping)
		cancel()
		if err != nil {
			return err
		}
	}
}

// pgListenApplication names the listening connection in pg_stat_activity.
const pgListenApplication = "wat review heads"

func (l *pgListener) close() {
	l.cancel()
	l.done.Wait()
}
