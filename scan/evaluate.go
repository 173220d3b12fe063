package scan

import (
	"cmp"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"

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
	Problems []Problem        // files not read, resources not evaluated
}

// Evaluate runs every rule on every resource of its kinds. Resources are
// evaluated in parallel, in chunks, with the rules' conditions compiled
// once (compile.go); the results are the same, in the same order, whatever
// the parallelism: sorted by file, line, resource and rule, stably.
func Evaluate(rules []*Rule, resources []*Resource, problems []Problem) *Report {
	byKind := map[string][]*compiledRule{}
	for _, r := range rules {
		c := compileRule(r)
		for _, k := range r.Kinds {
			byKind[k] = append(byKind[k], c)
		}
	}
	workers := min(runtime.GOMAXPROCS(0), 1+len(resources)/512)
	chunks := make([][]Result, workers)
	failed := make([][]Problem, workers)
	var wg sync.WaitGroup
	for w := range workers {
		part := resources[w*len(resources)/workers : (w+1)*len(resources)/workers]
		wg.Go(func() { chunks[w], failed[w] = evaluateChunk(byKind, part) })
	}
	wg.Wait()
	n := 0
	for _, c := range chunks {
		n += len(c)
	}
	rep := &Report{Problems: problems, Results: make([]Result, 0, n)}
	for w, c := range chunks {
		rep.Results = append(rep.Results, c...)
		rep.Problems = append(rep.Problems, failed[w]...)
	}
	// Each chunk is sorted already; only chunks out of order between them
	// (or a file given twice) leave anything to do.
	if !slices.IsSortedFunc(rep.Results, compareResults) {
		slices.SortStableFunc(rep.Results, compareResults)
	}
	slices.SortFunc(rep.Problems, func(a, b Problem) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line))
	})
	rep.Pillars = group(rep.Results)
	return rep
}

// evaluateChunk evaluates the rules on some resources, and sorts the
// results stably: sorting the chunks, then the whole, orders equal results
// as sorting the whole at once does. A resource on which a rule panics
// becomes a problem of its file (see evaluateResource).
func evaluateChunk(byKind map[string][]*compiledRule, resources []*Resource) ([]Result, []Problem) {
	n := 0
	for _, res := range resources {
		n += len(byKind[res.Kind])
	}
	out := make([]Result, 0, n)
	var problems []Problem
	for _, res := range resources {
		var p *Problem
		if out, p = evaluateResource(byKind[res.Kind], res, out); p != nil {
			problems = append(problems, *p)
		}
	}
	if !slices.IsSortedFunc(out, compareResults) {
		slices.SortStableFunc(out, compareResults)
	}
	return out, problems
}

// evaluateResource appends the results of the rules on one resource. The
// resources of every file are evaluated together, so a panic here (a bug:
// conditions are meant to take any value, TestNormalisersTolerateAnyShape
// checks it) would abort the whole scan; instead the resource's results are
// dropped and it is reported as a problem of its file.
func evaluateResource(rules []*compiledRule, res *Resource, out []Result) (results []Result, p *Problem) {
	n := len(out)
	defer func() {
		if v := recover(); v != nil {
			results = out[:n]
			p = &Problem{File: res.File, Line: res.Line, Message: fmt.Sprintf("%s not evaluated: wat failed on it (a bug, please report it): %v", res.Name, v)}
		}
	}()
	for _, rule := range rules {
		if r, ok := rule.evaluate(res); ok {
			out = append(out, r)
		}
	}
	return out, nil
}

// compareResults orders results by file, line, resource name and rule id.
func compareResults(a, b Result) int {
	if a.Resource != b.Resource {
		if c := strings.Compare(a.Resource.File, b.Resource.File); c != 0 {
			return c
		}
		if c := cmp.Compare(a.Resource.Line, b.Resource.Line); c != 0 {
			return c
		}
		if c := strings.Compare(a.Resource.Name, b.Resource.Name); c != 0 {
			return c
		}
	}
	return strings.Compare(a.Rule.ID, b.Rule.ID)
}

func (rule *compiledRule) evaluate(res *Resource) (Result, bool) {
	out := Result{Rule: rule.Rule, Resource: res}
	if rule.when != nil {
		switch rule.when(res.Props) {
		case False:
			return out, false
		case Undetermined:
			out.Status, out.Reason = Undecided, rule.When.unknownWhy(res.Props)
			return out, true
		}
	}
	switch rule.condition(res.Props) {
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
	sizes := map[string]int{}
	for i := range results {
		for _, bp := range results[i].Rule.Practices {
			sizes[bp.ChoiceID]++
		}
	}
	for i := range results {
		r := &results[i]
		for _, bp := range r.Rule.Practices {
			pe := byChoice[bp.ChoiceID]
			if pe == nil {
				pe = &PracticeEvidence{Practice: bp, Status: Undecided, Results: make([]Result, 0, sizes[bp.ChoiceID])}
				byChoice[bp.ChoiceID] = pe
			}
			pe.Results = append(pe.Results, *r)
			switch {
			case r.Status == Fail:
				pe.Status = Fail
			case r.Status == Pass && pe.Status == Undecided:
				pe.Status = Pass
			}
		}
	}
	var out []PillarEvidence
	pillars := slices.Clone(framework.Lens().Pillars)
	seen := map[string]bool{}
	for _, p := range pillars {
		seen[p.ID] = true
	}
	for i := range results {
		for _, p := range results[i].Rule.customPillars {
			if !seen[p.ID] {
				seen[p.ID] = true
				pillars = append(pillars, p)
			}
		}
	}
	for _, p := range pillars {
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
