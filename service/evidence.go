package service

import (
	"context"
	"fmt"

	"github.com/wat-dev/wat"
	"github.com/wat-dev/wat/lens"
)

// MaxEvidenceFlagged bounds the flagged resources across the rules of one
// upload. The model (spec/wat.json) bounds each member of an upload, so
// that with the request body's own bound one upload, and the rows it
// becomes, stay small; a sum over the rules is beyond what it can say.
const MaxEvidenceFlagged = 20000

// EvidenceUpload is the outcome of a scan as `wat scan --workload` uploads
// it: every rule it ran, with the choices of the lens it is evidence for,
// how many resources pass it and which do not. The API has checked it
// against the model (widths, counts, enums, the form of rule ids); the use
// case checks what only the lens can tell.
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
		return s.publishEvidence(ctx, tx, w, ev, len(in.Rules))
	})
	if err != nil {
		return nil, fmt.Errorf("PutWorkloadEvidence(%s, %s): %w", in.WorkloadID, in.LensAlias, err)
	}
	return v, nil
}

// CheckEvidence reports what the lens refuses in an upload, storing
// nothing: the use case's half of a refusal whose other half, the model's
// constraints, the API found first, so that one response names every
// problem. It asks what PutWorkloadEvidence asks; its error is EInvalid
// with the problems, or whatever kept it from looking.
func (s *Service) CheckEvidence(ctx context.Context, in EvidenceUpload) error {
	return s.store.View(ctx, func(tx wat.Tx) error {
		w, _, err := s.workloadFor(ctx, tx, act("PutWorkloadEvidence"), in.WorkloadID, roleContributor, false)
		if err != nil {
			return err
		}
		arn, err := s.reviewLens(ctx, w, in.LensAlias)
		if err != nil {
			return err
		}
		r, err := tx.GetLensReview(ctx, w.ID, arn)
		if err != nil {
			return err
		}
		li, err := s.pinnedLens(ctx, tx, arn, r.LensVersion)
		if err != nil {
			return err
		}
		_, err = evidenceOf(in, li.Lens)
		return err
	})
}

func ruleStatus(rules []EvidenceRule) map[wat.CheckStatus]int {
	out := map[wat.CheckStatus]int{}
	for _, r := range rules {
		c := wat.Check{Severity: r.Severity, Passed: r.Passed, Flagged: r.Flagged}
		out[c.Status()]++
	}
	return out
}

// evidenceOf checks an upload against the lens, reporting every problem at
// once, and turns it into checks: one per rule and choice. Each choice must
// be one of the lens (a current or former id, of one question, not its
// "None of these"), a rule id and a choice of a rule appear once, and the
// rules flag at most MaxEvidenceFlagged resources in all.
func evidenceOf(in EvidenceUpload, l *lens.Lens) (*wat.Evidence, error) {
	var pr problems
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
	ev := &wat.Evidence{Tool: in.Tool, Problems: in.Problems}
	seen := map[string]bool{}
	flagged := 0
	for i, r := range in.Rules {
		f := fmt.Sprintf("Rules[%d]", i)
		if seen[r.ID] && r.ID != "" { // an absent id is the model's to report
			pr.add(f+".Id", "rule %q is listed twice", r.ID)
		}
		seen[r.ID] = true
		flagged += len(r.Flagged)
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
	if err := pr.err(); err != nil {
		return nil, err
	}
	return ev, nil
}
