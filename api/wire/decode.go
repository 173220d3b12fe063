package wire

import (
	"math"
	"strings"

	wat "github.com/wat-dev/wat"
)

// decoder fills an operation input from a Request: URI labels and query
// parameters through the label* and query* methods, the JSON body through
// body and the typed value methods the generated decode functions call.
//
// It never stops at a value of the wrong type: it records the violation at
// the member's path, skips the value and goes on, so that one response names
// every bad member. A syntax error stops everything and wins.
type decoder struct {
	violations
	req   *Request
	data  []byte
	pos   int
	depth int
	bad   string // the first syntax error, if any
	path  path
	buf   [8]pathElem

	bodyRead  bool // body has run
	notObject bool // the body is JSON of another kind than an object
	closed    bool // the input rejects unknown members: a body not an object is a field too
}

func newDecoder(req *Request) *decoder {
	if req == nil {
		req = &Request{}
	}
	d := &decoder{req: req}
	d.path = d.buf[:0]
	return d
}

// result returns the decoding error: CANNOT_PARSE for a body that is not a
// JSON object, FIELD_VALIDATION_FAILED for members of the wrong type.
func (d *decoder) result() error {
	if d.bad != "" {
		e := &wat.Error{Code: wat.EInvalid, Reason: wat.ReasonCannotParse, Message: "Could not parse the request body: " + d.bad}
		if d.notObject && d.closed { // the whole input has the wrong type: named as a member would be
			e.Fields = []wat.FieldError{{Name: "(body)", Message: "The body must be a JSON object"}}
		}
		return e
	}
	return d.err()
}

// body decodes the request body, a JSON object, calling member for each
// non-null member. An empty body counts as {}.
func (d *decoder) body(member func(key []byte)) {
	d.data, d.pos, d.bodyRead = d.req.Body, 0, true
	c := d.ws()
	switch {
	case d.pos >= len(d.data):
		return
	case c != '{':
		if strings.IndexByte(`"[-0123456789tfn`, c) >= 0 {
			d.notObject = true
			d.syntax("the body must be a JSON object")
			return
		}
		d.unexpected()
		return
	}
	d.structure(member)
	if d.ws(); d.pos < len(d.data) {
		d.syntax("invalid character after the top-level object")
	}
}

// closedBody is body for an input that rejects unknown members: every
// problem of its body, the body's own kind included, names a field.
func (d *decoder) closedBody(member func(key []byte)) {
	d.closed = true
	d.body(member)
}

// mismatch records a value of the wrong type at the current path and skips
// it.
func (d *decoder) mismatch(msg string) {
	d.add(d.path, "", msg)
	d.skip()
}

// unknownMember records a member its structure does not define, in a
// structure that rejects them, and skips its value.
func (d *decoder) unknownMember() {
	d.add(d.path, "", "Member is not defined by the model (member names are case-sensitive)")
	d.skip()
}

// null consumes a null if one comes next.
func (d *decoder) null() bool {
	if d.ws() == 'n' {
		d.literal("null")
		return true
	}
	return false
}

// structure decodes an object whose keys are member names, calling fn for
// each non-null member with the member on the path. It returns false when
// the value is null, not an object, or broken.
func (d *decoder) structure(fn func(key []byte)) bool {
	switch d.ws() {
	case '{':
	case 'n':
		d.literal("null")
		return false
	default:
		d.mismatch("Member must be a structure")
		return false
	}
	d.objectKeys(func(key []byte) {
		if d.null() {
			return // a null member is an absent one
		}
		d.path = append(d.path, pathElem{kind: elemMember, raw: key})
		fn(key)
		d.path = d.path[:len(d.path)-1]
	})
	return !d.failed()
}

// mapping decodes an object whose keys are map keys, calling fn for each
// entry with the key on the path. Null values are violations: Smithy maps
// are dense.
func (d *decoder) mapping(fn func(key string)) bool {
	switch d.ws() {
	case '{':
	case 'n':
		d.literal("null")
		return false
	default:
		d.mismatch("Member must be a map")
		return false
	}
	d.objectKeys(func(raw []byte) {
		key := string(raw)
		d.path = append(d.path, pathElem{kind: elemKey, name: key})
		if d.null() {
			d.add(d.path, "null", "Member must not be null")
		} else {
			fn(key)
		}
		d.path = d.path[:len(d.path)-1]
	})
	return !d.failed()
}

// array decodes an array, calling fn for each element with its index on the
// path. Null elements are violations: Smithy lists are dense.
func (d *decoder) array(fn func()) bool {
	switch d.ws() {
	case '[':
	case 'n':
		d.literal("null")
		return false
	default:
		d.mismatch("Member must be a list")
		return false
	}
	i := 0
	d.elements(func() {
		d.path = append(d.path, pathElem{kind: elemIndex, index: i})
		i++
		if d.null() {
			d.add(d.path, "null", "Member must not be null")
		} else {
			fn()
		}
		d.path = d.path[:len(d.path)-1]
	})
	return !d.failed()
}

// decodeStruct decodes a structure with its generated member decoder; nil
// when the value is null or invalid.
func decodeStruct[T any](d *decoder, member func(*decoder, *T, []byte)) *T {
	v := new(T)
	if !d.structure(func(key []byte) { member(d, v, key) }) {
		return nil
	}
	return v
}

func (d *decoder) str() (string, bool) {
	switch d.ws() {
	case '"':
		b, ok := d.rawString()
		return string(b), ok
	case 'n':
		d.literal("null")
		return "", false
	}
	d.mismatch("Member must be a string")
	return "", false
}

func (d *decoder) boolean() (bool, bool) {
	switch d.ws() {
	case 't':
		return true, d.literal("true")
	case 'f':
		return false, d.literal("false")
	case 'n':
		d.literal("null")
		return false, false
	}
	d.mismatch("Member must be a boolean")
	return false, false
}

func (d *decoder) int32() (int32, bool) {
	n, ok := d.integer(math.MinInt32, math.MaxInt32, "Member must be an integer")
	return int32(n), ok
}

func (d *decoder) int64() (int64, bool) {
	return d.integer(math.MinInt64, math.MaxInt64, "Member must be a long")
}

// integer decodes a JSON number without fraction or exponent in [lo, hi].
func (d *decoder) integer(lo, hi int64, msg string) (int64, bool) {
	switch c := d.ws(); {
	case c == 'n':
		d.literal("null")
		return 0, false
	case c != '-' && (c < '0' || c > '9'):
		d.mismatch(msg)
		return 0, false
	}
	text, isInt := d.number()
	if text == nil {
		return 0, false
	}
	if isInt {
		if n, ok := parseInt(text, lo, hi); ok {
			return n, true
		}
	}
	d.add(d.path, quoted(string(text)), msg)
	return 0, false
}

// parseInt parses a JSON integer in [lo, hi] without allocating.
func parseInt(text []byte, lo, hi int64) (int64, bool) {
	neg := text[0] == '-'
	if neg {
		text = text[1:]
	}
	var u uint64
	for _, c := range text {
		if u > (math.MaxUint64-9)/10 {
			return 0, false
		}
		u = u*10 + uint64(c-'0')
	}
	if neg {
		if u > uint64(-lo) && lo != math.MinInt64 || u > 1<<63 {
			return 0, false
		}
		return -int64(u), true
	}
	if u > uint64(hi) {
		return 0, false
	}
	return int64(u), true
}
