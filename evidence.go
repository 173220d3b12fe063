package wat

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// Evidence is the latest scan of infrastructure code uploaded for one lens
// review of a workload (`wat scan --workload`): what each rule found, as
// evidence for the choices of the lens it maps to. Each upload replaces the
// review's evidence whole; nothing of it changes an answer until a reviewer
// applies a suggestion.
type Evidence struct {
	WorkloadID string
	LensARN    string
	// AccountID is the account whose user uploaded it.
	AccountID string
	// Tool names what produced it, e.g. "wat 1.4.0".
	Tool      string
	UpdatedAt time.Time
	// Checks are the rules' outcomes, one per rule and choice, ordered by
	// choice then rule.
	Checks []Check
	// Problems are the files the scan could not read.
	Problems []EvidenceProblem
}

// EvidenceTx is the part of Tx that keeps evidence.
type EvidenceTx interface {
	// PutEvidence stores e as the evidence of its lens review, replacing
	// whatever the review had; ENotFound when the lens review does not
	// exist. Deleting the review (or its workload) deletes its evidence.
	PutEvidence(ctx context.Context, e *Evidence) error
	// GetEvidence returns the evidence of a lens review with its checks
	// for choiceID, or with all of them when choiceID is ""; ENotFound
	// when none was uploaded.
	GetEvidence(ctx context.Context, workloadID, lensARN, choiceID string) (*Evidence, error)
	// ListFailingChecks returns, by workload, the checks of the evidence
	// of the workloads' lens reviews of lensARN that some resource fails,
	// each with only its failing resources, without its description and
	// passed count (what the Agent reads), by choice then rule.
	ListFailingChecks(ctx context.Context, lensARN string, workloadIDs []string) (map[string][]Check, error)
}

// Check is one rule's outcome over the scanned resources, as evidence for
// one choice of the lens.
type Check struct {
	RuleID      string
	Title       string
	Description string
	Severity    string // SeverityLow, SeverityMedium or SeverityHigh
	PillarID    string
	QuestionID  string
	ChoiceID    string
	// Passed counts the resources that meet the rule.
	Passed int
	// Flagged are the resources that fail it or whose outcome could not be
	// known statically, in the scan's order.
	Flagged []FlaggedResource
}

// Rule severities.
const (
	SeverityLow    = "low"
	SeverityMedium = "medium"
	SeverityHigh   = "high"
)

// FlaggedResource is a resource a check did not find meeting its rule.
type FlaggedResource struct {
	Status string // FindingFail or FindingUnknown
	Name   string // logical id (CloudFormation) or address (Terraform)
	Type   string // e.g. "AWS::S3::Bucket"
	File   string // as the scan named it, relative to where it ran
	Line   int    // 1-based; 0 when not known
	Reason string // why the outcome is unknown
}

// The outcomes of a rule on one resource that flag it.
const (
	FindingFail    = "FAIL"
	FindingUnknown = "UNKNOWN"
)

// EvidenceProblem is a file the scan could not read.
type EvidenceProblem struct {
	File    string
	Line    int
	Message string
}

// CheckStatus is what a check tells of its choice, in the terms of the
// Well-Architected API's checks.
type CheckStatus string

// The check statuses.
const (
	CheckOkay         CheckStatus = "OKAY"          // every resource meets the rule
	CheckWarning      CheckStatus = "WARNING"       // a low or medium rule fails, or an outcome is unknown
	CheckError        CheckStatus = "ERROR"         // a high-severity rule fails
	CheckNotAvailable CheckStatus = "NOT_AVAILABLE" // no resource the rule looks at was scanned
)

// Status maps the check's outcome to a CheckStatus: a failing resource
// makes it ERROR for a high-severity rule and WARNING otherwise; without
// failures, a resource whose outcome is unknown makes it WARNING (someone
// has to look); with only passing resources it is OKAY, and with none
// NOT_AVAILABLE.
func (c *Check) Status() CheckStatus {
	var failed, unknown int
	for _, r := range c.Flagged {
		if r.Status == FindingFail {
			failed++
		} else {
			unknown++
		}
	}
	switch {
	case failed > 0 && c.Severity == SeverityHigh:
		return CheckError
	case failed > 0, unknown > 0:
		return CheckWarning
	case c.Passed > 0:
		return CheckOkay
	}
	return CheckNotAvailable
}

// Failed counts the flagged resources that fail the rule.
func (c *Check) Failed() int {
	n := 0
	for _, r := range c.Flagged {
		if r.Status == FindingFail {
			n++
		}
	}
	return n
}

// String tells what a check found of a resource: its outcome, name, type
// and FILE:LINE, and why it is unknown when it is.
func (r FlaggedResource) String() string {
	var b strings.Builder
	b.WriteString(r.Status + " " + r.Name)
	if r.Type != "" {
		b.WriteString(" (" + r.Type + ")")
	}
	b.WriteString(" at " + r.File)
	if r.Line > 0 {
		fmt.Fprintf(&b, ":%d", r.Line)
	}
	if r.Reason != "" {
		b.WriteString(": " + r.Reason)
	}
	return b.String()
}

// MaxNotes is the most characters the notes of an answer may have.
const MaxNotes = 2084

// EvidenceNotesHeader starts the part of an answer's notes that evidence
// writes: everything from it to the end is replaced by the next evidence.
const EvidenceNotesHeader = "wat scan evidence ("

// EvidenceFinding is a check that is not OKAY, with the title of the
// choice it is evidence against, for the notes of its question.
type EvidenceFinding struct {
	ChoiceTitle string
	Check       *Check
}

// EvidenceNotes returns notes with the evidence of findings, uploaded at
// when, in place of any evidence they had: the reviewer's text first, then
// a header line, each finding's choice and rule, and its flagged
// resources, one a line. Lines that would make the notes longer than
// MaxNotes are left out, and counted on a last line; without findings the
// previous evidence is only removed.
func EvidenceNotes(notes string, when time.Time, findings []EvidenceFinding) string {
	own := notes
	if strings.HasPrefix(own, EvidenceNotesHeader) {
		own = ""
	} else if i := strings.Index(own, "\n\n"+EvidenceNotesHeader); i >= 0 {
		own = own[:i]
	}
	own = strings.TrimRight(own, " \t\r\n")
	if len(findings) == 0 {
		return own
	}
	var lines []string
	for _, f := range findings {
		lines = append(lines, fmt.Sprintf("- %s: %s (%s)", f.ChoiceTitle, f.Check.Title, f.Check.RuleID))
		for _, r := range f.Check.Flagged {
			lines = append(lines, "  "+r.String())
		}
	}
	head := EvidenceNotesHeader + when.UTC().Format("2006-01-02 15:04 UTC") + "):"
	if own != "" {
		head = own + "\n\n" + head
	}
	budget := MaxNotes - utf8.RuneCountInString(head)
	var b strings.Builder
	b.WriteString(head)
	for i, line := range lines {
		n := utf8.RuneCountInString(line) + 1
		// Keep room for the line counting what is left out.
		rest := fmt.Sprintf("\n... and %d more (ListCheckDetails lists them all)", len(lines)-i)
		if i < len(lines)-1 && n+utf8.RuneCountInString(rest) > budget || n > budget {
			if utf8.RuneCountInString(rest) > budget {
				return own
			}
			b.WriteString(rest)
			return b.String()
		}
		b.WriteString("\n" + line)
		budget -= n
	}
	return b.String()
}
