package api

import (
	"context"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/wat-dev/wat"
	"github.com/wat-dev/wat/service"
)

// The web console signs users in with a password and then calls the same
// AWS-compatible API as the SDKs, authenticated by a session cookie and a
// CSRF token instead of a signature (server.go). Its own endpoints, under
// /console/api/, answer JSON with a lowercase "message" on errors.
const (
	// sessionCookie holds the session's token: HttpOnly, so scripts never
	// see it; SameSite=Strict, so other sites' requests do not carry it.
	sessionCookie = "wat_session"
	// csrfHeader must carry the session's CSRF token on every request a
	// session authenticates.
	csrfHeader       = "X-CSRF-Token"
	consoleAPIPrefix = "/console/api/"
	// consoleLoginEvent names sign-ins in the audit log, as CloudTrail does.
	consoleLoginEvent = "ConsoleLogin"
	// maxSignInBody bounds a sign-in request's body.
	maxSignInBody = 16 << 10
)

const (
	msgNotSignedIn = "Not signed in."
	msgCrossOrigin = "Requests from another origin are refused."
	msgBadCSRF     = "The request lacks the console session's CSRF token (header " + csrfHeader + ")."
	msgNoPasswords = "Signing in with a password is turned off on this server: use single sign-on."
)

// serveConsoleAPI answers a request under /console/api/.
func (s *Server) serveConsoleAPI(w http.ResponseWriter, r *http.Request, reqID string) {
	route := func(method string, h func(http.ResponseWriter, *http.Request, string)) {
		if r.Method != method {
			w.Header().Set("Allow", method)
			consoleError(w, http.StatusMethodNotAllowed, "Use "+method+" on "+r.URL.Path+".")
			return
		}
		h(w, r, reqID)
	}
	switch r.URL.Path {
	case consoleAPIPrefix + "session":
		switch r.Method {
		case http.MethodPost:
			s.signIn(w, r, reqID)
		case http.MethodGet:
			s.getSession(w, r, reqID)
		case http.MethodDelete:
			s.signOut(w, r, reqID)
		default:
			w.Header().Set("Allow", "GET, POST, DELETE")
			consoleError(w, http.StatusMethodNotAllowed, "Use GET, POST or DELETE on "+r.URL.Path+".")
		}
	case consoleAPIPrefix + "config":
		route(http.MethodGet, s.getConsoleConfig)
	case oidcLogin:
		route(http.MethodGet, s.oidcStart)
	case oidcCallback:
		route(http.MethodGet, s.oidcFinish)
	case consoleAPIPrefix + "users":
		route(http.MethodGet, s.listConsoleUsers)
	case consoleAPIPrefix + "audit":
		route(http.MethodGet, s.listConsoleAudit)
	default:
		consoleError(w, http.StatusNotFound, "No console endpoint "+r.URL.Path+".")
	}
}

// signInRequest is the body of POST /console/api/session.
type signInRequest struct {
	AccountID string `json:"accountId"`
	UserName  string `json:"userName"`
	Password  string `json:"password"`
}

// signedOutBody is GET /console/api/session's answer without a session:
// {"signedIn":false}.
type signedOutBody struct {
	SignedIn bool `json:"signedIn"`
}

// sessionBody is the console's view of its session ("signedIn":true).
type sessionBody struct {
	SignedIn  bool   `json:"signedIn"`
	AccountID string `json:"accountId"`
	UserName  string `json:"userName"`
	UserARN   string `json:"userArn"`
	IsAdmin   bool   `json:"isAdmin"`
	CSRFToken string `json:"csrfToken"`
	ExpiresAt string `json:"expiresAt"`
}

func sessionJSON(sess *service.ConsoleSession) sessionBody {
	p := sess.Principal
	return sessionBody{SignedIn: true, AccountID: p.AccountID, UserName: p.UserName, UserARN: p.UserARN, IsAdmin: p.IsAdmin,
		CSRFToken: sess.CSRFToken, ExpiresAt: sess.ExpiresAt.UTC().Format(time.RFC3339)}
}

// signIn checks a password and opens a session. Only a JSON body is read,
// so an HTML form of another site (which can send only form encodings or
// text/plain) cannot sign a browser in; nor can a page of another origin.
func (s *Server) signIn(w http.ResponseWriter, r *http.Request, reqID string) {
	if !isJSON(r) {
		consoleError(w, http.StatusUnsupportedMediaType, "The request's Content-Type must be application/json.")
		return
	}
	if !sameOrigin(r) {
		consoleError(w, http.StatusForbidden, msgCrossOrigin)
		return
	}
	if s.NoPasswords {
		consoleError(w, http.StatusForbidden, msgNoPasswords)
		return
	}
	var in signInRequest
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxSignInBody))
	if err == nil {
		err = json.Unmarshal(body, &in)
	}
	if err != nil {
		// The decoder's message may quote the body: the password.
		consoleError(w, http.StatusBadRequest, "The request body must be a JSON object with accountId, userName and password.")
		return
	}
	start := time.Now()
	// Failures are counted by user and address (the api's address key, so
	// one IPv6 host is one address however many it holds).
	res, err := s.svc.SignIn(r.Context(), in.AccountID, in.UserName, in.Password, addressKey(s.sourceAddress(r)))
	s.auditSignIn(r, reqID, start, in.AccountID, res, err)
	if err != nil {
		if res.RetryAfter > 0 {
			w.Header().Set("Retry-After", strconv.Itoa(int((res.RetryAfter+time.Second-1)/time.Second)))
		}
		s.consoleFailure(w, reqID, err)
		return
	}
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: res.Token, Path: "/", HttpOnly: true,
		SameSite: http.SameSiteStrictMode, Secure: s.secure(r)})
	writeConsoleJSON(w, http.StatusOK, sessionJSON(res.Session))
}

// getSession tells the console whether it is signed in, and as whom. It
// needs no CSRF token: it is how a reloaded console gets it back (another
// site's page can send the request but not read the answer). Signed out
// is an answer like signed in, 200 {"signedIn":false}, not a 401: the
// console asks on every load, and a browser logs every 401 as an error.
func (s *Server) getSession(w http.ResponseWriter, r *http.Request, reqID string) {
	sess, _, err := s.requestSession(w, r)
	switch {
	case err != nil:
		s.consoleFailure(w, reqID, err)
	case sess == nil:
		writeConsoleJSON(w, http.StatusOK, signedOutBody{})
	default:
		writeConsoleJSON(w, http.StatusOK, sessionJSON(sess))
	}
}

// signOut ends the session, in the database and in this process at once.
func (s *Server) signOut(w http.ResponseWriter, r *http.Request, reqID string) {
	sess, token, ok := s.consoleSession(w, r, reqID)
	if !ok {
		return
	}
	if !sameOrigin(r) {
		consoleError(w, http.StatusForbidden, msgCrossOrigin)
		return
	}
	if !csrfMatches(r, sess) {
		consoleError(w, http.StatusForbidden, msgBadCSRF)
		return
	}
	if err := s.svc.SignOut(r.Context(), token); err != nil {
		s.consoleFailure(w, reqID, err)
		return
	}
	s.clearCookie(w, r)
	if s.providerSignOut(w, r, sess) {
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// consoleSession returns the session of the request's cookie, or answers
// 401 (clearing a cookie that opens none) and reports false.
func (s *Server) consoleSession(w http.ResponseWriter, r *http.Request, reqID string) (*service.ConsoleSession, string, bool) {
	sess, token, err := s.requestSession(w, r)
	switch {
	case err != nil:
		s.consoleFailure(w, reqID, err)
		return nil, "", false
	case sess == nil:
		consoleError(w, http.StatusUnauthorized, msgNotSignedIn)
		return nil, "", false
	}
	return sess, token, true
}

// requestSession returns the session of the request's cookie and its
// token; nil when there is no cookie or it opens no session (unknown,
// ended, expired), in which case the cookie is cleared. The error is a
// failure to tell (the database).
func (s *Server) requestSession(w http.ResponseWriter, r *http.Request) (*service.ConsoleSession, string, error) {
	c, err := r.Cookie(sessionCookie)
	if err != nil {
		return nil, "", nil
	}
	sess, err := s.svc.Session(r.Context(), c.Value)
	if wat.ErrorCodeOf(err) == wat.EUnauthenticated {
		s.clearCookie(w, r)
		return nil, "", nil
	}
	if err != nil {
		return nil, "", err
	}
	return sess, c.Value, nil
}

// consoleCaller is consoleSession for the console's other endpoints: it
// also requires the CSRF token, and returns a context carrying the
// session's principal.
func (s *Server) consoleCaller(w http.ResponseWriter, r *http.Request, reqID string) (context.Context, bool) {
	sess, _, ok := s.consoleSession(w, r, reqID)
	if !ok {
		return nil, false
	}
	if !csrfMatches(r, sess) {
		consoleError(w, http.StatusForbidden, msgBadCSRF)
		return nil, false
	}
	p := sess.Principal
	return wat.NewContextWithPrincipal(r.Context(), &p), true
}

// csrfMatches reports whether the request carries the session's CSRF
// token, comparing in constant time.
func csrfMatches(r *http.Request, sess *service.ConsoleSession) bool {
	got := r.Header.Get(csrfHeader)
	return got != "" && subtle.ConstantTimeCompare([]byte(got), []byte(sess.CSRFToken)) == 1
}

// isJSON reports whether the request's body is declared as JSON.
func isJSON(r *http.Request) bool {
	mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	return err == nil && mt == "application/json"
}

// sameOrigin reports whether the request's Origin, when it has one, names
// the host the request was sent to (whatever the scheme: a TLS-terminating
// proxy may stand between).
func sameOrigin(r *http.Request) bool {
	o := r.Header.Get("Origin")
	if o == "" {
		return true
	}
	u, err := url.Parse(o)
	return err == nil && u.Host != "" && strings.EqualFold(u.Host, r.Host)
}

// secure reports whether cookies get the Secure attribute: over TLS, or
// when the server is told it sits behind a TLS-terminating proxy.
func (s *Server) secure(r *http.Request) bool { return r.TLS != nil || s.SecureCookies }

func (s *Server) clearCookie(w http.ResponseWriter, r *http.Request) {
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: "", Path: "/", MaxAge: -1, HttpOnly: true,
		SameSite: http.SameSiteStrictMode, Secure: s.secure(r)})
}

// consoleFailure answers a use case's error: its message for the errors
// the console expects, a generic one (the cause logged) for the rest.
func (s *Server) consoleFailure(w http.ResponseWriter, reqID string, err error) {
	var e *wat.Error
	if errors.As(err, &e) {
		switch e.Code {
		case wat.EUnauthenticated:
			consoleError(w, http.StatusUnauthorized, e.Message)
			return
		case wat.EInvalid, wat.EForbidden, wat.EThrottled, wat.ENotFound:
			consoleError(w, errorKinds[e.Code].status, e.Message)
			return
		}
	}
	s.log.Error("internal error", "request_id", reqID, "operation", "console", "err", err)
	consoleError(w, http.StatusInternalServerError, "An internal error occurred. Quote request id "+reqID+" when reporting it.")
}

func consoleError(w http.ResponseWriter, status int, message string) {
	writeConsoleJSON(w, status, map[string]string{"message": message})
}

func writeConsoleJSON(w http.ResponseWriter, status int, v any) {
	b, _ := json.Marshal(v)
	h := w.Header()
	h.Set("Content-Type", "application/json")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	w.Write(b)
}
