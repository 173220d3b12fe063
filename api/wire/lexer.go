package wire

import (
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

// The low level of the body decoder: a strict RFC 8259 lexer over the
// request body. It accepts exactly what json.Valid accepts (a fuzz test holds
// it to that), replaces invalid UTF-8 and lone surrogates with U+FFFD as
// encoding/json does, and reports the first syntax error by offset without
// echoing the body.

// maxDepth bounds the nesting of a body, as encoding/json does.
const maxDepth = 10000

// ws skips whitespace and returns the next byte, or 0 at the end.
func (d *decoder) ws() byte {
	for d.pos < len(d.data) {
		switch c := d.data[d.pos]; c {
		case ' ', '\t', '\n', '\r':
			d.pos++
		default:
			return c
		}
	}
	return 0
}

// syntax records the first syntax error and stops decoding.
func (d *decoder) syntax(what string) {
	if d.bad == "" {
		d.bad = what + " at offset " + strconv.Itoa(d.pos)
	}
	d.pos = len(d.data)
}

// failed reports whether a syntax error stopped decoding.
func (d *decoder) failed() bool { return d.bad != "" }

func (d *decoder) unexpected() {
	if d.pos >= len(d.data) {
		d.syntax("unexpected end of JSON input")
		return
	}
	c := d.data[d.pos]
	if c >= 0x21 && c < 0x7f {
		d.syntax("invalid character '" + string(rune(c)) + "'")
		return
	}
	d.syntax("invalid character")
}

// literal consumes the literal word (null, true or false) at pos.
func (d *decoder) literal(word string) bool {
	if len(d.data)-d.pos >= len(word) && string(d.data[d.pos:d.pos+len(word)]) == word {
		d.pos += len(word)
		return true
	}
	for i := 0; i < len(word) && d.pos < len(d.data) && d.data[d.pos] == word[i]; i++ {
		d.pos++
	}
	d.unexpected()
	return false
}

// number consumes a number at pos and returns its text; integer reports
// whether it has neither fraction nor exponent.
func (d *decoder) number() (text []byte, integer bool) {
	start := d.pos
	digits := func() bool {
		n := 0
		for d.pos < len(d.data) && d.data[d.pos] >= '0' && d.data[d.pos] <= '9' {
			d.pos++
			n++
		}
		return n > 0
	}
	if d.pos < len(d.data) && d.data[d.pos] == '-' {
		d.pos++
	}
	switch {
	case d.pos < len(d.data) && d.data[d.pos] == '0':
		d.pos++
	case !digits():
		d.unexpected()
		return nil, false
	}
	integer = true
	if d.pos < len(d.data) && d.data[d.pos] == '.' {
		d.pos++
		integer = false
		if !digits() {
			d.unexpected()
			return nil, false
		}
	}
	if d.pos < len(d.data) && (d.data[d.pos] == 'e' || d.data[d.pos] == 'E') {
		d.pos++
		integer = false
		if d.pos < len(d.data) && (d.data[d.pos] == '+' || d.data[d.pos] == '-') {
			d.pos++
		}
		if !digits() {
			d.unexpected()
			return nil, false
		}
	}
	return d.data[start:d.pos], integer
}

// rawString consumes a string at pos and returns its unescaped bytes. They
// alias the body when the string is valid UTF-8 without escapes (the common
// case), else they are freshly allocated; either way they stay valid.
func (d *decoder) rawString() ([]byte, bool) {
	d.pos++ // opening quote
	start := d.pos
	for d.pos < len(d.data) {
		c := d.data[d.pos]
		switch {
		case c == '"':
			d.pos++
			return d.data[start : d.pos-1], true
		case c == '\\':
			return d.slowString(start)
		case c < 0x20:
			d.syntax("invalid control character in string")
			return nil, false
		case c >= utf8.RuneSelf:
			r, n := utf8.DecodeRune(d.data[d.pos:])
			if r == utf8.RuneError && n == 1 {
				return d.slowString(start)
			}
			d.pos += n
			continue
		}
		d.pos++
	}
	d.syntax("unexpected end of JSON input")
	return nil, false
}

// slowString finishes a string that has escapes or invalid UTF-8.
func (d *decoder) slowString(start int) ([]byte, bool) {
	b := make([]byte, 0, d.pos-start+16)
	b = append(b, d.data[start:d.pos]...)
	for d.pos < len(d.data) {
		c := d.data[d.pos]
		switch {
		case c == '"':
			d.pos++
			return b, true
		case c < 0x20:
			d.syntax("invalid control character in string")
			return nil, false
		case c >= utf8.RuneSelf:
			r, n := utf8.DecodeRune(d.data[d.pos:])
			b = utf8.AppendRune(b, r) // U+FFFD for invalid bytes
			d.pos += n
			continue
		case c != '\\':
			b = append(b, c)
			d.pos++
			continue
		}
		d.pos++
		if d.pos >= len(d.data) {
			break
		}
		e := d.data[d.pos]
		d.pos++
		switch e {
		case '"', '\\', '/':
			b = append(b, e)
		case 'b':
			b = append(b, '\b')
		case 'f':
			b = append(b, '\f')
		case 'n':
			b = append(b, '\n')
		case 'r':
			b = append(b, '\r')
		case 't':
			b = append(b, '\t')
		case 'u':
			r, ok := d.hex4()
			if !ok {
				return nil, false
			}
			if utf16.IsSurrogate(r) {
				// A valid pair decodes to one rune; anything else is U+FFFD
				// and a following escape is decoded on its own.
				dec := utf8.RuneError
				if d.pos+1 < len(d.data) && d.data[d.pos] == '\\' && d.data[d.pos+1] == 'u' {
					save := d.pos
					d.pos += 2
					r2, ok := d.hex4()
					if !ok {
						return nil, false
					}
					if dec = utf16.DecodeRune(r, r2); dec == utf8.RuneError {
						d.pos = save
					}
				}
				r = dec
			}
			b = utf8.AppendRune(b, r)
		default:
			d.pos--
			d.syntax("invalid escape in string")
			return nil, false
		}
	}
	d.syntax("unexpected end of JSON input")
	return nil, false
}

func (d *decoder) hex4() (rune, bool) {
	if len(d.data)-d.pos < 4 {
		d.pos = len(d.data)
		d.syntax("unexpected end of JSON input")
		return 0, false
	}
	var r rune
	for _, c := range d.data[d.pos : d.pos+4] {
		switch {
		case c >= '0' && c <= '9':
			c -= '0'
		case c >= 'a' && c <= 'f':
			c = c - 'a' + 10
		case c >= 'A' && c <= 'F':
			c = c - 'A' + 10
		default:
			d.syntax("invalid \\u escape in string")
			return 0, false
		}
		r = r<<4 | rune(c)
	}
	d.pos += 4
	return r, true
}

// skip consumes one value of any type, checking its syntax.
func (d *decoder) skip() {
	switch c := d.ws(); {
	case c == '"':
		d.rawString()
	case c == '-' || c >= '0' && c <= '9':
		d.number()
	case c == 't':
		d.literal("true")
	case c == 'f':
		d.literal("false")
	case c == 'n':
		d.literal("null")
	case c == '{':
		d.objectKeys(func([]byte) { d.skip() })
	case c == '[':
		d.elements(func() { d.skip() })
	default:
		d.unexpected()
	}
}

// objectKeys consumes an object at pos, calling fn with each key after its
// colon; fn must consume the value.
func (d *decoder) objectKeys(fn func(key []byte)) {
	if d.depth++; d.depth > maxDepth {
		d.syntax("exceeded max depth")
		return
	}
	defer func() { d.depth-- }()
	d.pos++ // {
	if d.ws() == '}' {
		d.pos++
		return
	}
	for !d.failed() {
		if d.ws() != '"' {
			d.unexpected()
			return
		}
		key, ok := d.rawString()
		if !ok {
			return
		}
		if d.ws() != ':' {
			d.unexpected()
			return
		}
		d.pos++
		fn(key)
		switch d.ws() {
		case ',':
			d.pos++
		case '}':
			d.pos++
			return
		default:
			d.unexpected()
			return
		}
	}
}

// elements consumes an array at pos, calling fn before each element; fn
// must consume the element.
func (d *decoder) elements(fn func()) {
	if d.depth++; d.depth > maxDepth {
		d.syntax("exceeded max depth")
		return
	}
	defer func() { d.depth-- }()
	d.pos++ // [
	if d.ws() == ']' {
		d.pos++
		return
	}
	for !d.failed() {
		fn()
		switch d.ws() {
		case ',':
			d.pos++
		case ']':
			d.pos++
			return
		default:
			d.unexpected()
			return
		}
	}
}
