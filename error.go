package wat

import (
	"errors"
	"fmt"
)

// ErrorCode classifies an Error. Each code maps to exactly one HTTP status and
// AWS error type in the api package.
type ErrorCode string

// The error taxonomy shared by every layer.
const (
	EInvalid         ErrorCode = "invalid"         // ValidationException, 400
	ENotFound        ErrorCode = "not_found"       // ResourceNotFoundException, 404
	EConflict        ErrorCode = "conflict"        // ConflictException, 409
	EForbidden       ErrorCode = "forbidden"       // AccessDeniedException, 403
	EUnauthenticated ErrorCode = "unauthenticated" // signature problems, 403
	EQuota           ErrorCode = "quota_exceeded"  // ServiceQuotaExceededException, 402
	EThrottled       ErrorCode = "throttled"       // ThrottlingException, 429
	EUnavailable     ErrorCode = "unavailable"     // ServiceUnavailableException, 503: the database cannot be reached; worth retrying
	ENotImplemented  ErrorCode = "not_implemented" // NotImplementedException, 501
	EInternal        ErrorCode = "internal"        // InternalServerException, 500
)

// Validation reasons, as the API's ValidationExceptionReason enum spells them.
const (
	ReasonFieldValidationFailed = "FIELD_VALIDATION_FAILED"
	ReasonCannotParse           = "CANNOT_PARSE"
	ReasonUnknownOperation      = "UNKNOWN_OPERATION"
	ReasonOther                 = "OTHER"
)

// FieldError names one invalid input field and what is wrong with it.
type FieldError struct {
	Name    string // the wire member path, e.g. "WorkloadName" or "ChoiceUpdates.x.Reason"
	Message string
}

// Error is the one error type that crosses layers. Its Message is safe to
// show to a client; anything else (driver errors, bugs) is wrapped as EInternal
// by the API and never shown.
type Error struct {
	Code    ErrorCode
	Message string

	// Type overrides the AWS error type written on the wire (for example
	// "InvalidSignatureException" for an EUnauthenticated error).
	Type string

	// Reason and Fields describe an EInvalid error.
	Reason string
	Fields []FieldError

	// ResourceID and ResourceType describe an ENotFound, EConflict or EQuota error.
	ResourceID   string
	ResourceType string

	// QuotaCode and ServiceCode describe an EQuota or EThrottled error.
	QuotaCode   string
	ServiceCode string
}

func (e *Error) Error() string {
	return fmt.Sprintf("%s: %s", e.Code, e.Message)
}

// Errorf returns an Error of the given code with a formatted message.
func Errorf(code ErrorCode, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// Invalid returns an EInvalid error for one field.
func Invalid(field, format string, args ...any) *Error {
	msg := fmt.Sprintf(format, args...)
	return &Error{
		Code:    EInvalid,
		Message: msg,
		Reason:  ReasonFieldValidationFailed,
		Fields:  []FieldError{{Name: field, Message: msg}},
	}
}

// NotFound returns an ENotFound error naming the missing resource.
func NotFound(resourceType, id, format string, args ...any) *Error {
	return &Error{Code: ENotFound, Message: fmt.Sprintf(format, args...), ResourceType: resourceType, ResourceID: id}
}

// Conflict returns an EConflict error naming the resource in conflict.
func Conflict(resourceType, id, format string, args ...any) *Error {
	return &Error{Code: EConflict, Message: fmt.Sprintf(format, args...), ResourceType: resourceType, ResourceID: id}
}

// QuotaExceeded returns an EQuota error naming the quota.
func QuotaExceeded(resourceType, quotaCode, format string, args ...any) *Error {
	return &Error{Code: EQuota, Message: fmt.Sprintf(format, args...), ResourceType: resourceType, QuotaCode: quotaCode, ServiceCode: "wellarchitected"}
}

// ErrorCodeOf returns the code of err's first *Error, or EInternal when err
// carries none.
func ErrorCodeOf(err error) ErrorCode {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EInternal
}
