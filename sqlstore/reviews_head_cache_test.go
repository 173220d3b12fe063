package sqlstore

import (
	"context"
	"database/sql"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/wat-dev/wat"
)

// TestLensReviewHeadCache: a head read again while nothing changed comes
// from the cache, and a change through the same DB is seen by the next
// read; one through another DB on the same database (another replica) at
// once on SQLite, and on PostgreSQL once its notice has arrived.
func TestLensReviewHeadCache(t *testing.T) {
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			if b.require != nil {
				b.require(t)
			}
			testLensReviewHeadCache(t, b)
		})
	}
}

// headFixture is a database with one workload and its review, and two DBs
// on it.
type headFixture struct {
	addr      string
	db, other *DB
	w         *wat.Workload
}

func newHeadFixture(t *testing.T, b *backend) *headFixture {
	f := &headFixture{addr: b.newDatabase(t)}
	f.db = b.mustOpen(t, f.addr)
	f.other = b.mustOpen(t, f.addr)
	newAccount(t, f.db, "111111111111")
	f.w = fullWorkload("111111111111", workloadID(1), "cached")
	insertWorkload(t, f.db, f.w)
	f.putRevision(t, f.db, 1)
	waitListening(t, f.db)
	return f
}

// waitListening waits, on PostgreSQL, for db's listener to listen (it
// connects once the DB is open), and fails after 10 s.
func waitListening(t *testing.T, db *DB) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for db.pgHeads != nil && !db.pgHeads.listening.Load() {
		if time.Now().After(deadline) {
			t.Fatal("the listener did not connect within 10 s")
		}
		time.Sleep(time.Millisecond)
	}
}

func (f *headFixture) putRevision(t *testing.T, db *DB, rev int64) {
	t.Helper()
	update(t, db, func(ctx context.Context, tx wat.Tx) error {
		return tx.PutLensReview(ctx, &wat.LensReview{WorkloadID: f.w.ID, LensARN: lensWA, LensVersion: "2024-06-27", Revision: rev, UpdatedAt: t0})
	})
}

// head reads the head through db, failing the test on an error.
func (f *headFixture) head(t *testing.T, db *DB) *wat.LensReviewHead {
	t.Helper()
	h, err := db.LensReviewHead(context.Background(), f.w.ID, lensWA)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// cachedRead reads the head through db until a read comes from the cache,
// and fails when none has within 10 s; it returns what that read gave. On
// PostgreSQL the notice of a change this DB made itself arrives after the
// change, and moves the stamp again: reads come from the cache once it has.
func (f *headFixture) cachedRead(t *testing.T, db *DB) *wat.LensReviewHead {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		f.head(t, db)
		hits := db.heads.hits.Load()
		h := f.head(t, db)
		if db.heads.hits.Load() == hits+1 {
			return h
		}
		if db.pgHeads == nil || time.Now().After(deadline) {
			t.Fatalf("a head read again while nothing changed did not come from the cache")
		}
		time.Sleep(time.Millisecond)
	}
}

// seen waits, on PostgreSQL, for db to hear of a change another DB made
// (at once on SQLite), and fails after 10 s.
func seen(t *testing.T, db *DB, ok func(*wat.LensReviewHead) bool, read func() *wat.LensReviewHead, what string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		h := read()
		if ok(h) {
			return
		}
		if db.pgHeads == nil || time.Now().After(deadline) {
			t.Fatalf("%s: the head read is %+v", what, h)
		}
		time.Sleep(time.Millisecond)
	}
}

func testLensReviewHeadCache(t *testing.T, b *backend) {
	f := newHeadFixture(t, b)
	if got := f.cachedRead(t, f.db).Revision; got != 1 {
		t.Fatalf("revision %d, want 1", got)
	}

	// Through the same DB: seen by the very next read, on either store.
	f.putRevision(t, f.db, 2)
	if got := f.head(t, f.db).Revision; got != 2 {
		t.Errorf("after a change through the same DB: revision %d, want 2", got)
	}

	// Through another DB: SQLite sees it at once; PostgreSQL once the
	// notice has come.
	f.cachedRead(t, f.db)
	f.putRevision(t, f.other, 3)
	read := func() *wat.LensReviewHead { return f.head(t, f.db) }
	seen(t, f.db, func(h *wat.LensReviewHead) bool { return h.Revision == 3 }, read, "a change through another DB")
	f.cachedRead(t, f.db)
	update(t, f.other, func(ctx context.Context, tx wat.Tx) error {
		return tx.PutJiraSelection(ctx, &wat.JiraSelection{WorkloadID: f.w.ID, LensARN: lensWA,
			Pillars: []wat.JiraSelectedPillar{{PillarID: "security"}}})
	})
	seen(t, f.db, func(h *wat.LensReviewHead) bool { return h.JiraSelected }, read, "a Jira selection through another DB")
	f.cachedRead(t, f.db)
	w := *f.w
	w.Tags = map[string]string{"team": "red"}
	update(t, f.other, func(ctx context.Context, tx wat.Tx) error { return tx.UpdateWorkload(ctx, &w) })
	seen(t, f.db, func(h *wat.LensReviewHead) bool { return h.Tags["team"] == "red" }, read, "new tags through another DB")
	if f.db.pgHeads != nil && f.db.pgHeads.heard.Load() == 0 {
		t.Errorf("the DB saw the other's changes without hearing of them")
	}
}

// TestLensReviewHeadCacheSQLiteProcesses: on SQLite, a change made by
// another process (wat admin on the same file) is seen by the next read,
// and a -shm file made anew does not pass for the old one.
func TestLensReviewHeadCacheSQLiteProcesses(t *testing.T) {
	f := newHeadFixture(t, backends[0])
	f.cachedRead(t, f.db)
	// This test's binary again, told to write revision 4.
	cmd := exec.Command(os.Args[0], "-test.run", "^TestLensReviewHeadCacheChild$")
	cmd.Env = append(os.Environ(), "WAT_HEAD_CACHE_CHILD="+f.addr, "WAT_HEAD_CACHE_WORKLOAD="+f.w.ID)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("child process: %v\n%s", err, out)
	}
	if got := f.head(t, f.db).Revision; got != 4 {
		t.Errorf("after a change from another process: revision %d, want 4", got)
	}
	if got := f.cachedRead(t, f.db).Revision; got != 4 {
		t.Errorf("read again: revision %d, want 4", got)
	}
	// While this process has the database open, the other one must not
	// have taken itself for the last and deleted the -shm file.
	if _, err := os.Stat(filepath.Clean(f.addr) + "-shm"); err != nil {
		t.Errorf("the -shm file is gone after another process closed the database: %v", err)
	}

	// Every connection closed, then one opened again: the -shm file is
	// made anew and its counter starts again.
	f.db.Close()
	f.other.Close()
	db := backends[0].mustOpen(t, f.addr)
	if got := f.head(t, db).Revision; got != 4 {
		t.Errorf("reopened: revision %d, want 4", got)
	}
	f.putRevision(t, db, 5)
	if got := f.head(t, db).Revision; got != 5 {
		t.Errorf("reopened, then changed: revision %d, want 5", got)
	}
}

// TestLensReviewHeadCacheChild is the other process of
// TestLensReviewHeadCacheSQLiteProcesses.
func TestLensReviewHeadCacheChild(t *testing.T) {
	addr := os.Getenv("WAT_HEAD_CACHE_CHILD")
	if addr == "" {
		t.Skip("run by TestLensReviewHeadCacheSQLiteProcesses")
	}
	db := backends[0].mustOpen(t, addr)
	update(t, db, func(ctx context.Context, tx wat.Tx) error {
		return tx.PutLensReview(ctx, &wat.LensReview{WorkloadID: os.Getenv("WAT_HEAD_CACHE_WORKLOAD"), LensARN: lensWA,
			LensVersion: "2024-06-27", Revision: 4, UpdatedAt: t0})
	})
}

// TestLensReviewHeadCachePostgresListener: while the listening connection
// is down nothing comes from the cache (a change made meanwhile would not
// be heard of), and once it listens again the cache serves again, with
// every change made meanwhile seen.
func TestLensReviewHeadCachePostgresListener(t *testing.T) {
	b := backends[1]
	b.require(t)
	f := newHeadFixture(t, b)
	f.cachedRead(t, f.db)
	admin, err := sql.Open("pgx", f.addr)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	// Both DBs listen; end every listening connection, as a restart of
	// PostgreSQL or a network cut would.
	var ended int
	if err := admin.QueryRow(`SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
		WHERE application_name = $1 AND datname = current_database()`, pgListenApplication).Scan(&ended); err != nil || ended != 2 {
		t.Fatalf("ending the listening connections: %d ended, %v; want 2", ended, err)
	}
	// The write follows at once: until the listener is back, the head must
	// be read from the database.
	f.putRevision(t, f.other, 7)
	deadline := time.Now().Add(10 * time.Second)
	for f.db.pgHeads.listening.Load() && time.Now().Before(deadline) {
		// The listener has not noticed yet; its stamp has not been read
		// since (no read in between), so wait for it to drop.
		time.Sleep(time.Millisecond)
	}
	if got := f.head(t, f.db).Revision; got != 7 {
		t.Errorf("with the listener down: revision %d, want 7", got)
	}
	for !f.db.pgHeads.listening.Load() && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if !f.db.pgHeads.listening.Load() {
		t.Fatal("the listener did not connect again within 10 s")
	}
	if got := f.cachedRead(t, f.db).Revision; got != 7 {
		t.Errorf("listening again: revision %d, want 7", got)
	}
	f.putRevision(t, f.other, 8)
	seen(t, f.db, func(h *wat.LensReviewHead) bool { return h.Revision == 8 }, func() *wat.LensReviewHead { return f.head(t, f.db) },
		"a change after the listener came back")
}

// TestLensReviewHeadCachePostgresDeaf: a listener whose own notice never
// comes back (as behind a pooler that runs a session's statements on other
// server connections) never counts as listening, and no head is given from
// the cache.
func TestLensReviewHeadCachePostgresDeaf(t *testing.T) {
	b := backends[1]
	b.require(t)
	defer func(c string) { pgPingChannel = c }(pgPingChannel)
	pgPingChannel = "wat_nobody_listens_here"
	addr := b.newDatabase(t)
	db := b.mustOpen(t, addr)
	newAccount(t, db, "111111111111")
	w := fullWorkload("111111111111", workloadID(1), "deaf")
	insertWorkload(t, db, w)
	update(t, db, func(ctx context.Context, tx wat.Tx) error {
		return tx.PutLensReview(ctx, &wat.LensReview{WorkloadID: w.ID, LensARN: lensWA, LensVersion: "2024-06-27", Revision: 1, UpdatedAt: t0})
	})
	deadline := time.Now().Add(2*pgListenPing + time.Second)
	for time.Now().Before(deadline) {
		if db.pgHeads.listening.Load() {
			t.Fatal("the listener counts as listening though its own notice never came back")
		}
		if _, err := db.LensReviewHead(context.Background(), w.ID, lensWA); err != nil {
			t.Fatal(err)
		}
		time.Sleep(50 * time.Millisecond)
	}
	if hits := db.heads.hits.Load(); hits != 0 {
		t.Errorf("%d heads given from the cache by a store that cannot hear of changes", hits)
	}
}
