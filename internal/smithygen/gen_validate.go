package main

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
)

// emitValidate writes validate<Shape> for every structure, list and map
// reachable from an operation input that has something to check, and the
// compiled patterns they use.
func (g *gen) emitValidate(w *bytes.Buffer) error {
	var body bytes.Buffer
	done := map[string]bool{}
	var queue []string
	for _, id := range sortedKeys(g.inputs) {
		if g.needsCheck(id) {
			queue = append(queue, id)
		}
	}
	var order []string // pattern sources in first-use order
	pat := func(p string) string {
		if _, ok := g.patterns[p]; !ok {
			g.patterns[p] = len(order)
			order = append(order, p)
		}
		return g.patternVar(g.patterns[p])
	}
	for len(queue) > 0 {
		id := queue[0]
		queue = queue[1:]
		if done[id] {
			continue
		}
		done[id] = true
		code, deps, err := g.validator(g.m.Shape(id), pat)
		if err != nil {
			return err
		}
		body.WriteString(code)
		queue = append(queue, deps...)
	}
	if len(order) > 0 {
		w.WriteString("// The patterns of the model, compiled once. Each keeps the model's\n// ECMA-262 source for messages and runs an equivalent RE2 translation.\nvar (\n")
		for i, p := range order {
			re2, err := translatePattern(p)
			if err != nil {
				return err
			}
			fmt.Fprintf(w, "\t%s = newPattern(%s, %s)\n", g.patternVar(i), strconv.Quote(p), strconv.Quote(re2))
		}
		w.WriteString(")\n\n")
	}
	w.Write(body.Bytes())
	return nil
}

// patternVar names the variable of the i-th compiled pattern: the files of
// each model number their own ("pattern3", "watPattern0").
func (g *gen) patternVar(i int) string {
	if g.stem == "" {
		return fmt.Sprintf("pattern%d", i)
	}
	return fmt.Sprintf("%s%sPattern%d", strings.ToLower(g.stem[:1]), g.stem[1:], i)
}

// needsCheck reports whether a value of the aggregate shape has anything to
// validate. It iterates to a fixed point so that recursive shapes terminate.
func (g *gen) needsCheck(id string) bool {
	if g.checked != nil {
		return g.checked[id]
	}
	memo := map[string]bool{}
	for changed := true; changed; {
		changed = false
		for sid, s := range g.m.Shapes {
			if memo[sid] {
				continue
			}
			if g.shapeNeedsCheck(s, memo) {
				memo[sid] = true
				changed = true
			}
		}
	}
	g.checked = memo
	return memo[id]
}

func (g *gen) shapeNeedsCheck(s *Shape, memo map[string]bool) bool {
	value := func(target string, traits Traits) bool {
		t := g.m.Shape(target)
		c, _ := g.constraints(t, traits)
		return !c.Empty() || isEnum(t) || memo[target]
	}
	switch s.Type {
	case "structure":
		for _, m := range s.Members {
			if m.Traits.Has(traitRequired) || value(m.Target, m.Traits) {
				return true
			}
		}
	case "list":
		return value(s.Member, s.MemberTraits)
	case "map":
		return value(s.Key, s.KeyTraits) || value(s.Value, s.ValueTraits)
	}
	return false
}

// validator returns the validate function of one aggregate shape and the
// aggregate shapes it calls.
func (g *gen) validator(s *Shape, pat func(string) string) (string, []string, error) {
	var b strings.Builder
	var deps []string
	checks := func(target string, traits Traits, x string, member bool) (string, error) {
		code, dep, err := g.valueChecks(target, traits, x, member, pat)
		if dep != "" {
			deps = append(deps, dep)
		}
		return code, err
	}
	fmt.Fprintf(&b, "// validate%s checks a value of %s against every constraint of the model.\n", s.Name, s.Name)
	switch s.Type {
	case "structure":
		fmt.Fprintf(&b, "func validate%s(c *checker, v *%s) {\n", s.Name, s.Name)
		for _, m := range s.Members {
			code, err := checks(m.Target, m.Traits, "v."+fieldName(m.Name), true)
			if err != nil {
				return "", nil, err
			}
			t := g.m.Shape(m.Target)
			required := m.Traits.Has(traitRequired)
			if code == "" && !required {
				continue
			}
			f := fieldName(m.Name)
			absent, present := fmt.Sprintf("v.%s == nil", f), fmt.Sprintf("v.%s != nil", f)
			if isEnum(t) {
				absent, present = fmt.Sprintf("v.%s == \"\"", f), fmt.Sprintf("v.%s != \"\"", f)
			}
			fmt.Fprintf(&b, "\tc.push(%q)\n", m.Name)
			switch {
			case required && code == "":
				fmt.Fprintf(&b, "\tif %s {\n\t\tc.missing()\n\t}\n", absent)
			case required:
				fmt.Fprintf(&b, "\tif %s {\n\t\tc.missing()\n\t} else {\n%s\t}\n", absent, code)
			default:
				fmt.Fprintf(&b, "\tif %s {\n%s\t}\n", present, code)
			}
			b.WriteString("\tc.pop()\n")
		}
	case "list":
		code, err := checks(s.Member, s.MemberTraits, "l[i]", false)
		if err != nil {
			return "", nil, err
		}
		fmt.Fprintf(&b, "func validate%s(c *checker, l %s) {\n\tfor i := range l {\n\t\tc.pushIndex(i)\n%s\t\tc.pop()\n\t}\n", s.Name, g.goType(s.ID, true), code)
	case "map":
		keyCode, err := checks(s.Key, s.KeyTraits, "k", false)
		if err != nil {
			return "", nil, err
		}
		valCode, err := checks(s.Value, s.ValueTraits, "x", false)
		if err != nil {
			return "", nil, err
		}
		fmt.Fprintf(&b, "func validate%s(c *checker, m %s) {\n\tfor _, k := range mapKeys(m) {\n", s.Name, g.goType(s.ID, true))
		if keyCode != "" {
			fmt.Fprintf(&b, "\t\tc.enterKey(k)\n%s\t\tc.leaveKey()\n", keyCode)
		}
		if valCode != "" {
			fmt.Fprintf(&b, "\t\tc.pushKey(k)\n\t\tx := m[k]\n%s\t\tc.pop()\n", valCode)
		}
		b.WriteString("\t}\n")
	default:
		return "", nil, fmt.Errorf("no validator for a %s", s.Type)
	}
	b.WriteString("}\n\n")
	return b.String(), deps, nil
}

// valueChecks returns the statements checking the value x of the target
// shape (a pointer when member is set and the Go field is one), and the
// aggregate shape whose validator they call, if any.
func (g *gen) valueChecks(target string, traits Traits, x string, member bool, pat func(string) string) (string, string, error) {
	t := g.m.Shape(target)
	c, err := g.constraints(t, traits)
	if err != nil {
		return "", "", err
	}
	val := x
	if member && !isEnum(t) && t.Type != "list" && t.Type != "map" && t.Type != "structure" {
		val = "*" + x
	}
	minMax := func(b Bounds) (string, string) {
		lo, hi := "0", "-1"
		if b.Min != nil {
			lo = strconv.FormatInt(*b.Min, 10)
		}
		if b.Max != nil {
			hi = strconv.FormatInt(*b.Max, 10)
		}
		return lo, hi
	}
	var out []string
	dep := ""
	switch {
	case isEnum(t):
		out = append(out, fmt.Sprintf("if !%s.valid() {\n\tc.enum(string(%s), enumSet%s)\n}", conv(t.Name, val), val, t.Name))
	case t.Type == "string":
		if !c.Length.Empty() {
			lo, hi := minMax(c.Length)
			out = append(out, fmt.Sprintf("c.strLength(%s, %s, %s)", val, lo, hi))
		}
		if c.Pattern != "" {
			out = append(out, fmt.Sprintf("c.pattern(%s, %s)", val, pat(c.Pattern)))
		}
	case t.Type == "integer" || t.Type == "long":
		if c.Range.Min != nil {
			out = append(out, fmt.Sprintf("c.minValue(int64(%s), %d)", val, *c.Range.Min))
		}
		if c.Range.Max != nil {
			out = append(out, fmt.Sprintf("c.maxValue(int64(%s), %d)", val, *c.Range.Max))
		}
	case t.Type == "list" || t.Type == "map":
		if !c.Length.Empty() {
			lo, hi := minMax(c.Length)
			out = append(out, fmt.Sprintf("c.length(len(%s), %s, %s)", val, lo, hi))
		}
		if g.needsCheck(t.ID) {
			out = append(out, fmt.Sprintf("validate%s(c, %s)", t.Name, val))
			dep = t.ID
		}
	case t.Type == "structure":
		if g.needsCheck(t.ID) {
			ptr := val
			if !member {
				ptr = "&" + val
			}
			out = append(out, fmt.Sprintf("validate%s(c, %s)", t.Name, ptr))
			dep = t.ID
		}
	}
	if len(out) == 0 {
		return "", dep, nil
	}
	return "\t\t" + strings.ReplaceAll(strings.Join(out, "\n"), "\n", "\n\t\t") + "\n", dep, nil
}

// conv converts a map key (a plain string) to its enum type; enum members
// and elements already have it.
func conv(typ, x string) string {
	if x == "k" {
		return typ + "(k)"
	}
	return x
}
