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
	ext      *wire.Router // wat's own operations (extensions.go)
	handler  wire.Handler
	log      *slog.Logger

	// Audit, when set, records every mutating call in the audit log.
	Audit wat.Store
	// Limiter, when set, bounds each principal's request rate.
	Limiter *Limiter
	// Console holds the built console (index.html and assets/, as package
	// web embeds them); without it / answers a page saying the console is
	// not built. Set it before the first request.
	Console fs.FS
	// SecureCookies marks session cookies Secure even over plain HTTP:
	// for a server behind a TLS-terminating proxy. Over TLS they always are.
	SecureCookies bool

	consoleOnce sync.Once
	console     consoleFiles // loaded from Console on first use
}

// New returns a Server answering for svc's region.
func New(svc *service.Service, log *slog.Logger) *Server {
	return &Server{
		svc:      svc,
		verifier: sigv4.NewVerifier("wellarchitected", svc.Region()),
		router:   wire.NewRouter(),
		ext:      wire.NewRouterFor(extensions),
		handler:  &handler{svc: svc},
		log:      log,
	}
}

// ServeHTTP handles one API request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	reqID := newRequestID()
	w.Header().Set("x-amzn-RequestId", reqID)
	get := r.Method == http.MethodGet || r.Method == http.MethodHead
	if strings.HasPrefix(r.URL.Path, consoleAPIPrefix) || get && isConsolePath(r.URL.Path) {
		consoleHeaders(w.Header())
		if get && isConsolePath(r.URL.Path) {
			s.serveConsoleFile(w, r)
		} else {
			s.serveConsoleAPI(w, r, reqID)
		}
		return
	}
	w.Header().Set("X-Content-Type-Options", "nosniff")
	if r.URL.Path == "/healthz" && get {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		io.WriteString(w, "ok\n")
		return
	}
	start := time.Now()
	x := &exchange{}
	err := s.serve(r.Context(), w, r, x)
	if err != nil {
		x.errorCode, x.errorMessage = writeError(w, s.log, reqID, x.op, err)
	}
	s.audit(r, reqID, start, x)
	s.log.Debug("request", "request_id", reqID, "operation", x.op, "method", r.Method, "path", r.URL.Path, "err", err, "duration", time.Since(start))
}

// serve authenticates, routes and runs one request, writing the success
// response; an error is left to the caller to write. It fills x with what
// the audit log records.
func (s *Server) serve(ctx context.Context, w http.ResponseWriter, r *http.Request, x *exchange) error {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxBodyBytes))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return &wat.Error{Code: wat.EInvalid, Reason: wat.ReasonOther, Message: "The request body is larger than " + strconv.Itoa(MaxBodyBytes) + " bytes"}
		}
		return &wat.Error{Code: wat.EInvalid, Reason: wat.ReasonCannotParse, Message: "The request body could not be read"}
	}
	x.body = body
	principal, err := s.authenticate(ctx, r, body, x)
	if err != nil {
		return err
	}
	x.principal = principal
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
	out, err := op.Invoke(ctx, s.handler, &wire.Request{Labels: labels, Query: r.URL.Query(), Body: body})
	if err != nil {
		return err
	}
	var b []byte
	if op.HasOutput {
		if b, err = json.Marshal(out); err != nil {
			return err
		}
		w.Header().Set("Content-Type", "application/json")
	}
	w.Header().Set("Content-Length", strconv.Itoa(len(b)))
	w.WriteHeader(op.SuccessCode)
	w.Write(b)
	x.response = b
	return nil
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
