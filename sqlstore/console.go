package sqlstore

import (
	"context"
	"fmt"
	"time"

	"github.com/wat-dev/wat"
)

// SetUserPassword inserts or replaces the hash of a user's console password.
func (t *tx) SetUserPassword(ctx context.Context, accountID, userName, hash string, at time.Time) error {
	_, err := t.exec(ctx, `INSERT INTO user_passwords (account_id, user_name, hash, updated_at) VALUES (?, ?, ?, ?)
		ON CONFLICT (account_id, user_name) DO UPDATE SET hash = excluded.hash, updated_at = excluded.updated_at`,
		accountID, userName, hash, timeValue(at))
	if err != nil {
		return fail("SetUserPassword", accountID+"/"+userName, err, outcomes{parent: userNotFound(accountID, userName)})
	}
	return nil
}

// GetUserPassword returns the hash of a user's console password.
func (t *tx) GetUserPassword(ctx context.Context, accountID, userName string) (string, error) {
	var hash string
	err := t.queryRow(ctx, `SELECT hash FROM user_passwords WHERE account_id = ? AND user_name = ?`,
		accountID, userName).Scan(&hash)
	if err != nil {
		return "", fail("GetUserPassword", accountID+"/"+userName, err, outcomes{
			missing: wat.NotFound("PASSWORD", userName, "User %s of account %s has no console password", userName, accountID),
		})
	}
	return hash, nil
}

// sessionIDTokenAD binds a session's sealed ID token to the session: one
// copied onto another session's row does not decrypt.
func sessionIDTokenAD(tokenHash string) []byte {
	return []byte("wat console session " + tokenHash + " id token")
}

// InsertSession stores a new session, its ID token sealed.
func (t *tx) InsertSession(ctx context.Context, s *wat.Session) error {
	method := s.Method
	if method == "" {
		method = wat.SessionPassword
	}
	idToken := []byte{}
	if s.IDToken != "" {
		idToken = t.db.sealer.sealWith(sessionIDTokenAD(s.TokenHash), s.IDToken)
	}
	_, err := t.exec(ctx, `INSERT INTO console_sessions (token_hash, account_id, user_name, csrf_token, created_at, expires_at, method, id_token)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		s.TokenHash, s.AccountID, s.UserName, s.CSRFToken, timeValue(s.CreatedAt), timeValue(s.ExpiresAt), method, idToken)
	if err != nil {
		// The key is the user, never the token hash: errors are logged.
		return fail("InsertSession", s.AccountID+"/"+s.UserName, err, outcomes{
			parent:   userNotFound(s.AccountID, s.UserName),
			conflict: wat.Conflict("SESSION", "", "The session already exists"),
		})
	}
	return nil
}

// GetSession returns the session of a token hash, expired or not.
func (t *tx) GetSession(ctx context.Context, tokenHash string) (*wat.Session, error) {
	var s wat.Session
	err := t.queryRow(ctx, `SELECT token_hash, account_id, user_name, csrf_token, created_at, expires_at, method
		FROM console_sessions WHERE token_hash = ?`, tokenHash).
		Scan(&s.TokenHash, &s.AccountID, &s.UserName, &s.CSRFToken, timeScanner{&s.CreatedAt}, timeScanner{&s.ExpiresAt}, &s.Method)
	if err != nil {
		return nil, fail("GetSession", "", err, outcomes{missing: wat.NotFound("SESSION", "", "No such session")})
	}
	return &s, nil
}

// GetSessionIDToken returns a session's ID token, decrypted; "" when it
// has none. The errors never name the token hash: errors are logged.
func (t *tx) GetSessionIDToken(ctx context.Context, tokenHash string) (string, error) {
	var sealed []byte
	err := t.queryRow(ctx, `SELECT id_token FROM console_sessions WHERE token_hash = ?`, tokenHash).Scan(&sealed)
	if err != nil {
		return "", fail("GetSessionIDToken", "", err, outcomes{missing: wat.NotFound("SESSION", "", "No such session")})
	}
	if len(sealed) == 0 {
		return "", nil
	}
	idToken, err := t.db.sealer.openWith(sessionIDTokenAD(tokenHash), sealed)
	if err != nil {
		return "", fmt.Errorf("sqlstore: GetSessionIDToken: %w", err)
	}
	return idToken, nil
}

// DeleteSession removes a session, if there is one.
func (t *tx) DeleteSession(ctx context.Context, tokenHash string) error {
	if _, err := t.exec(ctx, `DELETE FROM console_sessions WHERE token_hash = ?`, tokenHash); err != nil {
		return fail("DeleteSession", "", err, outcomes{})
	}
	return nil
}

// DeleteUserSessions removes every session of a user.
func (t *tx) DeleteUserSessions(ctx context.Context, accountID, userName string) (int, error) {
	res, err := t.exec(ctx, `DELETE FROM console_sessions WHERE account_id = ? AND user_name = ?`, accountID, userName)
	if err != nil {
		return 0, fail("DeleteUserSessions", accountID+"/"+userName, err, outcomes{})
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, fail("DeleteUserSessions", accountID+"/"+userName, err, outcomes{})
	}
	return int(n), nil
}

// DeleteExpiredSessions removes the sessions that expire at or before now.
func (t *tx) DeleteExpiredSessions(ctx context.Context, now time.Time) (int, error) {
	res, err := t.exec(ctx, `DELETE FROM console_sessions WHERE expires_at <= ?`, timeValue(now))
	if err != nil {
		return 0, fail("DeleteExpiredSessions", "", err, outcomes{})
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, fail("DeleteExpiredSessions", "", err, outcomes{})
	}
	return int(n), nil
}

// ListAccountAuditEvents returns up to limit events of an account below
// beforeID, newest first, walking the (account_id, id) index backwards.
func (t *tx) ListAccountAuditEvents(ctx context.Context, accountID string, beforeID int64, limit int) ([]*wat.AuditEvent, error) {
	if beforeID <= 0 {
		beforeID = 1<<63 - 1
	}
	rows, err := t.query(ctx, `SELECT id, event_time, event_name, account_id, user_arn, user_name, access_key_id,
		source_ip, user_agent, request_id, request_parameters, response_elements, error_code, error_message
		FROM audit_events WHERE account_id = ? AND id < ? ORDER BY id DESC LIMIT ?`, accountID, beforeID, limit)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: ListAccountAuditEvents(%s): %w", accountID, err)
	}
	defer rows.Close()
	var out []*wat.AuditEvent
	for rows.Next() {
		var e wat.AuditEvent
		if err := rows.Scan(&e.ID, timeScanner{&e.EventTime}, &e.EventName, &e.AccountID, &e.UserARN, &e.UserName,
			&e.AccessKeyID, &e.SourceIPAddress, &e.UserAgent, &e.RequestID, &e.RequestParameters, &e.ResponseElements,
			&e.ErrorCode, &e.ErrorMessage); err != nil {
			return nil, fmt.Errorf("sqlstore: ListAccountAuditEvents(%s): %w", accountID, err)
		}
		out = append(out, &e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlstore: ListAccountAuditEvents(%s): %w", accountID, err)
	}
	return out, nil
}
