package wire

import (
	"slices"
	"strings"
	"unicode/utf8"

	wat "github.com/wat-dev/wat"
)

// Router maps an HTTP method and path to an Operation. It is a trie of path
// segments built once from Operations: matching costs one map lookup per
// segment, no regular expression, and allocates only the label map and
// percent-decoded labels. It is safe for concurrent use.
type Router struct {
	root     node
	maxDepth int
}

// node is one path segment of the trie.
type node struct {
	literals map[string]*node
	label    *node
	routes   map[string]*route // by method, at nodes that end a URI
	methods  string            // "DELETE, GET", for 405-style messages
}

// route is an operation at the node its URI ends at.
type route struct {
	op     *Operation
	labels []string // label names in path order
}

// maxLabels bounds the labels of a URI; the model's deepest has three.
const maxLabels = 8

// NewRouter returns a router over Operations. It panics if two operations
// share a method and URI shape, which would be a bug in the model.
func NewRouter() *Router { return NewRouterFor(Operations) }

// NewRouterFor returns a router over ops: wat's own operations beyond the
// model are routed with it. It panics as NewRouter does.
func NewRouterFor(ops []*Operation) *Router {
	r := &Router{}
	for _, op := range ops {
		n := &r.root
		var labels []string
		segs := strings.Split(strings.Trim(op.URI, "/"), "/")
		r.maxDepth = max(r.maxDepth, len(segs))
		for _, seg := range segs {
			if strings.HasPrefix(seg, "{") && strings.HasSuffix(seg, "}") {
				labels = append(labels, strings.TrimSuffix(seg[1:len(seg)-1], "+"))
				if n.label == nil {
					n.label = &node{}
				}
				n = n.label
				continue
			}
			if n.literals == nil {
				n.literals = map[string]*node{}
			}
			if n.literals[seg] == nil {
				n.literals[seg] = &node{}
			}
			n = n.literals[seg]
		}
		if len(labels) > maxLabels {
			panic("wire: too many labels in " + op.URI)
		}
		if n.routes == nil {
			n.routes = map[string]*route{}
		}
		if prev := n.routes[op.Method]; prev != nil {
			panic("wire: " + op.Name + " and " + prev.op.Name + " share " + op.Method + " " + op.URI)
		}
		n.routes[op.Method] = &route{op: op, labels: labels}
		methods := make([]string, 0, len(n.routes))
		for m := range n.routes {
			methods = append(methods, m)
		}
		slices.Sort(methods)
		n.methods = strings.Join(methods, ", ")
	}
	return r
}

// Match returns the operation for method and escapedPath (the path as sent,
// before percent-decoding) with its URI labels, percent-decoded. The path is
// split on "/" before decoding, so a label may hold an encoded "/" (an ARN).
// One trailing slash is tolerated; literal segments win over labels.
//
// Errors are *wat.Error: ENotFound with type UnknownOperationException when
// no operation matches (naming the allowed methods when only the method is
// wrong), EInvalid for a malformed percent-encoding.
func (r *Router) Match(method, escapedPath string) (*Operation, map[string]string, error) {
	p := escapedPath
	if p == "" || p[0] != '/' {
		return nil, nil, unknownOperation(method, escapedPath)
	}
	p = p[1:]
	p = strings.TrimSuffix(p, "/")
	var segBuf [16]string
	segs := segBuf[:0]
	for p != "" || len(segs) == 0 {
		i := strings.IndexByte(p, '/')
		if i < 0 {
			segs = append(segs, p)
			break
		}
		segs = append(segs, p[:i])
		p = p[i+1:]
		if p == "" { // "a//" after trimming one slash: an empty last segment
			segs = append(segs, "")
		}
		if len(segs) > r.maxDepth {
			return nil, nil, unknownOperation(method, escapedPath)
		}
	}
	if len(segs) > r.maxDepth {
		return nil, nil, unknownOperation(method, escapedPath)
	}
	for i, s := range segs {
		if strings.IndexByte(s, '%') < 0 {
			continue
		}
		dec, ok := unescape(s)
		if !ok || !utf8.ValidString(dec) {
			return nil, nil, &wat.Error{Code: wat.EInvalid, Reason: wat.ReasonOther, Message: "The request path has an invalid percent-encoding"}
		}
		segs[i] = dec
	}

	var vals [maxLabels]string
	var allowed *node
	rt := r.root.match(segs, method, &vals, 0, &allowed)
	if rt == nil {
		if allowed != nil {
			return nil, nil, &wat.Error{Code: wat.ENotFound, Type: "UnknownOperationException",
				Message: "Method " + clip(method) + " is not allowed on this path; allowed methods: " + allowed.methods}
		}
		return nil, nil, unknownOperation(method, escapedPath)
	}
	labels := make(map[string]string, len(rt.labels))
	for i, name := range rt.labels {
		labels[name] = vals[i]
	}
	return rt.op, labels, nil
}

// match finds the route for segs below n, preferring a literal segment to a
// label at each level and backtracking when the literal branch fails. It
// records in allowed the first node whose path matched but whose methods
// did not.
func (n *node) match(segs []string, method string, vals *[maxLabels]string, nlabels int, allowed **node) *route {
	if len(segs) == 0 {
		if rt := n.routes[method]; rt != nil {
			return rt
		}
		if n.routes != nil && *allowed == nil {
			*allowed = n
		}
		return nil
	}
	if next := n.literals[segs[0]]; next != nil {
		if rt := next.match(segs[1:], method, vals, nlabels, allowed); rt != nil {
			return rt
		}
	}
	if n.label != nil && nlabels < maxLabels {
		vals[nlabels] = segs[0]
		return n.label.match(segs[1:], method, vals, nlabels+1, allowed)
	}
	return nil
}

func unknownOperation(method, path string) error {
	return &wat.Error{Code: wat.ENotFound, Type: "UnknownOperationException",
		Message: "No operation matches " + clip(method) + " " + clip(path)}
}

// unescape percent-decodes one path segment; "+" stays a plus, as in
// url.PathUnescape, which it replaces for speed.
func unescape(s string) (string, bool) {
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '%' {
			b = append(b, c)
			continue
		}
		if i+2 >= len(s) {
			return "", false
		}
		hi, ok1 := unhex(s[i+1])
		lo, ok2 := unhex(s[i+2])
		if !ok1 || !ok2 {
			return "", false
		}
		b = append(b, hi<<4|lo)
		i += 2
	}
	return string(b), true
}

func unhex(c byte) (byte, bool) {
	switch {
	case c >= '0' && c <= '9':
		return c - '0', true
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10, true
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}
