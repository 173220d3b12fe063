package wat

// Risk is the risk a question, pillar, lens review or workload carries.
type Risk string

// The risks, spelled as on the wire.
const (
	RiskUnanswered    Risk = "UNANSWERED"
	RiskHigh          Risk = "HIGH"
	RiskMedium        Risk = "MEDIUM"
	RiskNone          Risk = "NONE"
	RiskNotApplicable Risk = "NOT_APPLICABLE"
)

// Risks lists every Risk in a stable order.
var Risks = []Risk{RiskUnanswered, RiskHigh, RiskMedium, RiskNone, RiskNotApplicable}

// RiskCounts counts questions per risk. Every Risk is present, zero or not.
type RiskCounts map[Risk]int

// NewRiskCounts returns counts with every risk at zero.
func NewRiskCounts() RiskCounts {
	c := make(RiskCounts, len(Risks))
	for _, r := range Risks {
		c[r] = 0
	}
	return c
}

// Add adds o's counts into c.
func (c RiskCounts) Add(o RiskCounts) {
	for r, n := range o {
		c[r] += n
	}
}
