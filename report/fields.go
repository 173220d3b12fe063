package report

import (
	"net/url"
	"strings"
)

// field is one labelled property a report shows.
type field struct{ Label, Value string }

// fields are the workload's properties in the order every format shows
// them, without the empty ones.
func (w Workload) fields() []field {
	all := []field{
		{"Description", w.Description},
		{"Owner account", w.Owner},
		{"Review owner", w.ReviewOwner},
		{"Environment", w.Environment},
		{"AWS Regions", strings.Join(w.AWSRegions, ", ")},
		{"Other Regions", strings.Join(w.NonAWSRegions, ", ")},
		{"Account IDs", strings.Join(w.AccountIDs, ", ")},
		{"Industry type", w.IndustryType},
		{"Industry", w.Industry},
		{"Architectural design", w.ArchitecturalDesign},
		{"Workload notes", w.Notes},
		{"Workload ID", w.ID},
		{"Workload updated", date(w.UpdatedAt)},
	}
	out := all[:0]
	for _, f := range all {
		if f.Value = strings.TrimSpace(f.Value); f.Value != "" {
			out = append(out, f)
		}
	}
	return out
}

// answeredCount is how many of the review's questions are answered, of how
// many.
func (r *LensReview) answeredCount() (answered, total int) {
	for _, p := range r.Pillars {
		for _, q := range p.Questions {
			total++
			if q.Answered() {
				answered++
			}
		}
	}
	return answered, total
}

// webURL returns u when it is an absolute http or https address, the only
// links the text exports make; "" otherwise.
func webURL(u string) string {
	p, err := url.Parse(strings.TrimSpace(u))
	if err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" {
		return ""
	}
	return p.String()
}
