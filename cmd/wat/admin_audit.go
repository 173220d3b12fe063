package main

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"flag"
	"fmt"
	"strconv"
	"time"

	"github.com/wat-dev/wat"
	"github.com/wat-dev/wat/service"
)

// jsonLines is a result printed as one compact JSON value per line.
type jsonLines []any

// auditPage is how many events one read of the audit log fetches.
const auditPage = 500

// cloudTrailEvent is an audit event in the shape of a CloudTrail record.
type cloudTrailEvent struct {
	EventVersion      string          `json:"eventVersion"`
	EventTime         string          `json:"eventTime"`
	EventSource       string          `json:"eventSource"`
	EventName         string          `json:"eventName"`
	AwsRegion         string          `json:"awsRegion"`
	UserIdentity      userIdentity    `json:"userIdentity"`
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

type userIdentity struct {
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

func cloudTrail(e *wat.AuditEvent, region string) cloudTrailEvent {
	params := rawOrNull(e.RequestParameters)
	return cloudTrailEvent{
		EventVersion: "1.08",
		EventTime:    e.EventTime.UTC().Format(time.RFC3339),
		EventSource:  "wellarchitected.amazonaws.com",
		EventName:    e.EventName,
		AwsRegion:    region,
		UserIdentity: userIdentity{
			Type: "IAMUser", PrincipalID: e.AccessKeyID, ARN: e.UserARN, AccountID: e.AccountID,
			AccessKeyID: e.AccessKeyID, UserName: e.UserName,
		},
		SourceIPAddress:   e.SourceIPAddress,
		UserAgent:         e.UserAgent,
		RequestParameters: params,
		ResponseElements:  rawOrNull(e.ResponseElements),
		RequestID:         e.RequestID,
		EventID:           eventID(e.ID),
		EventType:         "AwsApiCall",
		ErrorCode:         e.ErrorCode,
		ErrorMessage:      e.ErrorMessage,
	}
}

// parseSince reads --since: an RFC 3339 time, or a duration back from now.
func parseSince(s string, now time.Time) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	if d, err := time.ParseDuration(s); err == nil && d > 0 {
		return now.Add(-d), nil
	}
	return time.Time{}, usagef("--since must be an RFC 3339 time or a duration like 24h, not %q", s)
}

func defineAudit(fs *flag.FlagSet) adminFunc {
	since := fs.String("since", "", "only events at or after this RFC 3339 time, or this long ago (24h)")
	account := fs.String("account", "", "only events of this account")
	eventName := fs.String("event-name", "", "only events of this operation (UpdateAnswer)")
	limit := fs.Int("limit", 0, "at most this many events (all when 0)")
	return func(ctx context.Context, svc *service.Service) (any, error) {
		from, err := parseSince(*since, time.Now())
		if err != nil {
			return nil, err
		}
		if *limit < 0 {
			return nil, usagef("--limit must not be negative")
		}
		f := wat.AuditFilter{Since: from, AccountID: *account, EventName: *eventName}
		out := jsonLines{}
		var after int64
		for *limit == 0 || len(out) < *limit {
			n := auditPage
			if *limit > 0 {
				n = min(n, *limit-len(out))
			}
			es, err := svc.ListAuditEvents(ctx, f, after, n)
			if err != nil {
				return nil, err
			}
			for _, e := range es {
				out = append(out, cloudTrail(e, svc.Region()))
				after = e.ID
			}
			if len(es) < n {
				break
			}
		}
		return out, nil
	}
}
