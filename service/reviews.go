package service

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/wat-dev/wat"
	"github.com/wat-dev/wat/lens"
)

// ReviewView is a lens review with its risks evaluated: per question, per
// pillar and for the lens as a whole.
type ReviewView struct {
	Lens       *LensInfo
	Review     *wat.LensReview
	Answers    map[string]*wat.Answer // by question id; missing means unanswered
	Risks      map[string]wat.Risk    // by question id
	RiskCounts wat.RiskCounts
	Pillars    []PillarView
	// Priorities and PrioritizedRiskCounts are set on the framework lens's
	// review of a workload whose profile prioritises questions; nil
	// otherwise.
	Priorities            *Priorities
	PrioritizedRiskCounts wat.RiskCounts
	// Jira is what of the review a Jira sync covers, as UpdateLensReview
	// selected it; nil when it selected nothing (the whole review) and on
	// milestones. Set by GetLensReview and UpdateLensReview only.
	Jira *wat.JiraSelection
}

// PillarView is one pillar's part of a lens review.
type PillarView struct {
	ID         string
	Name       string
	Notes      string
	RiskCounts wat.RiskCounts
	// PrioritizedRiskCounts counts the pillar's prioritised questions;
	// nil when the review has no priorities.
	PrioritizedRiskCounts wat.RiskCounts
}

// snapshot is the state of a workload that reads work on: live, or as a
// milestone recorded it. Risks are evaluated on demand and kept for the
// duration of one request.
type snapshot struct {
	tx        wat.Tx   // the transaction it was read in, for lens versions
	live      *Service // set on live snapshots, whose evaluations are cached
	workload  *wat.Workload
	milestone *wat.Milestone
	reviews   map[string]*wat.LensReview
	answers   map[string]map[string]*wat.Answer
	computed  map[string]*ReviewView
	// priorities are those of the workload's profile (live snapshots only);
	// nil when it has none.
	priorities *Priorities
}

func newSnapshot(tx wat.Tx, w *wat.Workload, reviews []*wat.LensReview, answers []*wat.Answer) *snapshot {
	s := &snapshot{
		tx:       tx,
		workload: w,
		reviews:  make(map[string]*wat.LensReview, len(reviews)),
		answers:  make(map[string]map[string]*wat.Answer),
		computed: make(map[string]*ReviewView),
	}
	for _, r := range reviews {
		s.reviews[r.LensARN] = r
	}
	for _, a := range answers {
		m := s.answers[a.LensARN]
		if m == nil {
			m = make(map[string]*wat.Answer)
			s.answers[a.LensARN] = m
		}
		m[a.QuestionID] = a
	}
	return s
}

// liveSnapshot loads the current state of w; with lensARN set, only that
// lens's answers. A review whose revision is in the cache is neither read
// nor evaluated again. Only snapshots read in a read-only transaction
// (view) add to the cache: a write transaction may see writes that are
// never committed.
func (s *Service) liveSnapshot(ctx context.Context, tx wat.Tx, w *wat.Workload, lensARN string, view bool) (*snapshot, error) {
	reviews, err := tx.ListLensReviews(ctx, w.ID)
	if err != nil {
		return nil, err
	}
	cached := map[string]*ReviewView{}
	var missing []*wat.LensReview
	for _, r := range reviews {
		if lensARN != "" && r.LensARN != lensARN {
			continue
		}
		if v, ok := s.answers.get(r); ok {
			cached[r.LensARN] = v
		} else {
			missing = append(missing, r)
		}
	}
	var answers []*wat.Answer
	if len(missing) > 0 {
		only := lensARN
		if len(missing) == 1 {
			only = missing[0].LensARN
		}
		if answers, err = tx.ListAnswers(ctx, w.ID, only); err != nil {
			return nil, err
		}
	}
	snap := newSnapshot(tx, w, reviews, answers)
	if view {
		snap.live = s
	}
	if snap.priorities, err = s.loadPriorities(ctx, tx, w); err != nil {
		return nil, err
	}
	for arn, v := range cached {
		snap.computed[arn] = v
	}
	return snap, nil
}

// loadSnapshot loads w as of milestone number (live when 0), in a read-only
// transaction.
func (s *Service) loadSnapshot(ctx context.Context, tx wat.Tx, w *wat.Workload, milestone int, lensARN string) (*snapshot, error) {
	if milestone == 0 {
		return s.liveSnapshot(ctx, tx, w, lensARN, true)
	}
	m, err := tx.GetMilestone(ctx, w.ID, milestone)
	if err != nil {
		if wat.ErrorCodeOf(err) == wat.ENotFound {
			return nil, wat.NotFound("MILESTONE", itoa(milestone), "Workload %s has no milestone %d", w.ID, milestone)
		}
		return nil, err
	}
	snap := newSnapshot(tx, m.Workload, m.LensReviews, m.Answers)
	snap.milestone = m
	return snap, nil
}

// review evaluates the lens review of arn in the snapshot, with the
// workload's priorities, or returns nil when the workload never had that
// lens.
func (snap *snapshot) review(ctx context.Context, s *Service, arn string) *ReviewView {
	return s.prioritize(snap.evaluated(ctx, s, arn), snap.priorities)
}

// evaluated is review without priorities: what caches keep.
func (snap *snapshot) evaluated(ctx context.Context, s *Service, arn string) *ReviewView {
	if v, ok := snap.computed[arn]; ok {
		return v
	}
	r := snap.reviews[arn]
	if r == nil {
		return nil
	}
	li, err := s.pinnedLens(ctx, snap.tx, arn, r.LensVersion)
	if err != nil {
		s.log.Warn("lens review refers to an unknown lens version", "workload", r.WorkloadID, "lens", arn, "version", r.LensVersion)
		snap.computed[arn] = nil
		return nil
	}
	v := evaluate(li, r, snap.answers[arn])
	snap.computed[arn] = v
	if snap.live != nil {
		snap.live.answers.put(r, v)
	}
	return v
}

// evaluate computes the risks of a lens review.
func evaluate(li *LensInfo, r *wat.LensReview, answers map[string]*wat.Answer) *ReviewView {
	v := &ReviewView{
		Lens:       li,
		Review:     r,
		Answers:    answers,
		Risks:      make(map[string]wat.Risk, 64),
		RiskCounts: wat.NewRiskCounts(),
	}
	for _, p := range li.Lens.Pillars {
		pv := PillarView{ID: p.ID, Name: p.Name, Notes: r.PillarNotes[p.ID], RiskCounts: wat.NewRiskCounts()}
		for _, q := range p.Questions {
			risk := questionRisk(q, answers[q.ID])
			v.Risks[q.ID] = risk
			pv.RiskCounts[risk]++
			v.RiskCounts[risk]++
		}
		v.Pillars = append(v.Pillars, pv)
	}
	return v
}

// questionRisk evaluates one question's risk; a nil answer is unanswered.
func questionRisk(q *lens.Question, a *wat.Answer) wat.Risk {
	if a == nil {
		return wat.RiskUnanswered
	}
	return q.Risk(a.SelectedChoices, a.NotApplicableChoices(), a.IsApplicable)
}

// lensAlias is what the API shows for a lens ARN: a built-in lens's alias,
// a custom lens's ARN.
func (s *Service) lensAlias(_ context.Context, arn string) string {
	if li, ok := s.lenses.Builtin(arn); ok {
		return li.Alias
	}
	return arn
}

// reviewLens resolves the lens named by alias (a built-in lens's alias, or
// any lens's ARN) among those applied to w.
func (s *Service) reviewLens(_ context.Context, w *wat.Workload, alias string) (string, error) {
	arn := alias
	if li, ok := s.lenses.Builtin(alias); ok {
		arn = li.ARN
	}
	if !w.HasLens(arn) {
		return "", wat.NotFound("LENS_REVIEW", alias, "Lens %s is not applied to workload %s", alias, w.ID)
	}
	return arn, nil
}

// ensureLensReview starts a review of a lens on a workload unless one
// exists already (a lens applied again gets its answers back).
func (s *Service) ensureLensReview(ctx context.Context, tx wat.Tx, workloadID, arn string, now time.Time) error {
	_, err := tx.GetLensReview(ctx, workloadID, arn)
	if err == nil {
		return nil
	}
	if wat.ErrorCodeOf(err) != wat.ENotFound {
		return err
	}
	li, err := s.pinnedLens(ctx, tx, arn, "")
	if err != nil {
		return err
	}
	return tx.PutLensReview(ctx, &wat.LensReview{WorkloadID: workloadID, LensARN: arn, LensVersion: li.Version, UpdatedAt: now})
}

// ListLensReviews returns a page of the lens reviews of a workload's applied lenses.
func (s *Service) ListLensReviews(ctx context.Context, id string, milestone int, token string, max int) ([]*ReviewView, string, error) {
	var views []*ReviewView
	err := s.store.View(ctx, func(tx wat.Tx) error {
		w, err := s.readableWorkload(ctx, tx, act("ListLensReviews"), id)
		if err != nil {
			return err
		}
		snap, err := s.loadSnapshot(ctx, tx, w, milestone, "")
		if err != nil {
			return err
		}
		for _, arn := range snap.workload.Lenses {
			if v := snap.review(ctx, s, arn); v != nil {
				views = append(views, v)
			}
		}
		return nil
	})
	if err != nil {
		return nil, "", err
	}
	return paginate(views, token, max, 50)
}

// GetLensReview returns one lens review with its risks.
func (s *Service) GetLensReview(ctx context.Context, id, alias string, milestone int) (*ReviewView, error) {
	if milestone == 0 {
		if v, ok, err := s.cachedLensReview(ctx, id, alias); ok {
			return v, err
		}
	}
	return s.readLensReview(ctx, id, alias, milestone)
}

// readLensReview is GetLensReview without its fast path: everything read
// in one transaction.
func (s *Service) readLensReview(ctx context.Context, id, alias string, milestone int) (*ReviewView, error) {
	var v *ReviewView
	err := s.store.View(ctx, func(tx wat.Tx) error {
		snap, arn, err := s.reviewSnapshot(ctx, tx, act("GetLensReview"), id, alias, milestone)
		if err != nil {
			return err
		}
		v = snap.review(ctx, s, arn)
		if v == nil {
			return wat.NotFound("LENS_REVIEW", alias, "Workload %s has no review of lens %s", id, alias)
		}
		if milestone == 0 {
			// v may be the evaluation the cache shares with other
			// requests (and the fast path): the selection goes on a copy.
			out := *v
			out.Jira, err = reviewJira(ctx, tx, snap.workload.ID, arn)
			v = &out
		}
		return err
	})
	return v, err
}

// reviewJira returns a live review's Jira selection, nil when it has none.
func reviewJira(ctx context.Context, tx wat.Tx, workloadID, lensARN string) (*wat.JiraSelection, error) {
	sel, err := tx.GetJiraSelection(ctx, workloadID, lensARN)
	if wat.ErrorCodeOf(err) == wat.ENotFound {
		return nil, nil
	}
	return sel, err
}

// reviewSnapshot loads the snapshot a lens-review read works on.
func (s *Service) reviewSnapshot(ctx context.Context, tx wat.Tx, a access, id, alias string, milestone int) (*snapshot, string, error) {
	w, err := s.readableWorkload(ctx, tx, a, id)
	if err != nil {
		return nil, "", err
	}
	if milestone != 0 {
		snap, err := s.loadSnapshot(ctx, tx, w, milestone, "")
		if err != nil {
			return nil, "", err
		}
		arn, err := s.reviewLens(ctx, snap.workload, alias)
		return snap, arn, err
	}
	arn, err := s.reviewLens(ctx, w, alias)
	if err != nil {
		return nil, "", err
	}
	snap, err := s.liveSnapshot(ctx, tx, w, arn, true)
	return snap, arn, err
}

// lockedReview loads, for a write, a workload of the caller's account
// (locked), its review of the lens named by alias and the lens version that
// review is pinned to.
func (s *Service) lockedReview(ctx context.Context, tx wat.Tx, a access, workloadID, alias string) (*wat.Workload, *wat.LensReview, *LensInfo, error) {
	w, _, err := s.workloadFor(ctx, tx, a, workloadID, roleContributor, true)
	if err != nil {
		return nil, nil, nil, err
	}
	arn, err := s.reviewLens(ctx, w, alias)
	if err != nil {
		return nil, nil, nil, err
	}
	r, err := tx.GetLensReview(ctx, w.ID, arn)
	if err != nil {
		return nil, nil, nil, err
	}
	li, err := s.pinnedLens(ctx, tx, arn, r.LensVersion)
	if err != nil {
		return nil, nil, nil, err
	}
	return w, r, li, nil
}

// UpdateLensReviewInput is what UpdateLensReview takes.
type UpdateLensReviewInput struct {
	WorkloadID  string
	LensAlias   string
	LensNotes   *string
	PillarNotes map[string]string
	// JiraPillars, when not nil, replaces what of the review a Jira sync
	// covers (see wat.JiraSelection).
	JiraPillars []wat.JiraSelectedPillar
}

// UpdateLensReview changes a lens review's notes.
func (s *Service) UpdateLensReview(ctx context.Context, in UpdateLensReviewInput) (*ReviewView, error) {
	var v *ReviewView
	err := s.store.Update(ctx, func(tx wat.Tx) error {
		w, r, li, err := s.lockedReview(ctx, tx, act("UpdateLensReview"), in.WorkloadID, in.LensAlias)
		if err != nil {
			return err
		}
		arn := r.LensARN
		var pr problems
		for pid := range in.PillarNotes {
			if _, ok := li.Lens.Pillar(pid); !ok {
				pr.add("PillarNotes."+pid, "Lens %s has no pillar %q", in.LensAlias, pid)
			}
		}
		if err := pr.err(); err != nil {
			return err
		}
		if in.JiraPillars != nil {
			if err := checkSelection(li, in.LensAlias, in.JiraPillars); err != nil {
				return err
			}
			if err := tx.PutJiraSelection(ctx, &wat.JiraSelection{WorkloadID: w.ID, LensARN: arn, Pillars: in.JiraPillars}); err != nil {
				return err
			}
		}
		if in.LensNotes != nil {
			r.Notes = *in.LensNotes
		}
		if len(in.PillarNotes) > 0 {
			notes := make(map[string]string, len(r.PillarNotes)+len(in.PillarNotes))
			for k, n := range r.PillarNotes {
				notes[k] = n
			}
			for k, n := range in.PillarNotes {
				notes[k] = n
			}
			r.PillarNotes = notes
		}
		now := s.nowUTC()
		r.UpdatedAt = now
		r.Revision++
		if err := tx.PutLensReview(ctx, r); err != nil {
			return err
		}
		w.UpdatedAt = now
		if err := tx.UpdateWorkload(ctx, w); err != nil {
			return err
		}
		if err := s.enqueueJiraChange(ctx, tx, w); err != nil {
			return err
		}
		answers, err := tx.ListAnswers(ctx, w.ID, arn)
		if err != nil {
			return err
		}
		snap := newSnapshot(tx, w, []*wat.LensReview{r}, answers)
		if snap.priorities, err = s.loadPriorities(ctx, tx, w); err != nil {
			return err
		}
		v = snap.review(ctx, s, arn)
		v.Jira, err = reviewJira(ctx, tx, w.ID, arn)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("UpdateLensReview(%s, %s): %w", in.WorkloadID, in.LensAlias, err)
	}
	return v, nil
}

// AssociateLenses applies lenses to a workload. A lens applied before gets
// its earlier answers back.
func (s *Service) AssociateLenses(ctx context.Context, id string, aliases []string) error {
	var pr problems
	arns, err := s.resolveLenses(ctx, &pr, "LensAliases", aliases)
	if err != nil {
		return err
	}
	if err := pr.err(); err != nil {
		return err
	}
	return s.store.Update(ctx, func(tx wat.Tx) error {
		w, err := s.ownWorkload(ctx, tx, act("AssociateLenses"), id, true)
		if err != nil {
			return err
		}
		now := s.nowUTC()
		changed := false
		for _, arn := range arns {
			if w.HasLens(arn) {
				continue
			}
			if len(w.Lenses) >= MaxLensesPerWorkload {
				return wat.QuotaExceeded("WORKLOAD", "L-LENSES", "A workload can have at most %d lenses", MaxLensesPerWorkload)
			}
			if err := s.ensureLensReview(ctx, tx, w.ID, arn, now); err != nil {
				return err
			}
			w.Lenses = append(w.Lenses, arn)
			changed = true
		}
		if !changed {
			return nil
		}
		w.UpdatedAt = now
		return tx.UpdateWorkload(ctx, w)
	})
}

// DisassociateLenses removes lenses from a workload; their answers are kept.
// The framework lens cannot be removed.
func (s *Service) DisassociateLenses(ctx context.Context, id string, aliases []string) error {
	var pr problems
	fw := s.lenses.Framework()
	for i, a := range aliases {
		if a == fw.Alias || a == fw.ARN {
			pr.add(fmt.Sprintf("LensAliases[%d]", i), "The %s lens is applied to every workload and cannot be removed", fw.Alias)
		}
	}
	arns, err := s.lensARNs(ctx, &pr, "LensAliases", aliases, true)
	if err != nil {
		return err
	}
	if err := pr.err(); err != nil {
		return err
	}
	return s.store.Update(ctx, func(tx wat.Tx) error {
		w, err := s.ownWorkload(ctx, tx, act("DisassociateLenses"), id, true)
		if err != nil {
			return err
		}
		kept := slices.DeleteFunc(slices.Clone(w.Lenses), func(arn string) bool { return slices.Contains(arns, arn) })
		if len(kept) == len(w.Lenses) {
			return nil
		}
		w.Lenses = kept
		w.UpdatedAt = s.nowUTC()
		return tx.UpdateWorkload(ctx, w)
	})
}
