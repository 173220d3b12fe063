package api

import (
	"bytes"
	"strconv"
	"sync"
)

// maskValid is maskedOwnJSON's copy of b, valid JSON beginning with '{' as
// json.Marshal writes it: decoding it into maps of interfaces and encoding
// it again took a quarter of the server's CPU time on UpdateAnswer (whose
// response carries every choice of the question); this copies the text
// once, masking as mask does, in the input's member order. ok is false for
// white space between tokens or a key holding an escape. A key given twice
// (which json.Marshal never writes) would be kept twice. Input that is not
// valid JSON may panic.
func maskValid(b []byte) (out string, ok bool) {
	buf := maskBuffers.Get().(*[]byte)
	m := masker{in: b, out: (*buf)[:0]}
	if ok = m.value(maskMembers) && m.i == len(b); ok {
		out = string(m.out)
	}
	if cap(m.out) <= maxPooledBuffer {
		*buf = m.out[:0]
		maskBuffers.Put(buf)
	}
	return out, ok
}

// maskBuffers keep maskValid's buffers between calls: the string it
// returns is then all it allocates.
var maskBuffers = sync.Pool{New: func() any { return new([]byte) }}

// maskMode says what masker.value does with what it copies.
type maskMode int

const (
	maskMembers maskMode = iota // copy, masking the members isMasked names (mask)
	maskEvery                   // keep the shape, mask every value but null (maskAll)
)

// masker copies valid, compact JSON from in to out.
type masker struct {
	in  []byte
	i   int
	out []byte
}

// value copies the value at m.i; false when the input is not what
// maskValid expects.
func (m *masker) value(mode maskMode) bool {
	switch c := m.in[m.i]; {
	case c == '{':
		return m.object(mode)
	case c == '[':
		m.out = append(m.out, '[')
		m.i++
		for first := true; m.in[m.i] != ']'; first = false {
			if !first {
				if m.in[m.i] != ',' {
					return false
				}
				m.out = append(m.out, ',')
				m.i++
			}
			if !m.value(mode) {
				return false
			}
		}
		m.out = append(m.out, ']')
		m.i++
		return true
	case c == 'n': // null stays null, as maskAll leaves it
		m.out = append(m.out, "null"...)
		m.i += len("null")
		return true
	}
	start := m.i
	if !m.skipScalar() {
		return false
	}
	if mode == maskEvery {
		m.out = append(m.out, `"`+masked+`"`...)
	} else {
		m.out = append(m.out, m.in[start:m.i]...)
	}
	return true
}

// object copies an object; in maskMembers mode a bulk member holding a list
// becomes its length, a masked member is masked whole and a masked URL
// member's string keeps its scheme and host only.
func (m *masker) object(mode maskMode) bool {
	m.out = append(m.out, '{')
	m.i++
	for first := true; m.in[m.i] != '}'; first = false {
		if !first {
			if m.in[m.i] != ',' {
				return false
			}
			m.out = append(m.out, ',')
			m.i++
		}
		start := m.i
		if m.in[m.i] != '"' || !m.skipScalar() || m.i >= len(m.in) || m.in[m.i] != ':' {
			return false
		}
		key := m.in[start+1 : m.i-1]
		for _, c := range key {
			if c == '\\' {
				return false
			}
		}
		m.out = append(m.out, m.in[start:m.i+1]...)
		m.i++
		child := mode
		if mode == maskMembers {
			k := string(key)
			switch {
			case m.in[m.i] == '[' && isBulk(k):
				n, ok := m.countList()
				if !ok {
					return false
				}
				m.out = strconv.AppendInt(m.out, int64(n), 10)
				continue
			case isMasked(k):
				child = maskEvery
			case m.in[m.i] == '"' && isMaskedURL(k):
				start := m.i
				if !m.skipScalar() {
					return false
				}
				var ok bool
				if m.out, ok = maskURLText(m.out, m.in[start:m.i]); !ok {
					return false
				}
				continue
			}
		}
		if !m.value(child) {
			return false
		}
	}
	m.out = append(m.out, '}')
	m.i++
	return true
}

// countList skips a list and returns how many values it holds. The list
// is a bulk member's, of which nothing but that number is kept (an
// answer's Choices: 8.5 KB of a 9.5 KB UpdateAnswer response), so rather
// than walk it value by value, as value does, it is scanned as text,
// tracking only whether a byte is in a string and how deep in brackets it
// is: a list that is not empty holds one value more than it has commas at
// depth one. Like that walk it refuses white space between tokens and a
// key holding an escape, for maskedOwnJSON to decode the response instead.
func (m *masker) countList() (int, bool) {
	in, start := m.in, m.i
	n, depth := 0, 0
	for i := start; i < len(in); i++ {
		switch in[i] {
		case '"':
			end, ok := stringEnd(in, i)
			if !ok {
				return 0, false
			}
			if end < len(in) && in[end] == ':' && bytes.IndexByte(in[i:end], '\\') >= 0 {
				return 0, false // a key with an escape
			}
			i = end - 1
		case '[', '{':
			depth++
		case ']', '}':
			if depth--; depth == 0 {
				if i > start+1 {
					n++
				}
				m.i = i + 1
				return n, true
			}
		case ',':
			if depth == 1 {
				n++
			}
		case ' ', '\t', '\n', '\r':
			return 0, false
		}
	}
	return 0, false
}

// stringEnd returns the index just past the JSON string that begins at
// in[i], found with bytes.IndexByte (a guidance text is hundreds of bytes
// with no quote in it): a quote ends the string unless an odd number of
// backslashes comes before it. ok is false when nothing ends it.
func stringEnd(in []byte, i int) (end int, ok bool) {
	for j := i + 1; ; j++ {
		k := bytes.IndexByte(in[j:], '"')
		if k < 0 {
			return 0, false
		}
		j += k
		b := j
		for in[b-1] == '\\' { // stops at the opening quote
			b--
		}
		if (j-b)%2 == 0 {
			return j + 1, true
		}
	}
}

// skipScalar moves past a string, number or boolean.
func (m *masker) skipScalar() bool {
	if m.in[m.i] == '"' {
		end, ok := stringEnd(m.in, m.i)
		if ok {
			m.i = end
		}
		return ok
	}
	start := m.i
	for m.i < len(m.in) {
		switch m.in[m.i] {
		case ',', '}', ']', ' ', '\t', '\n', '\r', ':':
			return m.i > start
		}
		m.i++
	}
	return m.i > start
}
