package api

import (
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"github.com/wat-dev/wat"
)

// CloudTrailEvent is an audit event in the shape of a CloudTrail record, as
// `wat admin audit` prints it and the console's audit page lists it.
type CloudTrailEvent struct {
	EventVersion      string          `json:"eventVersion"`
	EventTime         string          `json:"eventTime"`
	EventSource       string          `json:"eventSource"`
	EventName         string          `json:"eventName"`
	AwsRegion         string          `json:"awsRegion"`
	UserIdentity      UserIdentity    `json:"userIdentity"`
	SourceIPAddress   string          `json:"sourceIPAddress"`
	UserAgent         string          `json:"userAgent"`
	RequestParameters json.RawMessage `json:"requestParameters"`
	ResponseElements  json.RawMessage `json:"responseElements"`
	RequestID         string          `json:"requestID"`
	EventID           string          `json:"eventID"`
	ReadOnly          bool            `json:"readOnly"`
	EventType         string          `json:"eventType"`
	ErrorCode         string          `json:"errorCode,omitempty"`
	ErrorMessage      string          `json:"errorMessage,omitempty"`
}

// UserIdentity is who made the call of a CloudTrailEvent.
type UserIdentity struct {
	Type        string `json:"type"`
	PrincipalID string `json:"principalId"`
	ARN         string `json:"arn"`
	AccountID   string `json:"accountId"`
	AccessKeyID string `json:"accessKeyId"`
	UserName    string `json:"userName"`
}

// rawOrNull is stored JSON text, or null when there is none.
func rawOrNull(text string) json.RawMessage {
	if text == "" {
		return json.RawMessage("null")
	}
	return json.RawMessage(text)
}

// eventID derives a stable, UUID-shaped id from an event's row id.
func eventID(id int64) string {
	h := sha256.Sum256([]byte("wat-audit-event:" + strconv.FormatInt(id, 10)))
	return fmt.Sprintf("%x-%x-%x-%x-%x", h[0:4], h[4:6], h[6:8], h[8:10], h[10:16])
}

// CloudTrailRecord returns e in CloudTrail's shape for region. A console
// sign-in is, as in CloudTrail, a sign-in event rather than an API call.
func CloudTrailRecord(e *wat.AuditEvent, region string) CloudTrailEvent {
	source, typ := "wellarchitected.amazonaws.com", "AwsApiCall"
	if e.EventName == consoleLoginEvent {
		source, typ = "signin.amazonaws.com", "AwsConsoleSignIn"
	}
	return CloudTrailEvent{
		EventVersion: "1.08",
		EventTime:    e.EventTime.UTC().Format(time.RFC3339),
		EventSource:  source,
		EventName:    e.EventName,
		AwsRegion:    region,
		UserIdentity: UserIdentity{
			Type: "IAMUser", PrincipalID: e.AccessKeyID, ARN: e.UserARN, AccountID: e.AccountID,
			AccessKeyID: e.AccessKeyID, UserName: e.UserName,
		},
		SourceIPAddress:   e.SourceIPAddress,
		UserAgent:         e.UserAgent,
		RequestParameters: rawOrNull(e.RequestParameters),
		ResponseElements:  rawOrNull(e.ResponseElements),
		RequestID:         e.RequestID,
		EventID:           eventID(e.ID),
		EventType:         typ,
		ErrorCode:         e.ErrorCode,
		ErrorMessage:      e.ErrorMessage,
	}
}
