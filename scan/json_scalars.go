package scan

import (
	"strconv"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// The scalars of parseJSON: strings and numbers, read only when YAML reads
// them the same way.

// isWordByte tells whether c would continue a number or a literal (true,
// false, null): JSON would not read it, YAML would read another scalar.
func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '.' || c == '-' || c == '+' || c >= 0x80
}

// str reads a string. It refuses what YAML reads otherwise in a
// double-quoted scalar: characters YAML does not allow in a document or
// reads as line breaks, "\/", and escapes of surrogates.
func (p *jsonParser) str() (string, bool) {
	p.pos++ // "
	start := p.pos
	for p.pos < len(p.data) {
		c := p.data[p.pos]
		switch {
		case c == '"':
			s := string(p.data[start:p.pos])
			p.pos++
			return s, true
		case c == '\\' || c >= 0x80:
			return p.slowStr(start)
		case c < 0x20 || c == 0x7f:
			return "", false
		}
		p.pos++
	}
	return "", false
}

func (p *jsonParser) slowStr(start int) (string, bool) {
	b := append(p.buf[:0], p.data[start:p.pos]...)
	defer func() { p.buf = b[:0] }()
	for p.pos < len(p.data) {
		c := p.data[p.pos]
		switch {
		case c == '"':
			p.pos++
			return string(b), true
		case c < 0x20 || c == 0x7f:
			return "", false
		case c >= 0x80:
			r, size := utf8.DecodeRune(p.data[p.pos:])
			if !yamlPrintable(r) || r == utf8.RuneError && size == 1 {
				return "", false
			}
			b = append(b, p.data[p.pos:p.pos+size]...)
			p.pos += size
			continue
		case c != '\\':
			b = append(b, c)
			p.pos++
			continue
		}
		if p.pos+1 >= len(p.data) {
			return "", false
		}
		switch e := p.data[p.pos+1]; e {
		case '"', '\\':
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
			if p.pos+6 > len(p.data) {
				return "", false
			}
			r, err := strconv.ParseUint(string(p.data[p.pos+2:p.pos+6]), 16, 32)
			if err != nil || r >= 0xd800 && r <= 0xdfff {
				return "", false
			}
			b = utf8.AppendRune(b, rune(r))
			p.pos += 4
		default: // including '/', which YAML does not know
			return "", false
		}
		p.pos += 2
	}
	return "", false
}

// yamlPrintable tells whether YAML allows a character (above ASCII) in a
// document and reads it as itself: not a C1 control, not NEL, LS or PS
// (line breaks to YAML), not a byte-order mark, not a non-character.
func yamlPrintable(r rune) bool {
	switch {
	case r < 0xa0, r == 0x2028, r == 0x2029, r == 0xfeff, r >= 0xd800 && r <= 0xdfff, r == 0xfffe, r == 0xffff:
		return false
	}
	return r <= 0x10ffff
}

// number reads a JSON number into the scalar yaml.v3 resolves it to: !!int
// when it is a 64-bit integer, else !!float.
func (p *jsonParser) number() (*yaml.Node, bool) {
	start := p.pos
	d := p.data
	i := p.pos
	if d[i] == '-' {
		i++
	}
	digits := func() bool {
		j := i
		for i < len(d) && d[i] >= '0' && d[i] <= '9' {
			i++
		}
		return i > j
	}
	if i < len(d) && d[i] == '0' {
		i++
	} else if !digits() {
		return nil, false
	}
	integer := true
	if i < len(d) && d[i] == '.' {
		i++
		integer = false
		if !digits() {
			return nil, false
		}
	}
	if i < len(d) && (d[i] == 'e' || d[i] == 'E') {
		i++
		integer = false
		if i < len(d) && (d[i] == '+' || d[i] == '-') {
			i++
		}
		if !digits() {
			return nil, false
		}
	}
	if i < len(d) && isWordByte(d[i]) {
		return nil, false
	}
	p.pos = i
	text := string(d[start:i])
	n := p.node()
	n.Kind, n.Value, n.Line = yaml.ScalarNode, text, p.line
	if _, err := strconv.ParseInt(text, 0, 64); integer && err == nil {
		n.Tag = "!!int"
	} else if _, err := strconv.ParseUint(text, 0, 64); integer && err == nil {
		n.Tag = "!!int"
	} else if _, err := strconv.ParseFloat(text, 64); err == nil {
		n.Tag = "!!float"
	} else {
		return nil, false
	}
	return n, true
}
