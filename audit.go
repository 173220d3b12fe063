package wat

import "time"

// AuditEvent is one entry of the append-only audit log: a mutating API call,
// allowed or denied, as CloudTrail would record it. Names, descriptions and
// notes are already masked in RequestParameters and ResponseElements.
type AuditEvent struct {
	ID                int64 // assigned by the store, increasing
	EventTime         time.Time
	EventName         string // the operation, "Unknown" for an unknown route
	AccountID         string // the caller's account; "" when unauthenticated
	UserARN           string
	UserName          string
	AccessKeyID       string
	SourceIPAddress   string
	UserAgent         string
	RequestID         string
	RequestParameters string // JSON object text; may be empty
	ResponseElements  string // JSON object text; empty for errors
	ErrorCode         string // the AWS error type; empty on success
	ErrorMessage      string
}

// AuditFilter selects audit events; zero fields match every event.
type AuditFilter struct {
	Since     time.Time
	AccountID string
	EventName string
}
