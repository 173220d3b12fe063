package service

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	"github.com/wat-dev/wat"
)

// SessionTTL is the default of Config.SessionTTL: the absolute lifetime of
// a console session. Sessions are never extended: a working day, then the
// user signs in again.
const SessionTTL = 12 * time.Hour

// msgBadSignIn is the one answer to every failed sign-in, whatever failed:
// the account, the user, a missing password or a wrong one.
const msgBadSignIn = "The account, user name or password is incorrect."

// ConsoleSession is a signed-in console user as the console sees it.
type ConsoleSession struct {
	Principal wat.Principal
	CSRFToken string
	ExpiresAt time.Time
	// Method is how the session was opened: wat.SessionPassword or
	// wat.SessionOIDC.
	Method string
}

// SignInResult is what a sign-in did. On failure it still says, for the
// audit log, which account and user the attempt was for, as far as they
// exist.
type SignInResult struct {
	AccountID string // the account signed in to; "" when unknown
	UserARN   string // the user's ARN; "" when the user is unknown
	UserName  string // the user's name; "" when the user is unknown
	// Token is the new session's token, for the cookie: shown once, only
	// its hash is stored. Session describes it. Both are empty on failure.
	Token   string
	Session *ConsoleSession
	// RetryAfter is, when the attempt was refused (EThrottled), how long
	// to wait before the next one.
	RetryAfter time.Duration
}

// SignIn checks a user's console password and opens a session. An empty
// accountID means the default account (the oldest one). address is where
// the attempt comes from (the api package's address key: an IPv4 address,
// an IPv6 /64), which failures are counted by together with the user; see
// SignInFreeFailures. Every failure is the same EUnauthenticated error and
// takes the time of a password check; an attempt that must wait is
// refused (EThrottled) without one, whether the user exists or not. The
// result is never nil.
func (s *Service) SignIn(ctx context.Context, accountID, userName, password, address string) (*SignInResult, error) {
	res := &SignInResult{}
	if accountID == "" {
		var err error
		if err = s.store.View(ctx, func(tx wat.Tx) error {
			accountID, err = defaultAccountID(ctx, tx)
			return err
		}); err != nil && wat.ErrorCodeOf(err) != wat.ENotFound {
			return res, fmt.Errorf("SignIn: %w", err)
		}
	}
	keys := signInKeys(accountID, userName, address)
	if wait, ok := s.console.guard.begin(keys, s.now()); !ok {
		res.RetryAfter = wait
		return res, signInThrottled(wait)
	}
	failed, succeeded := false, false
	defer func() { s.console.guard.end(keys, s.now(), failed, succeeded) }()

	hash := ""
	var user *wat.User
	if validAccountID(accountID) == nil && validUserName(userName) == nil {
		err := s.store.View(ctx, func(tx wat.Tx) error {
			u, err := tx.GetUser(ctx, accountID, userName)
			if err != nil {
				return err
			}
			user = u
			hash, err = tx.GetUserPassword(ctx, accountID, userName)
			return err
		})
		if err != nil && wat.ErrorCodeOf(err) != wat.ENotFound {
			return res, fmt.Errorf("SignIn: %w", err)
		}
	}
	if user != nil {
		res.AccountID, res.UserName, res.UserARN = user.AccountID, user.Name, user.ARN
	}
	ok := false
	if hash != "" {
		ok = checkPassword(hash, password)
	} else {
		checkPassword(decoyHash(), password) // the same time as a real check
	}
	if !ok {
		failed = true
		return res, &wat.Error{Code: wat.EUnauthenticated, Message: msgBadSignIn}
	}
	token, sess, err := s.openSession(ctx, user)
	if err != nil {
		return res, fmt.Errorf("SignIn: %w", err)
	}
	succeeded = true
	res.Token, res.Session = token, sess
	return res, nil
}

// defaultAccountID returns the ID of the default account: the oldest one.
func defaultAccountID(ctx context.Context, tx wat.IdentityTx) (string, error) {
	accounts, err := tx.ListAccounts(ctx)
	if err != nil {
		return "", err
	}
	var oldest *wat.Account
	for _, a := range accounts {
		if oldest == nil || a.CreatedAt.Before(oldest.CreatedAt) {
			oldest = a
		}
	}
	if oldest == nil {
		return "", wat.NotFound("ACCOUNT", "", "There is no account")
	}
	return oldest.ID, nil
}

// openSession stores a new password session of u and returns its token.
func (s *Service) openSession(ctx context.Context, u *wat.User) (string, *ConsoleSession, error) {
	token, ws := s.newSession(u, wat.SessionPassword, s.nowUTC())
	if err := s.store.Update(ctx, func(tx wat.Tx) error { return tx.InsertSession(ctx, ws) }); err != nil {
		return "", nil, err
	}
	return token, consoleSession(u, ws), nil
}

// newSession returns the token and the row, still to be stored, of a new
// session of u opened by method (wat.SessionPassword or wat.SessionOIDC).
func (s *Service) newSession(u *wat.User, method string, now time.Time) (string, *wat.Session) {
	token := randomToken()
	return token, &wat.Session{TokenHash: tokenHash(token), AccountID: u.AccountID, UserName: u.Name, CSRFToken: randomToken(),
		CreatedAt: now, ExpiresAt: now.Add(s.console.ttl), Method: method}
}

// consoleSession is the console's view of ws, a session of u.
func consoleSession(u *wat.User, ws *wat.Session) *ConsoleSession {
	return &ConsoleSession{
		Principal: wat.Principal{AccountID: u.AccountID, UserName: u.Name, UserARN: u.ARN, IsAdmin: u.IsAdmin},
		CSRFToken: ws.CSRFToken, ExpiresAt: ws.ExpiresAt, Method: ws.Method,
	}
}

// randomToken returns 32 random bytes, base64url-encoded (43 characters).
func randomToken() string {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

// tokenHash is what the store keeps of a session token.
func tokenHash(token string) string {
	h := sha256.Sum256([]byte(token))
	return hex.EncodeToString(h[:])
}

// errNoSession is the answer to a cookie that opens no session.
var errNoSession = &wat.Error{Code: wat.EUnauthenticated, Type: "UnrecognizedClientException",
	Message: "The console session is not valid or has expired: sign in again."}

// Session returns the session a cookie's token opens: EUnauthenticated
// when it opens none (unknown, ended or expired). A verified session is
// reused for up to the auth cache TTL without reading it again, so a
// session ended by another process (`wat admin`, another replica) stops
// working within that time; one ended through this Service stops at once.
func (s *Service) Session(ctx context.Context, token string) (*ConsoleSession, error) {
	if len(token) != 43 {
		return nil, errNoSession
	}
	if _, err := base64.RawURLEncoding.DecodeString(token); err != nil {
		return nil, errNoSession
	}
	hash := tokenHash(token)
	now := s.now()
	if sess, ok := s.console.cache.get(hash, now); ok {
		return sess, nil
	}
	var sess *ConsoleSession
	err := s.store.View(ctx, func(tx wat.Tx) error {
		ws, err := tx.GetSession(ctx, hash)
		if err != nil {
			return err
		}
		if !now.Before(ws.ExpiresAt) {
			return errNoSession
		}
		u, err := tx.GetUser(ctx, ws.AccountID, ws.UserName)
		if err != nil {
			return err
		}
		sess = consoleSession(u, ws)
		return nil
	})
	if errors.Is(err, errNoSession) || wat.ErrorCodeOf(err) == wat.ENotFound {
		return nil, errNoSession
	}
	if err != nil {
		return nil, fmt.Errorf("Session: %w", err)
	}
	s.console.cache.put(hash, sess, now)
	return sess, nil
}

// SignOut ends the session of a token, at once in this process, and
// returns the ID token its single sign-on was opened with, for the
// provider's sign-out: "" for a password session or one opened before wat
// kept it. An ID token that cannot be read does not keep anyone signed
// in: it is logged (never its value) and the session ends without it.
func (s *Service) SignOut(ctx context.Context, token string) (string, error) {
	hash := tokenHash(token)
	s.console.cache.drop(hash)
	var idToken string
	err := s.store.Update(ctx, func(tx wat.Tx) error {
		var err error
		if idToken, err = tx.GetSessionIDToken(ctx, hash); err != nil && wat.ErrorCodeOf(err) != wat.ENotFound {
			// A database that fails fails the delete too.
			s.log.Warn("a console session's ID token cannot be read: signing out without it", "err", err)
		}
		return tx.DeleteSession(ctx, hash)
	})
	if err != nil {
		return "", fmt.Errorf("SignOut: %w", err)
	}
	s.console.cache.drop(hash) // in case a request cached it meanwhile
	return idToken, nil
}

// PurgeExpiredSessions deletes the sessions that have expired and returns
// how many. Expired sessions are refused anyway; this only keeps the table
// small.
func (s *Service) PurgeExpiredSessions(ctx context.Context) (int, error) {
	var n int
	err := s.store.Update(ctx, func(tx wat.Tx) (err error) {
		n, err = tx.DeleteExpiredSessions(ctx, s.nowUTC())
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("PurgeExpiredSessions: %w", err)
	}
	return n, nil
}
