package metrics

import (
	"net/http"
	"strconv"

	"github.com/wat-dev/wat/api"
)

// unknownOperation labels requests that matched no operation: one series
// for every path a client may invent.
const unknownOperation = "unknown"

// statusLabels holds the label of every HTTP status, so that counting a
// request converts no integer to a string.
var statusLabels = func() (l [600]string) {
	for code := range l {
		l[code] = strconv.Itoa(code)
	}
	return l
}()

// ObserveRequest counts one answered request (api.RequestObserver). The
// operation is the router's name of it, so its label is one of a closed
// set; the principal, which is not, is left to the request log.
func (m *Metrics) ObserveRequest(r api.RequestInfo) {
	if m == nil {
		return
	}
	op := r.Operation
	if op == "" {
		op = unknownOperation
	}
	status := "other"
	if r.Status > 0 && r.Status < len(statusLabels) {
		status = statusLabels[r.Status]
	}
	m.requests.WithLabelValues(op, status).Inc()
	m.duration.WithLabelValues(op).Observe(r.Duration.Seconds())
	switch {
	case r.AuthFailed:
		m.authFailures.Inc()
	case r.Status == http.StatusTooManyRequests:
		m.throttled.WithLabelValues(op).Inc()
	case r.Status == http.StatusForbidden:
		m.denied.WithLabelValues(op).Inc()
	}
}

var _ api.RequestObserver = (*Metrics)(nil)
