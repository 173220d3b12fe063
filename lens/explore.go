package lens

import (
	"cmp"
	"fmt"
	"math/bits"
	"math/rand/v2"
	"slices"
	"strings"

	"github.com/wat-dev/wat"
)

// MaxExplored is how many answers Explore lists for one question: all of
// them for a question of up to 12 choices, a sample beyond.
const MaxExplored = 1 << 12

// maxEnumerated bounds the choices Explore evaluates every combination of;
// Compile keeps questions far below it.
const maxEnumerated = 20

// Outcome is one answer to a question and the risk it gets.
type Outcome struct {
	// Mask has bit i set when the question's choice i is selected or
	// marked not applicable (both satisfy a condition).
	Mask uint64
	Risk wat.Risk
	Rule int // the index of the risk rule that decides it
}

// Exploration is what Explore finds out about a question's risk rules.
type Exploration struct {
	Question *Question
	// Total is how many answers there are: every non-empty combination of
	// the choices. Counts and Decides are over all of them.
	Total   int
	Counts  map[wat.Risk]int
	Decides []int // per risk rule, how many answers it decides
	// Outcomes lists every answer, or a sample of MaxExplored of them when
	// Sampled, ordered by how many choices they satisfy.
	Outcomes []Outcome
	Sampled  bool
	// Warnings are the rules' likely mistakes, with their paths and ids
	// (Document.Locate places them): rules that never decide a risk, a
	// question that keeps a risk when every best practice is established,
	// and a "None of these" choice that does not lead to HIGH risk.
	Warnings []Problem
}

// Explore evaluates q's risk rules over every answer there is.
func Explore(q *Question) *Exploration {
	n := len(q.Choices)
	x := &Exploration{Question: q, Counts: map[wat.Risk]int{}, Decides: make([]int, len(q.rules))}
	if n == 0 || n > maxEnumerated {
		return x
	}
	holds := make([]int, len(q.rules))
	last := uint64(1)<<n - 1
	for m := uint64(1); m <= last; m++ {
		rule := -1
		for r := range q.rules {
			if q.rules[r].cond.eval(m) {
				holds[r]++
				if rule < 0 {
					rule = r
				}
			}
		}
		x.Total++
		if rule >= 0 {
			x.Counts[q.rules[rule].risk]++
			x.Decides[rule]++
		}
	}
	for _, m := range masksToList(n, q.none) {
		x.Outcomes = append(x.Outcomes, q.outcome(m))
	}
	x.Sampled = len(x.Outcomes) < x.Total
	x.warn(holds)
	return x
}

func (q *Question) outcome(m uint64) Outcome {
	for r := range q.rules {
		if q.rules[r].cond.eval(m) {
			return Outcome{Mask: m, Risk: q.rules[r].risk, Rule: r}
		}
	}
	return Outcome{Mask: m, Risk: wat.RiskUnanswered, Rule: -1}
}

// masksToList returns every non-empty mask over n choices, or a sample of
// MaxExplored that always holds each single choice, each "all but one",
// every best practice and all choices. The sample is the same on every
// run, so reports can be compared.
func masksToList(n, none int) []uint64 {
	all := uint64(1)<<n - 1
	var out []uint64
	if all <= MaxExplored {
		for m := uint64(1); m <= all; m++ {
			out = append(out, m)
		}
	} else {
		seen := map[uint64]bool{}
		add := func(m uint64) {
			if m != 0 && !seen[m] {
				seen[m] = true
				out = append(out, m)
			}
		}
		practices := all
		if none >= 0 {
			practices &^= 1 << none
		}
		add(all)
		add(practices)
		for i := range n {
			add(1 << i)
			add(all &^ (1 << i))
			add(practices &^ (1 << i))
		}
		rnd := rand.New(rand.NewPCG(uint64(n), 0x5eed))
		for len(out) < MaxExplored {
			add(rnd.Uint64() & all)
		}
	}
	slices.SortFunc(out, func(a, b uint64) int {
		if d := bits.OnesCount64(a) - bits.OnesCount64(b); d != 0 {
			return d
		}
		return cmp.Compare(bits.Reverse64(b), bits.Reverse64(a)) // earlier choices first
	})
	return out
}

func (x *Exploration) warn(holds []int) {
	q := x.Question
	warn := func(path, choice, format string, args ...any) {
		x.Warnings = append(x.Warnings, Problem{Path: path, PillarID: q.PillarID, QuestionID: q.ID, ChoiceID: choice,
			Message: fmt.Sprintf(format, args...)})
	}
	for r, n := range x.Decides {
		if n > 0 {
			continue
		}
		path := fmt.Sprintf("%s.riskRules[%d].condition", q.path, r)
		switch {
		case strings.Trim(q.rules[r].text, spaceChars) == DefaultCondition:
			warn(path, "", "the default rule never applies: the rules before it decide every answer")
		case holds[r] == 0:
			warn(path, "", "rule %d (%s) never applies: its condition %q is false for every answer", r+1, q.rules[r].risk, q.rules[r].text)
		default:
			warn(path, "", "rule %d (%s) never applies: whenever %q holds, an earlier rule has decided the risk", r+1, q.rules[r].risk, q.rules[r].text)
		}
	}
	practices := uint64(1)<<len(q.Choices) - 1
	if q.none >= 0 {
		practices &^= 1 << q.none
	}
	if practices != 0 {
		if o := q.outcome(practices); o.Risk != wat.RiskNone {
			but := ""
			if q.none >= 0 {
				but = fmt.Sprintf(" (every choice but %q)", q.Choices[q.none].ID)
			}
			warn(q.path+".riskRules", "", "selecting every best practice%s gives %s risk (rule %d); no answer that does all the question asks is risk-free", but, o.Risk, o.Rule+1)
		}
	}
	if q.none >= 0 {
		if o := q.outcome(1 << q.none); o.Risk != wat.RiskHigh {
			none := q.Choices[q.none].ID
			warn(fmt.Sprintf("%s.choices[%d].id", q.path, q.none), none,
				"selecting only %q (None of these) gives %s risk (rule %d), not HIGH", none, o.Risk, o.Rule+1)
		}
	}
}

// Locate sets the Line and Col of each problem from the text d was parsed
// from, as Validate does; without such text it leaves them as they are.
func (d *Document) Locate(ps []Problem) {
	if d == nil || d.src == nil || len(ps) == 0 {
		return
	}
	in := make([]problem, len(ps))
	for i, p := range ps {
		in[i] = problem{path: p.Path, at: -1, offset: -1}
	}
	placed := locate(d.src, in)
	offsets := make([]int, len(placed))
	for i, pl := range placed {
		offsets[i] = pl.offset
	}
	lines, cols := positions(d.src, offsets)
	for i := range ps {
		ps[i].Line, ps[i].Col = lines[i], cols[i]
	}
}

// RiskRule is a risk rule of a compiled question.
type RiskRule struct {
	Condition string // as the document writes it
	Risk      wat.Risk
}

// Rules returns the question's risk rules in order.
func (q *Question) Rules() []RiskRule {
	out := make([]RiskRule, len(q.rules))
	for i, r := range q.rules {
		out[i] = RiskRule{Condition: r.text, Risk: r.risk}
	}
	return out
}
