package scan

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/wat-dev/wat/lens/framework"
)

// Status is the outcome of one rule on one resource, or of the evidence for
// one best practice.
type Status string

// The statuses.
const (
	Pass      Status = "PASS"
	Fail      Status = "FAIL"
	Undecided Status = "UNKNOWN" // a property the rule needs is not known statically
)

// Result is one rule evaluated on one resource.
type Result struct {
	Rule     *Rule
	Resource *Resource
	Status   Status
	Reason   string // why the status is UNKNOWN
}

// PracticeEvidence is what the scan found for one best practice.
type PracticeEvidence struct {
	Practice framework.BestPractice
	Status   Status   // FAIL if any result fails, else PASS if any passes, else UNKNOWN
	Results  []Result // in the order of the scan's results
}

// PillarEvidence is the evidence for the best practices of one pillar.
type PillarEvidence struct {
	ID, Name  string
	Practices []PracticeEvidence // by best-practice id
	// Passing counts the practices whose evidence passes; WithEvidence those
	// with a passing or failing result. The score is their ratio.
	Passing, WithEvidence int
}

// Report is the outcome of a scan.
type Report struct {
	Results  []Result         // by file, line, resource, rule
	Pillars  []PillarEvidence // in framework order, pillars with results only
	Problems []Problem        // files that could not be read
}

// Evaluate runs every rule on every resource of its kinds. It first sets
// the properties that CloudFormation resources give other resources of
// their template (such as a queue being another's dead-letter queue).
func Evaluate(rules []*Rule, resources []*Resource, problems []Problem) *Report {
	cfnLink(resources)
	byKind := map[string][]*Rule{}
	for _, r := range rules {
		for _, k := range r.Kinds {
			byKind[k] = append(byKind[k], r)
		}
	}
	n := 0
	for _, res := range resources {
		n += len(byKind[res.Kind])
	}
	rep := &Report{Problems: problems, Results: make([]Result, 0, n)}
	for _, res := range resources {
		for _, rule := range byKind[res.Kind] {
			if out, ok := evaluate(rule, res); ok {
				rep.Results = append(rep.Results, out)
			}
		}
	}
	slices.SortStableFunc(rep.Results, func(a, b Result) int {
		return cmp.Or(cmp.Compare(a.Resource.File, b.Resource.File), cmp.Compare(a.Resource.Line, b.Resource.Line),
			cmp.Compare(a.Resource.Name, b.Resource.Name), cmp.Compare(a.Rule.ID, b.Rule.ID))
	})
	slices.SortFunc(rep.Problems, func(a, b Problem) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line))
	})
	rep.Pillars = group(rep.Results)
	return rep
}

func evaluate(rule *Rule, res *Resource) (Result, bool) {
	out := Result{Rule: rule, Resource: res}
	if rule.When != nil {
		switch rule.When.Eval(res.Props) {
		case False:
			return out, false
		case Undetermined:
			out.Status, out.Reason = Undecided, rule.When.unknownWhy(res.Props)
			return out, true
		}
	}
	switch rule.Condition.Eval(res.Props) {
	case True:
		out.Status = Pass
	case False:
		out.Status = Fail
	default:
		out.Status, out.Reason = Undecided, rule.Condition.unknownWhy(res.Props)
	}
	return out, true
}

// unknownWhy names the first unknown property the condition reads.
func (c *Condition) unknownWhy(props map[string]any) string {
	for _, list := range [][]Condition{c.All, c.Any} {
		for i := range list {
			if why := list[i].unknownWhy(props); why != "" {
				return why
			}
		}
	}
	if c.Not != nil {
		return c.Not.unknownWhy(props)
	}
	v := props[c.Property]
	if u, ok := v.(Unknown); ok {
		return c.Property + ": " + u.Why
	}
	inner := c.Some
	if inner == nil {
		inner = c.Every
	}
	if inner == nil && c.Contains == nil {
		return ""
	}
	for i, e := range elements(v) {
		switch x := e.(type) {
		case Unknown:
			return fmt.Sprintf("%s[%d]: %s", c.Property, i, x.Why)
		case map[string]any:
			if inner != nil {
				if why := inner.unknownWhy(x); why != "" {
					return fmt.Sprintf("%s[%d].%s", c.Property, i, why)
				}
			}
		}
	}
	return ""
}

func group(results []Result) []PillarEvidence {
	byChoice := map[string]*PracticeEvidence{}
	for _, r := range results {
		for _, bp := range r.Rule.Practices {
			pe := byChoice[bp.ChoiceID]
			if pe == nil {
				pe = &PracticeEvidence{Practice: bp, Status: Undecided}
				byChoice[bp.ChoiceID] = pe
			}
			pe.Results = append(pe.Results, r)
			switch {
			case r.Status == Fail:
				pe.Status = Fail
			case r.Status == Pass && pe.Status == Undecided:
				pe.Status = Pass
			}
		}
	}
	var out []PillarEvidence
	for _, p := range framework.Lens().Pillars {
		pe := PillarEvidence{ID: p.ID, Name: p.Name}
		for _, e := range byChoice {
			if e.Practice.PillarID != p.ID {
				continue
			}
			pe.Practices = append(pe.Practices, *e)
			if e.Status != Undecided {
				pe.WithEvidence++
			}
			if e.Status == Pass {
				pe.Passing++
			}
		}
		if len(pe.Practices) == 0 {
			continue
		}
		slices.SortFunc(pe.Practices, func(a, b PracticeEvidence) int { return cmp.Compare(a.Practice.ID, b.Practice.ID) })
		out = append(out, pe)
	}
	return out
}

// levels orders the risk levels of best practices.
var levels = map[framework.Level]int{framework.Low: 1, framework.Medium: 2, framework.High: 3}

// FailsAt tells whether a failing result is evidence against a best
// practice of the given risk level or above: the gate of `--fail-on`.
func (r *Report) FailsAt(level framework.Level) bool {
	for _, res := range r.Results {
		if res.Status != Fail {
			continue
		}
		for _, bp := range res.Rule.Practices {
			if levels[bp.Level] >= levels[level] {
				return true
			}
		}
	}
	return false
}
