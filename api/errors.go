package api

import (
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"

	"github.com/wat-dev/wat"
)

// errorKinds maps each domain error code to its HTTP status and AWS error type.
var errorKinds = map[wat.ErrorCode]struct {
	status int
	typ    string
}{
	wat.EInvalid:         {http.StatusBadRequest, "ValidationException"},
	wat.ENotFound:        {http.StatusNotFound, "ResourceNotFoundException"},
	wat.EConflict:        {http.StatusConflict, "ConflictException"},
	wat.EForbidden:       {http.StatusForbidden, "AccessDeniedException"},
	wat.EUnauthenticated: {http.StatusForbidden, "AccessDeniedException"},
	wat.EQuota:           {http.StatusPaymentRequired, "ServiceQuotaExceededException"},
	wat.EThrottled:       {http.StatusTooManyRequests, "ThrottlingException"},
	wat.ENotImplemented:  {http.StatusNotImplemented, "NotImplementedException"},
	wat.EInternal:        {http.StatusInternalServerError, "InternalServerException"},
	// The model defines no shape for it. The SDKs retry a 503 whatever its
	// type, so a client rides out a database restart instead of failing.
	wat.EUnavailable: {http.StatusServiceUnavailable, "ServiceUnavailableException"},
}

// internalError is what a client is told of an error it cannot act on.
func internalError(requestID string) *wat.Error {
	return &wat.Error{Code: wat.EInternal, Message: "An internal error occurred. Quote request id " + requestID + " when reporting it."}
}

// errorBody is the JSON body of an error response: Message and the members
// of the AWS error shape.
type errorBody struct {
	Message      string           `json:"Message"`
	Reason       string           `json:"Reason,omitempty"`
	Fields       []fieldErrorBody `json:"Fields,omitempty"`
	ResourceID   string           `json:"ResourceId,omitempty"`
	ResourceType string           `json:"ResourceType,omitempty"`
	QuotaCode    string           `json:"QuotaCode,omitempty"`
	ServiceCode  string           `json:"ServiceCode,omitempty"`
}

type fieldErrorBody struct {
	Name    string `json:"Name"`
	Message string `json:"Message"`
}

// writeError writes err as an AWS error response. Errors that are not a
// *wat.Error are internal: their cause is logged with the request id and the
// client gets a generic message. An unavailable database's cause is logged
// too: the client's message is generic, and the operator needs the driver's
// words. It returns the error type and message written.
func writeError(w http.ResponseWriter, log *slog.Logger, requestID, op string, err error) (typ, message string) {
	var e *wat.Error
	if !errors.As(err, &e) || errorKinds[e.Code].typ == "" {
		log.Error("internal error", "request_id", requestID, "operation", op, "err", err)
		e = internalError(requestID)
	} else if e.Code == wat.EUnavailable {
		log.Error("service unavailable", "request_id", requestID, "operation", op, "err", err)
	}
	kind := errorKinds[e.Code]
	typ = kind.typ
	if e.Type != "" {
		typ = e.Type
	}
	body := errorBody{
		Message:      e.Message,
		Reason:       e.Reason,
		ResourceID:   e.ResourceID,
		ResourceType: e.ResourceType,
		QuotaCode:    e.QuotaCode,
		ServiceCode:  e.ServiceCode,
	}
	if e.Code == wat.EInvalid && body.Reason == "" {
		body.Reason = wat.ReasonOther
	}
	for _, f := range e.Fields {
		body.Fields = append(body.Fields, fieldErrorBody(f))
	}
	b, _ := json.Marshal(body)
	h := w.Header()
	h.Set("Content-Type", "application/json")
	h.Set("X-Amzn-ErrorType", typ)
	w.WriteHeader(kind.status)
	w.Write(b)
	return typ, e.Message
}
