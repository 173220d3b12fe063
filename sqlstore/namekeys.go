package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/wat-dev/wat"
)

// Migration 0012 computes every stored name key again with wat.NameKey as
// it became then: Unicode normalisation (NFKC), case folding and invisible
// characters ignored, where it had only ignored ASCII case and spaces. SQL
// cannot compute the key, so the migration is Go.
//
// Names that the old key told apart and the new one does not ("abc" and
// "a\u200bbc", "Café" typed precomposed and decomposed) cannot keep one key
// each under the unique indexes. The first of them (the row whose key
// does not change, else the oldest) keeps its name; each other is renamed
// with a number, "a\u200bbc (2)", so that the names stay unique and each
// row's key stays the key of its name, which list pagination relies on.
// The user sees the rename and can choose another name.

// nameTable is a table holding user-chosen names unique by name_key.
type nameTable struct {
	table string
	pk    []string // the primary key's columns
	scope string   // the column that names are unique within
	order string   // oldest first
	// dead is a column that is true for the rows outside the uniqueness
	// ("": none are).
	dead string
	// lower says the table keeps the lowercased name too (name_lower).
	lower bool
}

var nameTables = []nameTable{
	{table: "workloads", pk: []string{"id"}, scope: "account_id", order: "created_at, id", lower: true},
	{table: "milestones", pk: []string{"workload_id", "number"}, scope: "workload_id", order: "workload_id, number"},
	{table: "profiles", pk: []string{"arn"}, scope: "account_id", order: "created_at, arn", dead: "deleted"},
	{table: "review_templates", pk: []string{"arn"}, scope: "account_id", order: "created_at, arn"},
}

// maxNameLength is the model's maximum length of every name above.
const maxNameLength = 100

// nameRow is one row of a nameTable as the migration reads it.
type nameRow struct {
	pk          []any
	scope, name string
	key         string // as stored
	dead        bool   // outside the uniqueness (a deleted profile)
	newName     string // set when the row must be renamed
	newKey      string
}

func rekeyNames(ctx context.Context, db *DB, tx *sql.Tx) error {
	for _, t := range nameTables {
		if err := rekeyTable(ctx, db, tx, t); err != nil {
			return fmt.Errorf("%s: %w", t.table, err)
		}
	}
	return nil
}

func rekeyTable(ctx context.Context, db *DB, tx *sql.Tx, t nameTable) error {
	rows, err := readNameRows(ctx, tx, t)
	if err != nil {
		return err
	}
	taken := map[string]map[string]bool{} // scope -> keys
	take := func(r *nameRow, key string) bool {
		if r.dead {
			return true
		}
		if taken[r.scope] == nil {
			taken[r.scope] = map[string]bool{}
		}
		if taken[r.scope][key] {
			return false
		}
		taken[r.scope][key] = true
		return true
	}
	// The rows whose key stays first: the old unique index kept them apart,
	// and they keep their names.
	var changed []*nameRow
	for _, r := range rows {
		if k := wat.NameKey(r.name); k != r.key {
			r.newKey = k
			changed = append(changed, r)
		} else {
			take(r, k)
		}
	}
	for _, r := range changed {
		for n := 2; !take(r, r.newKey); n++ {
			r.newName = numberedName(r.name, n)
			r.newKey = wat.NameKey(r.newName)
		}
	}
	where := strings.Join(t.pk, " = ? AND ") + " = ?"
	// Every changed row first gets a key no name has (keys hold no
	// spaces), so that no row's new key meets another row's old one.
	for i, r := range changed {
		if _, err := tx.ExecContext(ctx, db.rebind(`UPDATE `+t.table+` SET name_key = ? WHERE `+where),
			append([]any{" " + strconv.Itoa(i)}, r.pk...)...); err != nil {
			return err
		}
	}
	for _, r := range changed {
		set, args := "name_key = ?", []any{r.newKey}
		if r.newName != "" {
			set, args = set+", name = ?", append(args, r.newName)
			if t.lower {
				set, args = set+", name_lower = ?", append(args, strings.ToLower(r.newName))
			}
		}
		if _, err := tx.ExecContext(ctx, db.rebind(`UPDATE `+t.table+` SET `+set+` WHERE `+where), append(args, r.pk...)...); err != nil {
			return err
		}
	}
	return nil
}

// readNameRows reads the primary key, scope, name and key of every row.
func readNameRows(ctx context.Context, tx *sql.Tx, t nameTable) ([]*nameRow, error) {
	dead := "1 = 0"
	if t.dead != "" {
		dead = t.dead
	}
	q := `SELECT ` + strings.Join(t.pk, ", ") + `, ` + t.scope + `, name, name_key, ` + dead +
		` FROM ` + t.table + ` ORDER BY ` + t.order
	rs, err := tx.QueryContext(ctx, q)
	if err != nil {
		return nil, err
	}
	defer rs.Close()
	var out []*nameRow
	for rs.Next() {
		r := &nameRow{pk: make([]any, len(t.pk))}
		dest := make([]any, 0, len(t.pk)+4)
		for i := range r.pk {
			dest = append(dest, &r.pk[i])
		}
		dest = append(dest, &r.scope, &r.name, &r.key, &r.dead)
		if err := rs.Scan(dest...); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rs.Err()
}

// numberedName is name with " (n)" appended, shortened to stay within the
// names' maximum length.
func numberedName(name string, n int) string {
	suffix := " (" + strconv.Itoa(n) + ")"
	keep := maxNameLength - utf8.RuneCountInString(suffix)
	if utf8.RuneCountInString(name) > keep {
		name = string([]rune(name)[:keep])
	}
	return name + suffix
}
