package api

import (
	"encoding/json"
	"strconv"
	"strings"

	"github.com/wat-dev/wat/api/wire"
)

// This file keeps the audit log's masking as it was before the fast paths
// of masker.countList and isMasked, word for word but for the names
// (suffixed Before), as the reference the equivalence tests
// (audit_equivalence_test.go) hold the new code to, byte for byte. The
// former request parameters, mask and maskAll are still the server's
// (decodedParameters, its fallback), so the tests hold encodeParameters to
// them, and isMasked to isMaskedBefore.

func maskedOwnJSONBefore(b []byte) string {
	if b[0] == '{' {
		if out, ok := maskValidBefore(b); ok {
			return out
		}
	}
	var m map[string]any
	if json.Unmarshal(b, &m) != nil {
		return ""
	}
	mask(m)
	out, _ := json.Marshal(m)
	return string(out)
}

func isMaskedBefore(member string) bool {
	if wire.IsSensitiveMember(member) {
		return true
	}
	if member != "" {
		member = strings.ToUpper(member[:1]) + member[1:]
	}
	return strings.HasSuffix(member, "Name") || strings.HasSuffix(member, "Description") ||
		strings.HasSuffix(member, "Notes") || member == "ReviewOwner" || member == "JSONString"
}

func maskValidBefore(b []byte) (out string, ok bool) {
	m := maskerBefore{in: b, out: make([]byte, 0, len(b))}
	if !m.value(maskMembers) || m.i != len(b) {
		return "", false
	}
	return string(m.out), true
}

type maskerBefore struct {
	in  []byte
	i   int
	out []byte
}

func (m *maskerBefore) value(mode maskMode) bool {
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
	case c == 'n':
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

func (m *maskerBefore) object(mode maskMode) bool {
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
			case isMaskedBefore(k):
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

func (m *maskerBefore) countList() (int, bool) {
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

func (m *maskerBefore) skipScalar() bool {
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
