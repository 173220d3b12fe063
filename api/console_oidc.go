package api

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"encoding/json"
	"errors"
	"html/template"
	"net/http"
	"strings"
	"time"

	"github.com/wat-dev/wat"
	"github.com/wat-dev/wat/service"
)

// SingleSignOn is an OpenID provider the console signs people in with
// (package oidc's Provider). It verifies what the provider says; who the
// person is in wat, the service decides (Server.SSORules).
type SingleSignOn interface {
	// Name is the provider's name on the console's sign-in button.
	Name() string
	// AuthURL is where a sign-in sends the browser, with the sign-in's
	// state, nonce and the S256 challenge of its PKCE verifier.
	AuthURL(ctx context.Context, state, nonce, verifier string) (string, error)
	// Identify redeems the provider's code and returns the person its
	// verified ID token names, with that ID token (kept with the session
	// for the sign-out). A wat.Error (EForbidden) has a message for the
	// person; any other error is logged and answered generically.
	Identify(ctx context.Context, code, verifier, nonce string) (*service.ExternalIdentity, error)
	// EndSessionURL is the provider's sign-out URL sending the browser
	// back to after, with idTokenHint (the session's ID token; "" for a
	// session that has none kept) as id_token_hint; "" when the provider
	// has no sign-out URL.
	EndSessionURL(ctx context.Context, after, idTokenHint string) string
	// ConsoleURL is the console's address, where a sign-out at the
	// provider comes back to.
	ConsoleURL() string
}

const (
	// oidcPrefix holds the two steps of an OIDC sign-in: login sends the
	// browser to the provider, which sends it back to callback.
	oidcPrefix   = consoleAPIPrefix + "oidc/"
	oidcLogin    = oidcPrefix + "login"
	oidcCallback = oidcPrefix + "callback"
	// pendingCookie carries a sign-in's state, nonce and PKCE verifier
	// from login to callback. SameSite=Lax, not Strict: the callback is a
	// navigation from the provider's site.
	pendingCookie = "wat_oidc"
	pendingTTL    = 10 * time.Minute
)

// configBody is GET /console/api/config: what the sign-in page offers.
type configBody struct {
	Passwords bool     `json:"passwords"`
	SSO       *ssoBody `json:"sso,omitempty"`
}

type ssoBody struct {
	Name      string `json:"name"`
	SignInURL string `json:"signInUrl"`
}

// getConsoleConfig tells the sign-in page whether passwords are accepted
// and which provider, if any, signs people in. It needs no session.
func (s *Server) getConsoleConfig(w http.ResponseWriter, r *http.Request, reqID string) {
	body := configBody{Passwords: !s.NoPasswords}
	if s.SSO != nil {
		body.SSO = &ssoBody{Name: s.SSO.Name(), SignInURL: oidcLogin}
	}
	writeConsoleJSON(w, http.StatusOK, body)
}

// oidcStart begins a sign-in at the provider: a new state, nonce and PKCE
// verifier, kept in a short-lived cookie of this browser, and a redirect.
func (s *Server) oidcStart(w http.ResponseWriter, r *http.Request, reqID string) {
	if s.SSO == nil {
		consoleError(w, http.StatusNotFound, "Single sign-on is not configured on this server.")
		return
	}
	state, nonce, verifier := randomValue(), randomValue(), randomValue()
	to, err := s.SSO.AuthURL(r.Context(), state, nonce, verifier)
	if err != nil {
		s.log.Error("single sign-on: the provider cannot be reached", "request_id", reqID, "err", err)
		s.refusal(w, http.StatusBadGateway, "The identity provider cannot be reached. Try again later, or quote request id "+reqID+" when reporting it.")
		return
	}
	http.SetCookie(w, &http.Cookie{Name: pendingCookie, Value: state + "." + nonce + "." + verifier, Path: oidcPrefix,
		MaxAge: int(pendingTTL / time.Second), HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: s.secure(r)})
	http.Redirect(w, r, to, http.StatusFound)
}

// oidcFinish is where the provider sends the browser back: the state is
// checked against the cookie's, the code redeemed and the ID token
// verified, then the service signs the person in.
func (s *Server) oidcFinish(w http.ResponseWriter, r *http.Request, reqID string) {
	if s.SSO == nil {
		consoleError(w, http.StatusNotFound, "Single sign-on is not configured on this server.")
		return
	}
	start := time.Now()
	var pending []string
	if c, err := r.Cookie(pendingCookie); err == nil {
		pending = strings.Split(c.Value, ".")
	}
	http.SetCookie(w, &http.Cookie{Name: pendingCookie, Value: "", Path: oidcPrefix, MaxAge: -1, HttpOnly: true,
		SameSite: http.SameSiteLaxMode, Secure: s.secure(r)})
	q := r.URL.Query()
	switch {
	case len(pending) != 3:
		s.refusal(w, http.StatusBadRequest, "This sign-in was not started in this browser, or took longer than 10 minutes. Sign in again.")
		return
	case q.Get("error") != "":
		msg := "The identity provider refused the sign-in (" + q.Get("error") + ")"
		if d := q.Get("error_description"); d != "" {
			msg += ": " + d
		}
		s.refusal(w, http.StatusUnauthorized, msg)
		return
	case subtle.ConstantTimeCompare([]byte(q.Get("state")), []byte(pending[0])) != 1:
		s.refusal(w, http.StatusBadRequest, "This sign-in's state does not match the one this browser started. Sign in again.")
		return
	case q.Get("code") == "":
		s.refusal(w, http.StatusBadRequest, "The identity provider sent no authorization code. Sign in again.")
		return
	}
	id, err := s.SSO.Identify(r.Context(), q.Get("code"), pending[2], pending[1])
	res, changes := &service.SignInResult{}, &service.SSOChanges{}
	if err == nil {
		res, changes, err = s.svc.SignInExternal(r.Context(), s.SSORules, *id)
	}
	s.auditSSO(r, reqID, start, res, changes, err)
	var we *wat.Error
	switch {
	case errors.As(err, &we) && we.Code == wat.EForbidden:
		s.refusal(w, http.StatusForbidden, we.Message)
		return
	case err != nil:
		s.log.Warn("single sign-on failed", "request_id", reqID, "err", err)
		s.refusal(w, http.StatusUnauthorized, "The sign-in with "+s.SSO.Name()+" could not be completed: its answer could not be verified, "+
			"or it could not be reached. Quote request id "+reqID+" when reporting it.")
		return
	}
	s.setSessionCookie(w, r, res.Token)
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

// providerSignOut answers the sign-out of a single sign-on session whose
// provider can sign out too (RP-initiated logout): 200 with the URL the
// console sends the browser on to, {"signOutUrl": …}, carrying the
// session's ID token, idToken, as id_token_hint. The answer is never
// cached (writeConsoleJSON) nor kept in the audit log, which records no
// console responses. It reports whether it answered.
func (s *Server) providerSignOut(w http.ResponseWriter, r *http.Request, sess *service.ConsoleSession, idToken string) bool {
	if sess.Method != wat.SessionOIDC || s.SSO == nil {
		return false
	}
	to := s.SSO.EndSessionURL(r.Context(), s.SSO.ConsoleURL(), idToken)
	if to == "" {
		return false
	}
	writeConsoleJSON(w, http.StatusOK, map[string]string{"signOutUrl": to})
	return true
}

// ssoLoginElements are the response elements of a successful single
// sign-on's ConsoleLogin: what it changed besides the session.
type ssoLoginElements struct {
	ConsoleLogin     string
	UserCreated      bool     `json:",omitempty"`
	PoliciesAttached []string `json:",omitempty"`
	PoliciesDetached []string `json:",omitempty"`
}

// auditSSO records a single sign-on as a ConsoleLogin, as auditSignIn
// records a password's, with the user it created and the group policies
// it attached or detached.
func (s *Server) auditSSO(r *http.Request, reqID string, start time.Time, res *service.SignInResult, changes *service.SSOChanges, err error) {
	if s.Audit == nil {
		return
	}
	elements, _ := json.Marshal(ssoLoginElements{ConsoleLogin: "Success", UserCreated: changes.UserCreated,
		PoliciesAttached: changes.Attached, PoliciesDetached: changes.Detached})
	e := &wat.AuditEvent{
		EventTime: start, EventName: consoleLoginEvent, AccountID: res.AccountID, UserARN: res.UserARN, UserName: res.UserName,
		SourceIPAddress: s.sourceAddress(r), UserAgent: r.UserAgent(), RequestID: reqID,
		RequestParameters: `{"method":"oidc"}`, ResponseElements: string(elements),
	}
	if err != nil {
		e.ResponseElements = `{"ConsoleLogin":"Failure"}`
		e.ErrorCode, e.ErrorMessage = "FailedAuthentication", "Failed authentication"
		var we *wat.Error
		if errors.As(err, &we) && we.Code == wat.EForbidden {
			e.ErrorCode, e.ErrorMessage = "AccessDeniedException", we.Message
		}
	}
	s.appendAudit(reqID, e)
}

// refusalPage is the page a browser sees when a single sign-on fails: it
// came from the provider by a navigation, so it gets a page, not JSON.
var refusalPage = template.Must(template.New("refusal").Parse(`<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Sign-in refused - wat</title></head>
<body>
<h1>Sign-in refused</h1>
<p id="message">{{.}}</p>
<p><a href="/">Back to the console</a></p>
</body>
</html>
`))

func (s *Server) refusal(w http.ResponseWriter, status int, message string) {
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	refusalPage.Execute(w, message)
}

// randomValue returns 32 random bytes, base64url-encoded: a state, a
// nonce, or a PKCE verifier (43 characters, as RFC 7636 asks).
func randomValue() string {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	return base64.RawURLEncoding.EncodeToString(b)
}
