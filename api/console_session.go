package api

import (
	"context"
	"crypto/subtle"
	"mime"
	"net/http"
	"net/url"
	"strings"

	"github.com/wat-dev/wat"
	"github.com/wat-dev/wat/service"
)

// How a request to the console's endpoints is tied to its session: the
// session cookie, the CSRF token that must come with it, and the origin
// checks that keep other sites' pages out.

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
		s.setSessionCookie(w, r, "")
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

// setSessionCookie gives the browser the session cookie of token, or
// clears it when token is "".
func (s *Server) setSessionCookie(w http.ResponseWriter, r *http.Request, token string) {
	c := &http.Cookie{Name: sessionCookie, Value: token, Path: "/", HttpOnly: true, SameSite: http.SameSiteStrictMode, Secure: s.secure(r)}
	if token == "" {
		c.MaxAge = -1
	}
	http.SetCookie(w, c)
}
