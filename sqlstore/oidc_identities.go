package sqlstore

import (
	"context"

	"github.com/wat-dev/wat"
)

// GetIdentityLink returns the link of an OpenID provider's subject.
func (t *tx) GetIdentityLink(ctx context.Context, issuer, subject string) (*wat.IdentityLink, error) {
	l := wat.IdentityLink{Issuer: issuer, Subject: subject}
	err := t.queryRow(ctx, `SELECT account_id, user_name, created_at FROM oidc_identities WHERE issuer = ? AND subject = ?`,
		issuer, subject).Scan(&l.AccountID, &l.UserName, timeScanner{&l.CreatedAt})
	if err != nil {
		return nil, fail("GetIdentityLink", issuer, err, outcomes{
			missing: wat.NotFound("IDENTITY", subject, "No user is linked to subject %s of %s", subject, issuer),
		})
	}
	return &l, nil
}

// InsertIdentityLink stores a new link of a subject to a user.
func (t *tx) InsertIdentityLink(ctx context.Context, l *wat.IdentityLink) error {
	_, err := t.exec(ctx, `INSERT INTO oidc_identities (issuer, subject, account_id, user_name, created_at) VALUES (?, ?, ?, ?, ?)`,
		l.Issuer, l.Subject, l.AccountID, l.UserName, timeValue(l.CreatedAt))
	if err != nil {
		return fail("InsertIdentityLink", l.AccountID+"/"+l.UserName, err, outcomes{
			parent: userNotFound(l.AccountID, l.UserName),
			conflict: wat.Conflict("IDENTITY", l.UserName,
				"User %s of account %s or subject %s is already linked to an identity of %s", l.UserName, l.AccountID, l.Subject, l.Issuer),
		})
	}
	return nil
}
