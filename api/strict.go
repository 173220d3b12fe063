package api

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/wat-dev/wat"
)

// requireObject refuses a request body that is neither empty nor a JSON
// object, for the operations of the model. The wire decoder does so for
// those with body members; the others never read their body, and would
// otherwise run whatever it holds. null is refused as well: the decoder
// refuses it, and one document must mean the same to every operation. (No
// SDK sends it: an input without body members goes with no body or {}.)
func requireObject(body []byte) error {
	b := bytes.TrimLeft(body, " \t\r\n")
	if len(b) == 0 {
		return nil
	}
	if b[0] != '{' || !json.Valid(b) {
		return &wat.Error{Code: wat.EInvalid, Reason: wat.ReasonCannotParse, Message: "Could not parse the request body: the body must be a JSON object"}
	}
	return nil
}

// decodeStrict decodes a JSON object body into v, a pointer to a wire
// structure of wat's own operations, more strictly than encoding/json: a
// member must be spelled exactly as its json name and have the type of its
// field, integers must be whole and fit, and every problem is reported at
// once as a ValidationException naming the member's path
// ("Rules[2].Flagged[0].Line"). Members tagged "-" (URI labels) are not
// read from the body.
func decodeStrict(body []byte, v any) error {
	var doc any
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	if err := dec.Decode(&doc); err != nil {
		return &wat.Error{Code: wat.EInvalid, Reason: wat.ReasonCannotParse, Message: "The request body is not valid JSON: " + err.Error()}
	}
	if _, err := dec.Token(); err != io.EOF {
		return &wat.Error{Code: wat.EInvalid, Reason: wat.ReasonCannotParse, Message: "The request body has data after its JSON value"}
	}
	var c strictChecker
	if _, ok := doc.(map[string]any); ok {
		c.check("", doc, reflect.TypeOf(v).Elem())
	} else {
		c.fail("", "must be an object") // null too: it stands for an absent member, not a whole input
	}
	if len(c.fields) > 0 {
		msgs := make([]string, len(c.fields))
		for i, f := range c.fields {
			msgs[i] = f.Name + ": " + f.Message
		}
		return &wat.Error{Code: wat.EInvalid, Reason: wat.ReasonFieldValidationFailed, Message: strings.Join(msgs, "; "), Fields: c.fields}
	}
	// The document has the shape of v: this cannot fail but on a bug.
	if err := json.Unmarshal(body, v); err != nil {
		return fmt.Errorf("decodeStrict: %w", err)
	}
	return nil
}

// maxStrictProblems bounds the problems one body reports.
const maxStrictProblems = 100

type strictChecker struct{ fields []wat.FieldError }

func (c *strictChecker) fail(path, format string, args ...any) {
	if len(c.fields) < maxStrictProblems {
		if path == "" {
			path = "(body)"
		}
		c.fields = append(c.fields, wat.FieldError{Name: path, Message: fmt.Sprintf(format, args...)})
	}
}

// check compares the decoded value v at path with type t.
func (c *strictChecker) check(path string, v any, t reflect.Type) {
	if v == nil { // null is absent
		return
	}
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.String:
		if _, ok := v.(string); !ok {
			c.fail(path, "must be a string")
		}
	case reflect.Bool:
		if _, ok := v.(bool); !ok {
			c.fail(path, "must be true or false")
		}
	case reflect.Int32, reflect.Int64, reflect.Int:
		n, ok := v.(json.Number)
		if !ok {
			c.fail(path, "must be a number")
			return
		}
		i, err := strconv.ParseInt(n.String(), 10, 64)
		if err != nil || i < math.MinInt32 || i > math.MaxInt32 {
			c.fail(path, "must be a whole number from %d to %d", math.MinInt32, math.MaxInt32)
		}
	case reflect.Slice:
		arr, ok := v.([]any)
		if !ok {
			c.fail(path, "must be a list")
			return
		}
		for i, e := range arr {
			c.check(fmt.Sprintf("%s[%d]", path, i), e, t.Elem())
		}
	case reflect.Map:
		obj, ok := v.(map[string]any)
		if !ok {
			c.fail(path, "must be an object")
			return
		}
		for _, k := range slices.Sorted(maps.Keys(obj)) {
			c.check(path+"."+k, obj[k], t.Elem())
		}
	case reflect.Struct:
		obj, ok := v.(map[string]any)
		if !ok {
			c.fail(path, "must be an object")
			return
		}
		members := map[string]reflect.Type{}
		for i := range t.NumField() {
			f := t.Field(i)
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if name != "" && name != "-" {
				members[name] = f.Type
			}
		}
		for _, k := range slices.Sorted(maps.Keys(obj)) {
			e, p := obj[k], k
			if path != "" {
				p = path + "." + k
			}
			ft, ok := members[k]
			if !ok {
				c.fail(p, "is not a member of the input (names are case-sensitive)")
				continue
			}
			c.check(p, e, ft)
		}
	default:
		c.fail(path, "cannot be read") // no wire shape has other kinds
	}
}
