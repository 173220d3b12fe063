// Package service holds wat's use cases: every business rule of workloads,
// lens reviews, answers, risk, improvement plans, milestones and tags lives
// here, once. The AWS-compatible API, the console and the CLI all call these
// methods; storage adapters only persist what they decide.
package service

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"time"

	"github.com/wat-dev/wat"
	"github.com/wat-dev/wat/lens/catalog"
	"github.com/wat-dev/wat/report"
)

// Quotas, as AWS documents them.
const (
	MaxWorkloadsPerAccount   = 1000
	MaxLensesPerWorkload     = 20
	MaxMilestonesPerWorkload = 100
	MaxTagsPerResource       = 50
)

// Service implements the use cases over a Store.
type Service struct {
	store   wat.Store
	region  string
	lenses  *Catalog
	now     func() time.Time
	log     *slog.Logger
	auth    authCache
	answers answerCache
	// lensRisks caches the consolidated report's view of evaluated reviews.
	lensRisks lensRisksCache
	// reportFonts draw report PDFs (nil: the embedded fonts only).
	reportFonts *report.Fonts
	// policies caches users' compiled policies like auth caches their keys.
	policies policyCache
	// console holds the console's sessions cache and sign-in guard.
	console consoleState
	// catalog is the lens catalog; nil for the one embedded in wat.
	catalog *catalog.Catalog
	// jiraEvents hears of failed Jira syncs (SetJiraEvents); nil for none.
	jiraEvents JiraEvents
	// agentModel refines the Agent's recommendations (agent_refine.go);
	// nil, none is asked and nothing leaves the machine.
	agentModel agentModel
}

// Config carries the dependencies of a Service.
type Config struct {
	Store  wat.Store
	Region string
	Logger *slog.Logger
	// Now returns the current time; time.Now when nil.
	Now func() time.Time
	// AuthCacheTTL is how long a verified access key is reused without
	// reading it again: AuthCacheTTL when zero, no caching when negative.
	// Verified console sessions are cached for as long.
	AuthCacheTTL time.Duration
	// SessionTTL is the absolute lifetime of a console session:
	// SessionTTL when not positive.
	SessionTTL time.Duration
	// ReportFonts draw the reports' PDFs; the fonts embedded in report
	// alone when nil (see report/fontdir for those found on disk).
	ReportFonts *report.Fonts
	// LensCatalog is the catalog of lenses ready to install (catalog.Open
	// reads the embedded one and a team's folders); nil for the embedded
	// catalog alone, read when first used.
	LensCatalog *catalog.Catalog
	// AgentRefiner is the language model that refines the Agent's
	// recommendations; nil for the deterministic engine alone.
	AgentRefiner wat.AgentRefiner
	// AgentModelTimeout bounds one call of AgentRefiner:
	// DefaultAgentModelTimeout when not positive.
	AgentModelTimeout time.Duration
}

// New returns a Service.
func New(cfg Config) *Service {
	s := &Service{store: cfg.Store, region: cfg.Region, now: cfg.Now, log: cfg.Logger, reportFonts: cfg.ReportFonts, catalog: cfg.LensCatalog}
	if s.now == nil {
		s.now = time.Now
	}
	if s.log == nil {
		s.log = slog.Default()
	}
	s.auth.ttl = cfg.AuthCacheTTL
	if s.auth.ttl == 0 {
		s.auth.ttl = AuthCacheTTL
	}
	s.console.ttl = sessionTTL(cfg.SessionTTL)
	s.console.cache.ttl = s.auth.ttl
	s.lenses = NewCatalog()
	s.agentModel = agentModel{cfg.AgentRefiner, cfg.AgentModelTimeout}
	if s.agentModel.timeout <= 0 {
		s.agentModel.timeout = DefaultAgentModelTimeout
	}
	return s
}

// Region returns the region the service answers for.
func (s *Service) Region() string { return s.region }

// Lenses returns the lens catalog.
func (s *Service) Lenses() *Catalog { return s.lenses }

// Now returns the service's current time, truncated to milliseconds as stored.
func (s *Service) nowUTC() time.Time {
	return s.now().UTC().Truncate(time.Millisecond)
}

// caller returns the authenticated principal of ctx.
func caller(ctx context.Context) (*wat.Principal, error) {
	p := wat.PrincipalFromContext(ctx)
	if p == nil {
		return nil, &wat.Error{Code: wat.EUnauthenticated, Type: "MissingAuthenticationTokenException", Message: "Missing Authentication Token"}
	}
	return p, nil
}

// newID returns n random bytes as lowercase hex.
func newID(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic(fmt.Sprintf("crypto/rand: %v", err))
	}
	return hex.EncodeToString(b)
}

// workloadARN returns the ARN of a workload.
func (s *Service) workloadARN(accountID, id string) string {
	return fmt.Sprintf("arn:aws:wellarchitected:%s:%s:workload/%s", s.region, accountID, id)
}

func sprintf(format string, args ...any) string { return fmt.Sprintf(format, args...) }
