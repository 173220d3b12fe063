package api

import (
	"context"
	"net/http"
	"runtime/debug"
)

// serveSafely runs serve, turning a panic into the generic internal error:
// the request is still answered (500, unless the response has begun) and
// audited, and one bug does not take the connection down with it. The
// panic's value and stack are logged here, once, with the request id the
// client is told to quote.
func (s *Server) serveSafely(ctx context.Context, w http.ResponseWriter, r *http.Request, x *exchange, requestID string) (err error) {
	defer func() {
		if v := recover(); v != nil {
			if v == http.ErrAbortHandler { // net/http's way to drop a response on purpose
				panic(v)
			}
			s.log.Error("panic serving a request", "request_id", requestID, "operation", x.op,
				"method", r.Method, "path", r.URL.Path, "panic", v, "stack", string(debug.Stack()))
			err = internalError(requestID)
		}
	}()
	return s.serve(ctx, w, r, x)
}

// recoverRequest is the net under everything else ServeHTTP does (the
// console's endpoints, the audit step): a panic there is logged with the
// request id and answered 500, as far as the response has not begun, rather
// than left to net/http, which logs it without the id and drops the
// connection.
func (s *Server) recoverRequest(w http.ResponseWriter, r *http.Request, requestID string) {
	v := recover()
	if v == nil {
		return
	}
	if v == http.ErrAbortHandler {
		panic(v)
	}
	s.log.Error("panic serving a request", "request_id", requestID, "method", r.Method, "path", r.URL.Path,
		"panic", v, "stack", string(debug.Stack()))
	writeError(w, s.log, requestID, "", internalError(requestID))
}
