package jira

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"sort"
	"strings"
	"time"
)

// Error is a call Jira refused or that never reached it. Its text is
// Jira's own messages, which name what is wrong (a field, a permission),
// so an operator can act on it.
type Error struct {
	Method, Path string
	// Status is the HTTP status; 0 when Jira could not be reached.
	Status int
	// Messages are Jira's errorMessages and its per-field errors
	// ("field: message"), in a stable order.
	Messages []string
	// RetryAfter is the wait Jira asked for (429, 503), 0 when none: a
	// caller retrying later waits at least that.
	RetryAfter time.Duration
}

func (e *Error) Error() string {
	msg := strings.Join(e.Messages, "; ")
	if msg == "" {
		msg = http.StatusText(e.Status)
	}
	if e.Status == 0 {
		return fmt.Sprintf("jira: %s %s: %s", e.Method, e.Path, msg)
	}
	return fmt.Sprintf("jira: %s %s: %d: %s", e.Method, e.Path, e.Status, msg)
}

// StatusOf returns the HTTP status of a Jira error in err's chain, 0 when
// there is none (Jira unreachable, or not a Jira error).
func StatusOf(err error) int {
	var e *Error
	if errors.As(err, &e) {
		return e.Status
	}
	return 0
}

// IsNotFound reports whether Jira answered 404: an issue or project that
// does not exist, or that the user may not see (Jira does not tell those
// apart).
func IsNotFound(err error) bool { return StatusOf(err) == http.StatusNotFound }

// errorOf reads Jira's error body: {"errorMessages": [...], "errors":
// {"field": "message"}}. A body of another shape (a proxy's HTML page) is
// not echoed: only its status is kept.
func errorOf(method, path string, status int, body []byte) *Error {
	e := &Error{Method: method, Path: path, Status: status}
	var b struct {
		ErrorMessages []string          `json:"errorMessages"`
		Errors        map[string]string `json:"errors"`
	}
	if json.Unmarshal(body, &b) == nil {
		e.Messages = append(e.Messages, b.ErrorMessages...)
		fields := make([]string, 0, len(b.Errors))
		for f := range b.Errors {
			fields = append(fields, f)
		}
		sort.Strings(fields)
		for _, f := range fields {
			e.Messages = append(e.Messages, f+": "+b.Errors[f])
		}
	}
	return e
}
