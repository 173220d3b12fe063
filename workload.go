package wat

import "time"

// Workload environments.
const (
	EnvironmentProduction    = "PRODUCTION"
	EnvironmentPreproduction = "PREPRODUCTION"
)

// Improvement statuses of a workload.
const (
	ImprovementNotApplicable    = "NOT_APPLICABLE"
	ImprovementNotStarted       = "NOT_STARTED"
	ImprovementInProgress       = "IN_PROGRESS"
	ImprovementComplete         = "COMPLETE"
	ImprovementRiskAcknowledged = "RISK_ACKNOWLEDGED"
)

// Workload is a system under review: its properties, the lenses applied to it
// and its tags. Answers live in lens reviews, not here.
type Workload struct {
	ID        string // 32 lowercase hex digits
	ARN       string
	AccountID string // the owner account
	Name      string
	// Description is 3–250 characters.
	Description                     string
	Environment                     string
	AccountIDs                      []string
	AWSRegions                      []string
	NonAWSRegions                   []string
	ArchitecturalDesign             string
	ReviewOwner                     string
	IsReviewOwnerUpdateAcknowledged bool
	IndustryType                    string
	Industry                        string
	PillarPriorities                []string
	Notes                           string
	ImprovementStatus               string
	Applications                    []string
	DiscoveryConfig                 *DiscoveryConfig
	// Lenses are the ARNs of the lenses currently applied, in application order.
	Lenses []string
	// ProfileARN is the profile associated with the workload ("" for none;
	// a workload has at most one) and ProfileVersion the version of it
	// the workload uses.
	ProfileARN     string
	ProfileVersion int
	Tags           map[string]string
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

// DiscoveryConfig is the workload's resource-discovery setting.
type DiscoveryConfig struct {
	TrustedAdvisorIntegrationStatus string
	WorkloadResourceDefinition      []string
}

// HasLens reports whether the lens with the given ARN is applied to w.
func (w *Workload) HasLens(arn string) bool {
	for _, l := range w.Lenses {
		if l == arn {
			return true
		}
	}
	return false
}
