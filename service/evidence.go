package service

import (
	"context"
	"fmt"
	"regexp"
	"unicode/utf8"

	"github.com/wat-dev/wat"
	"github.com/wat-dev/wat/lens"
)

// The bounds of an evidence upload. With the request body's own bound they
// keep one upload, and the rows it becomes, small.
const (
	MaxEvidenceRules    = 2000  // rules in one upload
	MaxEvidenceChoices  = 20    // choices one rule is evidence for
	MaxEvidenceFlagged  = 20000 // flagged resources across the rules
	MaxEvidenceProblems = 1000  // unreadable files
	maxFlaggedPerRule   = 9999  // the model's bound on FlaggedResources
	maxEvidencePassed   = 1_000_000
	maxEvidenceLine     = 100_000_000
)

// EvidenceUpload is the outcome of a scan as `wat scan --workload` uploads
// it: every rule it ran, with the choices of the lens it is evidence for,
// how many resources pass it and which do not.
type EvidenceUpload struct {
	WorkloadID string
	LensAlias  string
	Tool       string
	Rules      []EvidenceRule
	Problems   []wat.EvidenceProblem
}

// EvidenceRule is one rule's outcome in an upload.
type EvidenceRule struct {
	ID, Title, Description, Severity string
	ChoiceIDs                        []string
	Passed                           int
	Flagged                          []wat.FlaggedResource
}

// EvidenceView is stored evidence with the lens it is for.
type EvidenceView struct {
	Lens     *LensInfo
	Evidence *wat.Evidence
	// RuleStatus counts the rules by status (a rule has one status,
	// whatever the number of choices it is evidence for).
	RuleStatus map[wat.CheckStatus]int
}

// PutWorkloadEvidence stores an upload as the evidence of a lens review,
// replacing the previous one. It needs the CONTRIBUTOR role on the workload
// and the wellarchitected:PutWorkloadEvidence action; every choice a rule
// names must be a choice of the lens version the review is pinned to.
func (s *Service) PutWorkloadEvidence(ctx context.Context, in EvidenceUpload) (*EvidenceView, error) {
	var v *EvidenceView
	err := s.store.Update(ctx, func(tx wat.Tx) error {
		p, err := caller(ctx)
		if err != nil {
			return err
		}
		w, r, li, err := s.lockedReview(ctx, tx, act("PutWorkloadEvidence"), in.WorkloadID, in.LensAlias)
		if err != nil {
			return err
		}
		ev, err := evidenceOf(in, li.Lens)
		if err != nil {
			return err
		}
		ev.WorkloadID, ev.LensARN, ev.AccountID, ev.UpdatedAt = w.ID, r.LensARN, p.AccountID, s.nowUTC()
		if err := tx.PutEvidence(ctx, ev); err != nil {
			return err
		}
		v = &EvidenceView{Lens: li, Evidence: ev, RuleStatus: ruleStatus(in.Rules)}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("PutWorkloadEvidence(%s, %s): %w", in.WorkloadID, in.LensAlias, err)
	}
	return v, nil
}

func ruleStatus(rules []EvidenceRule) map[wat.CheckStatus]int {
	out := map[wat.CheckStatus]int{}
	for _, r := range rules {
		c := wat.Check{Severity: r.Severity, Passed: r.Passed, Flagged: r.Flagged}
		out[c.Status()]++
	}
	return out
}

// ruleIDPattern is what a rule id may be: rule files are named after them.
var ruleIDPattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._:/-]*$`)

// evidenceOf validates an upload against the lens, reporting every problem
// at once, and turns it into checks: one per rule and choice.
func evidenceOf(in EvidenceUpload, l *lens.Lens) (*wat.Evidence, error) {
	var pr problems
	text := func(field, s string, min, max int) {
		if n := utf8.RuneCountInString(s); n < min || n > max {
			if min > 0 && n == 0 {
				pr.add(field, "is required")
			} else {
				pr.add(field, "must be %d to %d characters long, not %d", min, max, n)
			}
		}
	}
	count := func(field string, n, max int) bool {
		if n > max {
			pr.add(field, "has %d entries, more than the %d allowed", n, max)
			return false
		}
		return true
	}
	// choice id, or former id (lens.ChoiceAlias) -> its question; nil when
	// several questions have it.
	questionOf := map[string]*lens.Question{}
	note := func(id string, q *lens.Question) {
		if _, dup := questionOf[id]; dup {
			questionOf[id] = nil
		} else {
			questionOf[id] = q
		}
	}
	for _, q := range l.Questions() {
		for _, c := range q.Choices {
			note(c.ID, q)
		}
		for alias := range q.Aliases() {
			note(alias, q)
		}
	}
	text("Tool", in.Tool, 0, 128)
	ev := &wat.Evidence{Tool: in.Tool}
	if count("Rules", len(in.Rules), MaxEvidenceRules) {
		seen := map[string]bool{}
		flagged := 0
		for i, r := range in.Rules {
			f := fmt.Sprintf("Rules[%d]", i)
			text(f+".Id", r.ID, 1, 128)
			if r.ID != "" && !ruleIDPattern.MatchString(r.ID) {
				pr.add(f+".Id", "must start with a letter or digit and hold only letters, digits and . _ : / -")
			}
			if seen[r.ID] {
				pr.add(f+".Id", "rule %q is listed twice", r.ID)
			}
			seen[r.ID] = true
			text(f+".Title", r.Title, 1, 512)
			text(f+".Description", r.Description, 0, 2048)
			switch r.Severity {
			case wat.SeverityLow, wat.SeverityMedium, wat.SeverityHigh:
			default:
				pr.add(f+".Severity", "must be low, medium or high, not %q", r.Severity)
			}
			if r.Passed < 0 || r.Passed > maxEvidencePassed {
				pr.add(f+".Passed", "must be 0 to %d", maxEvidencePassed)
			}
			if len(r.ChoiceIDs) == 0 {
				pr.add(f+".ChoiceIds", "is required: the choices the rule is evidence for")
			}
			flagged += len(r.Flagged)
			if count(f+".Flagged", len(r.Flagged), maxFlaggedPerRule) {
				for j, fr := range r.Flagged {
					checkFlagged(&pr, text, fmt.Sprintf("%s.Flagged[%d]", f, j), fr)
				}
			}
			if !count(f+".ChoiceIds", len(r.ChoiceIDs), MaxEvidenceChoices) {
				continue
			}
			chosen := map[string]bool{}
			for j, given := range r.ChoiceIDs {
				cf := fmt.Sprintf("%s.ChoiceIds[%d]", f, j)
				q, known := questionOf[given]
				switch {
				case !known:
					pr.add(cf, "the lens has no choice %q", given)
					continue
				case q == nil:
					pr.add(cf, "choice %q is in several questions of the lens", given)
					continue
				}
				id := currentID(q, given) // checks keep the choice's id, not a former one
				if chosen[id] {
					pr.add(cf, "choice %q is listed twice", id)
					continue
				}
				if none, ok := q.NoneChoice(); ok && none.ID == id {
					pr.add(cf, "%q is the \"None of these\" choice of question %s: no rule is evidence for it", given, q.ID)
					continue
				}
				chosen[id] = true
				ev.Checks = append(ev.Checks, wat.Check{
					RuleID: r.ID, Title: r.Title, Description: r.Description, Severity: r.Severity,
					PillarID: q.PillarID, QuestionID: q.ID, ChoiceID: id, Passed: r.Passed, Flagged: r.Flagged,
				})
			}
		}
		if flagged > MaxEvidenceFlagged {
			pr.add("Rules", "flag %d resources in all, more than the %d allowed", flagged, MaxEvidenceFlagged)
		}
	}
	if count("Problems", len(in.Problems), MaxEvidenceProblems) {
		for i, p := range in.Problems {
			f := fmt.Sprintf("Problems[%d]", i)
			text(f+".File", p.File, 1, 1024)
			text(f+".Message", p.Message, 1, 1024)
			if p.Line < 0 || p.Line > maxEvidenceLine {
				pr.add(f+".Line", "must be 0 to %d", maxEvidenceLine)
			}
		}
		ev.Problems = in.Problems
	}
	if err := pr.err(); err != nil {
		return nil, err
	}
	return ev, nil
}

func checkFlagged(pr *problems, text func(field, s string, min, max int), f string, r wat.FlaggedResource) {
	if r.Status != wat.FindingFail && r.Status != wat.FindingUnknown {
		pr.add(f+".Status", "must be FAIL or UNKNOWN, not %q", r.Status)
	}
	text(f+".Resource", r.Name, 1, 1024)
	text(f+".Type", r.Type, 0, 256)
	text(f+".File", r.File, 1, 1024)
	text(f+".Reason", r.Reason, 0, 1024)
	if r.Line < 0 || r.Line > maxEvidenceLine {
		pr.add(f+".Line", "must be 0 to %d", maxEvidenceLine)
	}
}
