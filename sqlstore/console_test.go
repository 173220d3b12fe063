package sqlstore

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/wat-dev/wat"
)

// TestConsoleContract runs the wat.ConsoleTx contract (passwords, sessions,
// the audit log read backwards) on every backend.
func TestConsoleContract(t *testing.T) {
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			if b.require != nil {
				b.require(t)
			}
			for _, tt := range []struct {
				name string
				run  func(*testing.T, *backend)
			}{
				{"Passwords", testPasswords},
				{"Sessions", testSessions},
				{"SessionsGoWithTheirUser", testSessionsCascade},
				{"AccountAuditEvents", testAccountAuditEvents},
				{"IdentityLinks", testIdentityLinks},
			} {
				t.Run(tt.name, func(t *testing.T) { tt.run(t, b) })
			}
		})
	}
}

func getPassword(db *DB, accountID, user string) (string, error) {
	var hash string
	err := view(db, func(ctx context.Context, tx wat.Tx) (err error) {
		hash, err = tx.GetUserPassword(ctx, accountID, user)
		return err
	})
	return hash, err
}

func testPasswords(t *testing.T, b *backend) {
	db := b.fresh(t)
	newAccount(t, db, "111111111111")
	newUser(t, db, "111111111111", "bob")
	_, err := getPassword(db, "111111111111", "bob")
	wantError(t, err, wat.ENotFound, "PASSWORD")
	for _, h := range []string{"$argon2id$first", "$argon2id$second"} {
		update(t, db, func(ctx context.Context, tx wat.Tx) error {
			return tx.SetUserPassword(ctx, "111111111111", "bob", h, t0)
		})
		if got, err := getPassword(db, "111111111111", "bob"); err != nil || got != h {
			t.Errorf("GetUserPassword = %q, %v; want %q", got, err, h)
		}
	}
	err = try(db, func(ctx context.Context, tx wat.Tx) error {
		return tx.SetUserPassword(ctx, "111111111111", "nobody", "$argon2id$x", t0)
	})
	wantError(t, err, wat.ENotFound, "USER")
}

func newSession(tb testing.TB, db *DB, accountID, user, hash string, expires time.Duration) *wat.Session {
	tb.Helper()
	s := &wat.Session{TokenHash: hash, AccountID: accountID, UserName: user, CSRFToken: "csrf-" + hash,
		CreatedAt: t0, ExpiresAt: t0.Add(expires)}
	update(tb, db, func(ctx context.Context, tx wat.Tx) error { return tx.InsertSession(ctx, s) })
	return s
}

func getSession(db *DB, hash string) (*wat.Session, error) {
	var s *wat.Session
	err := view(db, func(ctx context.Context, tx wat.Tx) (err error) {
		s, err = tx.GetSession(ctx, hash)
		return err
	})
	return s, err
}

func testSessions(t *testing.T, b *backend) {
	db := b.fresh(t)
	newAccount(t, db, "111111111111")
	newUser(t, db, "111111111111", "bob")
	newUser(t, db, "111111111111", "carol")
	newSession(t, db, "111111111111", "bob", "h1", time.Hour)
	newSession(t, db, "111111111111", "bob", "h2", 2*time.Hour)
	newSession(t, db, "111111111111", "carol", "h3", 3*time.Hour)
	got, err := getSession(db, "h1")
	if err != nil {
		t.Fatal(err)
	}
	want := &wat.Session{TokenHash: "h1", AccountID: "111111111111", UserName: "bob", CSRFToken: "csrf-h1",
		CreatedAt: at(0), ExpiresAt: at(time.Hour), Method: wat.SessionPassword}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("GetSession (-want +got):\n%s", diff)
	}
	wantUTC(t, got.CreatedAt, got.ExpiresAt)
	_, err = getSession(db, "nothing")
	wantError(t, err, wat.ENotFound, "SESSION")

	err = try(db, func(ctx context.Context, tx wat.Tx) error {
		return tx.InsertSession(ctx, &wat.Session{TokenHash: "h9", AccountID: "111111111111", UserName: "nobody", CreatedAt: t0, ExpiresAt: t0})
	})
	wantError(t, err, wat.ENotFound, "USER")

	// Expired: at or before now, not after.
	var n int
	update(t, db, func(ctx context.Context, tx wat.Tx) (err error) {
		n, err = tx.DeleteExpiredSessions(ctx, t0.Add(2*time.Hour))
		return err
	})
	if n != 2 {
		t.Errorf("DeleteExpiredSessions removed %d sessions, want 2", n)
	}
	if _, err := getSession(db, "h3"); err != nil {
		t.Errorf("the unexpired session is gone: %v", err)
	}

	newSession(t, db, "111111111111", "bob", "h4", time.Hour)
	newSession(t, db, "111111111111", "bob", "h5", time.Hour)
	update(t, db, func(ctx context.Context, tx wat.Tx) (err error) {
		n, err = tx.DeleteUserSessions(ctx, "111111111111", "bob")
		return err
	})
	if n != 2 {
		t.Errorf("DeleteUserSessions removed %d sessions, want 2", n)
	}
	update(t, db, func(ctx context.Context, tx wat.Tx) error { return tx.DeleteSession(ctx, "h3") })
	update(t, db, func(ctx context.Context, tx wat.Tx) error { return tx.DeleteSession(ctx, "h3") }) // nothing left: no error
	if c := rowCount(t, db, "console_sessions", "account_id", "111111111111"); c != 0 {
		t.Errorf("%d sessions left, want none", c)
	}
}

// testSessionsCascade: deleting a user, or its account, deletes its
// password and sessions.
func testSessionsCascade(t *testing.T, b *backend) {
	db := b.fresh(t)
	newAccount(t, db, "111111111111")
	newAccount(t, db, "222222222222")
	newUser(t, db, "111111111111", "bob")
	newUser(t, db, "111111111111", "carol")
	newUser(t, db, "222222222222", "dave")
	for _, u := range []struct{ account, name string }{{"111111111111", "bob"}, {"111111111111", "carol"}, {"222222222222", "dave"}} {
		update(t, db, func(ctx context.Context, tx wat.Tx) error {
			return tx.SetUserPassword(ctx, u.account, u.name, "$argon2id$"+u.name, t0)
		})
		newSession(t, db, u.account, u.name, "h-"+u.name, time.Hour)
	}
	update(t, db, func(ctx context.Context, tx wat.Tx) error { return tx.DeleteUser(ctx, "111111111111", "bob") })
	if _, err := getSession(db, "h-bob"); err == nil {
		t.Error("the deleted user's session is still there")
	}
	if c := rowCount(t, db, "user_passwords", "user_name", "bob"); c != 0 {
		t.Error("the deleted user's password is still there")
	}
	if _, err := getSession(db, "h-carol"); err != nil {
		t.Errorf("another user's session is gone: %v", err)
	}
	update(t, db, func(ctx context.Context, tx wat.Tx) error { return tx.DeleteAccount(ctx, "111111111111") })
	if c := rowCount(t, db, "console_sessions", "account_id", "111111111111"); c != 0 {
		t.Errorf("the deleted account keeps %d sessions", c)
	}
	if _, err := getSession(db, "h-dave"); err != nil {
		t.Errorf("another account's session is gone: %v", err)
	}
}

func testAccountAuditEvents(t *testing.T, b *backend) {
	db := b.fresh(t)
	var ids []int64
	for i := 0; i < 5; i++ {
		for _, account := range []string{"111111111111", "222222222222"} {
			e := &wat.AuditEvent{EventTime: t0.Add(time.Duration(i) * time.Second), EventName: fmt.Sprintf("Op%d", i), AccountID: account}
			update(t, db, func(ctx context.Context, tx wat.Tx) error { return tx.AppendAuditEvent(ctx, e) })
			if account == "111111111111" {
				ids = append(ids, e.ID)
			}
		}
	}
	list := func(before int64, limit int) []string {
		t.Helper()
		var names []string
		err := view(db, func(ctx context.Context, tx wat.Tx) error {
			es, err := tx.ListAccountAuditEvents(ctx, "111111111111", before, limit)
			for _, e := range es {
				if e.AccountID != "111111111111" {
					t.Errorf("event of account %s listed", e.AccountID)
				}
				names = append(names, e.EventName)
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		return names
	}
	if diff := cmp.Diff([]string{"Op4", "Op3"}, list(0, 2)); diff != "" {
		t.Errorf("newest page (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"Op2", "Op1", "Op0"}, list(ids[3], 10)); diff != "" {
		t.Errorf("page before Op3 (-want +got):\n%s", diff)
	}
	if got := list(ids[0], 10); len(got) != 0 {
		t.Errorf("before the oldest event: %v", got)
	}
}
