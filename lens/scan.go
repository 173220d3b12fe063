package lens

import (
	"unicode/utf16"
	"unicode/utf8"
)

// The scanning helpers below read JSON that encoding/json's json.Valid has
// already accepted, so they need not report syntax errors; they only have to
// stay in bounds whatever the input, which the fuzz tests check.

// scanner is a cursor over a syntactically valid JSON text.
type scanner struct {
	data []byte
	pos  int
}

// ws skips whitespace.
func (s *scanner) ws() {
	for s.pos < len(s.data) {
		switch s.data[s.pos] {
		case ' ', '\t', '\r', '\n':
			s.pos++
		default:
			return
		}
	}
}

// peek returns the byte at the cursor after whitespace, or 0 at the end.
func (s *scanner) peek() byte {
	s.ws()
	if s.pos < len(s.data) {
		return s.data[s.pos]
	}
	return 0
}

// consume skips whitespace and c if it is next; it reports whether it was.
func (s *scanner) consume(c byte) bool {
	if s.peek() == c {
		s.pos++
		return true
	}
	return false
}

// rawString advances over the string at the cursor and returns its content
// between the quotes, still escaped, and whether it holds any escape.
func (s *scanner) rawString() (raw []byte, escaped bool) {
	s.pos++ // the opening quote
	start := s.pos
	for s.pos < len(s.data) {
		switch s.data[s.pos] {
		case '"':
			raw = s.data[start:s.pos]
			s.pos++
			return raw, escaped
		case '\\':
			escaped = true
			s.pos += 2
			continue
		}
		s.pos++
	}
	return s.data[start:min(s.pos, len(s.data))], escaped
}

// str reads the string at the cursor and returns it unescaped.
func (s *scanner) str() string {
	raw, escaped := s.rawString()
	if !escaped {
		return string(raw)
	}
	return unescape(raw)
}

// unescape decodes the escapes of a JSON string's content. A lone UTF-16
// surrogate becomes U+FFFD, as in encoding/json.
func unescape(raw []byte) string {
	out := make([]byte, 0, len(raw))
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		if c != '\\' || i+1 >= len(raw) {
			out = append(out, c)
			continue
		}
		i++
		switch raw[i] {
		case 'b':
			out = append(out, '\b')
		case 'f':
			out = append(out, '\f')
		case 'n':
			out = append(out, '\n')
		case 'r':
			out = append(out, '\r')
		case 't':
			out = append(out, '\t')
		case 'u':
			r, n := hex4(raw[i+1:])
			i += n
			if utf16.IsSurrogate(r) {
				r2 := utf8.RuneError
				if i+2 < len(raw) && raw[i+1] == '\\' && raw[i+2] == 'u' {
					if lo, m := hex4(raw[i+3:]); m == 4 {
						if dec := utf16.DecodeRune(r, lo); dec != utf8.RuneError {
							r2, i = dec, i+2+m
						}
					}
				}
				r = r2
			}
			out = utf8.AppendRune(out, r)
		default: // '"', '\\', '/'
			out = append(out, raw[i])
		}
	}
	return string(out)
}

// hex4 decodes up to four hex digits; n is how many it read.
func hex4(b []byte) (r rune, n int) {
	for n < 4 && n < len(b) {
		c := b[n]
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c -= 'a' - 10
		case 'A' <= c && c <= 'F':
			c -= 'A' - 10
		default:
			return utf8.RuneError, n
		}
		r = r<<4 | rune(c)
		n++
	}
	return r, n
}

// skip advances over the value at the cursor, whatever it is.
func (s *scanner) skip() {
	depth := 0
	for s.pos < len(s.data) {
		switch s.data[s.pos] {
		case '"':
			s.rawString()
			if depth == 0 {
				return
			}
			continue
		case '{', '[':
			depth++
		case '}', ']':
			if depth == 0 { // the end of the enclosing value: not ours
				return
			}
			depth--
			if depth == 0 {
				s.pos++
				return
			}
		case ',', ' ', '\t', '\r', '\n', ':':
			if depth == 0 {
				return
			}
		}
		s.pos++
	}
}

// jsonKind names the kind of the value starting with c, for messages.
func jsonKind(c byte) string {
	switch c {
	case '{':
		return "an object"
	case '[':
		return "an array"
	case '"':
		return "a string"
	case 't', 'f':
		return "a boolean"
	case 'n':
		return "null"
	}
	return "a number"
}
