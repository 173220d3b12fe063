package service

import (
	"context"
	"sort"

	"github.com/wat-dev/wat"
)

// ListLensReviewImprovements returns the improvement plan of a lens review:
// questions at high risk, then at medium risk; within a risk, pillars in the
// order of the workload's pillar priorities (the others after, in lens
// order), questions in lens order.
func (s *Service) ListLensReviewImprovements(ctx context.Context, id, alias string, milestone int, f AnswerFilter, token string, max int) ([]*AnswerView, *ReviewView, string, error) {
	var (
		out []*AnswerView
		rv  *ReviewView
	)
	err := s.store.View(ctx, func(tx wat.Tx) error {
		snap, arn, err := s.reviewSnapshot(ctx, tx, act("ListLensReviewImprovements"), id, alias, milestone)
		if err != nil {
			return err
		}
		rv = snap.review(ctx, s, arn)
		if rv == nil {
			return wat.NotFound("LENS_REVIEW", alias, "Workload %s has no review of lens %s", id, alias)
		}
		if f.PillarID != "" {
			if _, ok := rv.Lens.Lens.Pillar(f.PillarID); !ok {
				return wat.Invalid("PillarId", "Lens %s has no pillar %q", alias, f.PillarID)
			}
		}
		for _, v := range improvementPlan(rv, snap.workload) {
			if f.QuestionPriority == "PRIORITIZED" && !v.Prioritized {
				continue
			}
			if f.PillarID == "" || v.Question.PillarID == f.PillarID {
				out = append(out, v)
			}
		}
		return s.attachJira(ctx, tx, id, milestone, out...)
	})
	if err != nil {
		return nil, nil, "", err
	}
	page, next, err := paginate(out, token, max, 50)
	return page, rv, next, err
}

// improvementPlan lists the questions of a lens review at high, then
// medium risk; within a risk, pillars in the order of the workload's
// pillar priorities (the others after, in lens order), questions in lens
// order. ListLensReviewImprovements and the reports share it.
func improvementPlan(rv *ReviewView, w *wat.Workload) []*AnswerView {
	var out []*AnswerView
	for _, q := range rv.Lens.Lens.Questions() {
		if r := rv.Risks[q.ID]; r == wat.RiskHigh || r == wat.RiskMedium {
			out = append(out, answerView(rv, q, w.ID))
		}
	}
	rank := pillarRank(w.PillarPriorities, rv)
	sort.SliceStable(out, func(i, j int) bool {
		ri, rj := riskRank(out[i].Risk), riskRank(out[j].Risk)
		if ri != rj {
			return ri < rj
		}
		return rank[out[i].Question.PillarID] < rank[out[j].Question.PillarID]
	})
	return out
}

func riskRank(r wat.Risk) int {
	if r == wat.RiskHigh {
		return 0
	}
	return 1
}

// pillarRank orders a lens's pillars: those in priorities first, in that
// order, then the rest in lens order.
func pillarRank(priorities []string, rv *ReviewView) map[string]int {
	rank := make(map[string]int, len(rv.Pillars))
	for _, id := range priorities {
		if _, ok := rank[id]; !ok {
			rank[id] = len(rank)
		}
	}
	for _, p := range rv.Pillars {
		if _, ok := rank[p.ID]; !ok {
			rank[p.ID] = len(rank)
		}
	}
	return rank
}
