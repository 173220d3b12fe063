package api

import (
	"encoding/json"

	"github.com/wat-dev/wat"
)

// apiCallEvent is the outbound event of an audited call, as EventBridge
// delivers the CloudTrail records of this service: source
// aws.wellarchitected, detail-type "AWS API Call via CloudTrail", the
// record (masked as the audit log is) as its detail and its event id as
// the event's. A call refused before anyone was authenticated has no
// account, and so no event.
func apiCallEvent(e *wat.AuditEvent, region string) *wat.Event {
	rec := CloudTrailRecord(e, region)
	detail, err := json.Marshal(rec)
	if err != nil {
		detail = nil // the envelope then carries an empty detail
	}
	return &wat.Event{
		ID: rec.EventID, AccountID: e.AccountID, Source: wat.EventSourceAWS, DetailType: wat.EventAPICall,
		Time: e.EventTime, Region: region, Detail: detail,
	}
}
