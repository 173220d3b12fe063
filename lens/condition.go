package lens

import "fmt"

// DefaultCondition is the condition of the rule that applies when no other
// rule of a question does.
const DefaultCondition = "default"

// MaxConditionDepth is how deeply '(' and '!' may nest in a condition. The
// limit keeps parsing and evaluation bounded for hostile input; real rules
// nest two or three levels at most.
const MaxConditionDepth = 30

// Condition is a parsed risk-rule condition: either the default rule or a
// boolean expression over choice ids.
type Condition struct {
	Default bool // the condition is "default"; Expr is nil
	Expr    Expr
}

// String prints c in a canonical form that parses back to the same tree:
// single spaces around operators and only the parentheses the tree needs.
func (c *Condition) String() string {
	if c.Default {
		return DefaultCondition
	}
	return c.Expr.String()
}

// Idents returns the choice ids c names, in source order, repeats included.
func (c *Condition) Idents() []*Ident {
	var ids []*Ident
	var walk func(Expr)
	walk = func(e Expr) {
		switch e := e.(type) {
		case *Ident:
			ids = append(ids, e)
		case *Not:
			walk(e.X)
		case *And:
			walk(e.X)
			walk(e.Y)
		case *Or:
			walk(e.X)
			walk(e.Y)
		}
	}
	if c.Expr != nil {
		walk(c.Expr)
	}
	return ids
}

// Expr is a node of a condition's expression tree: *Ident, *Not, *And or *Or.
type Expr interface {
	// String prints the expression canonically (see Condition.String).
	String() string
	isExpr()
}

// Ident is a choice id. Offset is its byte offset in the condition text, for
// error messages.
type Ident struct {
	Name   string
	Offset int
}

// Not is the negation !X: true when choice X is not satisfied.
type Not struct{ X Expr }

// And is X && Y. Chains associate to the left: a && b && c is (a && b) && c.
type And struct{ X, Y Expr }

// Or is X || Y. Chains associate to the left.
type Or struct{ X, Y Expr }

func (*Ident) isExpr() {}
func (*Not) isExpr()   {}
func (*And) isExpr()   {}
func (*Or) isExpr()    {}

// String returns the choice id.
func (e *Ident) String() string { return e.Name }

// String prints !X, parenthesizing X unless it is an id or a negation.
func (e *Not) String() string {
	switch e.X.(type) {
	case *Ident, *Not:
		return "!" + e.X.String()
	}
	return "!(" + e.X.String() + ")"
}

// String prints X && Y, parenthesizing an || operand and a right && operand.
func (e *And) String() string {
	left := e.X.String()
	if _, ok := e.X.(*Or); ok {
		left = "(" + left + ")"
	}
	right := e.Y.String()
	switch e.Y.(type) {
	case *Or, *And:
		right = "(" + right + ")"
	}
	return left + " && " + right
}

// String prints X || Y, parenthesizing a right || operand.
func (e *Or) String() string {
	right := e.Y.String()
	if _, ok := e.Y.(*Or); ok {
		right = "(" + right + ")"
	}
	return e.X.String() + " || " + right
}

// SyntaxError reports why a condition does not parse: what was found at
// which byte offset, and what the grammar expected there.
type SyntaxError struct {
	Offset   int    // byte offset in the condition text
	Found    string // e.g. "')'", `choice id "b"`, "end of condition"
	Expected string // e.g. "a choice id, '!' or '('"
}

// Error returns "unexpected <Found> at offset <Offset>; expected <Expected>".
func (e *SyntaxError) Error() string {
	return fmt.Sprintf("unexpected %s at offset %d; expected %s", e.Found, e.Offset, e.Expected)
}
