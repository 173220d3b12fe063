package lens

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func TestParseConditionCanonical(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"default", "default"},
		{"  default\n", "default"},
		{"a", "a"},
		{"a&&b", "a && b"},
		{"a||b&&c", "a || b && c"},
		{"(a||b)&&c", "(a || b) && c"},
		{"a&&(b||c)", "a && (b || c)"},
		{"a&&b||c&&d", "a && b || c && d"},
		{"(a&&b)||(c&&d)", "a && b || c && d"},
		{"((a))", "a"},
		{"!a&&b", "!a && b"},
		{"!(a&&b)", "!(a && b)"},
		{"!!a", "!!a"},
		{"! ( a || b )", "!(a || b)"},
		{"a && (b && c)", "a && (b && c)"},
		{"(a && b) && c", "a && b && c"},
		{"a || (b || c)", "a || (b || c)"},
		{"\ta\r\n||\tB_2", "a || B_2"},
		{"choice_a && (choice_b || !choice_c)", "choice_a && (choice_b || !choice_c)"},
	}
	for _, tt := range tests {
		c, err := ParseCondition(tt.in)
		if err != nil {
			t.Errorf("ParseCondition(%q): %v", tt.in, err)
			continue
		}
		if got := c.String(); got != tt.want {
			t.Errorf("ParseCondition(%q).String() = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestParseConditionTree(t *testing.T) {
	a, b, c := &Ident{"a", 0}, &Ident{"b", 5}, &Ident{"c", 11}
	got, err := ParseCondition("a || b && !c")
	if err != nil {
		t.Fatal(err)
	}
	want := &Condition{Expr: &Or{X: a, Y: &And{X: b, Y: &Not{X: c}}}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("tree (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]*Ident{a, b, c}, got.Idents()); diff != "" {
		t.Errorf("Idents (-want +got):\n%s", diff)
	}
}

func TestParseConditionErrors(t *testing.T) {
	deep := strings.Repeat("(", MaxConditionDepth+1) + "a" + strings.Repeat(")", MaxConditionDepth+1)
	tests := []struct {
		in, want string
	}{
		{"", "unexpected end of condition at offset 0; expected a choice id, '!' or '('"},
		{"   ", "unexpected end of condition at offset 3; expected a choice id, '!' or '('"},
		{"(a && )", "unexpected ')' at offset 6; expected a choice id, '!' or '('"},
		{"a && b)", "unexpected ')' at offset 6; expected '&&', '||' or end of condition"},
		{"a b", `unexpected choice id "b" at offset 2; expected '&&', '||' or end of condition`},
		{"a & b", "unexpected '&' at offset 2; expected '&&', '||' or end of condition"},
		{"a | b", "unexpected '|' at offset 2; expected '&&', '||' or end of condition"},
		{"(a || b", "unexpected end of condition at offset 7; expected '&&', '||' or ')'"},
		{"(a b)", `unexpected choice id "b" at offset 3; expected '&&', '||' or ')'`},
		{"a &&", "unexpected end of condition at offset 4; expected a choice id, '!' or '('"},
		{"!", "unexpected end of condition at offset 1; expected a choice id, '!' or '('"},
		{"&& a", "unexpected '&&' at offset 0; expected a choice id, '!' or '('"},
		{"a-b", "unexpected '-' at offset 1; expected '&&', '||' or end of condition"},
		{"a && é", "unexpected 'é' at offset 5; expected a choice id, '!' or '('"},
		{"default && a", "unexpected 'default' at offset 0; expected a choice id; 'default' must be the whole condition"},
		{"a || !default", "unexpected 'default' at offset 6; expected a choice id; 'default' must be the whole condition"},
		{"(default)", "unexpected 'default' at offset 1; expected a choice id; 'default' must be the whole condition"},
		{deep, fmt.Sprintf("unexpected '(' at offset %d; expected at most %d nested levels of '(' and '!'", MaxConditionDepth, MaxConditionDepth)},
		{strings.Repeat("!", MaxConditionDepth+1) + "a", fmt.Sprintf("unexpected '!' at offset %d; expected at most %d nested levels of '(' and '!'", MaxConditionDepth, MaxConditionDepth)},
	}
	for _, tt := range tests {
		c, err := ParseCondition(tt.in)
		if err == nil {
			t.Errorf("ParseCondition(%q) = %v, want error %q", tt.in, c, tt.want)
			continue
		}
		var se *SyntaxError
		if !errors.As(err, &se) {
			t.Errorf("ParseCondition(%q) error is %T, want *SyntaxError", tt.in, err)
		}
		if got := err.Error(); got != tt.want {
			t.Errorf("ParseCondition(%q) error\n got %q\nwant %q", tt.in, got, tt.want)
		}
	}

	// Exactly at the limit still parses.
	atLimit := strings.Repeat("(", MaxConditionDepth) + "a" + strings.Repeat(")", MaxConditionDepth)
	if _, err := ParseCondition(atLimit); err != nil {
		t.Errorf("ParseCondition at the depth limit: %v", err)
	}
}

// vars names the identifiers of the truth-table tests; bit i is vars[i].
var vars = []string{"a", "b", "c", "d"}

func varBit(id string) int {
	for i, v := range vars {
		if v == id {
			return i
		}
	}
	panic("unknown variable " + id)
}

// TestConditionTruthTable checks precedence, associativity and the compiled
// program against Go's own operators, for every assignment of a..d.
func TestConditionTruthTable(t *testing.T) {
	tests := []struct {
		cond string
		want func(a, b, c, d bool) bool
	}{
		{"a", func(a, b, c, d bool) bool { return a }},
		{"!a", func(a, b, c, d bool) bool { return !a }},
		{"a && b", func(a, b, c, d bool) bool { return a && b }},
		{"a || b", func(a, b, c, d bool) bool { return a || b }},
		{"a || b && c", func(a, b, c, d bool) bool { return a || (b && c) }},
		{"a && b || c", func(a, b, c, d bool) bool { return (a && b) || c }},
		{"a && b || c && d", func(a, b, c, d bool) bool { return (a && b) || (c && d) }},
		{"!a && b", func(a, b, c, d bool) bool { return (!a) && b }},
		{"!a || b", func(a, b, c, d bool) bool { return (!a) || b }},
		{"!(a && b)", func(a, b, c, d bool) bool { return !(a && b) }},
		{"!(a || b)", func(a, b, c, d bool) bool { return !(a || b) }},
		{"!!a", func(a, b, c, d bool) bool { return a }},
		{"!!!a && b", func(a, b, c, d bool) bool { return !a && b }},
		{"(a || b) && c", func(a, b, c, d bool) bool { return (a || b) && c }},
		{"(a || b) && (c || d)", func(a, b, c, d bool) bool { return (a || b) && (c || d) }},
		{"a && (b || !c) && d", func(a, b, c, d bool) bool { return a && (b || !c) && d }},
		{"!(a && !b) || c && !d", func(a, b, c, d bool) bool { return !(a && !b) || (c && !d) }},
		{"a && !a", func(a, b, c, d bool) bool { return false }},
		{"a || !a", func(a, b, c, d bool) bool { return true }},
		{"!((a || b) && !(c || !d))", func(a, b, c, d bool) bool { return !((a || b) && !(c || !d)) }},
		{"(a && (b || (c && (d || a))))", func(a, b, c, d bool) bool { return a && (b || (c && (d || a))) }},
		{"a || b || c || !d", func(a, b, c, d bool) bool { return a || b || c || !d }},
		{"a && b && !c && !d", func(a, b, c, d bool) bool { return a && b && !c && !d }},
		{"!(a || b) || !(c && d)", func(a, b, c, d bool) bool { return !(a || b) || !(c && d) }},
		{"default", func(a, b, c, d bool) bool { return true }},
	}
	for _, tt := range tests {
		cond, err := ParseCondition(tt.cond)
		if err != nil {
			t.Errorf("ParseCondition(%q): %v", tt.cond, err)
			continue
		}
		prog, err := compileCondition(cond, varBit)
		if err != nil {
			t.Errorf("compile %q: %v", tt.cond, err)
			continue
		}
		for m := range uint64(16) {
			a, b, c, d := m&1 != 0, m&2 != 0, m&4 != 0, m&8 != 0
			want := tt.want(a, b, c, d)
			if got := evalTree(cond, m, varBit); got != want {
				t.Errorf("%q tree with a=%v b=%v c=%v d=%v = %v, want %v", tt.cond, a, b, c, d, got, want)
			}
			if got := prog.eval(m); got != want {
				t.Errorf("%q program with a=%v b=%v c=%v d=%v = %v, want %v", tt.cond, a, b, c, d, got, want)
			}
		}
	}
}

// evalTree evaluates a parsed condition directly, the slow obvious way.
func evalTree(c *Condition, m uint64, bit func(string) int) bool {
	if c.Default {
		return true
	}
	var eval func(Expr) bool
	eval = func(e Expr) bool {
		switch e := e.(type) {
		case *Ident:
			return m&(1<<uint(bit(e.Name))) != 0
		case *Not:
			return !eval(e.X)
		case *And:
			return eval(e.X) && eval(e.Y)
		case *Or:
			return eval(e.X) || eval(e.Y)
		}
		panic("unknown node")
	}
	return eval(c.Expr)
}

var ignoreOffsets = cmpopts.IgnoreFields(Ident{}, "Offset")

func FuzzParseCondition(f *testing.F) {
	for _, s := range []string{
		"default", "a", "a && b", "a || b && !c", "!(a || b) && (c || !d)", "((a))", "!!a",
		"choice_a && (choice_b || !choice_c)", "a && (b && (c && d))", "a &&", ")", "a & b",
		"default && a", strings.Repeat("(", 31) + "x" + strings.Repeat(")", 31), "(a||b)&&(c||d)&&(e||f)",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := ParseCondition(s)
		if err != nil {
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("ParseCondition(%q) error is %T, want *SyntaxError", s, err)
			}
			if se.Offset < 0 || se.Offset > len(s) {
				t.Fatalf("ParseCondition(%q) error offset %d outside the input", s, se.Offset)
			}
			return
		}
		printed := c.String()
		c2, err := ParseCondition(printed)
		if err != nil {
			t.Fatalf("ParseCondition(%q) printed as %q, which does not parse: %v", s, printed, err)
		}
		if diff := cmp.Diff(c, c2, ignoreOffsets); diff != "" {
			t.Fatalf("ParseCondition(%q) printed as %q parses to another tree (-first +second):\n%s", s, printed, diff)
		}
		if again := c2.String(); again != printed {
			t.Fatalf("printing is not stable: %q then %q", printed, again)
		}

		// The compiled program agrees with the tree on a spread of masks.
		ids := map[string]int{}
		for _, id := range c.Idents() {
			if _, ok := ids[id.Name]; !ok {
				ids[id.Name] = len(ids)
			}
		}
		if len(ids) > 64 {
			return
		}
		bit := func(id string) int { return ids[id] }
		prog, err := compileCondition(c, bit)
		if err != nil {
			t.Fatalf("compile %q: %v", s, err)
		}
		for _, m := range []uint64{0, ^uint64(0), 0x5555555555555555, 0xaaaaaaaaaaaaaaaa, 1, 2, 6, 0x0f0f0f0f0f0f0f0f, uint64(len(s)) * 0x9e3779b97f4a7c15} {
			if got, want := prog.eval(m), evalTree(c, m, bit); got != want {
				t.Fatalf("%q with mask %#x: program says %v, tree says %v", s, m, got, want)
			}
		}
	})
}

// TestDeepConditions evaluates conditions nested to MaxConditionDepth, where
// the compiled program's stack is deepest.
func TestDeepConditions(t *testing.T) {
	patterns := []func(inner string) string{
		func(in string) string { return "a || b && (" + in + ")" },
		func(in string) string { return "(" + in + ") && c || d" },
		func(in string) string { return "!(" + in + ")" }, // two levels each
		func(in string) string { return "c && (d || !a && (" + in + "))" },
	}
	var conds []string
	for _, wrap := range patterns {
		cond := "a && !b || c"
		for {
			next := wrap(cond)
			if _, err := ParseCondition(next); err != nil {
				break
			}
			cond = next
		}
		conds = append(conds, cond)
	}
	// A balanced tree is what makes the stack grow: both operands of each
	// operator are deep.
	var balanced func(k int) string
	balanced = func(k int) string {
		if k == 0 {
			return vars[k%4] + " || !" + vars[(k+1)%4]
		}
		op := " && "
		if k%2 == 0 {
			op = " || "
		}
		return "(" + balanced(k-1) + ")" + op + "!(" + vars[k%4] + " && " + balanced(k-1) + ")"
	}
	conds = append(conds, balanced(9))
	for i, cond := range conds {
		c, err := ParseCondition(cond)
		if err != nil {
			t.Fatal(err)
		}
		prog, err := compileCondition(c, varBit)
		if err != nil {
			t.Fatalf("pattern %d: compile: %v", i, err)
		}
		_, need := emit(normalize(c.Expr, varBit))
		t.Logf("pattern %d: %d ops, stack depth %d", i, len(prog), need)
		for m := range uint64(16) {
			if got, want := prog.eval(m), evalTree(c, m, varBit); got != want {
				t.Errorf("pattern %d with mask %04b: program %v, tree %v", i, m, got, want)
			}
		}
	}
}
