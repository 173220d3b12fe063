package sqlstore

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/wat-dev/wat"
)

// legacyKey is the name key before migration 0012: ASCII case and spaces.
func legacyKey(name string) string { return strings.ToLower(strings.Join(strings.Fields(name), "")) }

// TestMigrationNameKeys: migration 0012 computes the stored name keys
// again; of the names that become one, the first keeps its name and the
// others get a number; keys of another scope, or of deleted profiles, do
// not count.
func TestMigrationNameKeys(t *testing.T) {
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			if b.require != nil {
				b.require(t)
			}
			t.Parallel()
			testMigrationNameKeys(t, b)
		})
	}
}

func testMigrationNameKeys(t *testing.T, b *backend) {
	ctx := context.Background()
	db := b.fresh(t)
	const a1, a2 = "111111111111", "222222222222"
	newAccount(t, db, a1)
	newAccount(t, db, a2)

	// A database from before 0012: names the new key calls the same, with
	// the keys of their day. Each row is inserted under a placeholder name,
	// then given its old name and key.
	workloads := []struct{ account, name, want string }{
		{a1, "abc", "abc"},
		{a1, "abc (2)", "abc (2)"},
		{a1, "a\u200bbc", "a\u200bbc (3)"}, // (2) is taken
		{a1, "Cafe\u0301", "Cafe\u0301 (2)"},
		{a1, "Café", "Café"}, // newer, but its key does not change
		{a1, "ＸＹＺ", "ＸＹＺ"},   // a new key, no one else's
		{a1, "Straße", "Straße (2)"},
		{a1, "STRASSE", "STRASSE"},
		{a1, strings.Repeat("ｘ", 100), strings.Repeat("ｘ", 96) + " (2)"},
		{a1, strings.Repeat("x", 100), strings.Repeat("x", 100)},
		{a2, "a\u200bbc", "a\u200bbc"}, // another account
	}
	setRow := func(query string, args ...any) {
		t.Helper()
		if _, err := db.write.ExecContext(ctx, db.rebind(query), args...); err != nil {
			t.Fatal(err)
		}
	}
	for i, w := range workloads {
		id := workloadID(i + 1)
		insertWorkload(t, db, fullWorkload(w.account, id, fmt.Sprintf("placeholder %d", i)))
		setRow(`UPDATE workloads SET name = ?, name_key = ?, name_lower = ? WHERE id = ?`, w.name, legacyKey(w.name), strings.ToLower(w.name), id)
	}
	owner := fullWorkload(a1, workloadID(1), "")
	milestones := []struct{ name, want string }{{"Rev 1", "Rev 1"}, {"Ｒｅｖ １", "Ｒｅｖ １ (2)"}}
	for i, m := range milestones {
		update(t, db, func(ctx context.Context, tx wat.Tx) error {
			return tx.InsertMilestone(ctx, fullMilestone(owner, i+1, fmt.Sprintf("placeholder %d", i)))
		})
		setRow(`UPDATE milestones SET name = ?, name_key = ? WHERE workload_id = ? AND number = ?`, m.name, legacyKey(m.name), owner.ID, i+1)
	}
	profiles := []struct {
		name, want string
		deleted    bool
	}{{"Pro\u200bfile", "Pro\u200bfile", true}, {"Profile", "Profile", false}, {"PRO\u00adFILE", "PRO\u00adFILE (2)", false}}
	for i, p := range profiles {
		update(t, db, func(ctx context.Context, tx wat.Tx) error {
			return tx.InsertProfile(ctx, newProfile(a1, i+1, fmt.Sprintf("placeholder %d", i)))
		})
		setRow(`UPDATE profiles SET name = ?, name_key = ?, deleted = ? WHERE arn = ?`, p.name, legacyKey(p.name), p.deleted, profileARN(a1, i+1))
	}
	templates := []struct{ name, want string }{{"Landing\u2060Zone", "Landing\u2060Zone (2)"}, {"landingzone", "landingzone"}}
	for i, rt := range templates {
		update(t, db, func(ctx context.Context, tx wat.Tx) error {
			return tx.InsertReviewTemplate(ctx, newTemplate(a1, i+1, fmt.Sprintf("placeholder %d", i)))
		})
		setRow(`UPDATE review_templates SET name = ?, name_key = ? WHERE arn = ?`, rt.name, legacyKey(rt.name), templateARN(a1, i+1))
	}

	setRow(`DELETE FROM schema_migrations WHERE version = 12`)
	if err := db.migrate(ctx); err != nil {
		t.Fatalf("migrate: %v", err)
	}

	var want []string
	for _, w := range workloads {
		want = append(want, w.want)
	}
	for _, m := range milestones {
		want = append(want, m.want)
	}
	for _, p := range profiles {
		want = append(want, p.want)
	}
	for _, rt := range templates {
		want = append(want, rt.want)
	}
	var got []string
	for _, q := range []string{
		`SELECT name, name_key, name_lower FROM workloads ORDER BY id`,
		`SELECT name, name_key, lower(name) FROM milestones ORDER BY number`,
		`SELECT name, name_key, lower(name) FROM profiles ORDER BY arn`,
		`SELECT name, name_key, lower(name) FROM review_templates ORDER BY arn`,
	} {
		rows, err := db.read.QueryContext(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var name, key, lower string
			if err := rows.Scan(&name, &key, &lower); err != nil {
				t.Fatal(err)
			}
			if key != wat.NameKey(name) {
				t.Errorf("%q has the key %q, want %q", name, key, wat.NameKey(name))
			}
			if strings.HasPrefix(q, "SELECT name, name_key, name_lower") && lower != strings.ToLower(name) {
				t.Errorf("%q has name_lower %q", name, lower)
			}
			got = append(got, name)
		}
		if err := rows.Close(); err != nil {
			t.Fatal(err)
		}
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("names after migration 0012 (-want +got):\n%s", diff)
	}

	// The new keys hold: a name that looks like one taken is refused.
	err := try(db, func(ctx context.Context, tx wat.Tx) error {
		return tx.InsertWorkload(ctx, fullWorkload(a1, workloadID(99), "ＡＢ\u200bＣ"))
	})
	wantError(t, err, wat.EConflict, "WORKLOAD")
}
