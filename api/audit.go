package api

import (
	"bytes"
	"encoding/json"
	"net"
	"net/http"
	"runtime/debug"
	"strings"
	"time"

	"github.com/wat-dev/wat"
	"github.com/wat-dev/wat/api/wire"
)

// exchange is what one request did, as the audit log records it.
type exchange struct {
	op           string // "" until routed
	labels       map[string]string
	body         []byte
	accessKeyID  string         // the key the request was signed with, if any
	principal    *wat.Principal // nil unless authenticated
	response     []byte         // the success response's body
	errorCode    string
	errorMessage string

	source     string // the client's address (sourceAddress)
	authFailed bool   // the credentials were refused: counted by AuthFailures
	responded  bool   // the success response has begun: an error can no longer be sent
}

// unknownEvent names the events of requests that match no route; their
// parameters are not recorded.
const unknownEvent = "Unknown"

// auditTimeout bounds the audit write of a request whose client has gone.
const auditTimeout = 10 * time.Second

// isReadOnly reports whether an operation only reads: its calls are not
// audited.
func isReadOnly(op string) bool {
	return strings.HasPrefix(op, "Get") || strings.HasPrefix(op, "List") || op == "ExportLens"
}

// audit records x in the audit log when the operation mutates, whether it
// succeeded or not. A failure to write is logged and does not change the
// response (already written); nor does a panic while the record is made,
// which leaves a record without parameters rather than none.
func (s *Server) audit(r *http.Request, requestID string, start time.Time, x *exchange) {
	if s.Audit == nil {
		return
	}
	defer func() {
		if v := recover(); v != nil {
			s.log.Error("panic writing the audit log", "request_id", requestID, "panic", v, "stack", string(debug.Stack()))
		}
	}()
	e := s.auditEvent(r, requestID, start, x)
	if e == nil {
		return
	}
	s.appendAudit(requestID, e)
}

// auditEvent is the record of x, or nil for a call the log does not keep
// (a read).
func (s *Server) auditEvent(r *http.Request, requestID string, start time.Time, x *exchange) (e *wat.AuditEvent) {
	name, labels := x.op, x.labels
	if name == "" { // failed before routing: authentication, body, throttling
		if op, l, err := s.router.Match(r.Method, r.URL.EscapedPath()); err == nil {
			name, labels = op.Name, l
		} else if op, l, err := s.ext.Match(r.Method, r.URL.EscapedPath()); err == nil {
			name, labels = op.Name, l
		} else if r.Method == http.MethodGet || r.Method == http.MethodHead {
			return nil // a read of nothing: not a mutating call
		} else {
			name = unknownEvent
		}
	}
	if isReadOnly(name) {
		return nil
	}
	e = &wat.AuditEvent{
		EventTime:       start,
		EventName:       name,
		AccessKeyID:     x.accessKeyID,
		SourceIPAddress: x.source,
		UserAgent:       r.UserAgent(),
		RequestID:       requestID,
		ErrorCode:       x.errorCode,
		ErrorMessage:    x.errorMessage,
	}
	if p := x.principal; p != nil {
		e.AccountID, e.UserARN, e.UserName, e.AccessKeyID = p.AccountID, p.UserARN, p.UserName, p.AccessKeyID
	}
	// The parameters of a caller nobody vouches for are not kept: whoever
	// can reach the server could otherwise write what they like, as much as
	// they like, into the log.
	if name == unknownEvent || x.principal == nil {
		return e
	}
	defer func() {
		if v := recover(); v != nil {
			s.log.Error("panic recording the request parameters", "request_id", requestID, "operation", name,
				"panic", v, "stack", string(debug.Stack()))
			e.RequestParameters, e.ResponseElements = "", ""
		}
	}()
	e.RequestParameters = requestParameters(labels, r.URL.Query(), x.body)
	if x.errorCode == "" && len(x.response) > 0 {
		e.ResponseElements = maskedOwnJSON(x.response)
	}
	return e
}

// appendAudit hands e, cut to the caps of audit_limits.go, to the audit
// writer (audit_writer.go), which writes it with the event telling it to
// the account's webhook subscriptions (events.go) in one transaction, batched
// with other requests' records. The response does not wait for that commit;
// a reader of the audit log in this process does (AuditBarrier). The record
// is written when the client has gone too: it is of what was done, not of
// who waited for it.
func (s *Server) appendAudit(requestID string, e *wat.AuditEvent) {
	limitEvent(e)
	s.auditWriter().enqueue(requestID, e)
}

// auditWriter is the writer of s.Audit, started on first use.
func (s *Server) auditWriter() *auditWriter {
	s.auditOnce.Do(func() { s.auditW = newAuditWriter(s.Audit, s.svc.Region(), s.log, auditQueueSize) })
	return s.auditW
}

// AuditBarrier returns once every audit record this server queued before
// the call is written (or its failure logged). Whatever reads the audit log
// in the same process calls it first, so that a call's record is seen as
// soon as its response has been: New registers it with the service, whose
// readers (the console's audit endpoint, wat admin audit) call it.
func (s *Server) AuditBarrier() {
	if s.Audit != nil {
		s.auditWriter().barrier()
	}
}

// Close writes the audit records still queued and stops their writer. Call
// it after the HTTP server's Shutdown and before closing the store; a
// request still finishing afterwards writes its own record.
func (s *Server) Close() error {
	if s.Audit != nil {
		s.auditWriter().close()
	}
	return nil
}

// remoteHost is the host of a RemoteAddr, or all of it when it has no port.
func remoteHost(addr string) string {
	if host, _, err := net.SplitHostPort(addr); err == nil {
		return host
	}
	return addr
}

// requestParameters is the request as one masked JSON object keyed by member
// name: the JSON body's members, then the query's and the path labels'.
// Query parameters are keyed by their wire name, which for this API's
// mutating operations is the member name. encodeParameters
// (audit_params.go) writes it from the body's text; what that does not
// handle is decoded, masked and encoded again.
func requestParameters(labels map[string]string, query map[string][]string, body []byte) string {
	if out, ok := encodeParameters(labels, query, body); ok {
		return out
	}
	return decodedParameters(labels, query, body)
}

// decodedParameters is requestParameters by way of maps of interfaces: a
// body that is not a JSON object (or not JSON) records no member.
func decodedParameters(labels map[string]string, query map[string][]string, body []byte) string {
	params := map[string]any{}
	if len(bytes.TrimSpace(body)) > 0 {
		var m map[string]any
		// A body of null decodes into a nil map without an error.
		if json.Unmarshal(body, &m) == nil && m != nil {
			params = m
		}
	}
	for k, v := range query {
		if len(v) == 1 {
			params[k] = v[0]
		} else {
			params[k] = v
		}
	}
	for k, v := range labels {
		params[k] = v
	}
	mask(params)
	b, _ := json.Marshal(params)
	return string(b)
}

// maskedOwnJSON returns a response body this server encoded with
// json.Marshal (serve, reviews_encoded.go), a JSON object, with its secret
// members masked. Being valid by construction, it is not checked again:
// maskValid copies it in one pass; what that copy does not expect (a key
// with an escape, a tag key "a<b" for one) is decoded, masked and encoded
// again.
func maskedOwnJSON(b []byte) string {
	if b[0] == '{' {
		if out, ok := maskValid(b); ok {
			return out
		}
	}
	var m map[string]any
	if json.Unmarshal(b, &m) != nil {
		return ""
	}
	mask(m)
	out, _ := json.Marshal(m)
	return string(out)
}

// masked is what the audit log shows instead of a name, description or notes.
const masked = "****"

// isMasked reports whether a member holds what users write about their
// workloads (names, descriptions, notes, the review owner), a whole lens
// document (up to 500 KB) or anything else the model marks sensitive (the
// Agent's titles, overviews and reasons), which the audit log does not keep.
func isMasked(member string) bool {
	if wire.IsSensitiveMember(member) {
		return true
	}
	// The Agent's members are camelCase: its "name" is masked as WorkloadName
	// is. The name is compared as if capitalised, without making that copy
	// (it is asked of every member of every record).
	return capitalSuffix(member, "Name") || capitalSuffix(member, "Description") ||
		capitalSuffix(member, "Notes") || capitalEqual(member, "ReviewOwner") || capitalEqual(member, "JSONString")
}

// capitalSuffix reports whether member, its first byte capitalised by
// strings.ToUpper, ends in suffix (ASCII, capitalised). Capitalising
// touches the first byte only (one that begins a longer character becomes
// U+FFFD, in which no ASCII suffix ends), so it matters only when suffix
// is as long as member.
func capitalSuffix(member, suffix string) bool {
	if n := len(member) - len(suffix); n != 0 {
		return n > 0 && member[n:] == suffix
	}
	return capitalEqual(member, suffix)
}

// capitalEqual reports whether member, its first letter capitalised, is s
// (ASCII, capitalised).
func capitalEqual(member, s string) bool {
	if len(member) != len(s) || member == "" {
		return false
	}
	c := member[0]
	if 'a' <= c && c <= 'z' {
		c -= 'a' - 'A'
	}
	return c == s[0] && member[1:] == s[1:]
}

// isBulk reports whether a member holds a whole scan (the Rules and
// Problems of PutWorkloadEvidence, up to megabytes of resource names and
// paths) or a question's choices as its lens defines them (an answer's
// Choices: each choice's title and guidance, 8–9 KB for a framework
// question, none of it the caller's doing — what the call chose is in
// SelectedChoices and ChoiceAnswers): the audit log keeps only how many
// entries it has.
func isBulk(member string) bool {
	return member == "Rules" || member == "Problems" || member == "Choices"
}

// mask replaces, recursively, the values of masked members by "****"; a
// masked member holding a map or list keeps its shape with every value
// masked (PillarNotes keeps its pillar ids). A bulk member's list becomes
// its length; a masked URL member's string keeps its scheme and host only
// (audit_mask_url.go).
func mask(v any) {
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			if list, ok := x.([]any); ok && isBulk(k) {
				v[k] = len(list)
			} else if isMasked(k) {
				v[k] = maskAll(x)
			} else if u, ok := x.(string); ok && isMaskedURL(k) {
				v[k] = maskURL(u)
			} else {
				mask(x)
			}
		}
	case []any:
		for _, x := range v {
			mask(x)
		}
	}
}

// maskAll masks every value inside v.
func maskAll(v any) any {
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			v[k] = maskAll(x)
		}
		return v
	case []any:
		for i, x := range v {
			v[i] = maskAll(x)
		}
		return v
	case nil:
		return nil
	}
	return masked
}
