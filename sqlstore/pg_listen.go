package sqlstore

import (
	"context"
	"errors"
	"fmt"
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
// that connection is down (refused, broken, or not hearing back its own
// notice after pgListenPing of silence: see listenOnce), the stamp is
// unknown and nothing is given from the cache; once it listens again,
// every head kept before is dropped.
type pgStamp struct {
	listening atomic.Bool
	seq       atomic.Uint64
	// heard counts the notices heard (its own proofs included), for the
	// metrics and the tests.
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
// it proves itself again (listenOnce), and how long it waits for its proof:
// a connection that died without a word is found within twice this.
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
//
// A LISTEN that succeeded does not prove that notices arrive: behind a
// pooler that hands a session's statements to different server
// connections (PgBouncer in transaction mode), they are delivered to
// whichever connection ran the LISTEN, not to this one. So the connection
// proves it: it notifies the channel itself and counts as listening only
// once that notice has come back, and again after every pgListenPing of
// silence, giving up when one does not come back within pgListenPing.
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
	for ping := 1; ; ping++ {
		// Heard back from itself: every notice sent from now on arrives.
		token := fmt.Sprintf("ping %d %d", conn.PgConn().PID(), ping)
		if _, err := conn.Exec(ctx, "SELECT pg_notify($1, $2)", pgPingChannel, token); err != nil {
			return err
		}
		wait, cancel := context.WithTimeout(ctx, pgListenPing)
		for {
			n, err := conn.WaitForNotification(wait)
			if err != nil {
				cancel()
				return err // ctx's end, a broken connection, or no notice back
			}
			s.heard.Add(1)
			s.changed()
			if n.Payload == token && n.PID == conn.PgConn().PID() {
				break
			}
		}
		cancel()
		s.listening.Store(true)
		// Then notices as they come, until a silence.
		for {
			wait, cancel := context.WithTimeout(ctx, pgListenPing)
			_, err := conn.WaitForNotification(wait)
			cancel()
			if err == nil {
				s.heard.Add(1)
				s.changed()
				continue
			}
			if ctx.Err() != nil || !errors.Is(err, context.DeadlineExceeded) {
				return err
			}
			break
		}
	}
}

// pgPingChannel is the channel listenOnce proves its connection on: the
// one it listens on, but for tests, which check what happens when its
// notices do not come back.
var pgPingChannel = "wat_review_heads"

// pgListenApplication names the listening connection in pg_stat_activity.
const pgListenApplication = "wat review heads"

func (l *pgListener) close() {
	l.cancel()
	l.done.Wait()
}
