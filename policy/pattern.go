package policy

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// pieceKind says what one piece of a compiled pattern matches.
type pieceKind uint8

const (
	pLit pieceKind = iota // a literal run
	pOne                  // '?': exactly one character
	pVar                  // ${key}: the request's value of key, literally
)

type piece struct {
	kind pieceKind
	s    string // the literal, or the variable's key
}

// pattern is a glob or literal compiled once at Parse so that matching a
// request neither allocates nor builds a regexp. Stars split it into
// segments; each segment matches a fixed number of characters, which is what
// makes greedy leftmost matching of the middle segments correct.
type pattern struct {
	raw    string
	plain  bool // no wildcard and no variable: compare raw directly
	hasVar bool
	segs   [][]piece
}

// compilePattern compiles raw. With glob, '*' and '?' are wildcards; with
// vars, ${key} is a policy variable and ${*}, ${?}, ${$} escape those
// characters, as IAM's 2012-10-17 grammar has it.
func compilePattern(raw string, glob, vars bool) pattern {
	p := pattern{raw: raw}
	var (
		cur    []piece
		lit    strings.Builder
		hasOne bool
	)
	flush := func() {
		if lit.Len() > 0 {
			cur = append(cur, piece{kind: pLit, s: lit.String()})
			lit.Reset()
		}
	}
	for i := 0; i < len(raw); {
		c := raw[i]
		switch {
		case glob && c == '*':
			flush()
			p.segs = append(p.segs, cur)
			cur = nil
			i++
		case glob && c == '?':
			flush()
			cur = append(cur, piece{kind: pOne})
			hasOne = true
			i++
		case vars && c == '$' && strings.HasPrefix(raw[i:], "${"):
			end := strings.IndexByte(raw[i+2:], '}')
			if end < 0 {
				lit.WriteString(raw[i:])
				i = len(raw)
				continue
			}
			switch name := raw[i+2 : i+2+end]; name {
			case "*", "?", "$":
				lit.WriteString(name)
			default:
				flush()
				cur = append(cur, piece{kind: pVar, s: strings.TrimSpace(name)})
				p.hasVar = true
			}
			i += end + 3
		default:
			lit.WriteByte(c)
			i++
		}
	}
	flush()
	p.segs = append(p.segs, cur)
	p.plain = len(p.segs) == 1 && !p.hasVar && !hasOne
	return p
}

// match reports whether the whole of s matches p. fold makes literal
// comparison case-insensitive (Unicode simple folding, as strings.EqualFold).
// A variable ctx cannot resolve makes p match nothing.
func (p *pattern) match(s string, fold bool, ctx map[string][]string) bool {
	if p.plain {
		if fold {
			return strings.EqualFold(s, p.raw)
		}
		return s == p.raw
	}
	if p.hasVar {
		for _, seg := range p.segs {
			for _, pc := range seg {
				if pc.kind == pVar {
					if _, ok := variable(ctx, pc.s); !ok {
						return false
					}
				}
			}
		}
	}
	last := len(p.segs) - 1
	pos, ok := matchSeg(p.segs[0], s, 0, fold, ctx)
	if !ok {
		return false
	}
	if last == 0 {
		return pos == len(s)
	}
	for _, seg := range p.segs[1:last] {
		if pos, ok = findSeg(seg, s, pos, fold, ctx); !ok {
			return false
		}
	}
	// Every piece matches a fixed number of characters, so the last
	// segment can only match the last n characters of s.
	tail := p.segs[last]
	start := len(s)
	for n := segRunes(tail, ctx); n > 0; n-- {
		if start <= pos {
			return false
		}
		_, w := utf8.DecodeLastRuneInString(s[:start])
		start -= w
	}
	if start < pos {
		return false
	}
	end, ok := matchSeg(tail, s, start, fold, ctx)
	return ok && end == len(s)
}

// segRunes is the number of characters seg matches.
func segRunes(seg []piece, ctx map[string][]string) int {
	n := 0
	for _, pc := range seg {
		switch pc.kind {
		case pOne:
			n++
		case pLit:
			n += utf8.RuneCountInString(pc.s)
		case pVar:
			v, _ := variable(ctx, pc.s)
			n += utf8.RuneCountInString(v)
		}
	}
	return n
}

// findSeg finds the leftmost match of seg in s at or after pos and returns
// where it ends.
func findSeg(seg []piece, s string, pos int, fold bool, ctx map[string][]string) (int, bool) {
	if len(seg) == 1 && seg[0].kind == pLit && !fold {
		i := strings.Index(s[pos:], seg[0].s)
		if i < 0 {
			return 0, false
		}
		return pos + i + len(seg[0].s), true
	}
	for start := pos; ; {
		if end, ok := matchSeg(seg, s, start, fold, ctx); ok {
			return end, true
		}
		if start >= len(s) {
			return 0, false
		}
		_, w := utf8.DecodeRuneInString(s[start:])
		start += w
	}
}

// matchSeg matches seg against s starting at i and returns where it ends.
func matchSeg(seg []piece, s string, i int, fold bool, ctx map[string][]string) (int, bool) {
	for _, pc := range seg {
		lit := pc.s
		switch pc.kind {
		case pOne:
			if i >= len(s) {
				return 0, false
			}
			_, w := utf8.DecodeRuneInString(s[i:])
			i += w
			continue
		case pVar:
			lit, _ = variable(ctx, pc.s)
		}
		n, ok := hasPrefix(s[i:], lit, fold)
		if !ok {
			return 0, false
		}
		i += n
	}
	return i, true
}

// hasPrefix reports whether s begins with prefix and how many bytes of s
// that prefix covers (folding may change byte lengths).
func hasPrefix(s, prefix string, fold bool) (int, bool) {
	if !fold {
		if strings.HasPrefix(s, prefix) {
			return len(prefix), true
		}
		return 0, false
	}
	i, j := 0, 0
	for j < len(prefix) {
		if i >= len(s) {
			return 0, false
		}
		if pc, sc := prefix[j], s[i]; pc < utf8.RuneSelf && sc < utf8.RuneSelf {
			if pc != sc && lowerASCII(pc) != lowerASCII(sc) {
				return 0, false
			}
			i++
			j++
			continue
		}
		pr, pw := utf8.DecodeRuneInString(prefix[j:])
		sr, sw := utf8.DecodeRuneInString(s[i:])
		if !equalFoldRune(sr, pr) {
			return 0, false
		}
		i += sw
		j += pw
	}
	return i, true
}

func lowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// equalFoldRune is strings.EqualFold for one rune.
func equalFoldRune(a, b rune) bool {
	if a == b {
		return true
	}
	if a < utf8.RuneSelf && b < utf8.RuneSelf {
		if 'A' <= a && a <= 'Z' {
			a += 'a' - 'A'
		}
		if 'A' <= b && b <= 'Z' {
			b += 'a' - 'A'
		}
		return a == b
	}
	r := unicode.SimpleFold(a)
	for r != a && r != b {
		r = unicode.SimpleFold(r)
	}
	return r == b
}

// lookup finds a context key case-insensitively, as IAM compares condition
// keys, without allocating.
func lookup(ctx map[string][]string, key string) ([]string, bool) {
	if v, ok := ctx[key]; ok {
		return v, true
	}
	for k, v := range ctx {
		if strings.EqualFold(k, key) {
			return v, true
		}
	}
	return nil, false
}

// variable resolves a policy variable: the key's first value. A missing key
// or one with no values does not resolve.
func variable(ctx map[string][]string, key string) (string, bool) {
	v, ok := lookup(ctx, key)
	if !ok || len(v) == 0 {
		return "", false
	}
	return v[0], true
}
