package scan

import "slices"

// Outcome is what one rule found over a whole scan: how many resources
// meet it, and the results of those that do not (FAIL or UNKNOWN), in the
// order of the report's results. It is what a workload's evidence keeps of
// a rule (`wat scan --workload`).
type Outcome struct {
	Rule    *Rule
	Passed  int
	Flagged []Result
}

// Status summarises the outcome: FAIL when a resource fails, else UNKNOWN
// when one is undecided, else PASS when one passes; "" when the rule found
// no resource to look at.
func (o *Outcome) Status() Status {
	var st Status
	if o.Passed > 0 {
		st = Pass
	}
	for _, r := range o.Flagged {
		if r.Status == Fail {
			return Fail
		}
		st = Undecided
	}
	return st
}

// Outcomes returns the outcome of every rule of rules, in that order, with
// those that found nothing to look at.
func (r *Report) Outcomes(rules []*Rule) []Outcome {
	index := make(map[*Rule]int, len(rules))
	out := make([]Outcome, len(rules))
	for i, rule := range rules {
		index[rule] = i
		out[i].Rule = rule
	}
	for _, res := range r.Results {
		i, ok := index[res.Rule]
		if !ok {
			continue
		}
		if res.Status == Pass {
			out[i].Passed++
		} else {
			out[i].Flagged = append(out[i].Flagged, res)
		}
	}
	return out
}

// FailsAt tells whether a rule of the given severity ("high", "medium" or
// "low") or above fails on a resource: the gate of `wat scan --fail-on`.
// It goes by the severity of the finding itself, the level of its SARIF
// result, as Checkov, Trivy and tfsec gate on theirs: a medium finding is
// not made high by the best practice it is evidence against, and a gate
// that said otherwise would fail builds no reader of the findings expects
// to fail. An unknown severity fails nothing.
func (r *Report) FailsAt(severity string) bool {
	gate := slices.Index(severities, severity)
	if gate < 0 {
		return false
	}
	for _, res := range r.Results {
		if res.Status == Fail && slices.Index(severities, res.Rule.Severity) >= gate {
			return true
		}
	}
	return false
}
