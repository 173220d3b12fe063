package report

import (
	"fmt"

	"github.com/wat-dev/wat"
)

// PDF renders the consolidated report: how many workloads carry high and
// medium risks, the riskiest workloads, the risks of each pillar over all
// workloads and the best practices most often missing.
func (c *Consolidated) PDF() ([]byte, error) {
	s := c.Summary()
	d := newDoc(c.Fonts, "Consolidated report", "Consolidated report · generated "+c.GeneratedAt.Format(dateFormat), c.GeneratedAt)
	d.pdf.AddPage()
	d.pdf.SetFont(family, "", 10)
	d.pdf.SetTextColor(90, 90, 90)
	d.pdf.CellFormat(0, 6, "Well-Architected reviews", "", 1, "L", false, 0, "")
	d.pdf.SetTextColor(0, 0, 0)
	d.heading("Consolidated report", 20)
	scope := "Workloads owned by this account"
	if c.IncludesShared {
		scope += ", and workloads shared with it"
	}
	d.text(scope, "", 10, 0)
	d.text("Generated "+c.GeneratedAt.Format(dateFormat), "", 9.5, 0)
	d.pdf.Ln(6)
	d.contents([]string{"Summary", "Riskiest workloads", "Risks per pillar", "Best practices most often missing"}, []int{0, 0, 0, 0})

	d.section(0)
	d.text(fmt.Sprintf("Workloads: %d", s.Workloads), "B", 11, 0)
	d.text(fmt.Sprintf("Workloads with high risks: %d", s.WithHighRisks), "", 10, 0)
	d.text(fmt.Sprintf("Workloads with medium risks: %d", s.WithMediumRisks), "", 10, 0)
	d.pdf.Ln(2)
	d.text(fmt.Sprintf("Questions at high risk: %d   at medium risk: %d   unanswered: %d",
		s.RiskCounts[wat.RiskHigh], s.RiskCounts[wat.RiskMedium], s.RiskCounts[wat.RiskUnanswered]), "", 10, 0)

	d.section(1)
	if len(s.Riskiest) == 0 {
		d.text("No workload has a high or medium risk.", "I", 10, 0)
	}
	labels := make([]string, len(s.Riskiest))
	counts := make([]wat.RiskCounts, len(s.Riskiest))
	for i, w := range s.Riskiest {
		labels[i], counts[i] = w.Name, w.RiskCounts
	}
	if len(labels) > 0 {
		d.riskBars(labels, counts)
		d.countsTable("Workload", labels, counts)
	}

	d.section(2)
	labels = make([]string, len(s.Pillars))
	counts = make([]wat.RiskCounts, len(s.Pillars))
	for i, p := range s.Pillars {
		labels[i], counts[i] = p.Pillar, p.RiskCounts
		if p.LensARN != s.Pillars[0].LensARN {
			labels[i] = p.Lens + ": " + p.Pillar
		}
	}
	if len(labels) > 0 {
		d.riskBars(labels, counts)
		d.countsTable("Pillar", labels, counts)
	}

	d.section(3)
	if len(s.MostMissing) == 0 {
		d.text("No best practice is missing from a question at high or medium risk.", "I", 10, 0)
	}
	for i, m := range s.MostMissing {
		d.needs(18)
		d.text(fmt.Sprintf("%d. %s", i+1, m.Practice.Title), "B", 10, 0)
		d.text(fmt.Sprintf("Missing in %d of %d workloads · %s · %s", m.Workloads, s.Workloads, m.Lens, m.Pillar), "", 9, 4)
		d.text(m.Question, "I", 9, 4)
		if m.Practice.URL != "" {
			d.link(m.Practice.URL, m.Practice.URL, 4)
		}
		d.pdf.Ln(2)
	}
	return d.bytes()
}
