package sqlstore

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/wat-dev/wat"
)

// TestLensReviewHeadCache: a head read again while nothing changed comes
// from the cache, and any change — through the same DB, through another DB
// on the same file, or from another process — is seen by the next read.
func TestLensReviewHeadCache(t *testing.T) {
	b := backends[0] // SQLite: PostgreSQL caches no heads
	addr := b.newDatabase(t)
	db := b.mustOpen(t, addr)
	other := b.mustOpen(t, addr)
	newAccount(t, db, "111111111111")
	w := fullWorkload("111111111111", workloadID(1), "cached")
	insertWorkload(t, db, w)
	putRevision := func(db *DB, rev int64) {
		update(t, db, func(ctx context.Context, tx wat.Tx) error {
			return tx.PutLensReview(ctx, &wat.LensReview{WorkloadID: w.ID, LensARN: lensWA, LensVersion: "2024-06-27", Revision: rev, UpdatedAt: t0})
		})
	}
	putRevision(db, 1)
	ctx := context.Background()
	revision := func() int64 {
		t.Helper()
		h, err := db.LensReviewHead(ctx, w.ID, lensWA)
		if err != nil {
			t.Fatal(err)
		}
		return h.Revision
	}

	if got := revision(); got != 1 {
		t.Fatalf("revision %d, want 1", got)
	}
	hits := db.heads.hits.Load()
	if got := revision(); got != 1 || db.heads.hits.Load() != hits+1 {
		t.Fatalf("second read: revision %d, %d hits; want 1 from the cache", got, db.heads.hits.Load()-hits)
	}

	putRevision(db, 2)
	if got := revision(); got != 2 {
		t.Errorf("after a change through the same DB: revision %d, want 2", got)
	}
	putRevision(other, 3)
	if got := revision(); got != 3 {
		t.Errorf("after a change through another DB on the file: revision %d, want 3", got)
	}
	update(t, other, func(ctx context.Context, tx wat.Tx) error {
		return tx.PutJiraSelection(ctx, &wat.JiraSelection{WorkloadID: w.ID, LensARN: lensWA,
			Pillars: []wat.JiraSelectedPillar{{PillarID: "security"}}})
	})
	if h, err := db.LensReviewHead(ctx, w.ID, lensWA); err != nil || !h.JiraSelected {
		t.Errorf("after a Jira selection through another DB: %+v, %v; want JiraSelected", h, err)
	}

	// Another process: this test's binary again, told to write revision 4.
	cmd := exec.Command(os.Args[0], "-test.run", "^TestLensReviewHeadCacheChild$")
	cmd.Env = append(os.Environ(), "WAT_HEAD_CACHE_CHILD="+addr, "WAT_HEAD_CACHE_WORKLOAD="+w.ID)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("child process: %v\n%s", err, out)
	}
	if got := revision(); got != 4 {
		t.Errorf("after a change from another process: revision %d, want 4", got)
	}
	hits = db.heads.hits.Load()
	if got := revision(); got != 4 || db.heads.hits.Load() != hits+1 {
		t.Errorf("read again: revision %d, %d hits; want 4 from the cache", got, db.heads.hits.Load()-hits)
	}

	// The -shm file made anew (every connection closed, then one opened
	// again) starts its counter again: the cache must not take the new
	// file's counter for the old one's.
	db.Close()
	other.Close()
	db = b.mustOpen(t, addr)
	if got := revision(); got != 4 {
		t.Errorf("reopened: revision %d, want 4", got)
	}
	if _, err := os.Stat(filepath.Clean(addr) + "-shm"); err != nil {
		t.Errorf("no -shm file next to the database: %v", err)
	}
}

// TestLensReviewHeadCacheChild is TestLensReviewHeadCache's other process.
func TestLensReviewHeadCacheChild(t *testing.T) {
	addr := os.Getenv("WAT_HEAD_CACHE_CHILD")
	if addr == "" {
		t.Skip("run by TestLensReviewHeadCache")
	}
	db := backends[0].mustOpen(t, addr)
	update(t, db, func(ctx context.Context, tx wat.Tx) error {
		return tx.PutLensReview(ctx, &wat.LensReview{WorkloadID: os.Getenv("WAT_HEAD_CACHE_WORKLOAD"), LensARN: lensWA,
			LensVersion: "2024-06-27", Revision: 4, UpdatedAt: t0})
	})
}
