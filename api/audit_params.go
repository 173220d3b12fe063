package api

import (
	"bytes"
	"encoding/json"
	"slices"
	"strconv"
	"sync"
)

// encodeParameters is requestParameters without decoding the body into maps
// of interfaces and encoding them again (about a third of what an
// UpdateAnswer's audit record cost): it writes, straight from the body's
// text, the very bytes that decoding path writes — every object's members
// sorted by key as json.Marshal sorts a map's, strings escaped as it escapes
// them, the labels' and query's members in place of the body's of the same
// name, masked as mask masks. ok is false for what it does not reproduce
// exactly and leaves to that path: a body that is not an object or not valid
// JSON, a number other than an integer of up to 15 digits (which a float64
// holds exactly and json.Marshal prints as it was written), a key given
// twice in one object, nesting deeper than maxParamsDepth, a query
// parameter without a value.
func encodeParameters(labels map[string]string, query map[string][]string, body []byte) (string, bool) {
	e := paramsEncoders.Get().(*paramsEncoder)
	defer e.release()
	e.in = body
	e.space()
	if e.i == len(e.in) { // no body: only the labels and the query
		e.out = append(e.out, '{')
		if !e.closeObject(0, 0, labels, query) {
			return "", false
		}
		return string(e.out), true
	}
	if e.in[e.i] != '{' || !e.object(maskMembers, labels, query) {
		return "", false
	}
	if e.space(); e.i != len(e.in) {
		return "", false
	}
	return string(e.out), true
}

// paramsEncoders keep encoders, with the buffers they grew, between calls:
// the string encodeParameters returns is then all it allocates.
var paramsEncoders = sync.Pool{New: func() any { return new(paramsEncoder) }}

// maxPooledBuffer is the largest buffer kept for the next call (here and
// in maskValid); a larger one, for a body or response of megabytes, is left
// to the garbage collector.
const maxPooledBuffer = 64 << 10

// release returns e to paramsEncoders, emptied.
func (e *paramsEncoder) release() {
	if cap(e.out) > maxPooledBuffer || cap(e.scratch) > maxPooledBuffer || cap(e.keys) > maxPooledBuffer {
		return
	}
	clear(e.members[:cap(e.members)]) // their keys refer to the body
	*e = paramsEncoder{out: e.out[:0], members: e.members[:0], scratch: e.scratch[:0], keys: e.keys[:0]}
	paramsEncoders.Put(e)
}

// maxParamsDepth bounds the nesting of objects and lists encodeParameters
// follows; deeper bodies (which no operation takes) go the decoding way.
const maxParamsDepth = 64

// paramsEncoder writes a request body as requestParameters records it.
// Every method returns false for input it does not handle (see
// encodeParameters), leaving e in no useful state.
type paramsEncoder struct {
	in  []byte
	i   int
	out []byte

	depth   int
	discard int // > 0 while writing what is then thrown away: a bulk list, an overridden member
	// members are those of the objects being written, the innermost's last.
	members []paramMember
	scratch []byte // closeObject's copy of an object's members
	// keys holds the names of the labels and query parameters, which
	// members refer to: bytes are only ever appended to it, so a key stays
	// valid when it grows.
	keys []byte
}

// paramMember is one member of an object written to out: its decoded key
// and where, in out, `"key":value` lies.
type paramMember struct {
	key        []byte
	start, end int
}

// value writes the value at e.i: in maskMembers mode as mask leaves it, in
// maskEvery mode as maskAll does (its shape kept, every value but null
// masked).
func (e *paramsEncoder) value(mode maskMode) bool {
	switch c := e.next(); {
	case c == '{':
		return e.object(mode, nil, nil)
	case c == '[':
		_, ok := e.list(mode)
		return ok
	case c == '"':
		start := e.i
		_, plain, ok := e.str()
		if !ok {
			return false
		}
		switch {
		case mode == maskEvery:
			e.out = append(e.out, `"`+masked+`"`...)
		case plain:
			e.out = append(e.out, e.in[start:e.i]...)
		default:
			var s string
			if json.Unmarshal(e.in[start:e.i], &s) != nil {
				return false
			}
			e.out = appendJSONString(e.out, s)
		}
		return true
	case c == 'n':
		if !bytes.HasPrefix(e.in[e.i:], []byte("null")) {
			return false
		}
		e.i += len("null")
		e.out = append(e.out, "null"...)
		return true
	}
	start := e.i
	if !e.scalar() {
		return false
	}
	if mode == maskEvery {
		e.out = append(e.out, `"`+masked+`"`...)
	} else {
		e.out = append(e.out, e.in[start:e.i]...)
	}
	return true
}

// list writes the list at e.i and returns how many values it holds.
func (e *paramsEncoder) list(mode maskMode) (int, bool) {
	if e.depth++; e.depth > maxParamsDepth {
		return 0, false
	}
	e.i++
	e.out = append(e.out, '[')
	mark, n := len(e.out), 0
	if e.next() == ']' {
		e.i++
	} else {
		for {
			if !e.value(mode) {
				return 0, false
			}
			if e.discard > 0 { // a bulk list of megabytes need not be kept whole to be thrown away
				e.out = e.out[:mark]
			}
			n++
			c := e.next()
			e.i++
			if c == ']' {
				break
			}
			if c != ',' {
				return 0, false
			}
			e.out = append(e.out, ',')
		}
	}
	e.out = append(e.out, ']')
	e.depth--
	return n, true
}

// object writes the object at e.i, its members sorted by key. In
// maskMembers mode a bulk member holding a list becomes its length, a
// masked member is masked whole and a masked URL member's string keeps its
// scheme and host only. Given labels or query (the body's top level), the
// body's members they name give way to them.
func (e *paramsEncoder) object(mode maskMode, labels map[string]string, query map[string][]string) bool {
	if e.depth++; e.depth > maxParamsDepth {
		return false
	}
	e.i++
	start, base := len(e.out), len(e.members)
	e.out = append(e.out, '{')
	for c := e.next(); c != '}'; {
		if c != '"' {
			return false
		}
		key, plain, ok := e.key()
		if !ok || e.next() != ':' {
			return false
		}
		e.i++
		if e.next() == 0 {
			return false
		}
		k := string(key) // does not escape: on the stack when short
		_, label := labels[k]
		_, param := query[k]
		if label || param {
			// Its value is replaced: written only to be checked.
			mark := len(e.out)
			e.discard++
			if !e.value(maskEvery) {
				return false
			}
			e.discard--
			e.out = e.out[:mark]
		} else {
			if len(e.out) > start+1 {
				e.out = append(e.out, ',')
			}
			m := paramMember{key: key, start: len(e.out)}
			if plain {
				e.out = append(e.out, '"')
				e.out = append(e.out, key...)
				e.out = append(e.out, '"', ':')
			} else {
				e.out = appendJSONString(e.out, string(key))
				e.out = append(e.out, ':')
			}
			if !e.member(mode, k) {
				return false
			}
			m.end = len(e.out)
			if e.discard == 0 {
				e.members = append(e.members, m)
			}
		}
		switch c = e.next(); c {
		case ',':
			e.i++
			c = e.next()
			if c == '}' {
				return false
			}
		case '}':
		default:
			return false
		}
	}
	e.i++
	e.depth--
	if e.discard > 0 {
		e.out = append(e.out, '}')
		return true
	}
	return e.closeObject(start, base, labels, query)
}

// member writes the value of member k at e.i.
func (e *paramsEncoder) member(mode maskMode, k string) bool {
	if mode == maskEvery {
		return e.value(maskEvery)
	}
	switch c := e.in[e.i]; {
	case c == '[' && isBulk(k):
		mark := len(e.out)
		e.discard++
		n, ok := e.list(maskEvery)
		if !ok {
			return false
		}
		e.discard--
		e.out = strconv.AppendInt(e.out[:mark], int64(n), 10)
		return true
	case isMasked(k):
		return e.value(maskEvery)
	case c == '"' && isMaskedURL(k):
		start := e.i
		text, plain, ok := e.str()
		if !ok {
			return false
		}
		var s string
		if plain {
			s = string(text)
		} else if json.Unmarshal(e.in[start:e.i], &s) != nil {
			return false
		}
		e.out = appendJSONString(e.out, maskURL(s))
		return true
	}
	return e.value(maskMembers)
}

// closeObject ends the object whose '{' is at out[start] and whose members
// are e.members[base:], with those of labels and query: it sorts them by
// key (in place when they already are, as a client that writes its members
// in order leaves most objects) and writes the closing brace. It returns
// false for a key given twice.
func (e *paramsEncoder) closeObject(start, base int, labels map[string]string, query map[string][]string) bool {
	for k, v := range query {
		if _, ok := labels[k]; ok {
			continue
		}
		switch {
		case len(v) == 0:
			return false
		case len(v) == 1:
			e.appendParam(start, k, v[0])
			continue
		}
		e.appendKey(start, k)
		if isMasked(k) {
			e.out = append(e.out, `"`+masked+`"`...)
		} else {
			e.out = append(e.out, '[')
			for i, s := range v {
				if i > 0 {
					e.out = append(e.out, ',')
				}
				e.out = appendJSONString(e.out, s)
			}
			e.out = append(e.out, ']')
		}
		e.members[len(e.members)-1].end = len(e.out)
	}
	for k, v := range labels {
		e.appendParam(start, k, v)
	}
	members := e.members[base:]
	sorted := true
	for i := 1; i < len(members); i++ {
		switch bytes.Compare(members[i-1].key, members[i].key) {
		case 0:
			return false
		case 1:
			sorted = false
		}
	}
	if !sorted {
		slices.SortFunc(members, func(a, b paramMember) int { return bytes.Compare(a.key, b.key) })
		for i := 1; i < len(members); i++ {
			if bytes.Equal(members[i-1].key, members[i].key) {
				return false
			}
		}
		e.scratch = append(e.scratch[:0], e.out[start+1:]...)
		e.out = e.out[:start+1]
		for i, m := range members {
			if i > 0 {
				e.out = append(e.out, ',')
			}
			e.out = append(e.out, e.scratch[m.start-start-1:m.end-start-1]...)
		}
	}
	e.out = append(e.out, '}')
	e.members = e.members[:base]
	return true
}

// appendKey begins a member of the object at out[start] named k, a label
// or a query parameter; its end is to be set.
func (e *paramsEncoder) appendKey(start int, k string) {
	if len(e.out) > start+1 {
		e.out = append(e.out, ',')
	}
	e.keys = append(e.keys, k...)
	e.members = append(e.members, paramMember{key: e.keys[len(e.keys)-len(k):], start: len(e.out)})
	e.out = appendJSONString(e.out, k)
	e.out = append(e.out, ':')
}

// appendParam writes member k holding the string v (a label or a query
// parameter given once), masked as mask masks it.
func (e *paramsEncoder) appendParam(start int, k, v string) {
	e.appendKey(start, k)
	switch {
	case isMasked(k):
		e.out = append(e.out, `"`+masked+`"`...)
	case isMaskedURL(k):
		e.out = appendJSONString(e.out, maskURL(v))
	default:
		e.out = appendJSONString(e.out, v)
	}
	e.members[len(e.members)-1].end = len(e.out)
}
