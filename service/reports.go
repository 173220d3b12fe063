package service

import (
	"context"
	"fmt"

	"github.com/wat-dev/wat"
	"github.com/wat-dev/wat/report"
)

// LensReviewReport builds the report of a lens review: as it is now, or as
// milestone recorded it (when not 0). Whoever may read the lens review may
// read its report.
func (s *Service) LensReviewReport(ctx context.Context, workloadID, lensAlias string, milestone int) (*report.LensReview, error) {
	var out *report.LensReview
	err := s.store.View(ctx, func(tx wat.Tx) error {
		snap, arn, err := s.reviewSnapshot(ctx, tx, act("GetLensReviewReport"), workloadID, lensAlias, milestone)
		if err != nil {
			return err
		}
		rv := snap.review(ctx, s, arn)
		if rv == nil {
			return wat.NotFound("LENS_REVIEW", lensAlias, "Workload %s has no review of lens %s", workloadID, lensAlias)
		}
		out = s.lensReviewReport(snap, rv)
		if snap.milestone == nil && arn == s.lenses.Framework().ARN {
			pr, err := s.loadPriorities(ctx, tx, snap.workload)
			if err != nil {
				return err
			}
			markPrioritized(out, pr)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("GetLensReviewReport(%s, %s): %w", workloadID, lensAlias, err)
	}
	return out, nil
}

// markPrioritized marks the questions of a report that pr makes a
// priority (none when pr is nil: no profile).
func markPrioritized(r *report.LensReview, pr *Priorities) {
	if pr == nil {
		return
	}
	for i := range r.Pillars {
		for j := range r.Pillars[i].Questions {
			q := &r.Pillars[i].Questions[j]
			q.Prioritized = pr.Questions[q.ID]
		}
	}
}

// lensReviewReport turns an evaluated lens review into its report.
func (s *Service) lensReviewReport(snap *snapshot, rv *ReviewView) *report.LensReview {
	w := snap.workload
	r := &report.LensReview{
		GeneratedAt:  s.nowUTC(),
		Workload:     report.NewWorkload(w),
		Lens:         report.Lens{Alias: rv.Lens.Alias, ARN: rv.Lens.ARN, Name: rv.Lens.Name, Version: rv.Review.LensVersion},
		UpdatedAt:    rv.Review.UpdatedAt,
		RiskCounts:   rv.RiskCounts,
		Pillars:      reportPillars(rv, w.ID),
		Improvements: []report.Improvement{},
		Notes:        rv.Review.Notes,
		Fonts:        s.reportFonts,
	}
	if m := snap.milestone; m != nil {
		r.Milestone = &report.Milestone{Number: m.Number, Name: m.Name, RecordedAt: m.RecordedAt}
	}
	for _, v := range improvementPlan(rv, w) {
		p, _ := rv.Lens.Lens.Pillar(v.Question.PillarID)
		r.Improvements = append(r.Improvements, report.NewImprovement(p, v.Question, v.Risk, v.ImprovementPlanURL(), v.Improvements()))
	}
	return r
}

// reportPillars is the report of every pillar and question of a review.
func reportPillars(rv *ReviewView, workloadID string) []report.Pillar {
	out := make([]report.Pillar, 0, len(rv.Pillars))
	for i, p := range rv.Lens.Lens.Pillars {
		pv := rv.Pillars[i]
		rp := report.Pillar{ID: p.ID, Name: p.Name, Notes: pv.Notes, RiskCounts: pv.RiskCounts, Questions: make([]report.Question, 0, len(p.Questions))}
		for _, q := range p.Questions {
			v := answerView(rv, q, workloadID)
			var missing = v.Improvements()
			if v.Risk != wat.RiskHigh && v.Risk != wat.RiskMedium {
				missing = nil
			}
			rp.Questions = append(rp.Questions, report.NewQuestion(q, v.Answer, v.Risk, missing))
		}
		out = append(out, rp)
	}
	return out
}

// ConsolidatedReport builds the report across every workload the caller's
// account owns and, with includeShared, those shared with it.
func (s *Service) ConsolidatedReport(ctx context.Context, includeShared bool) (*report.Consolidated, error) {
	c, _, err := s.consolidated(ctx, includeShared, "", 0)
	return c, err
}

// ConsolidatedReportPage is ConsolidatedReport over one page of at most max
// workloads in name order (15 when max is 0), from token; it returns the
// token of the next page, "" after the last.
func (s *Service) ConsolidatedReportPage(ctx context.Context, includeShared bool, token string, max int) (*report.Consolidated, string, error) {
	return s.consolidated(ctx, includeShared, token, pageSize(max, 15))
}

// consolidated builds a consolidated report over the page of n workloads
// from token, or over all of them when n is 0.
func (s *Service) consolidated(ctx context.Context, includeShared bool, token string, n int) (*report.Consolidated, string, error) {
	p, err := caller(ctx)
	if err != nil {
		return nil, "", err
	}
	t, err := decodeToken(token)
	if err != nil {
		return nil, "", err
	}
	out := &report.Consolidated{GeneratedAt: s.nowUTC(), IncludesShared: includeShared, Workloads: []report.WorkloadRisks{}, Fonts: s.reportFonts}
	next := ""
	err = s.store.View(ctx, func(tx wat.Tx) error {
		if err := s.authorize(ctx, tx, act("GetConsolidatedReport"), "*", nil); err != nil {
			return err
		}
		var shared []string
		if includeShared {
			if shared, err = s.sharedWorkloadIDs(ctx, tx, p); err != nil {
				return err
			}
		}
		limit := n + 1
		if n == 0 {
			limit = MaxWorkloadsPerAccount + len(shared) + 1
		}
		ws, err := tx.ListWorkloads(ctx, p.AccountID, shared, "", t.Key, t.ID, limit)
		if err != nil {
			return err
		}
		if n > 0 && len(ws) > n {
			ws = ws[:n]
			next = encodeToken(pageToken{Key: wat.NameKey(ws[n-1].Name), ID: ws[n-1].ID})
		}
		snaps, err := s.liveSnapshots(ctx, tx, ws)
		if err != nil {
			return err
		}
		for _, snap := range snaps {
			out.Workloads = append(out.Workloads, s.workloadRisks(ctx, snap))
		}
		return nil
	})
	if err != nil {
		return nil, "", fmt.Errorf("GetConsolidatedReport: %w", err)
	}
	return out, next, nil
}

// workloadRisks is one workload of a consolidated report. Its lenses'
// pillars are shared with the cache (s.lensRisks): read-only.
func (s *Service) workloadRisks(ctx context.Context, snap *snapshot) report.WorkloadRisks {
	w := snap.workload
	out := report.WorkloadRisks{ID: w.ID, ARN: w.ARN, Name: w.Name, Owner: w.AccountID, UpdatedAt: w.UpdatedAt, RiskCounts: wat.NewRiskCounts()}
	for _, arn := range w.Lenses {
		// Without priorities (the consolidated report shows none), so that
		// the evaluation is the cached one and its risks are built once.
		rv := snap.evaluated(ctx, s, arn)
		if rv == nil {
			continue
		}
		lr := s.lensRisks.get(rv, func() report.LensRisks {
			return report.LensRisks{
				Lens:       report.Lens{Alias: rv.Lens.Alias, ARN: rv.Lens.ARN, Name: rv.Lens.Name, Version: rv.Review.LensVersion},
				RiskCounts: rv.RiskCounts,
				Pillars:    reportPillars(rv, w.ID),
			}
		})
		out.RiskCounts.Add(lr.RiskCounts)
		out.Lenses = append(out.Lenses, lr)
	}
	return out
}
