package policy

import (
	"bytes"
	"encoding/json"
	"fmt"
	"unicode/utf8"

	"github.com/wat-dev/wat"
)

// problems collects everything wrong with a document so that Parse can
// report it all at once.
type problems []wat.FieldError

func (ps *problems) add(path, format string, args ...any) {
	*ps = append(*ps, wat.FieldError{Name: path, Message: fmt.Sprintf(format, args...)})
}

// err is the one error Parse returns for an invalid document.
func (ps problems) err() error {
	msg := "invalid policy document: " + ps[0].Name + ": " + ps[0].Message
	if len(ps) > 1 {
		msg += fmt.Sprintf(" (and %d more problems)", len(ps)-1)
	}
	return &wat.Error{
		Code:    wat.EInvalid,
		Message: msg,
		Reason:  wat.ReasonFieldValidationFailed,
		Fields:  []wat.FieldError(ps),
	}
}

// str decodes a JSON string.
func (ps *problems) str(path string, raw json.RawMessage) (string, bool) {
	var s string
	if kind(raw) != '"' || json.Unmarshal(raw, &s) != nil {
		ps.add(path, "must be a string")
		return "", false
	}
	return s, true
}

// strList decodes a string or a non-empty array of strings, returning the
// items and the path of each.
func (ps *problems) strList(path string, raw json.RawMessage) ([]string, []string) {
	switch kind(raw) {
	case '"':
		s, ok := ps.str(path, raw)
		if !ok {
			return nil, nil
		}
		return []string{s}, []string{path}
	case '[':
		var items []json.RawMessage
		_ = json.Unmarshal(raw, &items)
		if len(items) == 0 {
			ps.add(path, "must not be empty")
			return nil, nil
		}
		list := make([]string, 0, len(items))
		paths := make([]string, 0, len(items))
		for i, r := range items {
			p := fmt.Sprintf("%s[%d]", path, i)
			if s, ok := ps.str(p, r); ok {
				list = append(list, s)
				paths = append(paths, p)
			}
		}
		return list, paths
	}
	ps.add(path, "must be a string or an array of strings")
	return nil, nil
}

// kind returns the first significant byte of a JSON value: '{', '[', '"',
// 't', 'f', 'n', a digit or '-'; 0 when there is none.
func kind(raw []byte) byte {
	raw = bytes.TrimLeft(raw, " \t\r\n")
	if len(raw) == 0 {
		return 0
	}
	return raw[0]
}

// chars counts the characters of doc that are not whitespace, as IAM does
// when it checks a policy's size.
func chars(doc []byte) int {
	n := 0
	for len(doc) > 0 {
		r, w := utf8.DecodeRune(doc)
		doc = doc[w:]
		switch r {
		case ' ', '\t', '\r', '\n':
		default:
			n++
		}
	}
	return n
}
