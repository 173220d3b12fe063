package wire

// The shapes of wat's own evidence operations, which the AWS model does not
// have (their handlers are in package api, evidence.go): written by hand in
// the model's style — members named as on the wire, pointers for optional
// scalars — so that `wat scan --workload` and the server share them.

// The URIs of the evidence operations.
const (
	PutWorkloadEvidenceURI = "/workloads/{WorkloadId}/lensReviews/{LensAlias}/evidence"
	GetSuggestedAnswersURI = "/workloads/{WorkloadId}/lensReviews/{LensAlias}/suggestedAnswers"
)

// PutWorkloadEvidenceInput is the input of PutWorkloadEvidence (PUT
// PutWorkloadEvidenceURI): a scan's outcome, replacing the lens review's
// evidence. Every rule the scan ran is listed, also those that found no
// resource to look at.
type PutWorkloadEvidenceInput struct {
	// WorkloadId is the URI label {WorkloadId}: required, pattern ^[0-9a-f]{32}$.
	WorkloadId *string `json:"-"`
	// LensAlias is the URI label {LensAlias}: required, length 1..128.
	LensAlias *string `json:"-"`

	// Tool names what made the scan, e.g. "wat 1.4.0": length 0..128.
	Tool *string `json:"Tool,omitzero"`
	// Rules are the rules the scan ran: required, at most 2000.
	Rules []EvidenceRule `json:"Rules"`
	// Problems are the files the scan could not read: at most 1000.
	Problems []EvidenceProblem `json:"Problems,omitzero"`
}

// EvidenceRule is one rule's outcome over the scanned resources.
type EvidenceRule struct {
	// Id is the rule's id: required, length 1..128.
	Id *string `json:"Id,omitzero"`
	// Title: required, length 1..512.
	Title *string `json:"Title,omitzero"`
	// Description says what the rule checks and why: length 0..2048.
	Description *string `json:"Description,omitzero"`
	// Severity is low, medium or high: required.
	Severity *string `json:"Severity,omitzero"`
	// ChoiceIds are the choices of the lens the rule is evidence for:
	// required, 1..20.
	ChoiceIds []string `json:"ChoiceIds,omitzero"`
	// Passed counts the resources that meet the rule.
	Passed *int32 `json:"Passed,omitzero"`
	// Flagged are the resources that fail the rule or whose outcome is
	// unknown: at most 9999 per rule, 20000 in all.
	Flagged []FlaggedResource `json:"Flagged,omitzero"`
}

// FlaggedResource is a resource a rule did not find meeting it.
type FlaggedResource struct {
	// Status is FAIL or UNKNOWN: required.
	Status *string `json:"Status,omitzero"`
	// Resource is the logical id or Terraform address: required.
	Resource *string `json:"Resource,omitzero"`
	// Type is the source type, e.g. AWS::S3::Bucket.
	Type *string `json:"Type,omitzero"`
	// File is the path the scan read it from: required.
	File *string `json:"File,omitzero"`
	// Line is the 1-based line of its declaration; absent when not known.
	Line *int32 `json:"Line,omitzero"`
	// Reason says why the outcome is unknown.
	Reason *string `json:"Reason,omitzero"`
}

// EvidenceProblem is a file the scan could not read.
type EvidenceProblem struct {
	File    *string `json:"File,omitzero"`
	Line    *int32  `json:"Line,omitzero"`
	Message *string `json:"Message,omitzero"`
}

// PutWorkloadEvidenceOutput is the output of PutWorkloadEvidence.
type PutWorkloadEvidenceOutput struct {
	WorkloadId *string    `json:"WorkloadId,omitzero"`
	LensAlias  *string    `json:"LensAlias,omitzero"`
	LensArn    *string    `json:"LensArn,omitzero"`
	UpdatedAt  *Timestamp `json:"UpdatedAt,omitzero"`
	// RuleCount counts the rules stored, CheckCount their checks (one per
	// rule and choice).
	RuleCount  *int32 `json:"RuleCount,omitzero"`
	CheckCount *int32 `json:"CheckCount,omitzero"`
	// RuleStatusCounts counts the rules by CheckStatus, every status present.
	RuleStatusCounts map[string]int32 `json:"RuleStatusCounts,omitzero"`
}

// GetSuggestedAnswersInput is the input of GetSuggestedAnswers (GET
// GetSuggestedAnswersURI).
type GetSuggestedAnswersInput struct {
	WorkloadId *string `json:"-"`
	LensAlias  *string `json:"-"`
}

// GetSuggestedAnswersOutput is the output of GetSuggestedAnswers: one
// suggestion per question with evidence, in lens order; none when no
// evidence was uploaded (EvidenceUpdatedAt is then absent).
type GetSuggestedAnswersOutput struct {
	WorkloadId        *string           `json:"WorkloadId,omitzero"`
	LensAlias         *string           `json:"LensAlias,omitzero"`
	LensArn           *string           `json:"LensArn,omitzero"`
	EvidenceUpdatedAt *Timestamp        `json:"EvidenceUpdatedAt,omitzero"`
	SuggestedAnswers  []SuggestedAnswer `json:"SuggestedAnswers"`
}

// SuggestedAnswer is what the evidence proposes for one question.
type SuggestedAnswer struct {
	QuestionId    *string `json:"QuestionId,omitzero"`
	PillarId      *string `json:"PillarId,omitzero"`
	QuestionTitle *string `json:"QuestionTitle,omitzero"`
	// SelectedChoices and Risk are the answer's now.
	SelectedChoices []string `json:"SelectedChoices"`
	Risk            Risk     `json:"Risk,omitzero"`
	// PassingChoices have evidence that all passes; FailingChoices have a
	// check that is not OKAY.
	PassingChoices []string `json:"PassingChoices"`
	FailingChoices []string `json:"FailingChoices"`
	// SuggestedChoices and SuggestedNotes are the answer proposed (the
	// selection now plus the passing choices; the notes with the failing
	// resources), SuggestedRisk its risk. An UpdateAnswer with them applies
	// the suggestion.
	SuggestedChoices []string `json:"SuggestedChoices"`
	SuggestedNotes   *string  `json:"SuggestedNotes,omitzero"`
	SuggestedRisk    Risk     `json:"SuggestedRisk,omitzero"`
	// HasChanges tells whether applying it changes the answer,
	// ChangesNotes whether it changes its notes.
	HasChanges   *bool `json:"HasChanges,omitzero"`
	ChangesNotes *bool `json:"ChangesNotes,omitzero"`
	// SkipReason says why nothing is proposed: the question is not
	// applicable, or "None of these" is selected.
	SkipReason *string `json:"SkipReason,omitzero"`
}

// ApplySuggestedAnswersURI is where ApplySuggestedAnswers is POSTed: the
// same resource as GetSuggestedAnswers.
const ApplySuggestedAnswersURI = GetSuggestedAnswersURI

// ApplySuggestedAnswersInput is the input of ApplySuggestedAnswers: the
// questions whose suggestions to apply, all of them when QuestionIds is
// empty.
type ApplySuggestedAnswersInput struct {
	WorkloadId  *string  `json:"-"`
	LensAlias   *string  `json:"-"`
	QuestionIds []string `json:"QuestionIds,omitempty"`
}

// ApplySuggestedAnswersOutput lists the suggestions applied (those that
// changed an answer), as GetSuggestedAnswers showed them before.
type ApplySuggestedAnswersOutput struct {
	WorkloadId     *string           `json:"WorkloadId,omitzero"`
	LensAlias      *string           `json:"LensAlias,omitzero"`
	AppliedAnswers []SuggestedAnswer `json:"AppliedAnswers"`
}
