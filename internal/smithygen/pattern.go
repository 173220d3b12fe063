package main

import (
	"fmt"
	"regexp"
	"strings"
)

// Smithy patterns are ECMA-262 regular expressions; Go's regexp is RE2. The
// two agree on everything the AWS models use except a few classes, which
// translatePattern rewrites so that the server accepts exactly what the
// model allows:
//
//   - \s and \S: ECMA-262 whitespace includes \v and Unicode spaces such as
//     U+00A0 and U+2028; RE2's \s is ASCII [\t\n\f\r ] only.
//   - . : ECMA-262 excludes every line terminator (\n, \r, U+2028, U+2029);
//     RE2 excludes only \n.
//   - \uXXXX: RE2 spells it \x{XXXX}.
//
// Constructs RE2 lacks (look-around, back-references) are rejected.
const (
	ecmaSpace = `\t\n\v\f\r \x{00a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}\x{feff}`
	ecmaDot   = `[^\n\r\x{2028}\x{2029}]`
)

// translatePattern rewrites an ECMA-262 pattern into an equivalent RE2 one
// and checks that it compiles.
func translatePattern(p string) (string, error) {
	var b strings.Builder
	rs := []rune(p)
	inClass := false
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		switch {
		case r == '\\':
			if i+1 >= len(rs) {
				return "", fmt.Errorf("pattern %q: trailing backslash", p)
			}
			i++
			e := rs[i]
			switch {
			case e == 's':
				if inClass {
					b.WriteString(ecmaSpace)
				} else {
					b.WriteString("[" + ecmaSpace + "]")
				}
			case e == 'S':
				if inClass {
					return "", fmt.Errorf("pattern %q: \\S inside a character class is not supported", p)
				}
				b.WriteString("[^" + ecmaSpace + "]")
			case e == 'u':
				if i+4 >= len(rs) || !isHex(rs[i+1:i+5]) {
					return "", fmt.Errorf("pattern %q: bad \\u escape", p)
				}
				b.WriteString(`\x{` + string(rs[i+1:i+5]) + `}`)
				i += 4
			case e == 'b' && inClass:
				b.WriteString(`\x08`)
			case e == '0':
				b.WriteString(`\x00`)
			case e >= '1' && e <= '9':
				return "", fmt.Errorf("pattern %q: back-references are not supported", p)
			case e == 'c' || e == 'k' || e == 'p' || e == 'P':
				return "", fmt.Errorf("pattern %q: \\%c is not supported", p, e)
			case strings.ContainsRune(`dDwWbBtnrfvx`, e) || !isLetterOrDigit(e):
				b.WriteRune('\\')
				b.WriteRune(e)
			default:
				return "", fmt.Errorf("pattern %q: unknown escape \\%c", p, e)
			}
		case inClass:
			if r == ']' {
				inClass = false
			}
			b.WriteRune(r)
		case r == '[':
			inClass = true
			b.WriteRune(r)
			if i+1 < len(rs) && rs[i+1] == '^' {
				b.WriteRune('^')
				i++
			}
			if i+1 < len(rs) && rs[i+1] == ']' {
				return "", fmt.Errorf("pattern %q: empty character class is not supported", p)
			}
		case r == '.':
			b.WriteString(ecmaDot)
		case r == '(' && i+2 < len(rs) && rs[i+1] == '?' && rs[i+2] != ':':
			return "", fmt.Errorf("pattern %q: group (?%c is not supported", p, rs[i+2])
		default:
			b.WriteRune(r)
		}
	}
	if inClass {
		return "", fmt.Errorf("pattern %q: unterminated character class", p)
	}
	out := b.String()
	if _, err := regexp.Compile(out); err != nil {
		return "", fmt.Errorf("pattern %q: %w", p, err)
	}
	return out, nil
}

func isHex(rs []rune) bool {
	for _, r := range rs {
		if !strings.ContainsRune("0123456789abcdefABCDEF", r) {
			return false
		}
	}
	return true
}

func isLetterOrDigit(r rune) bool {
	return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
}
