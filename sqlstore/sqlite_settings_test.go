package sqlstore

import (
	"context"
	"testing"
)

// TestSQLiteTempStoreInMemory: every connection, reading or writing, keeps
// its temporary data (a multi-row insert's statement journal, big sorts)
// in memory, not in temporary files.
func TestSQLiteTempStoreInMemory(t *testing.T) {
	db := backends[0].fresh(t)
	for _, c := range []struct {
		name string
		read bool
	}{{"read", true}, {"write", false}} {
		p := db.write
		if c.read {
			p = db.read
		}
		var v int
		if err := p.QueryRowContext(context.Background(), "PRAGMA temp_store").Scan(&v); err != nil {
			t.Fatal(err)
		}
		if v != 2 {
			t.Errorf("%s connection: temp_store = %d, want 2 (memory)", c.name, v)
		}
	}
}
