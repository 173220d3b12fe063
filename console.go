package wat

import (
	"context"
	"time"
)

// Session is a user signed in to the web console. The browser holds a
// random token in a cookie; the store keeps only its SHA-256, so a copy of
// the database opens no session.
type Session struct {
	TokenHash string // hex SHA-256 of the cookie's token
	AccountID string
	UserName  string
	// CSRFToken is the session's own random token, which the console sends
	// back in a header with every request: a page of another site cannot
	// read it, so it cannot forge the header.
	CSRFToken string
	CreatedAt time.Time
	ExpiresAt time.Time // absolute: a session is never extended
	// Method is how the session was opened: SessionPassword or SessionOIDC.
	Method string
	// IDToken is the ID token the OpenID provider issued at the sign-in of
	// a SessionOIDC session, sent back to it as id_token_hint when the
	// person signs out; "" otherwise. InsertSession stores it encrypted
	// with the master key; GetSession leaves it out (GetSessionIDToken
	// reads it), so that checking a session on every request neither
	// decrypts it nor holds it.
	IDToken string
}

// How a console session was opened (Session.Method).
const (
	SessionPassword = "password"
	SessionOIDC     = "oidc"
)

// ConsoleTx is the part of Tx that the web console needs: users' console
// passwords, the sessions of signed-in users, and the audit log read
// backwards.
type ConsoleTx interface {
	// SetUserPassword stores (inserting or replacing) the hash of a user's
	// console password; ENotFound when the user does not exist.
	SetUserPassword(ctx context.Context, accountID, userName, hash string, at time.Time) error
	// GetUserPassword returns the hash of a user's console password;
	// ENotFound when the user has none (or does not exist).
	GetUserPassword(ctx context.Context, accountID, userName string) (string, error)

	// InsertSession stores a new session; ENotFound when its user does not
	// exist. Deleting the user (or its account) deletes its sessions.
	InsertSession(ctx context.Context, s *Session) error
	// GetSession returns the session of a token hash, expired or not;
	// ENotFound when there is none.
	GetSession(ctx context.Context, tokenHash string) (*Session, error)
	// GetSessionIDToken returns the ID token of a session, decrypted: ""
	// for a session opened with a password, or by a release that did not
	// keep it; ENotFound when there is no such session.
	GetSessionIDToken(ctx context.Context, tokenHash string) (string, error)
	// DeleteSession removes a session; nothing when there is none.
	DeleteSession(ctx context.Context, tokenHash string) error
	// DeleteUserSessions removes every session of a user and returns how
	// many it removed.
	DeleteUserSessions(ctx context.Context, accountID, userName string) (int, error)
	// DeleteExpiredSessions removes the sessions that expire at or before
	// now and returns how many it removed.
	DeleteExpiredSessions(ctx context.Context, now time.Time) (int, error)

	// GetIdentityLink returns the link of an OpenID provider's subject;
	// ENotFound when there is none.
	GetIdentityLink(ctx context.Context, issuer, subject string) (*IdentityLink, error)
	// InsertIdentityLink stores a new link: ENotFound when its user does
	// not exist, EConflict when the subject or the user (for that issuer)
	// is linked already. Deleting the user deletes its links.
	InsertIdentityLink(ctx context.Context, l *IdentityLink) error

	// ListAccountAuditEvents returns up to limit audit events of an
	// account with an ID below beforeID (every ID when beforeID is not
	// positive), newest first.
	ListAccountAuditEvents(ctx context.Context, accountID string, beforeID int64, limit int) ([]*AuditEvent, error)
}
