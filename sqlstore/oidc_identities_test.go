package sqlstore

import (
	"context"
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

	ws := &wat.Session{TokenHash: "h-oidc", AccountID: "111111111111", UserName: "carol", CSRFToken: "c",
		CreatedAt: t0, ExpiresAt: t0.Add(time.Hour), Method: wat.SessionOIDC}
	update(t, db, func(ctx context.Context, tx wat.Tx) error { return tx.InsertSession(ctx, ws) })
	if got, err := getSession(db, "h-oidc"); err != nil || got.Method != wat.SessionOIDC {
		t.Errorf("GetSession of an OIDC session = %+v, %v, want method %s", got, err, wat.SessionOIDC)
	}
}
