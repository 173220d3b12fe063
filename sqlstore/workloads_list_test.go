package sqlstore

import (
	"context"
	"slices"
	"sort"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/wat-dev/wat"
)

// listAll pages through ListWorkloads of an account's own workloads, limit
// at a time, as the service does with its NextToken, and returns the names
// in the order listed and how many pages it took.
func listAll(tb testing.TB, db *DB, account, prefix string, limit int) (names []string, pages int) {
	tb.Helper()
	return listShared(tb, db, account, nil, prefix, limit)
}

// listShared is listAll of the workloads an account owns or whose ID is in
// shared.
func listShared(tb testing.TB, db *DB, account string, shared []string, prefix string, limit int) (names []string, pages int) {
	tb.Helper()
	afterKey, afterID := "", ""
	for {
		var page []*wat.Workload
		err := view(db, func(ctx context.Context, tx wat.Tx) (err error) {
			page, err = tx.ListWorkloads(ctx, account, shared, prefix, afterKey, afterID, limit)
			return err
		})
		if err != nil {
			tb.Fatal(err)
		}
		if limit > 0 && len(page) > limit {
			tb.Fatalf("ListWorkloads returned %d workloads, over the limit of %d", len(page), limit)
		}
		if len(page) == 0 {
			return names, pages
		}
		pages++
		if pages > 100 {
			tb.Fatal("ListWorkloads does not reach the last page")
		}
		for _, w := range page {
			names = append(names, w.Name)
		}
		last := page[len(page)-1]
		afterKey, afterID = wat.NameKey(last.Name), last.ID
	}
}

func testListWorkloads(t *testing.T, b *backend) {
	db := b.fresh(t)
	newAccount(t, db, "111111111111")
	newAccount(t, db, "222222222222")
	// In byte order, as listed: "_" after digits, "ü" after "z". Natural
	// language collations put them elsewhere.
	names := []string{"delta", "Alpha", "_hidden", "charlie", "1st", "Bravo 2", "bravo 10", "Über", "zulu", "golf", "Hotel", "india"}
	for i, name := range names {
		insertWorkload(t, db, fullWorkload("111111111111", workloadID(100-i), name))
	}
	insertWorkload(t, db, fullWorkload("222222222222", workloadID(1), "alpha of another account"))

	want := append([]string(nil), names...)
	sort.Slice(want, func(i, j int) bool { return wat.NameKey(want[i]) < wat.NameKey(want[j]) })
	got, pages := listAll(t, db, "111111111111", "", 5)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ListWorkloads by 5 (-want +got):\n%s", diff)
	}
	if pages != 3 {
		t.Errorf("12 workloads took %d pages of 5, want 3", pages)
	}
	if got, _ := listAll(t, db, "111111111111", "", 0); len(got) != len(names) {
		t.Errorf("ListWorkloads without a limit returned %d workloads, want %d", len(got), len(names))
	}

	// The whole workload comes back, not only its name.
	var first []*wat.Workload
	err := view(db, func(ctx context.Context, tx wat.Tx) (err error) {
		first, err = tx.ListWorkloads(ctx, "111111111111", nil, "", "", "", 1)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	i := slices.Index(names, want[0])
	if diff := cmp.Diff([]*wat.Workload{stored(fullWorkload("111111111111", workloadID(100-i), want[0]))}, first); diff != "" {
		t.Errorf("first workload (-want +got):\n%s", diff)
	}
}

func testListWorkloadsPrefix(t *testing.T, b *backend) {
	db := b.fresh(t)
	newAccount(t, db, "111111111111")
	names := []string{
		"Prod API", "production db", "PRODUCT catalog", "pre-prod", "my prod",
		"100% done", "100 percent", "a_b", "axb", `c\d`, "cxd", "Ünïcode", "ünïversal",
	}
	for i, name := range names {
		insertWorkload(t, db, fullWorkload("111111111111", workloadID(i+1), name))
	}
	tests := []struct {
		prefix string
		want   []string
	}{
		{"prod", []string{"Prod API", "PRODUCT catalog", "production db"}},
		{"PROD ", []string{"Prod API"}},
		{"100%", []string{"100% done"}},
		{"100", []string{"100% done", "100 percent"}}, // % sorts before p
		{"a_", []string{"a_b"}},
		{`c\`, []string{`c\d`}},
		{"%", nil},
		{"_", nil},
		{"ÜNÏ", []string{"Ünïcode", "ünïversal"}},
		{"nothing", nil},
	}
	for _, tt := range tests {
		got, _ := listAll(t, db, "111111111111", tt.prefix, 2)
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("ListWorkloads(prefix %q) (-want +got):\n%s", tt.prefix, diff)
		}
	}
}

// testDeleteWorkloadCascades checks that a workload goes with its lens
// reviews, answers and milestones, and that other workloads keep theirs.
func testDeleteWorkloadCascades(t *testing.T, b *backend) {
	db := b.fresh(t)
	newAccount(t, db, "111111111111")
	gone, kept := workloadID(1), workloadID(2)
	for _, id := range []string{gone, kept} {
		w := fullWorkload("111111111111", id, "workload "+id)
		insertWorkload(t, db, w)
		putReview(t, db, id, lensWA, 57)
		update(t, db, func(ctx context.Context, tx wat.Tx) error {
			return tx.InsertMilestone(ctx, &wat.Milestone{WorkloadID: id, Number: 1, Name: "v1", RecordedAt: t0, Workload: w})
		})
	}
	update(t, db, func(ctx context.Context, tx wat.Tx) error { return tx.DeleteWorkload(ctx, gone) })

	for _, table := range []string{"workloads", "lens_reviews", "answers", "milestones"} {
		column := "workload_id"
		if table == "workloads" {
			column = "id"
		}
		if n := rowCount(t, db, table, column, gone); n != 0 {
			t.Errorf("%d rows of %s are left of the deleted workload", n, table)
		}
		if n := rowCount(t, db, table, column, kept); n == 0 {
			t.Errorf("deleting a workload removed another's %s", table)
		}
	}
	err := view(db, func(ctx context.Context, tx wat.Tx) error {
		_, err := tx.GetWorkload(ctx, gone, false)
		return err
	})
	wantError(t, err, wat.ENotFound, "WORKLOAD")
	err = try(db, func(ctx context.Context, tx wat.Tx) error { return tx.DeleteWorkload(ctx, gone) })
	wantError(t, err, wat.ENotFound, "WORKLOAD")
}
