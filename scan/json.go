package scan

import "go.yaml.in/yaml/v3"

// parseJSON reads a JSON document (CDK output, a Terraform plan; JSON is
// YAML) about 5 times faster than yaml.v3 does, into the very tree yaml.v3
// gives for it (the same kinds, tags, styles, values and lines; columns
// are not set, nothing reads them), so everything after the parse is the
// same whichever parser ran. It reads only what it is sure yaml.v3 reads
// the same way: anything else — not JSON, or JSON that YAML reads
// differently or refuses (a "\/" escape, a key over 1,000 bytes or on
// another line than its colon, characters YAML does not allow, numbers
// out of range, a byte-order mark) — returns false, and the caller parses
// the file as YAML, which then reports exactly what it reported before.
// FuzzJSONMatchesYAML checks the promise.
func parseJSON(data []byte) (*yaml.Node, bool) {
	p := jsonParser{data: data, line: 1}
	p.space()
	if p.pos >= len(data) || data[p.pos] != '{' {
		return nil, false
	}
	root, ok := p.value(0)
	if !ok {
		return nil, false
	}
	p.space()
	if p.pos != len(data) {
		return nil, false
	}
	doc := p.node()
	doc.Kind, doc.Line, doc.Content = yaml.DocumentNode, 1, []*yaml.Node{root}
	return doc, true
}

// jsonMaxDepth bounds the nesting parseJSON follows; deeper documents are
// left to yaml.v3 and its limits.
const jsonMaxDepth = 1000

// jsonParser is the state of parseJSON over one document.
type jsonParser struct {
	data  []byte
	pos   int
	line  int
	nodes int
	slab  []yaml.Node       // nodes are allocated in blocks
	kids  []*yaml.Node      // the children of the collections being read
	ptrs  []*yaml.Node      // Content slices are cut from blocks
	buf   []byte            // an unescaped string
	keys  map[string]string // the keys read, shared
}

func (p *jsonParser) node() *yaml.Node {
	if len(p.slab) == 0 {
		p.slab = make([]yaml.Node, 256)
	}
	n := &p.slab[0]
	p.slab = p.slab[1:]
	return n
}

// content copies the children read since mark into a Content slice.
func (p *jsonParser) content(mark int) []*yaml.Node {
	kids := p.kids[mark:]
	if len(kids) == 0 {
		return nil
	}
	if len(p.ptrs) < len(kids) {
		p.ptrs = make([]*yaml.Node, max(1024, len(kids)))
	}
	out := p.ptrs[:len(kids):len(kids)]
	p.ptrs = p.ptrs[len(kids):]
	copy(out, kids)
	p.kids = p.kids[:mark]
	return out
}

// space skips JSON white space, counting lines as YAML does (CR LF, LF, CR).
func (p *jsonParser) space() {
	for p.pos < len(p.data) {
		switch p.data[p.pos] {
		case ' ', '\t':
		case '\n':
			p.line++
		case '\r':
			if p.pos+1 >= len(p.data) || p.data[p.pos+1] != '\n' {
				p.line++
			}
		default:
			return
		}
		p.pos++
	}
}

func (p *jsonParser) value(depth int) (*yaml.Node, bool) {
	p.nodes++
	if depth > jsonMaxDepth || p.nodes > maxNodes || p.pos >= len(p.data) {
		return nil, false
	}
	switch c := p.data[p.pos]; {
	case c == '{':
		return p.object(depth)
	case c == '[':
		return p.array(depth)
	case c == '"':
		n := p.node()
		n.Kind, n.Style, n.Tag, n.Line = yaml.ScalarNode, yaml.DoubleQuotedStyle, "!!str", p.line
		s, ok := p.str()
		n.Value = s
		return n, ok
	case c == '-' || c >= '0' && c <= '9':
		return p.number()
	}
	for _, lit := range [...]struct{ text, tag string }{{"true", "!!bool"}, {"false", "!!bool"}, {"null", "!!null"}} {
		if len(p.data)-p.pos >= len(lit.text) && string(p.data[p.pos:p.pos+len(lit.text)]) == lit.text {
			p.pos += len(lit.text)
			n := p.node()
			n.Kind, n.Tag, n.Value, n.Line = yaml.ScalarNode, lit.tag, lit.text, p.line
			return n, p.pos >= len(p.data) || !isWordByte(p.data[p.pos])
		}
	}
	return nil, false
}

func (p *jsonParser) object(depth int) (*yaml.Node, bool) {
	n := p.node()
	n.Kind, n.Style, n.Tag, n.Line = yaml.MappingNode, yaml.FlowStyle, "!!map", p.line
	p.pos++ // {
	mark := len(p.kids)
	p.space()
	if p.pos < len(p.data) && p.data[p.pos] == '}' {
		p.pos++
		return n, true
	}
	for {
		if p.pos >= len(p.data) || p.data[p.pos] != '"' {
			return nil, false
		}
		start, line := p.pos, p.line
		p.nodes++
		if p.nodes > maxNodes {
			return nil, false
		}
		k := p.node()
		k.Kind, k.Style, k.Tag, k.Line = yaml.ScalarNode, yaml.DoubleQuotedStyle, "!!str", line
		s, ok := p.str()
		if !ok {
			return nil, false
		}
		k.Value = p.intern(s)
		p.space()
		// YAML reads a key only when its colon is on its line, within
		// 1,024 characters.
		if p.pos >= len(p.data) || p.data[p.pos] != ':' || p.line != line || p.pos-start > 1000 {
			return nil, false
		}
		p.pos++
		p.space()
		v, ok := p.value(depth + 1)
		if !ok {
			return nil, false
		}
		p.kids = append(p.kids, k, v)
		p.space()
		if p.pos >= len(p.data) {
			return nil, false
		}
		switch p.data[p.pos] {
		case ',':
			p.pos++
			p.space()
		case '}':
			p.pos++
			n.Content = p.content(mark)
			return n, true
		default:
			return nil, false
		}
	}
}

func (p *jsonParser) array(depth int) (*yaml.Node, bool) {
	n := p.node()
	n.Kind, n.Style, n.Tag, n.Line = yaml.SequenceNode, yaml.FlowStyle, "!!seq", p.line
	p.pos++ // [
	mark := len(p.kids)
	p.space()
	if p.pos < len(p.data) && p.data[p.pos] == ']' {
		p.pos++
		return n, true
	}
	for {
		v, ok := p.value(depth + 1)
		if !ok {
			return nil, false
		}
		p.kids = append(p.kids, v)
		p.space()
		if p.pos >= len(p.data) {
			return nil, false
		}
		switch p.data[p.pos] {
		case ',':
			p.pos++
			p.space()
		case ']':
			p.pos++
			n.Content = p.content(mark)
			return n, true
		default:
			return nil, false
		}
	}
}

// intern shares the strings of repeated keys within a file.
func (p *jsonParser) intern(s string) string {
	if len(s) > 64 {
		return s
	}
	if p.keys == nil {
		p.keys = map[string]string{}
	}
	if k, ok := p.keys[s]; ok {
		return k
	}
	p.keys[s] = s
	return s
}
