package lens

import (
	"fmt"
	"slices"
)

// A program is a condition compiled for evaluation over a bitmask m of
// satisfied choices (bit i set: the question's choice i is selected or not
// applicable). It is a postfix sequence run on a stack of booleans kept in
// the bits of one uint64, so evaluation never allocates.
//
// Runs of literals are folded into one test: a && !b && c becomes
// allOf(pos: a|c, neg: b), a || !b becomes anyOf(pos: a, neg: b). Most real
// rules, including every rule of the built-in framework lens, compile to a
// single allOf.
type program []op

type opKind uint8

const (
	opAllOf opKind = iota // push m&pos == pos && m&neg == 0
	opAnyOf               // push m&pos != 0 || ^m&neg != 0
	opAnd                 // pop two, push their conjunction
	opOr                  // pop two, push their disjunction
	opNot                 // negate the top
)

type op struct {
	kind     opKind
	pos, neg uint64
}

// maxStack is the evaluation stack's capacity: the bits of a uint64.
const maxStack = 64

// alwaysTrue is the program of the default rule.
var alwaysTrue = program{{kind: opAllOf}}

func (o *op) test(m uint64) bool {
	if o.kind == opAllOf {
		return m&o.pos == o.pos && m&o.neg == 0
	}
	return m&o.pos != 0 || ^m&o.neg != 0
}

// eval runs p over the mask m.
func (p program) eval(m uint64) bool {
	if len(p) == 1 {
		return p[0].test(m)
	}
	var st uint64 // the stack; bit 0 is the top
	for i := range p {
		o := &p[i]
		switch o.kind {
		case opAllOf, opAnyOf:
			st <<= 1
			if o.test(m) {
				st |= 1
			}
		case opAnd:
			top := st & 1
			st = (st >> 1) & (^uint64(1) | top)
		case opOr:
			top := st & 1
			st = st>>1 | top
		case opNot:
			st ^= 1
		}
	}
	return st&1 != 0
}

// compileCondition compiles c; bit maps each choice id c names to its bit
// index (the caller has checked every id resolves).
func compileCondition(c *Condition, bit func(id string) int) (program, error) {
	if c.Default {
		return alwaysTrue, nil
	}
	n := normalize(c.Expr, bit)
	p, need := emit(n)
	if need > maxStack {
		// Unreachable within MaxConditionDepth (need grows by at most 2 per
		// level of parentheses), kept as a guard should the limit change.
		return nil, fmt.Errorf("condition is too complex to evaluate (needs %d stack slots)", need)
	}
	return p, nil
}

// nnode is a condition in n-ary normal form: literals carry their negation,
// nested ands and ors are flattened and double negations removed.
type nnode struct {
	kind nkind
	bit  uint64 // nLit: the choice's bit
	neg  bool   // nLit: negated
	kids []*nnode
}

type nkind uint8

const (
	nLit nkind = iota
	nAnd
	nOr
	nNot
)

func normalize(e Expr, bit func(string) int) *nnode {
	switch e := e.(type) {
	case *Ident:
		return &nnode{kind: nLit, bit: 1 << uint(bit(e.Name))}
	case *Not:
		x := normalize(e.X, bit)
		switch x.kind {
		case nLit:
			x.neg = !x.neg
			return x
		case nNot:
			return x.kids[0]
		}
		return &nnode{kind: nNot, kids: []*nnode{x}}
	case *And:
		return flatten(nAnd, normalize(e.X, bit), normalize(e.Y, bit))
	case *Or:
		return flatten(nOr, normalize(e.X, bit), normalize(e.Y, bit))
	}
	panic(fmt.Sprintf("lens: unknown expression %T", e))
}

// flatten joins x and y under an n-ary node of kind k, reusing x when it is
// one already: normalize builds every node afresh, so x is ours to grow, and
// a chain a && b && c ... of any length flattens in linear time.
func flatten(k nkind, x, y *nnode) *nnode {
	n := x
	if x.kind != k {
		n = &nnode{kind: k, kids: []*nnode{x}}
	}
	if y.kind == k {
		n.kids = append(n.kids, y.kids...)
	} else {
		n.kids = append(n.kids, y)
	}
	return n
}

// emit returns n's program and the stack depth it needs.
func emit(n *nnode) (program, int) {
	switch n.kind {
	case nLit:
		if n.neg {
			return program{{kind: opAllOf, neg: n.bit}}, 1
		}
		return program{{kind: opAllOf, pos: n.bit}}, 1
	case nNot:
		p, need := emit(n.kids[0])
		if len(p) == 1 {
			// De Morgan: !allOf(P, N) == anyOf(N, P) and vice versa.
			o := p[0]
			if o.kind == opAllOf {
				return program{{kind: opAnyOf, pos: o.neg, neg: o.pos}}, 1
			}
			return program{{kind: opAllOf, pos: o.neg, neg: o.pos}}, 1
		}
		return append(p, op{kind: opNot}), need
	}

	// An n-ary and/or: fold the literals into one test, emit the other
	// operands, then combine them.
	lits := op{kind: opAllOf}
	combine := opAnd
	if n.kind == nOr {
		lits.kind, combine = opAnyOf, opOr
	}
	type part struct {
		p    program
		need int
	}
	var parts []part
	hasLits := false
	for _, k := range n.kids {
		if k.kind != nLit {
			p, need := emit(k)
			parts = append(parts, part{p, need})
			continue
		}
		hasLits = true
		if k.neg {
			lits.neg |= k.bit
		} else {
			lits.pos |= k.bit
		}
	}
	if hasLits {
		parts = append(parts, part{program{lits}, 1})
	}
	// Run the most demanding operand first: each later one runs with one
	// more value on the stack (Sethi-Ullman order; and/or commute).
	slices.SortStableFunc(parts, func(a, b part) int { return b.need - a.need })
	var p program
	need := 0
	for i, pt := range parts {
		p = append(p, pt.p...)
		need = max(need, min(i, 1)+pt.need)
		if i > 0 {
			p = append(p, op{kind: combine})
		}
	}
	return p, need
}
