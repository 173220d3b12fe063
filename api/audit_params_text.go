package api

import (
	"bytes"
	"encoding/json"
	"unicode/utf8"
)

// The JSON text encodeParameters reads (audit_params.go): white space,
// strings, numbers and literals, checked as json.Unmarshal checks them, and
// strings written as json.Marshal writes them.

// space moves past JSON white space.
func (e *paramsEncoder) space() {
	for e.i < len(e.in) {
		switch e.in[e.i] {
		case ' ', '\t', '\n', '\r':
			e.i++
		default:
			return
		}
	}
}

// next moves past white space and returns the byte there, 0 at the end.
func (e *paramsEncoder) next() byte {
	if e.space(); e.i < len(e.in) {
		return e.in[e.i]
	}
	return 0
}

// scalar moves past true, false or a number json.Marshal prints again as it
// is written: an integer of at most 15 digits (exact in a float64, and
// printed without an exponent).
func (e *paramsEncoder) scalar() bool {
	in := e.in[e.i:]
	switch {
	case bytes.HasPrefix(in, []byte("true")):
		e.i += len("true")
		return true
	case bytes.HasPrefix(in, []byte("false")):
		e.i += len("false")
		return true
	}
	j := 0
	if j < len(in) && in[j] == '-' {
		j++
	}
	digits := j
	if j < len(in) && in[j] == '0' {
		j++
	} else {
		for j < len(in) && '0' <= in[j] && in[j] <= '9' {
			j++
		}
	}
	if j == digits || j-digits > 15 {
		return false
	}
	if j < len(in) && (in[j] == '.' || in[j] == 'e' || in[j] == 'E') {
		return false
	}
	e.i += j
	return true
}

// str moves past the string at e.i and returns its text between the
// quotes; plain tells that json.Marshal writes what it decodes to as it is
// (no escape, no byte json.Marshal escapes, valid UTF-8). ok is false when
// it is not a valid JSON string.
func (e *paramsEncoder) str() (text []byte, plain, ok bool) {
	in := e.in
	start := e.i + 1
	plain = true
	for j := start; j < len(in); {
		for j < len(in) && quietByte[in[j]] {
			j++
		}
		if j == len(in) {
			break
		}
		switch c := in[j]; {
		case c == '"':
			e.i = j + 1
			return in[start:j], plain, true
		case c == '\\':
			plain = false
			if j+1 == len(in) {
				return nil, false, false
			}
			switch in[j+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				j += 2
			case 'u':
				if j+6 > len(in) || !isHex(in[j+2]) || !isHex(in[j+3]) || !isHex(in[j+4]) || !isHex(in[j+5]) {
					return nil, false, false
				}
				j += 6
			default:
				return nil, false, false
			}
		case c < 0x20:
			return nil, false, false
		case c < utf8.RuneSelf:
			if c == '<' || c == '>' || c == '&' {
				plain = false
			}
			j++
		default:
			r, size := utf8.DecodeRune(in[j:])
			if r == utf8.RuneError && size == 1 || r == '\u2028' || r == '\u2029' {
				plain = false
			}
			j += size
		}
	}
	return nil, false, false
}

// quietByte tells the bytes str passes over without a second look: ASCII
// but for control characters, the quote, the backslash and the three
// json.Marshal escapes ('<', '>', '&').
var quietByte = func() (t [256]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = true
	}
	for _, c := range `"\<>&` {
		t[c] = false
	}
	return t
}()

// isHex reports whether c is a hexadecimal digit.
func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// key moves past the key at e.i and returns it decoded; plain tells that
// json.Marshal writes it as it is written.
func (e *paramsEncoder) key() (key []byte, plain, ok bool) {
	start := e.i
	text, plain, ok := e.str()
	if !ok || plain {
		return text, plain, ok
	}
	var s string
	if json.Unmarshal(e.in[start:e.i], &s) != nil {
		return nil, false, false
	}
	return []byte(s), false, true
}

// appendJSONString appends s as json.Marshal writes it: as it is when no
// byte of it needs an escape, else by json.Marshal itself.
func appendJSONString(out []byte, s string) []byte {
	if plainString(s) {
		out = append(out, '"')
		out = append(out, s...)
		return append(out, '"')
	}
	b, _ := json.Marshal(s)
	return append(out, b...)
}

// plainString reports whether json.Marshal writes s between quotes as it
// is: valid UTF-8 with no control character, quote, backslash, '<', '>',
// '&', U+2028 or U+2029.
func plainString(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || r == '\u2028' || r == '\u2029' {
			return false
		}
		i += size
	}
	return true
}
