package wat

import (
	"fmt"
	"slices"
	"time"
)

// The Well-Architected Agent generates recommendations for the workloads an
// Agent profile selects. A profile is its configuration: the pillars it
// works on, the accounts and Regions whose workloads it covers (its scope,
// the model's AggregationConfiguration), the goals it pursues and the
// contexts that describe the applications it looks at. Goals and contexts
// belong to one profile and go with it.
//
// An Agent profile is not a Profile (profile.go): that one prioritises a
// workload's questions; this one steers the Agent.

// AgentPillar is a pillar as the Agent names it.
type AgentPillar string

// The Agent's pillars. It has no sustainability pillar.
const (
	AgentPillarOperationalExcellence AgentPillar = "OPERATIONAL_EXCELLENCE"
	AgentPillarSecurity              AgentPillar = "SECURITY"
	AgentPillarResilience            AgentPillar = "RESILIENCE"
	AgentPillarPerformance           AgentPillar = "PERFORMANCE"
	AgentPillarCostOptimization      AgentPillar = "COST_OPTIMIZATION"
)

// agentFrameworkPillars maps each Agent pillar to the framework pillar it
// is: RESILIENCE is the framework's reliability, PERFORMANCE its
// performance efficiency; the others keep their names.
var agentFrameworkPillars = map[AgentPillar]string{
	AgentPillarOperationalExcellence: "operationalExcellence",
	AgentPillarSecurity:              "security",
	AgentPillarResilience:            "reliability",
	AgentPillarPerformance:           "performance",
	AgentPillarCostOptimization:      "costOptimization",
}

// FrameworkPillarID returns the id of the framework pillar p is
// ("reliability" for RESILIENCE); false for a name the Agent does not have.
func (p AgentPillar) FrameworkPillarID() (string, bool) {
	id, ok := agentFrameworkPillars[p]
	return id, ok
}

// AgentProfile is the Agent's configuration for one purpose, owned by an
// account.
type AgentProfile struct {
	// ARN is arn:aws:wellarchitected:REGION:ACCOUNT:agent-profile/ID, ID 32
	// hex digits.
	ARN       string
	AccountID string // the owner account
	// Name is the system name, unique (by NameKey) in the account; it
	// never changes.
	Name             string
	DisplayName      string // "" for none
	Description      string // "" for none
	BusinessOverview string // "" for none
	// ExecutionRoleARN and the scope's AccessRoleARNs are kept and shown
	// so that a configuration written for AWS reads back unchanged; wat
	// assumes no role: it reads only what its own database holds.
	ExecutionRoleARN   string
	Pillars            []AgentPillar
	Scope              []AgentScope
	DeletionProtection bool
	Tags               map[string]string
	CreatedAt          time.Time
	CreatedBy          string // the ARN of the user who created it
	UpdatedAt          time.Time
	UpdatedBy          string
}

// AgentScope is one entry of a profile's scope: an account and the Regions
// of it whose workloads the profile covers.
type AgentScope struct {
	AccountID     string
	Regions       []string
	AccessRoleARN string
}

// Missing returns the fields a profile lacks to be complete, named by
// their wire paths. The model lets a profile be saved without them (its
// lists may be empty, its role ARNs ""), so that a profile can be written
// in steps; the Agent cannot work on it until they are given. A profile is
// complete when it has an execution role, at least one pillar, and a scope
// whose every entry names an account, at least one Region and an access
// role.
func (p *AgentProfile) Missing() []FieldError {
	var out []FieldError
	add := func(name, msg string) { out = append(out, FieldError{Name: name, Message: msg}) }
	if p.ExecutionRoleARN == "" {
		add("executionRoleArn", "The execution role ARN is missing")
	}
	if len(p.Pillars) == 0 {
		add("pillars", "Select at least one pillar")
	}
	if len(p.Scope) == 0 {
		add("aggregationConfiguration", "Add an aggregation configuration: an account and the Regions whose workloads the profile covers")
	}
	for i, e := range p.Scope {
		at := fmt.Sprintf("aggregationConfiguration[%d].", i)
		if e.AccountID == "" {
			add(at+"accountId", "The account ID is missing")
		}
		if len(e.Regions) == 0 {
			add(at+"regions", "Name at least one Region")
		}
		if e.AccessRoleARN == "" {
			add(at+"accessRoleArn", "The access role ARN is missing")
		}
	}
	return out
}

// Selects reports whether the profile's scope covers workload w: an entry
// names one of w's accounts (its AccountIDs, or its owner account when it
// lists none) and one of its AWS Regions. A workload with no AWS Region is
// never selected.
func (p *AgentProfile) Selects(w *Workload) bool {
	accounts := w.AccountIDs
	if len(accounts) == 0 {
		accounts = []string{w.AccountID}
	}
	for _, e := range p.Scope {
		if e.AccountID == "" || !slices.Contains(accounts, e.AccountID) {
			continue
		}
		for _, r := range w.AWSRegions {
			if slices.Contains(e.Regions, r) {
				return true
			}
		}
	}
	return false
}

// AgentGoal is an objective of a profile, on some of its pillars.
type AgentGoal struct {
	ProfileARN  string
	ID          string // 32 hex digits
	Title       string
	Description string // "" for none
	Pillars     []AgentPillar
	CreatedAt   time.Time
	CreatedBy   string
	UpdatedAt   time.Time
	UpdatedBy   string
}

// AgentContextApplication is the one type of context the model has: an
// application's description.
const AgentContextApplication = "APPLICATION"

// AgentContext describes, for a profile, an application and where it runs.
type AgentContext struct {
	ProfileARN string
	ID         string // 32 hex digits
	Type       string // AgentContextApplication
	Title      string
	Content    AgentContextContent
	CreatedAt  time.Time
	CreatedBy  string
	UpdatedAt  time.Time
	UpdatedBy  string
}

// AgentContextContent is what a context says; every part is optional.
type AgentContextContent struct {
	AccountIDs           []string
	Regions              []string
	AWSServices          []string
	ResourceTypes        []string
	ResourceTags         []AgentResourceTag
	ApplicationType      string // DESKTOP_APPLICATION, SAS or OTHER; "" for none
	Criticality          string // MISSION_CRITICAL, BUSINESS_CRITICAL, NON_CRITICAL or TEST_DEVELOPMENT; "" for none
	ApplicationOverview  string
	ArchitectureOverview string
	AdditionalContext    string
	Industry             string
}

// AgentResourceTag is a resource tag a context's application is found by.
type AgentResourceTag struct {
	Key, Value string
}
