package catalog

import (
	"io/fs"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/wat-dev/wat"
	"github.com/wat-dev/wat/lens"
)

// TestRepairs applies each kind of repair, and refuses what does not fit
// the document.
func TestRepairs(t *testing.T) {
	const doc = "{\n \"name\": NaN,\n \"rules\": [{\"condition\": \"a\"}]\n}\n"
	tests := []struct {
		name     string
		repair   Repair
		want     string // the document after, or the error
		wantWhat string
	}{
		{"text edit", Repair{Path: "name", Line: 2, Was: "NaN", Set: `"Named"`, Why: "w"},
			"{\n \"name\": \"Named\",\n \"rules\": [{\"condition\": \"a\"}]\n}\n", `line 2: NaN → "Named"`},
		{"text not on its line", Repair{Path: "name", Line: 3, Was: "NaN", Set: `""`, Why: "w"},
			`repair of name: line 3 holds "NaN" 0 times, not once`, ""},
		{"change of value", Repair{Path: "rules[0].condition", Was: "a", Set: "default", Why: "w"},
			"{\n \"name\": null,\n \"rules\": [\n  {\n   \"condition\": \"default\"\n  }\n ]\n}\n", `"a" → "default"`},
		{"another value than expected", Repair{Path: "rules[0].condition", Was: "b", Set: "default", Why: "w"},
			`repair of rules[0].condition: is "a", not "b" as the repair expects`, ""},
		{"addition", Repair{Path: "rules", Append: map[string]any{"condition": "default", "risk": "NO_RISK"}, Why: "w"},
			"{\n \"name\": null,\n \"rules\": [\n  {\n   \"condition\": \"a\"\n  },\n  {\n   \"condition\": \"default\",\n   \"risk\": \"NO_RISK\"\n  }\n ]\n}\n",
			`added {"condition":"default","risk":"NO_RISK"}`},
		{"addition to no array", Repair{Path: "rules[0]", Append: "x", Why: "w"},
			"repair of rules[0]: is not an array, so nothing can be added to it", ""},
		{"path not in the document", Repair{Path: "rules[3].condition", Was: "a", Set: "b", Why: "w"},
			"repair of rules[3].condition: rules[3] is not in the document", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := tt.repair.check(); err != nil {
				t.Fatalf("check: %v", err)
			}
			// Value repairs read JSON: make the document JSON first, as the
			// catalog's text edits come first.
			rs := []Repair{tt.repair}
			if tt.repair.Line == 0 {
				rs = append([]Repair{{Path: "name", Line: 2, Was: "NaN", Set: "null", Why: "w"}}, rs...)
			}
			out, err := applyText([]byte(doc), rs)
			if err == nil {
				out, err = applyValues(out, rs)
			}
			got := string(out)
			if err != nil {
				got = err.Error()
			}
			if got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
			if tt.wantWhat != "" && tt.repair.What() != tt.wantWhat {
				t.Errorf("What() = %s, want %s", tt.repair.What(), tt.wantWhat)
			}
		})
	}
}

// TestRepairCheck: an index's repair must say what it changes, from what,
// and why.
func TestRepairCheck(t *testing.T) {
	tests := []struct {
		r    Repair
		want string
	}{
		{Repair{Set: "x", Was: "y", Why: "w"}, "a repair needs the path of the value it changes"},
		{Repair{Path: "name", Set: "x", Was: "y"}, "repair of name: say why (why)"},
		{Repair{Path: "name", Set: "x", Why: "w"}, "repair of name: give the value it replaces (was)"},
		{Repair{Path: "name", Why: "w"}, "repair of name: give one of line (with was and set), set (with was) or append"},
		{Repair{Path: "name", Set: "x", Was: "y", Append: "z", Why: "w"}, "repair of name: give one of line (with was and set), set (with was) or append"},
		{Repair{Path: "name", Line: 3, Was: 1, Set: "x", Why: "w"}, "repair of name: a text edit's was and set are the text of the line before and after"},
		{Repair{Path: "pillars[x].name", Set: "x", Was: "y", Why: "w"}, `path "pillars[x].name": "[x]" is not an index such as [2]`},
	}
	for _, tt := range tests {
		if err := tt.r.check(); err == nil || err.Error() != tt.want {
			t.Errorf("check(%+v) = %v, want %s", tt.r, err, tt.want)
		}
	}
}

// TestRepairsKeepUpstreamRisks: a repair of risk rules changes no risk the
// upstream rules decided. For every question of the embedded catalog whose
// rules a repair touches, every answer is scored by the upstream rules
// (read here, independently of the lens package's evaluator) and by the
// repaired lens: where upstream decided, they agree; where it decided
// nothing, which is the defect, the repaired lens decides.
func TestRepairsKeepUpstreamRisks(t *testing.T) {
	c := builtinCatalog(t)
	sub, _ := fs.Sub(lenses, "lenses")
	checked := 0
	for _, e := range c.Entries() {
		raw, err := fs.ReadFile(sub, e.Source.File)
		if err != nil {
			t.Fatal(err)
		}
		raw, _ = applyText(raw, e.Repairs)
		up, err := lens.ParseDocument(raw)
		if err != nil {
			t.Fatalf("%s: %v", e.ID, err)
		}
		for _, r := range e.Repairs {
			steps, _ := parsePath(r.Path)
			if len(steps) < 5 || steps[4].member != "riskRules" {
				continue
			}
			q := up.Pillars[steps[1].index].Questions[steps[3].index]
			repaired, _ := e.Lens.Question(q.ID)
			checked++
			undecided := 0
			for m := uint64(1); m < 1<<len(q.Choices); m++ {
				selected := map[string]bool{}
				for i, ch := range q.Choices {
					selected[ch.ID] = m&(1<<i) != 0
				}
				got := repaired.RiskOfMask(m, true, true)
				want, decided := upstreamRisk(t, q.RiskRules, selected)
				switch {
				case !decided:
					undecided++
					if got == wat.RiskUnanswered {
						t.Errorf("%s %s: answer %b has no risk after the repair either", e.ID, q.ID, m)
					}
				case got != want:
					t.Errorf("%s %s: answer %b: upstream %s, repaired %s", e.ID, q.ID, m, want, got)
				}
			}
			t.Logf("%s %s: %d answers upstream left undecided", e.ID, q.ID, undecided)
		}
	}
	if checked != 23 {
		t.Errorf("%d questions with repaired rules, want 23 (ECS 1, ElastiCache 22)", checked)
	}
}

// upstreamRisk scores an answer by rules as written: the first rule whose
// condition holds, "default" always holding.
func upstreamRisk(t *testing.T, rules []lens.RiskRuleDoc, selected map[string]bool) (wat.Risk, bool) {
	t.Helper()
	risks := map[string]wat.Risk{lens.HighRisk: wat.RiskHigh, lens.MediumRisk: wat.RiskMedium, lens.NoRisk: wat.RiskNone}
	for _, r := range rules {
		cond, err := lens.ParseCondition(strings.TrimSpace(r.Condition))
		if err != nil {
			t.Fatalf("condition %q: %v", r.Condition, err)
		}
		if cond.Default || holds(cond.Expr, selected) {
			return risks[r.Risk], true
		}
	}
	return "", false
}

func holds(e lens.Expr, selected map[string]bool) bool {
	switch e := e.(type) {
	case *lens.Ident:
		return selected[e.Name]
	case *lens.Not:
		return !holds(e.X, selected)
	case *lens.And:
		return holds(e.X, selected) && holds(e.Y, selected)
	case *lens.Or:
		return holds(e.X, selected) || holds(e.Y, selected)
	}
	panic("unknown expression")
}

// TestWhatShowsEveryRepair: the words a user reads for the embedded
// catalog's repairs.
func TestWhatShowsEveryRepair(t *testing.T) {
	c := builtinCatalog(t)
	var got []string
	for _, id := range []string{"amazon-ecs", "amazon-emr-spark", "amazon-athena"} {
		e, _ := c.Entry(id)
		for _, r := range e.Repairs {
			got = append(got, id+" "+r.Path+": "+r.What())
		}
	}
	want := []string{
		`amazon-ecs pillars[1].questions[2].riskRules[2].condition: "NET3_1" → "default"`,
		`amazon-emr-spark pillars[3].questions[4].title: line 1448: NaN → "How do you prepare your EMR workloads for disaster recovery?"`,
		`amazon-emr-spark pillars[3].questions[4].description: line 1449: NaN → null`,
		`amazon-athena name: "Spark on EMR Best Practice Lens" → "Athena SQL Best Practice Lens"`,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// TestRepairRefusesTextAfterTheDocument: writing a repaired document out
// again would drop what follows it, which the validator refuses; the
// repair refuses it too rather than hide it.
func TestRepairRefusesTextAfterTheDocument(t *testing.T) {
	_, err := applyValues([]byte(`{"name": "a"} {"name": "b"}`), []Repair{{Path: "name", Was: "a", Set: "c", Why: "w"}})
	if err == nil || err.Error() != "repair of name: the document is not JSON: there is text after the document" {
		t.Errorf("applyValues: %v", err)
	}
}
