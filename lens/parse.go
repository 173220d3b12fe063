package lens

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// What the grammar expects at each point, as error messages name it.
const (
	expectOperand  = "a choice id, '!' or '('"
	expectOperator = "'&&', '||' or end of condition"
	expectClose    = "'&&', '||' or ')'"
)

// ParseCondition parses a risk-rule condition:
//
//	condition := "default" | or
//	or        := and ("||" and)*
//	and       := unary ("&&" unary)*
//	unary     := "!" unary | "(" or ")" | id
//	id        := [A-Za-z0-9_]+
//
// Whitespace between tokens is ignored; ! binds tighter than &&, which binds
// tighter than ||. A parse error is a *SyntaxError.
func ParseCondition(s string) (*Condition, error) {
	if strings.Trim(s, spaceChars) == DefaultCondition {
		return &Condition{Default: true}, nil
	}
	p := parser{src: s}
	x, err := p.parseOr()
	if err != nil {
		return nil, err
	}
	if t := p.next(); t.kind != tokEOF {
		return nil, p.unexpected(t, expectOperator)
	}
	return &Condition{Expr: x}, nil
}

const spaceChars = " \t\r\n"

type tokKind uint8

const (
	tokEOF tokKind = iota
	tokIdent
	tokNot
	tokAnd
	tokOr
	tokLParen
	tokRParen
	tokBad // any other character, including a lone '&' or '|'
)

type token struct {
	kind tokKind
	pos  int
	text string
}

type parser struct {
	src   string
	pos   int
	depth int
	ahead *token // a token peeked but not consumed
}

func isIdentByte(c byte) bool {
	return c == '_' || '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

func (p *parser) next() token {
	if p.ahead != nil {
		t := *p.ahead
		p.ahead = nil
		return t
	}
	for p.pos < len(p.src) && strings.IndexByte(spaceChars, p.src[p.pos]) >= 0 {
		p.pos++
	}
	start := p.pos
	if start == len(p.src) {
		return token{kind: tokEOF, pos: start}
	}
	tok := func(k tokKind, n int) token {
		p.pos += n
		return token{kind: k, pos: start, text: p.src[start:p.pos]}
	}
	switch c := p.src[start]; {
	case isIdentByte(c):
		n := 1
		for start+n < len(p.src) && isIdentByte(p.src[start+n]) {
			n++
		}
		return tok(tokIdent, n)
	case c == '!':
		return tok(tokNot, 1)
	case c == '(':
		return tok(tokLParen, 1)
	case c == ')':
		return tok(tokRParen, 1)
	case c == '&' && strings.HasPrefix(p.src[start:], "&&"):
		return tok(tokAnd, 2)
	case c == '|' && strings.HasPrefix(p.src[start:], "||"):
		return tok(tokOr, 2)
	}
	return token{kind: tokBad, pos: start}
}

func (p *parser) peek() token {
	if p.ahead == nil {
		t := p.next()
		p.ahead = &t
	}
	return *p.ahead
}

func (p *parser) unexpected(t token, expected string) *SyntaxError {
	return &SyntaxError{Offset: t.pos, Found: describe(p.src, t), Expected: expected}
}

// describe names a token for an error message.
func describe(src string, t token) string {
	switch t.kind {
	case tokEOF:
		return "end of condition"
	case tokIdent:
		name := t.text
		if len(name) > 40 {
			name = name[:40] + "..."
		}
		return "choice id " + strconv.Quote(name)
	case tokBad:
		r, _ := utf8.DecodeRuneInString(src[t.pos:])
		return strconv.QuoteRune(r)
	}
	return "'" + t.text + "'"
}

func (p *parser) parseOr() (Expr, error) {
	x, err := p.parseAnd()
	if err != nil {
		return nil, err
	}
	for p.peek().kind == tokOr {
		p.next()
		y, err := p.parseAnd()
		if err != nil {
			return nil, err
		}
		x = &Or{X: x, Y: y}
	}
	return x, nil
}

func (p *parser) parseAnd() (Expr, error) {
	x, err := p.parseUnary()
	if err != nil {
		return nil, err
	}
	for p.peek().kind == tokAnd {
		p.next()
		y, err := p.parseUnary()
		if err != nil {
			return nil, err
		}
		x = &And{X: x, Y: y}
	}
	return x, nil
}

func (p *parser) parseUnary() (Expr, error) {
	t := p.next()
	switch t.kind {
	case tokIdent:
		if t.text == DefaultCondition {
			return nil, &SyntaxError{Offset: t.pos, Found: "'default'",
				Expected: "a choice id; 'default' must be the whole condition"}
		}
		return &Ident{Name: t.text, Offset: t.pos}, nil
	case tokNot, tokLParen:
		if p.depth == MaxConditionDepth {
			return nil, &SyntaxError{Offset: t.pos, Found: describe(p.src, t),
				Expected: fmt.Sprintf("at most %d nested levels of '(' and '!'", MaxConditionDepth)}
		}
		p.depth++
		defer func() { p.depth-- }()
		if t.kind == tokNot {
			x, err := p.parseUnary()
			if err != nil {
				return nil, err
			}
			return &Not{X: x}, nil
		}
		x, err := p.parseOr()
		if err != nil {
			return nil, err
		}
		if c := p.next(); c.kind != tokRParen {
			return nil, p.unexpected(c, expectClose)
		}
		return x, nil
	}
	return nil, p.unexpected(t, expectOperand)
}
