package api

import (
	"context"
	"encoding/base64"

	"github.com/wat-dev/wat/api/wire"
	"github.com/wat-dev/wat/report"
)

func (h *handler) GetLensReviewReport(ctx context.Context, in *wire.GetLensReviewReportInput) (*wire.GetLensReviewReportOutput, error) {
	r, err := h.svc.LensReviewReport(ctx, val(in.WorkloadId), val(in.LensAlias), intOf(in.MilestoneNumber))
	if err != nil {
		return nil, err
	}
	pdf, err := r.PDF()
	if err != nil {
		return nil, err
	}
	return &wire.GetLensReviewReportOutput{
		WorkloadId:      in.WorkloadId,
		MilestoneNumber: in.MilestoneNumber,
		LensReviewReport: &wire.LensReviewReport{
			LensAlias:    ptr(r.Lens.Alias),
			LensArn:      ptr(r.Lens.ARN),
			Base64String: ptr(base64.StdEncoding.EncodeToString(pdf)),
		},
	}, nil
}

func (h *handler) GetConsolidatedReport(ctx context.Context, in *wire.GetConsolidatedReportInput) (*wire.GetConsolidatedReportOutput, error) {
	shared := val(in.IncludeSharedResources)
	if in.Format == wire.ReportFormatPdf {
		c, err := h.svc.ConsolidatedReport(ctx, shared)
		if err != nil {
			return nil, err
		}
		pdf, err := c.PDF()
		if err != nil {
			return nil, err
		}
		return &wire.GetConsolidatedReportOutput{Base64String: ptr(base64.StdEncoding.EncodeToString(pdf))}, nil
	}
	c, next, err := h.svc.ConsolidatedReportPage(ctx, shared, val(in.NextToken), intOf(in.MaxResults))
	if err != nil {
		return nil, err
	}
	out := &wire.GetConsolidatedReportOutput{NextToken: str(next), Metrics: []wire.ConsolidatedReportMetric{}}
	for _, w := range c.Workloads {
		out.Metrics = append(out.Metrics, workloadMetric(w))
	}
	return out, nil
}

// workloadMetric is the wire form of one workload of a consolidated report.
func workloadMetric(w report.WorkloadRisks) wire.ConsolidatedReportMetric {
	m := wire.ConsolidatedReportMetric{
		MetricType:         wire.MetricTypeWorkload,
		WorkloadId:         ptr(w.ID),
		WorkloadArn:        ptr(w.ARN),
		WorkloadName:       ptr(w.Name),
		UpdatedAt:          ts(w.UpdatedAt),
		RiskCounts:         riskCounts(w.RiskCounts),
		LensesAppliedCount: ptr(int32(len(w.Lenses))),
		Lenses:             []wire.LensMetric{},
	}
	for _, l := range w.Lenses {
		lm := wire.LensMetric{LensArn: ptr(l.Lens.ARN), RiskCounts: riskCounts(l.RiskCounts), Pillars: []wire.PillarMetric{}}
		for _, p := range l.Pillars {
			pm := wire.PillarMetric{PillarId: ptr(p.ID), RiskCounts: riskCounts(p.RiskCounts), Questions: []wire.QuestionMetric{}}
			for _, q := range p.Questions {
				qm := wire.QuestionMetric{QuestionId: ptr(q.ID), Risk: wire.Risk(q.Risk)}
				for _, bp := range q.Missing {
					qm.BestPractices = append(qm.BestPractices, wire.BestPractice{ChoiceId: ptr(bp.ID), ChoiceTitle: ptr(bp.Title)})
				}
				pm.Questions = append(pm.Questions, qm)
			}
			lm.Pillars = append(lm.Pillars, pm)
		}
		m.Lenses = append(m.Lenses, lm)
	}
	return m
}
