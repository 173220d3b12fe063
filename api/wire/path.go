package wire

import (
	"strconv"
	"strings"
	"unicode/utf8"

	wat "github.com/wat-dev/wat"
)

// maxShown bounds how much of a client's value (or map key) an error
// message repeats: enough to recognise it, never a whole document.
const maxShown = 64

// maxViolations bounds how many violations one error reports, so that a
// list of ten thousand bad elements costs a bounded response.
const maxViolations = 100

// pathElem is one step of a member path: a member name, a list index or a
// map key. Keys read from a body are kept as raw bytes until a violation
// needs them.
type pathElem struct {
	kind  uint8
	name  string
	raw   []byte
	index int
}

const (
	elemMember = iota
	elemIndex
	elemKey
)

func (e *pathElem) text() string {
	if e.raw != nil {
		return string(e.raw)
	}
	return e.name
}

// path is the position of the value being decoded or checked.
type path []pathElem

// field renders the path with wire member names, the form of
// wat.FieldError.Name: "ChoiceUpdates.choice_1.Reason", "PillarPriorities[0]".
func (p path) field() string { return p.render(false) }

// display renders the path as AWS messages spell it, members in lowerCamel
// case: "choiceUpdates.choice_1.reason".
func (p path) display() string { return p.render(true) }

func (p path) render(lower bool) string {
	var b strings.Builder
	for i := range p {
		e := &p[i]
		switch e.kind {
		case elemIndex:
			b.WriteByte('[')
			b.WriteString(strconv.Itoa(e.index))
			b.WriteByte(']')
			continue
		case elemKey:
			b.WriteByte('.')
			b.WriteString(clip(e.text()))
			continue
		}
		if i > 0 {
			b.WriteByte('.')
		}
		name := e.text()
		if lower && name != "" {
			r, n := utf8.DecodeRuneInString(name)
			if r >= 'A' && r <= 'Z' {
				b.WriteByte(byte(r) + 'a' - 'A')
				name = name[n:]
			}
		}
		b.WriteString(name)
	}
	return b.String()
}

// clip shortens s to maxShown runes.
func clip(s string) string {
	if len(s) <= maxShown {
		return s
	}
	n := 0
	for i := range s {
		if n == maxShown {
			return s[:i] + "..."
		}
		n++
	}
	return s
}

// quoted returns how a message shows a string value: quoted when short,
// nothing at all when long.
func quoted(s string) string {
	if utf8.RuneCountInString(s) > maxShown {
		return ""
	}
	return "'" + s + "'"
}

// violations collects what is wrong with a request, AWS style.
type violations struct {
	n      int
	fields []wat.FieldError
	parts  []string
}

// add records one violation at p. shown is the value as the message shows
// it ("'abc'", "null" or "" for none).
func (v *violations) add(p path, shown, msg string) {
	v.n++
	if v.n > maxViolations {
		return
	}
	v.fields = append(v.fields, wat.FieldError{Name: p.field(), Message: msg})
	part := "Value "
	if shown != "" {
		part += shown + " "
	}
	v.parts = append(v.parts, part+"at '"+p.display()+"' failed to satisfy constraint: "+msg)
}

// addNamed records one violation at a path already rendered as a field
// name; the message shows it as it is.
func (v *violations) addNamed(field, msg string) {
	v.n++
	if v.n > maxViolations {
		return
	}
	v.fields = append(v.fields, wat.FieldError{Name: field, Message: msg})
	v.parts = append(v.parts, "Value at '"+field+"' failed to satisfy constraint: "+msg)
}

// err returns the collected violations as one EInvalid error, or nil.
func (v *violations) err() error {
	if v.n == 0 {
		return nil
	}
	msg := "1 validation error detected: "
	if v.n > 1 {
		msg = strconv.Itoa(v.n) + " validation errors detected: "
	}
	msg += strings.Join(v.parts, "; ")
	if v.n > maxViolations {
		msg += "; (" + strconv.Itoa(v.n-maxViolations) + " more not shown)"
	}
	return &wat.Error{Code: wat.EInvalid, Reason: wat.ReasonFieldValidationFailed, Message: msg, Fields: v.fields}
}
