package api

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
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

// consoleRoute is one of the console's own endpoints: its path and
// method, the operation the request log and the metrics name it by, and
// its handler.
type consoleRoute struct {
	path, method, op string
	handle           func(s *Server, w http.ResponseWriter, r *http.Request, reqID string)
}

// consoleRoutes are the console's endpoints, a path's methods in the order
// an Allow header lists them.
var consoleRoutes = []consoleRoute{
	{consoleAPIPrefix + "session", http.MethodGet, "ConsoleGetSession", (*Server).getSession},
	{consoleAPIPrefix + "session", http.MethodPost, "ConsoleSignIn", (*Server).signIn},
	{consoleAPIPrefix + "session", http.MethodDelete, "ConsoleSignOut", (*Server).signOut},
	{consoleAPIPrefix + "config", http.MethodGet, "ConsoleGetConfig", (*Server).getConsoleConfig},
	{oidcLogin, http.MethodGet, "ConsoleOIDCSignIn", (*Server).oidcStart},
	{oidcCallback, http.MethodGet, "ConsoleOIDCCallback", (*Server).oidcFinish},
	{consoleAPIPrefix + "users", http.MethodGet, "ConsoleListUsers", (*Server).listConsoleUsers},
	{consoleAPIPrefix + "audit", http.MethodGet, "ConsoleListAuditEvents", (*Server).listConsoleAudit},
}

// serveConsoleAPI answers a request under /console/api/.
func (s *Server) serveConsoleAPI(w http.ResponseWriter, r *http.Request, reqID string) {
	var allow []string
	for _, rt := range consoleRoutes {
		switch {
		case rt.path != r.URL.Path:
		case rt.method == r.Method:
			rt.handle(s, w, r, reqID)
			return
		default:
			allow = append(allow, rt.method)
		}
	}
	if len(allow) == 0 {
		consoleError(w, http.StatusNotFound, "No console endpoint "+r.URL.Path+".")
		return
	}
	w.Header().Set("Allow", strings.Join(allow, ", "))
	use := allow[len(allow)-1]
	if len(allow) > 1 {
		use = strings.Join(allow[:len(allow)-1], ", ") + " or " + use
	}
	consoleError(w, http.StatusMethodNotAllowed, "Use "+use+" on "+r.URL.Path+".")
}

// consoleOperation names a request to the console's own endpoints, from a
// closed set; "" for none.
func consoleOperation(r *http.Request) string {
	for _, rt := range consoleRoutes {
		if rt.path == r.URL.Path && rt.method == r.Method {
			return rt.op
		}
	}
	return ""
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
	s.setSessionCookie(w, r, res.Token)
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
	idToken, err := s.svc.SignOut(r.Context(), token)
	if err != nil {
		s.consoleFailure(w, reqID, err)
		return
	}
	s.setSessionCookie(w, r, "")
	if s.providerSignOut(w, r, sess, idToken) {
		return
	}
	w.WriteHeader(http.StatusNoContent)
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
