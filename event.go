package wat

import (
	"encoding/json"
	"time"
)

// Outbound events: what wat tells the systems a team automates with, in the
// shape Amazon EventBridge delivers for this service. Every mutating API
// call is one, its detail the audit record in CloudTrail's shape (masked
// as the audit log is); wat adds its own detail-types for what people
// automate on. Events are written to an outbox in the transaction of what
// they tell, and delivered to the account's webhook subscriptions.

// EventSourceAWS is the source of the events of API calls, as AWS's.
const EventSourceAWS = "aws.wellarchitected"

// EventSourceWat is the source of wat's own detail-types.
const EventSourceWat = "wat.wellarchitected"

// The detail-types of events.
const (
	// EventAPICall is a mutating API call, as EventBridge names CloudTrail's.
	EventAPICall = "AWS API Call via CloudTrail"
	// EventRiskChanged is a question's or a workload's risk that changed.
	EventRiskChanged = "Well-Architected Risk Changed"
	// EventMilestoneCreated is a milestone recorded.
	EventMilestoneCreated = "Well-Architected Milestone Created"
	// EventLensUpgradeAvailable is a new version of a lens a review is
	// pinned below.
	EventLensUpgradeAvailable = "Well-Architected Lens Upgrade Available"
	// EventEvidenceUploaded is a scan's evidence uploaded to a review.
	EventEvidenceUploaded = "Well-Architected Scan Evidence Uploaded"
	// EventRecommendationsCompleted is an Agent generation that ended.
	EventRecommendationsCompleted = "Well-Architected Recommendation Generation Completed"
	// EventJiraSyncFailed is a Jira sync that gave up.
	EventJiraSyncFailed = "Well-Architected Jira Sync Failed"
	// EventWebhookDisabled is a subscription disabled after its deliveries
	// kept failing.
	EventWebhookDisabled = "Well-Architected Webhook Subscription Disabled"
)

// EventDetailTypes are the detail-types a subscription's filter may name.
var EventDetailTypes = []string{
	EventAPICall, EventRiskChanged, EventMilestoneCreated, EventLensUpgradeAvailable,
	EventEvidenceUploaded, EventRecommendationsCompleted, EventJiraSyncFailed, EventWebhookDisabled,
}

// Event is one outbound event of an account.
type Event struct {
	ID         string // unique, UUID-shaped
	AccountID  string
	Source     string
	DetailType string
	Time       time.Time
	Region     string
	Resources  []string // ARNs the event is about
	Detail     json.RawMessage
}

// envelope is an Event as EventBridge serialises it.
type envelope struct {
	Version    string          `json:"version"`
	ID         string          `json:"id"`
	DetailType string          `json:"detail-type"`
	Source     string          `json:"source"`
	Account    string          `json:"account"`
	Time       string          `json:"time"`
	Region     string          `json:"region"`
	Resources  []string        `json:"resources"`
	Detail     json.RawMessage `json:"detail"`
}

// Envelope returns e as EventBridge delivers it to a target: version 0,
// id, detail-type, source, account, time, region, resources, detail.
func (e *Event) Envelope() []byte {
	env := envelope{Version: "0", ID: e.ID, DetailType: e.DetailType, Source: e.Source, Account: e.AccountID,
		Time: e.Time.UTC().Format(time.RFC3339), Region: e.Region, Resources: e.Resources, Detail: e.Detail}
	if env.Resources == nil {
		env.Resources = []string{}
	}
	if len(env.Detail) == 0 {
		env.Detail = json.RawMessage("{}")
	}
	b, err := json.Marshal(env)
	if err != nil { // only a Detail that is not JSON
		env.Detail = json.RawMessage("{}")
		b, _ = json.Marshal(env)
	}
	return b
}
