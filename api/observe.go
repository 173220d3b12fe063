package api

import (
	"context"
	"log/slog"
	"net/http"
	"time"
)

// RequestObserver is told of every API request once it has been answered
// (the console's endpoints included, its files and the health checks not):
// the hook metrics hang on. ObserveRequest runs on the request's goroutine
// and must be quick.
type RequestObserver interface {
	ObserveRequest(RequestInfo)
}

// RequestInfo is what the request log and the observer learn of one
// request. Nothing in it comes verbatim from the client but the principal
// the server itself authenticated: no paths, no bodies.
type RequestInfo struct {
	// Operation is the operation's name (ListWorkloads, or one of the
	// console's, such as ConsoleSignIn); "" when no operation matches.
	Operation string
	Status    int
	Duration  time.Duration
	// Principal is the caller's user ARN; "" when unauthenticated.
	Principal string
	RequestID string
	// AuthFailed says the credentials were refused (a bad signature, an
	// unknown key, a forged console request, a wrong password), as opposed
	// to an authenticated caller being denied.
	AuthFailed bool
}

// statusWriter remembers the status of the response written through it,
// for the request log and the observer.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the connection's writer.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// finish writes the request's log line, at info, and tells the observer.
// The line says who did what with which outcome and how fast, and the id
// to find the rest (an error's cause, the audit record) by; never a secret.
func (s *Server) finish(info RequestInfo) {
	if info.Status == 0 { // nothing was written: net/http answers 200
		info.Status = http.StatusOK
	}
	principal := info.Principal
	if principal == "" {
		principal = "-"
	}
	op := info.Operation
	if op == "" {
		op = "-"
	}
	s.log.LogAttrs(context.Background(), slog.LevelInfo, "request",
		slog.String("operation", op),
		slog.String("principal", principal),
		slog.Int("status", info.Status),
		slog.Float64("duration_ms", float64(info.Duration.Microseconds())/1000),
		slog.String("request_id", info.RequestID))
	if s.Observer != nil {
		s.Observer.ObserveRequest(info)
	}
}

// operationOf names the operation a request is for, when serve stopped
// before routing it (a failed authentication, a throttled caller): the log
// and the metrics still say what was attempted. It is the router's name or
// "", never the path.
func (s *Server) operationOf(r *http.Request) string {
	if op, _, err := s.router.Match(r.Method, r.URL.EscapedPath()); err == nil {
		return op.Name
	}
	if op, _, err := s.ext.Match(r.Method, r.URL.EscapedPath()); err == nil {
		return op.Name
	}
	return ""
}
