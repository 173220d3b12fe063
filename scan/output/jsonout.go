package output

import (
	"encoding/json"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

// jsonOut writes indented JSON as it goes, byte for byte what a
// json.Encoder with SetIndent("", "  ") writes for the same values, so that
// a report of any size is streamed instead of being built in memory first
// (twice: the encoder marshals, then indents).
type jsonOut struct {
	w     io.Writer
	b     []byte
	depth int
	empty bool // the innermost object or array has no member yet
	err   error
}

func newJSONOut(w io.Writer) *jsonOut { return &jsonOut{w: w, b: make([]byte, 0, 64<<10)} }

// flush writes what is pending when enough is.
func (j *jsonOut) flush(force bool) {
	if (force || len(j.b) >= 32<<10) && j.err == nil {
		_, j.err = j.w.Write(j.b)
		j.b = j.b[:0]
	}
}

func (j *jsonOut) newline() {
	j.b = append(j.b, '\n')
	for range j.depth {
		j.b = append(j.b, ' ', ' ')
	}
}

// next starts a member or an element.
func (j *jsonOut) next() {
	if !j.empty {
		j.b = append(j.b, ',')
	}
	j.empty = false
	j.newline()
}

func (j *jsonOut) open(c byte) {
	j.b = append(j.b, c)
	j.depth++
	j.empty = true
}

func (j *jsonOut) close(c byte) {
	j.depth--
	if !j.empty {
		j.newline()
	}
	j.b = append(j.b, c)
	j.empty = false
	j.flush(false)
}

// key starts a member of an object.
func (j *jsonOut) key(k string) *jsonOut {
	j.next()
	j.b = appendJSONString(j.b, k)
	j.b = append(j.b, ':', ' ')
	return j
}

func (j *jsonOut) str(s string) { j.b = appendJSONString(j.b, s) }
func (j *jsonOut) num(n int)    { j.b = strconv.AppendInt(j.b, int64(n), 10) }
func (j *jsonOut) null()        { j.b = append(j.b, "null"...) }

// value writes any value through encoding/json, for the small parts.
func (j *jsonOut) value(v any) {
	data, err := json.MarshalIndent(v, strings.Repeat("  ", j.depth), "  ")
	if err != nil {
		j.err = err
		return
	}
	j.b = append(j.b, data...)
}

// end finishes the document as the encoder does, with a newline.
func (j *jsonOut) end() error {
	j.b = append(j.b, '\n')
	j.flush(true)
	return j.err
}

// appendJSONString appends s quoted as encoding/json quotes a string (with
// HTML escaping, as json.Marshal and the encoder do by default).
func appendJSONString(dst []byte, s string) []byte {
	const hex = "0123456789abcdef"
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		if b := s[i]; b < utf8.RuneSelf {
			if b >= 0x20 && b != '"' && b != '\\' && b != '<' && b != '>' && b != '&' {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch b {
			case '\\', '"':
				dst = append(dst, '\\', b)
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hex[b>>4], hex[b&0xF])
			}
			i++
			start = i
			continue
		}
		c, size := utf8.DecodeRuneInString(s[i:])
		if c == utf8.RuneError && size == 1 {
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if c == '\u2028' || c == '\u2029' {
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hex[c&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}
