package sqlstore

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/wat-dev/wat"
)

// testIdentityLinks: a subject of an issuer links to one user, a user to
// one subject of an issuer; a link goes with its user; a session keeps
// how it was opened.
func testIdentityLinks(t *testing.T, b *backend) {
	db := b.fresh(t)
	newAccount(t, db, "111111111111")
	newUser(t, db, "111111111111", "bob")
	newUser(t, db, "111111111111", "carol")
	insert := func(issuer, subject, user string) error {
		return db.Update(context.Background(), func(tx wat.Tx) error {
			return tx.InsertIdentityLink(context.Background(), &wat.IdentityLink{Issuer: issuer, Subject: subject,
				AccountID: "111111111111", UserName: user, CreatedAt: t0})
		})
	}
	get := func(issuer, subject string) (*wat.IdentityLink, error) {
		var l *wat.IdentityLink
		err := view(db, func(ctx context.Context, tx wat.Tx) (err error) {
			l, err = tx.GetIdentityLink(ctx, issuer, subject)
			return err
		})
		return l, err
	}
	const idp, other = "https://idp.example.org", "https://other.example.org"
	if err := insert(idp, "s-bob", "bob"); err != nil {
		t.Fatal(err)
	}
	got, err := get(idp, "s-bob")
	want := &wat.IdentityLink{Issuer: idp, Subject: "s-bob", AccountID: "111111111111", UserName: "bob", CreatedAt: at(0)}
	if err != nil || cmp.Diff(want, got) != "" {
		t.Fatalf("GetIdentityLink = %v, %v (-want +got):\n%s", got, err, cmp.Diff(want, got))
	}
	if _, err := get(other, "s-bob"); wat.ErrorCodeOf(err) != wat.ENotFound {
		t.Errorf("the subject at another issuer: %v, want ENotFound", err)
	}
	for _, tc := range []struct {
		issuer, subject, user string
		code                  wat.ErrorCode
	}{
		{idp, "s-bob", "carol", wat.EConflict}, // the subject is linked
		{idp, "s-bob-2", "bob", wat.EConflict}, // the user is linked at this issuer
		{idp, "s-dan", "dan", wat.ENotFound},   // no such user
		{other, "s-bob", "bob", ""},            // another issuer: fine
		{idp, "s-carol", "carol", ""},
	} {
		err := insert(tc.issuer, tc.subject, tc.user)
		if tc.code == "" && err != nil || tc.code != "" && wat.ErrorCodeOf(err) != tc.code {
			t.Errorf("InsertIdentityLink(%s, %s, %s) = %v, want code %q", tc.issuer, tc.subject, tc.user, err, tc.code)
		}
	}
	update(t, db, func(ctx context.Context, tx wat.Tx) error { return tx.DeleteUser(ctx, "111111111111", "bob") })
	if _, err := get(idp, "s-bob"); wat.ErrorCodeOf(err) != wat.ENotFound {
		t.Errorf("the link of a deleted user: %v, want ENotFound", err)
	}
	if _, err := get(idp, "s-carol"); err != nil {
		t.Errorf("another user's link after the deletion: %v", err)
	}

	const idToken = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzLWNhcm9sIn0.c2lnbmF0dXJl"
	ws := &wat.Session{TokenHash: "h-oidc", AccountID: "111111111111", UserName: "carol", CSRFToken: "c",
		CreatedAt: t0, ExpiresAt: t0.Add(time.Hour), Method: wat.SessionOIDC, IDToken: idToken}
	update(t, db, func(ctx context.Context, tx wat.Tx) error { return tx.InsertSession(ctx, ws) })
	if got, err := getSession(db, "h-oidc"); err != nil || got.Method != wat.SessionOIDC || got.IDToken != "" {
		t.Errorf("GetSession of an OIDC session = %+v, %v, want method %s and no ID token", got, err, wat.SessionOIDC)
	}
	if got, err := getSessionIDToken(db, "h-oidc"); err != nil || got != idToken {
		t.Errorf("GetSessionIDToken = %q, %v; want %q", got, err, idToken)
	}
	testSessionIDTokens(t, db, idToken)
}

func getSessionIDToken(db *DB, hash string) (string, error) {
	var s string
	err := view(db, func(ctx context.Context, tx wat.Tx) (err error) {
		s, err = tx.GetSessionIDToken(ctx, hash)
		return err
	})
	return s, err
}

// testSessionIDTokens: a session's ID token (session h-oidc's is idToken)
// is stored encrypted, bound to its session; sessions without one, those
// of a password and those stored before the column was there, have none.
func testSessionIDTokens(t *testing.T, db *DB, idToken string) {
	t.Helper()
	var sealed []byte
	if err := db.write.QueryRow(db.rebind(`SELECT id_token FROM console_sessions WHERE token_hash = ?`), "h-oidc").Scan(&sealed); err != nil {
		t.Fatal(err)
	}
	if len(sealed) == 0 || bytes.Contains(sealed, []byte(idToken[:20])) || bytes.Contains(sealed, []byte("s-carol")) {
		t.Errorf("the ID token is stored in clear: %q", sealed)
	}

	newSession(t, db, "111111111111", "carol", "h-password", time.Hour)
	// As InsertSession wrote sessions before migration 0023.
	if _, err := db.write.Exec(db.rebind(`INSERT INTO console_sessions (token_hash, account_id, user_name, csrf_token, created_at, expires_at, method)
		VALUES (?, ?, ?, ?, ?, ?, ?)`), "h-older", "111111111111", "carol", "c", timeValue(t0), timeValue(t0.Add(time.Hour)), wat.SessionOIDC); err != nil {
		t.Fatal(err)
	}
	for _, hash := range []string{"h-password", "h-older"} {
		if got, err := getSessionIDToken(db, hash); err != nil || got != "" {
			t.Errorf("GetSessionIDToken(%s) = %q, %v; want none", hash, got, err)
		}
	}
	_, err := getSessionIDToken(db, "h-none")
	wantError(t, err, wat.ENotFound, "SESSION")

	// A sealed token moved to another session's row does not decrypt, and
	// the error says nothing of it.
	if _, err := db.write.Exec(db.rebind(`UPDATE console_sessions SET id_token = ? WHERE token_hash = ?`), sealed, "h-older"); err != nil {
		t.Fatal(err)
	}
	if got, err := getSessionIDToken(db, "h-older"); err == nil || got != "" || strings.Contains(err.Error(), idToken) || strings.Contains(err.Error(), "h-older") {
		t.Errorf("GetSessionIDToken of a token copied from another session = %q, %v; want an error naming neither", got, err)
	}
}
