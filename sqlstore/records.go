package sqlstore

import (
	"time"

	"github.com/wat-dev/wat"
)

// The records below are how domain values are kept as JSON: in milestone
// snapshots, and in the choices and discovery_config columns. They are the
// store's own, with explicit JSON names, so that renaming a domain field does
// not silently change (or lose) stored data. Empty lists and maps are left
// out and come back nil; times keep microseconds, as in the columns.

// discoveryRecord is a wat.DiscoveryConfig as stored.
type discoveryRecord struct {
	TrustedAdvisorIntegrationStatus string   `json:"trusted_advisor_integration_status,omitempty"`
	WorkloadResourceDefinition      []string `json:"workload_resource_definition,omitempty"`
}

func newDiscoveryRecord(c *wat.DiscoveryConfig) *discoveryRecord {
	if c == nil {
		return nil
	}
	return &discoveryRecord{c.TrustedAdvisorIntegrationStatus, c.WorkloadResourceDefinition}
}

func (r *discoveryRecord) domain() *wat.DiscoveryConfig {
	if r == nil {
		return nil
	}
	return &wat.DiscoveryConfig{
		TrustedAdvisorIntegrationStatus: r.TrustedAdvisorIntegrationStatus,
		WorkloadResourceDefinition:      nilIfEmpty(r.WorkloadResourceDefinition),
	}
}

// choiceRecord is a wat.ChoiceAnswer as stored.
type choiceRecord struct {
	Status string `json:"status,omitempty"`
	Reason string `json:"reason,omitempty"`
	Notes  string `json:"notes,omitempty"`
}

func newChoiceRecords(m map[string]wat.ChoiceAnswer) map[string]choiceRecord {
	if len(m) == 0 {
		return nil
	}
	out := make(map[string]choiceRecord, len(m))
	for id, c := range m {
		out[id] = choiceRecord(c)
	}
	return out
}

func choiceAnswers(m map[string]choiceRecord) map[string]wat.ChoiceAnswer {
	if len(m) == 0 {
		return nil
	}
	out := make(map[string]wat.ChoiceAnswer, len(m))
	for id, c := range m {
		out[id] = wat.ChoiceAnswer(c)
	}
	return out
}

// workloadRecord is a wat.Workload as a milestone snapshot keeps it.
type workloadRecord struct {
	ID                              string            `json:"id"`
	ARN                             string            `json:"arn"`
	AccountID                       string            `json:"account_id"`
	Name                            string            `json:"name"`
	Description                     string            `json:"description,omitempty"`
	Environment                     string            `json:"environment,omitempty"`
	AccountIDs                      []string          `json:"account_ids,omitempty"`
	AWSRegions                      []string          `json:"aws_regions,omitempty"`
	NonAWSRegions                   []string          `json:"non_aws_regions,omitempty"`
	ArchitecturalDesign             string            `json:"architectural_design,omitempty"`
	ReviewOwner                     string            `json:"review_owner,omitempty"`
	IsReviewOwnerUpdateAcknowledged bool              `json:"is_review_owner_update_acknowledged,omitempty"`
	IndustryType                    string            `json:"industry_type,omitempty"`
	Industry                        string            `json:"industry,omitempty"`
	PillarPriorities                []string          `json:"pillar_priorities,omitempty"`
	Notes                           string            `json:"notes,omitempty"`
	ImprovementStatus               string            `json:"improvement_status,omitempty"`
	Applications                    []string          `json:"applications,omitempty"`
	DiscoveryConfig                 *discoveryRecord  `json:"discovery_config,omitempty"`
	Lenses                          []string          `json:"lenses,omitempty"`
	Tags                            map[string]string `json:"tags,omitempty"`
	ProfileARN                      string            `json:"profile_arn,omitempty"`
	ProfileVersion                  int               `json:"profile_version,omitempty"`
	CreatedAt                       time.Time         `json:"created_at"`
	UpdatedAt                       time.Time         `json:"updated_at"`
}

func newWorkloadRecord(w *wat.Workload) *workloadRecord {
	if w == nil {
		return nil
	}
	return &workloadRecord{
		ID: w.ID, ARN: w.ARN, AccountID: w.AccountID, Name: w.Name,
		Description: w.Description, Environment: w.Environment,
		AccountIDs: w.AccountIDs, AWSRegions: w.AWSRegions, NonAWSRegions: w.NonAWSRegions,
		ArchitecturalDesign: w.ArchitecturalDesign, ReviewOwner: w.ReviewOwner,
		IsReviewOwnerUpdateAcknowledged: w.IsReviewOwnerUpdateAcknowledged,
		IndustryType:                    w.IndustryType, Industry: w.Industry,
		PillarPriorities: w.PillarPriorities, Notes: w.Notes, ImprovementStatus: w.ImprovementStatus,
		Applications: w.Applications, DiscoveryConfig: newDiscoveryRecord(w.DiscoveryConfig),
		Lenses: w.Lenses, Tags: w.Tags, ProfileARN: w.ProfileARN, ProfileVersion: w.ProfileVersion,
		CreatedAt: storedTime(w.CreatedAt), UpdatedAt: storedTime(w.UpdatedAt),
	}
}

func (r *workloadRecord) domain() *wat.Workload {
	if r == nil {
		return nil
	}
	return &wat.Workload{
		ID: r.ID, ARN: r.ARN, AccountID: r.AccountID, Name: r.Name,
		Description: r.Description, Environment: r.Environment,
		AccountIDs: r.AccountIDs, AWSRegions: r.AWSRegions, NonAWSRegions: r.NonAWSRegions,
		ArchitecturalDesign: r.ArchitecturalDesign, ReviewOwner: r.ReviewOwner,
		IsReviewOwnerUpdateAcknowledged: r.IsReviewOwnerUpdateAcknowledged,
		IndustryType:                    r.IndustryType, Industry: r.Industry,
		PillarPriorities: r.PillarPriorities, Notes: r.Notes, ImprovementStatus: r.ImprovementStatus,
		Applications: r.Applications, DiscoveryConfig: r.DiscoveryConfig.domain(),
		Lenses: r.Lenses, Tags: r.Tags, ProfileARN: r.ProfileARN, ProfileVersion: r.ProfileVersion,
		CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt,
	}
}

// lensReviewRecord is a wat.LensReview as a milestone snapshot keeps it; its
// workload is the milestone's.
type lensReviewRecord struct {
	LensARN     string            `json:"lens_arn"`
	LensVersion string            `json:"lens_version,omitempty"`
	Notes       string            `json:"notes,omitempty"`
	PillarNotes map[string]string `json:"pillar_notes,omitempty"`
	UpdatedAt   time.Time         `json:"updated_at"`
	Revision    int64             `json:"revision,omitempty"`
}

// answerRecord is a wat.Answer as a milestone snapshot keeps it; its
// workload is the milestone's.
type answerRecord struct {
	LensARN         string                  `json:"lens_arn"`
	QuestionID      string                  `json:"question_id"`
	SelectedChoices []string                `json:"selected_choices,omitempty"`
	Choices         map[string]choiceRecord `json:"choices,omitempty"`
	IsApplicable    bool                    `json:"is_applicable"`
	Reason          string                  `json:"reason,omitempty"`
	Notes           string                  `json:"notes,omitempty"`
	UpdatedAt       time.Time               `json:"updated_at"`
}

// snapshotRecord is what a milestone recorded.
type snapshotRecord struct {
	Workload    *workloadRecord    `json:"workload"`
	LensReviews []lensReviewRecord `json:"lens_reviews"`
	Answers     []answerRecord     `json:"answers"`
}

func newSnapshotRecord(m *wat.Milestone) snapshotRecord {
	s := snapshotRecord{Workload: newWorkloadRecord(m.Workload)}
	for _, r := range m.LensReviews {
		s.LensReviews = append(s.LensReviews, lensReviewRecord{
			r.LensARN, r.LensVersion, r.Notes, r.PillarNotes, storedTime(r.UpdatedAt), r.Revision,
		})
	}
	for _, a := range m.Answers {
		s.Answers = append(s.Answers, answerRecord{
			a.LensARN, a.QuestionID, a.SelectedChoices, newChoiceRecords(a.Choices),
			a.IsApplicable, a.Reason, a.Notes, storedTime(a.UpdatedAt),
		})
	}
	return s
}

// fill sets the recorded workload, lens reviews and answers of m, whose
// WorkloadID is set.
func (s *snapshotRecord) fill(m *wat.Milestone) {
	m.Workload = s.Workload.domain()
	for _, r := range s.LensReviews {
		m.LensReviews = append(m.LensReviews, &wat.LensReview{
			WorkloadID: m.WorkloadID, LensARN: r.LensARN, LensVersion: r.LensVersion,
			Notes: r.Notes, PillarNotes: r.PillarNotes, UpdatedAt: r.UpdatedAt, Revision: r.Revision,
		})
	}
	for _, a := range s.Answers {
		m.Answers = append(m.Answers, &wat.Answer{
			WorkloadID: m.WorkloadID, LensARN: a.LensARN, QuestionID: a.QuestionID,
			SelectedChoices: a.SelectedChoices, Choices: choiceAnswers(a.Choices),
			IsApplicable: a.IsApplicable, Reason: a.Reason, Notes: a.Notes, UpdatedAt: a.UpdatedAt,
		})
	}
}

func nilIfEmpty(l []string) []string {
	if len(l) == 0 {
		return nil
	}
	return l
}
