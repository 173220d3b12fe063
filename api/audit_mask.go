package api

import "strconv"

// maskValid is maskedOwnJSON's copy of b, valid JSON beginning with '{' as
// json.Marshal writes it: decoding it into maps of interfaces and encoding
// it again took a quarter of the server's CPU time on UpdateAnswer (whose
// response carries every choice of the question); this copies the text
// once, masking as mask does, in the input's member order. ok is false for
// white space between tokens or a key holding an escape. A key given twice
// (which json.Marshal never writes) would be kept twice. Input that is not
// valid JSON may panic.
func maskValid(b []byte) (out string, ok bool) {
	m := masker{in: b, out: make([]byte, 0, len(b))}
	if !m.value(maskMembers) || m.i != len(b) {
		return "", false
	}
	return string(m.out), true
}

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

// countList skips a list and returns how many values it holds.
func (m *masker) countList() (int, bool) {
	saved := m.out
	m.i++
	n := 0
	for m.in[m.i] != ']' {
		if n > 0 {
			if m.in[m.i] != ',' {
				return 0, false
			}
			m.i++
		}
		if !m.value(maskEvery) {
			return 0, false
		}
		n++
	}
	m.i++
	m.out = saved
	return n, true
}

// skipScalar moves past a string, number or boolean.
func (m *masker) skipScalar() bool {
	if m.in[m.i] == '"' {
		for m.i++; m.i < len(m.in); m.i++ {
			switch m.in[m.i] {
			case '\\':
				m.i++
			case '"':
				m.i++
				return true
			}
		}
		return false
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
