package sqlstore

import (
	"context"
	"sort"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/wat-dev/wat"
)

// allShareIDs lists the IDs of every stored share, in ID order, straight
// from the database.
func allShareIDs(tb testing.TB, db *DB) []string {
	tb.Helper()
	rows, err := db.read.Query(`SELECT id FROM shares ORDER BY id`)
	if err != nil {
		tb.Fatal(err)
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			tb.Fatal(err)
		}
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil {
		tb.Fatal(err)
	}
	return ids
}

// testSharesRemoved checks that deleting a workload removes its shares,
// and deleting an account or a user the shares made to it, and that the
// shares an account owns go with it.
func testSharesRemoved(t *testing.T, b *backend) {
	db := b.fresh(t)
	w1, w2, w3 := workloadID(1), workloadID(2), workloadID(3)
	withWorkload(t, db, w1, "111111111111", "222222222222", "333333333333")
	insertWorkload(t, db, fullWorkload("111111111111", w2, "second"))
	insertWorkload(t, db, fullWorkload("333333333333", w3, "third"))
	newUser(t, db, "222222222222", "alice")
	newUser(t, db, "222222222222", "bob")
	lensNamedLikeW1 := newShare(9, "111111111111", w1, wat.RecipientOrganization, "o-abcdefghij", "", 0)
	lensNamedLikeW1.ResourceType = wat.ShareResourceLens
	for _, s := range []*wat.Share{
		newShare(1, "111111111111", w1, wat.RecipientAccount, "222222222222", "", 0),
		newShare(2, "111111111111", w1, wat.RecipientUser, "222222222222", "alice", 0),
		newShare(3, "111111111111", w2, wat.RecipientUser, "222222222222", "alice", 0),
		newShare(4, "111111111111", w2, wat.RecipientUser, "222222222222", "bob", 0),
		newShare(5, "111111111111", w2, wat.RecipientAccount, "333333333333", "", 0),
		newShare(6, "111111111111", w2, wat.RecipientOrganization, "o-abcdefghij", "", 0),
		newShare(7, "333333333333", w3, wat.RecipientAccount, "222222222222", "", 0),
		newShare(8, "333333333333", w3, wat.RecipientAccount, "111111111111", "", 0),
		lensNamedLikeW1, // only workload shares go with the workload
	} {
		insertShare(t, db, s)
	}
	steps := []struct {
		name string
		fn   func(ctx context.Context, tx wat.Tx) error
		want []int
	}{
		{"DeleteWorkload", func(ctx context.Context, tx wat.Tx) error { return tx.DeleteWorkload(ctx, w1) },
			[]int{3, 4, 5, 6, 7, 8, 9}},
		{"DeleteUser", func(ctx context.Context, tx wat.Tx) error { return tx.DeleteUser(ctx, "222222222222", "alice") },
			[]int{4, 5, 6, 7, 8, 9}},
		{"DeleteAccount of a recipient", func(ctx context.Context, tx wat.Tx) error { return tx.DeleteAccount(ctx, "222222222222") },
			[]int{5, 6, 8, 9}},
		{"DeleteAccount of an owner and recipient", func(ctx context.Context, tx wat.Tx) error { return tx.DeleteAccount(ctx, "333333333333") },
			[]int{6, 9}},
	}
	for _, s := range steps {
		update(t, db, s.fn)
		var want []string
		for _, n := range s.want {
			want = append(want, shareID(n))
		}
		if diff := cmp.Diff(want, allShareIDs(t, db)); diff != "" {
			t.Errorf("shares after %s (-want +got):\n%s", s.name, diff)
		}
	}
	// A failed delete removes no share.
	for _, fn := range []func(ctx context.Context, tx wat.Tx) error{
		func(ctx context.Context, tx wat.Tx) error { return tx.DeleteWorkload(ctx, w1) },
		func(ctx context.Context, tx wat.Tx) error { return tx.DeleteAccount(ctx, "333333333333") },
	} {
		if err := try(db, fn); wat.ErrorCodeOf(err) != wat.ENotFound {
			t.Errorf("deleting again = %v, want ENotFound", err)
		}
	}
}

// testListWorkloadsShared checks that ListWorkloads lists the workloads
// shared with an account among its own, in one order and keyset, with the
// prefix applying to both.
func testListWorkloadsShared(t *testing.T, b *backend) {
	db := b.fresh(t)
	for _, a := range []string{"111111111111", "222222222222", "333333333333"} {
		newAccount(t, db, a)
	}
	own := map[int]string{1: "app one", 3: "App three", 5: "web", 7: "zulu"}
	shared := map[int]string{2: "app Two", 4: "app four", 6: "web two"}
	for n, name := range own {
		insertWorkload(t, db, fullWorkload("111111111111", workloadID(n), name))
	}
	for n, name := range shared {
		insertWorkload(t, db, fullWorkload("222222222222", workloadID(n), name))
	}
	insertWorkload(t, db, fullWorkload("222222222222", workloadID(8), "app not shared"))
	insertWorkload(t, db, fullWorkload("333333333333", workloadID(9), "app of another"))
	// Unknown IDs are ignored, and an own workload listed as shared is listed once.
	ids := []string{workloadID(6), workloadID(404), workloadID(2), workloadID(1), workloadID(4)}

	byKey := func(names []string) []string {
		sort.Slice(names, func(i, j int) bool { return wat.NameKey(names[i]) < wat.NameKey(names[j]) })
		return names
	}
	all := byKey([]string{"app one", "App three", "web", "zulu", "app Two", "app four", "web two"})
	apps := byKey([]string{"app one", "App three", "app Two", "app four"})
	for _, limit := range []int{0, 1, 2, 3, 10} {
		if got, _ := listShared(t, db, "111111111111", ids, "", limit); !cmp.Equal(all, got) {
			t.Errorf("ListWorkloads with shared IDs, by %d (-want +got):\n%s", limit, cmp.Diff(all, got))
		}
		if got, _ := listShared(t, db, "111111111111", ids, "APP", limit); !cmp.Equal(apps, got) {
			t.Errorf("ListWorkloads with shared IDs and prefix APP, by %d (-want +got):\n%s", limit, cmp.Diff(apps, got))
		}
	}
	if got, pages := listShared(t, db, "111111111111", ids, "web", 1); !cmp.Equal([]string{"web", "web two"}, got) || pages != 2 {
		t.Errorf("ListWorkloads(prefix web, by 1) = %q in %d pages, want [web, web two] in 2", got, pages)
	}
	// Without shared IDs, the account's own only.
	if got, _ := listAll(t, db, "111111111111", "", 2); !cmp.Equal(byKey([]string{"app one", "App three", "web", "zulu"}), got) {
		t.Errorf("ListWorkloads without shared IDs = %q", got)
	}
	// Hundreds of IDs are one argument.
	many := []string{workloadID(4)}
	for n := 1000; n < 1500; n++ {
		many = append(many, workloadID(n))
	}
	if got, _ := listShared(t, db, "333333333333", many, "", 0); !cmp.Equal(byKey([]string{"app four", "app of another"}), got) {
		t.Errorf("ListWorkloads with 501 shared IDs = %q", got)
	}

	// A shared workload comes back whole.
	var page []*wat.Workload
	err := view(db, func(ctx context.Context, tx wat.Tx) (err error) {
		page, err = tx.ListWorkloads(ctx, "333333333333", []string{workloadID(2)}, "app t", "", "", 10)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]*wat.Workload{stored(fullWorkload("222222222222", workloadID(2), "app Two"))}, page); diff != "" {
		t.Errorf("shared workload (-want +got):\n%s", diff)
	}
}
