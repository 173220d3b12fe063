package report

import (
	"cmp"
	"slices"
	"time"

	"github.com/wat-dev/wat"
)

// Consolidated is the report across the workloads a caller can see.
type Consolidated struct {
	GeneratedAt time.Time
	// IncludesShared tells whether workloads shared with the caller count.
	IncludesShared bool
	// Workloads are in name order.
	Workloads []WorkloadRisks
	// Fonts draw the PDF; the embedded ones when nil.
	Fonts *Fonts `json:"-"`
}

// WorkloadRisks is one workload of a consolidated report: its risks over
// every lens applied to it.
type WorkloadRisks struct {
	ID         string
	ARN        string
	Name       string
	Owner      string
	UpdatedAt  time.Time
	RiskCounts wat.RiskCounts
	Lenses     []LensRisks
}

// LensRisks is one lens review of a workload in a consolidated report.
type LensRisks struct {
	Lens       Lens
	RiskCounts wat.RiskCounts
	Pillars    []Pillar
}

// Summary is what a consolidated report concludes.
type Summary struct {
	Workloads int
	// WithHighRisks and WithMediumRisks count the workloads with at least
	// one question at that risk.
	WithHighRisks   int
	WithMediumRisks int
	RiskCounts      wat.RiskCounts
	// Riskiest are the workloads with the most high, then medium, risks,
	// without their lenses.
	Riskiest []WorkloadRisks
	// Pillars total the risks of each lens's pillars over all workloads.
	Pillars []PillarTotal
	// MostMissing are the best practices missing from the most workloads:
	// the ones whose fix helps most.
	MostMissing []MissingPractice
}

// PillarTotal is one pillar's risks over all workloads.
type PillarTotal struct {
	Lens       string // the lens's name
	LensARN    string
	PillarID   string
	Pillar     string // the pillar's name
	RiskCounts wat.RiskCounts
}

// MissingPractice is a best practice missing from some workloads.
type MissingPractice struct {
	LensARN   string
	Lens      string
	Pillar    string
	Question  string // the question's title
	Practice  Practice
	Workloads int // how many workloads miss it
}

// Limits of the summary's lists.
const (
	RiskiestCount    = 10
	MostMissingCount = 20
)

// Summary computes the conclusions of the report.
func (c *Consolidated) Summary() Summary {
	s := Summary{Workloads: len(c.Workloads), RiskCounts: wat.NewRiskCounts()}
	pillars := map[string]int{} // lens ARN + pillar id -> index in s.Pillars
	missing := map[string]int{} // lens ARN + question id + choice id -> index in s.MostMissing
	var risky []WorkloadRisks
	for _, w := range c.Workloads {
		s.RiskCounts.Add(w.RiskCounts)
		if w.RiskCounts[wat.RiskHigh] > 0 {
			s.WithHighRisks++
		}
		if w.RiskCounts[wat.RiskMedium] > 0 {
			s.WithMediumRisks++
		}
		if w.RiskCounts[wat.RiskHigh]+w.RiskCounts[wat.RiskMedium] > 0 {
			top := w
			top.Lenses = nil // the ranking needs the totals only
			risky = append(risky, top)
		}
		for _, l := range w.Lenses {
			for _, p := range l.Pillars {
				key := l.Lens.ARN + "\x00" + p.ID
				i, ok := pillars[key]
				if !ok {
					i = len(s.Pillars)
					pillars[key] = i
					s.Pillars = append(s.Pillars, PillarTotal{Lens: l.Lens.Name, LensARN: l.Lens.ARN, PillarID: p.ID, Pillar: p.Name, RiskCounts: wat.NewRiskCounts()})
				}
				s.Pillars[i].RiskCounts.Add(p.RiskCounts)
				for _, q := range p.Questions {
					for _, bp := range q.Missing {
						key := l.Lens.ARN + "\x00" + q.ID + "\x00" + bp.ID
						i, ok := missing[key]
						if !ok {
							i = len(s.MostMissing)
							missing[key] = i
							s.MostMissing = append(s.MostMissing, MissingPractice{LensARN: l.Lens.ARN, Lens: l.Lens.Name, Pillar: p.Name, Question: q.Title, Practice: bp})
						}
						s.MostMissing[i].Workloads++
					}
				}
			}
		}
	}
	slices.SortStableFunc(risky, func(a, b WorkloadRisks) int {
		return cmp.Or(
			cmp.Compare(b.RiskCounts[wat.RiskHigh], a.RiskCounts[wat.RiskHigh]),
			cmp.Compare(b.RiskCounts[wat.RiskMedium], a.RiskCounts[wat.RiskMedium]))
	})
	s.Riskiest = risky[:min(len(risky), RiskiestCount)]
	// First seen (lens order) breaks ties, so the order is stable.
	slices.SortStableFunc(s.MostMissing, func(a, b MissingPractice) int { return cmp.Compare(b.Workloads, a.Workloads) })
	s.MostMissing = s.MostMissing[:min(len(s.MostMissing), MostMissingCount)]
	return s
}
