package api

import (
	"context"
	"errors"
	"io"
	"net/http"
	"time"

	"github.com/wat-dev/wat"
)

// readyTimeout bounds a readiness check: a database slower than this to
// answer a trivial query is, for a load balancer, as good as gone.
const readyTimeout = 2 * time.Second

// serveHealth answers the probes, unauthenticated and unrecorded:
//
//   - /healthz: liveness. 200 as long as the process serves HTTP; a
//     database outage must not get every replica restarted at once.
//   - /readyz: readiness. 200 when Ready says the database answers and its
//     schema is what this binary needs; 503 with a short reason otherwise,
//     so a load balancer sends calls elsewhere until it is.
func (s *Server) serveHealth(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	if r.URL.Path == "/readyz" && s.Ready != nil {
		ctx, cancel := context.WithTimeout(r.Context(), readyTimeout)
		defer cancel()
		if err := s.Ready(ctx); err != nil {
			// The reason shown is the error's safe message; the driver's
			// words (which may name hosts) only go to the log.
			reason := "the database is not ready"
			var e *wat.Error
			if errors.As(err, &e) {
				reason = e.Message
			}
			s.log.Warn("not ready", "reason", reason, "err", err)
			w.WriteHeader(http.StatusServiceUnavailable)
			io.WriteString(w, "not ready: "+reason+"\n")
			return
		}
	}
	io.WriteString(w, "ok\n")
}
