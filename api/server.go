// Package api is wat's AWS-compatible front door: the Well-Architected API
// (restJson1, SigV4) served over HTTP. It authenticates each request, routes
// it with the generated wire layer (package api/wire), calls the use cases of
// package service and writes AWS-shaped responses and errors.
package api

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"net/netip"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/wat-dev/wat"
	"github.com/wat-dev/wat/api/wire"
	"github.com/wat-dev/wat/service"
	"github.com/wat-dev/wat/sigv4"
)

// MaxBodyBytes bounds a request body: the largest input (ImportLens, a
// 500 KB lens document escaped inside JSON) fits with room to spare.
const MaxBodyBytes = 2 << 20

// Server serves the Well-Architected API, and the web console beside it:
// its built files and its sign-in endpoints (console.go). The console
// calls the same API, authenticated by a session cookie.
type Server struct {
	svc      *service.Service
	verifier *sigv4.Verifier
	router   *wire.Router
	ext      *wire.Router // wat's own operations (spec/wat.json), routed where the AWS model's are not
	handler  wire.Handler
	log      *slog.Logger

	// Audit, when set, records every mutating call in the audit log.
	Audit wat.Store
	// Limiter, when set, bounds each principal's request rate.
	Limiter *Limiter
	// AuthFailures bounds the failed authentications of each source address
	// (IPv6: each /64). An address over it is answered ThrottlingException
	// before anything else is done, its requests not even audited: the
	// cheapest answer to a client that guesses keys or fills the audit log.
	// New sets the defaults; nil disables it.
	AuthFailures *Limiter
	// TrustedProxies are the reverse proxies whose X-Forwarded-For header
	// names the client, for the audit log and AuthFailures. Empty (the
	// default), the header is ignored: any client can write it.
	TrustedProxies []netip.Prefix
	// Console holds the built console (index.html and assets/, as package
	// web embeds them); without it / answers a page saying the console is
	// not built. Set it before the first request.
	Console fs.FS
	// SecureCookies marks session cookies Secure even over plain HTTP:
	// for a server behind a TLS-terminating proxy. Over TLS they always are.
	SecureCookies bool
	// SSO, when set, signs people in to the console with an OpenID
	// provider (console_oidc.go), by SSORules.
	SSO      SingleSignOn
	SSORules service.SSORules
	// NoPasswords refuses console sign-ins with a password.
	NoPasswords bool
	// Observer, when set, is told of every request answered (observe.go),
	// after its info-level log line.
	Observer RequestObserver
	// Ready, when set, is what GET /readyz asks (health.go): nil when the
	// database answers and its schema is current. Without it /readyz
	// answers as /healthz does.
	Ready func(ctx context.Context) error

	consoleOnce sync.Once
	console     consoleFiles // loaded from Console on first use

	auditOnce sync.Once
	auditW    *auditWriter // writes Audit's records, started on first use
}

// New returns a Server answering for svc's region.
func New(svc *service.Service, log *slog.Logger) *Server {
	s := &Server{
		svc:      svc,
		verifier: sigv4.NewVerifier("wellarchitected", svc.Region()),
		router:   wire.NewRouter(),
		ext:      wire.NewRouterFor(wire.WatOperations),
		handler:  &handler{svc: svc},
		log:      log,

		AuthFailures: NewLimiter(DefaultAuthFailureRate, DefaultAuthFailureBurst, nil),
	}
	return s
}

// The default bound of failed authentications per source address: a burst
// of 20, then one every 6 seconds. A client with a wrong key notices long
// before; a flood of unsigned requests costs the audit log at most 600 rows
// of under 4 KB per address and hour.
const (
	DefaultAuthFailureRate  = 1.0 / 6
	DefaultAuthFailureBurst = 20
)

// errAuthFailures answers an address over its bound of failed
// authentications.
var errAuthFailures = &wat.Error{Code: wat.EThrottled, ServiceCode: "wellarchitected", QuotaCode: "L-FAILED-AUTHENTICATIONS",
	Message: "Too many failed authentications from this address. Try again later."}

// ServeHTTP handles one API request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	reqID := newRequestID()
	w.Header().Set("x-amzn-RequestId", reqID)
	defer s.recoverRequest(w, r, reqID)
	get := r.Method == http.MethodGet || r.Method == http.MethodHead
	if strings.HasPrefix(r.URL.Path, consoleAPIPrefix) || get && isConsolePath(r.URL.Path) {
		consoleHeaders(w.Header())
		if get && isConsolePath(r.URL.Path) {
			s.serveConsoleFile(w, r)
		} else {
			start, sw := time.Now(), &statusWriter{ResponseWriter: w}
			s.serveConsoleAPI(sw, r, reqID)
			op := consoleOperation(r)
			s.finish(RequestInfo{Operation: op, Status: sw.status, Duration: time.Since(start), RequestID: reqID,
				AuthFailed: op == "ConsoleSignIn" && sw.status == http.StatusUnauthorized})
		}
		return
	}
	w.Header().Set("X-Content-Type-Options", "nosniff")
	if get && (r.URL.Path == "/healthz" || r.URL.Path == "/readyz") {
		s.serveHealth(w, r)
		return
	}
	if strings.HasPrefix(r.URL.Path, jiraWebhookPrefix) {
		s.serveJiraWebhook(w, r, reqID)
		return
	}
	start := time.Now()
	sw := &statusWriter{ResponseWriter: w}
	w = sw
	x := &exchange{source: s.sourceAddress(r)}
	key := addressKey(x.source)
	if s.AuthFailures.Exhausted(key) {
		writeError(w, s.log, reqID, "", errAuthFailures)
		s.finish(RequestInfo{Operation: s.operationOf(r), Status: sw.status, Duration: time.Since(start), RequestID: reqID})
		return
	}
	err := s.serveSafely(r.Context(), w, r, x, reqID)
	switch {
	case err != nil && x.responded: // a panic after the response began: too late to answer it
		x.errorCode, x.errorMessage = errorKinds[wat.EInternal].typ, internalError(reqID).Message
	case err != nil:
		x.errorCode, x.errorMessage = writeError(w, s.log, reqID, x.op, err)
	}
	if x.authFailed && s.AuthFailures.Allow(key) == nil && s.AuthFailures.Exhausted(key) {
		s.log.Warn("too many failed authentications: refusing the address for a while", "request_id", reqID, "source", key)
	}
	s.audit(r, reqID, start, x)
	info := RequestInfo{Operation: x.op, Status: sw.status, Duration: time.Since(start), RequestID: reqID, AuthFailed: x.authFailed}
	if x.principal != nil {
		info.Principal = x.principal.UserARN
	}
	if info.Operation == "" && err != nil {
		info.Operation = s.operationOf(r)
	}
	s.finish(info)
}

// serve authenticates, routes and runs one request, writing the success
// response; an error is left to the caller to write. It fills x with what
// the audit log records.
func (s *Server) serve(ctx context.Context, w http.ResponseWriter, r *http.Request, x *exchange) error {
	// A request without a signature is authenticated (by a session cookie)
	// or refused before its body is read: a client without credentials
	// cannot make the server read megabytes.
	signed := r.Header.Get("Authorization") != ""
	var body []byte
	if signed {
		var err error
		if body, err = readBody(w, r); err != nil {
			return err
		}
	}
	principal, err := s.authenticate(ctx, r, body, x)
	if err != nil {
		code := wat.ErrorCodeOf(err)
		x.authFailed = code == wat.EUnauthenticated || code == wat.EForbidden
		return err
	}
	x.principal = principal
	if !signed {
		if body, err = readBody(w, r); err != nil {
			return err
		}
	}
	x.body = body
	if err := s.Limiter.Allow(principal.UserARN); err != nil {
		return err
	}
	ctx = wat.NewContextWithPrincipal(ctx, principal)
	op, labels, err := s.router.Match(r.Method, r.URL.EscapedPath())
	if err != nil {
		extOp, extLabels, extErr := s.ext.Match(r.Method, r.URL.EscapedPath())
		if extErr != nil {
			return err
		}
		op, labels = extOp, extLabels
	}
	x.op, x.labels = op.Name, labels
	var encoded *encodedResponse // a body the handler kept encoded (reviews_encoded.go)
	if op.Name == "GetLensReview" {
		encoded = &encodedResponse{}
		ctx = withEncodedResponse(ctx, encoded)
	}
	out, err := op.Invoke(ctx, s.handler, &wire.Request{Labels: labels, Query: r.URL.Query(), Body: body, RequireObject: true})
	if err != nil {
		return err
	}
	var b []byte
	if encoded != nil && encoded.b != nil {
		b = encoded.b
		w.Header().Set("Content-Type", "application/json")
	} else if op.HasOutput {
		if b, err = json.Marshal(out); err != nil {
			return err
		}
		w.Header().Set("Content-Type", "application/json")
	}
	w.Header().Set("Content-Length", strconv.Itoa(len(b)))
	x.responded = true
	w.WriteHeader(op.SuccessCode)
	w.Write(b)
	x.response = b
	return nil
}

// readBody reads a request body of up to MaxBodyBytes.
func readBody(w http.ResponseWriter, r *http.Request) ([]byte, error) {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxBodyBytes))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return nil, &wat.Error{Code: wat.EInvalid, Reason: wat.ReasonOther, Message: "The request body is larger than " + strconv.Itoa(MaxBodyBytes) + " bytes"}
		}
		return nil, &wat.Error{Code: wat.EInvalid, Reason: wat.ReasonCannotParse, Message: "The request body could not be read"}
	}
	return body, nil
}

// authenticate returns the caller of a request: the user whose access key
// signed it or, for a request that is not signed but carries a console
// session's cookie, the session's user. A session authenticates only a
// request that also carries its CSRF token: the cookie alone is what a page
// of another site can make the browser send.
func (s *Server) authenticate(ctx context.Context, r *http.Request, body []byte, x *exchange) (*wat.Principal, error) {
	if r.Header.Get("Authorization") == "" && !r.URL.Query().Has("X-Amz-Signature") {
		if c, err := r.Cookie(sessionCookie); err == nil {
			sess, err := s.svc.Session(ctx, c.Value)
			if err != nil {
				return nil, err
			}
			p := sess.Principal
			if !csrfMatches(r, sess) {
				x.principal = &p // the audit log names whom a forged request was for
				return nil, &wat.Error{Code: wat.EForbidden, Message: msgBadCSRF}
			}
			return &p, nil
		}
	}
	var principal *wat.Principal
	_, err := s.verifier.Verify(ctx, r, body, func(ctx context.Context, keyID string) (string, error) {
		secret, p, err := s.svc.Authenticate(ctx, keyID)
		principal = p
		x.accessKeyID = keyID
		return secret, err
	})
	return principal, err
}

// newRequestID returns a random request id in AWS's shape.
func newRequestID() string {
	b := make([]byte, 16)
	rand.Read(b)
	h := hex.EncodeToString(b)
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32]
}
