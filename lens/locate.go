package lens

import (
	"bytes"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Problems are placed in the submitted text only when there are some: the
// locator walks the document once more, recording the offset of each value
// whose path a problem names (or an ancestor of it), so a valid document
// never pays for positions.

// spot is what the locator learns about one wanted path.
type spot struct {
	offset int    // of the value's first byte; -1 if the document lacks it
	raw    []byte // a string value's content, still escaped
	keys   []key  // an object's members
}

// key is a member name of an object and the offset of its opening quote.
type key struct {
	name   string
	offset int
}

// placement is where a problem goes, and a hint to add to its message.
type placement struct {
	offset int
	hint   string
}

// locate places each problem in src, a document json.Valid accepts.
func locate(src []byte, ps []problem) []placement {
	want := map[string]*spot{}
	for _, p := range ps {
		for a := p.path; ; a = parent(a) {
			if want[a] == nil {
				want[a] = &spot{offset: -1}
			}
			if a == "" {
				break
			}
		}
	}
	l := locator{scanner: scanner{data: src, pos: bomLen(src)}, want: want}
	l.value(0)

	out := make([]placement, len(ps))
	for i, p := range ps {
		if p.offset >= 0 {
			out[i].offset = p.offset
			continue
		}
		s := want[p.path]
		if s.offset >= 0 {
			out[i].offset = s.offset
			// Point into a string at the offending character, when no
			// escape before it makes the text's offsets differ.
			if p.at >= 0 && s.raw != nil && p.at <= len(s.raw) && !bytes.ContainsRune(s.raw[:p.at], '\\') {
				out[i].offset += 1 + p.at
			}
			continue
		}
		// A missing value: place it at the nearest ancestor there is.
		a := p.path
		for a != "" && want[a].offset < 0 {
			a = parent(a)
		}
		out[i].offset = max(want[a].offset, 0)
		if a == parent(p.path) {
			// Blame a member that looks like the missing one, where it is.
			if k, hint := misspelt(memberName(p.path), want[a].keys); hint != "" {
				out[i].offset, out[i].hint = k.offset, hint
			}
		}
	}
	return out
}

// memberName returns the last member name of path, "" if it ends in an index.
func memberName(path string) string {
	i := strings.LastIndexAny(path, ".[")
	if i >= 0 && path[i] == '[' {
		return ""
	}
	return path[i+1:]
}

// misspelt finds which of keys was meant as the missing member name, and
// says so.
func misspelt(name string, keys []key) (key, string) {
	if name == "" {
		return key{}, ""
	}
	for _, k := range keys {
		if k.name != name && strings.EqualFold(k.name, name) {
			return k, "; found " + strconv.Quote(k.name) + ", but member names are case-sensitive"
		}
	}
	for _, k := range keys {
		if !slices.Contains(memberNames, k.name) && similar(k.name, name) {
			return k, "; found an unknown member " + strconv.Quote(k.name) + ": is it a misspelling of " + strconv.Quote(name) + "?"
		}
	}
	return key{}, ""
}

// memberNames are the member names the format defines, in any object.
var memberNames = []string{
	"schemaVersion", "name", "description", "pillars", "id", "questions", "title", "helpfulResource",
	"choices", "riskRules", "improvementPlan", "additionalResources", "displayText", "url", "type",
	"content", "condition", "risk",
}

// similar reports whether b looks like a misspelling of a: at most two
// edits apart, and few for its length.
func similar(a, b string) bool {
	d := editDistance(a, b)
	return d <= 2 && d*3 <= len(a)
}

// editDistance is the Levenshtein distance of two short strings, in bytes.
func editDistance(a, b string) int {
	if len(a) > 64 || len(b) > 64 {
		return max(len(a), len(b))
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// locator walks a whole document, filling in the spots it is asked for.
type locator struct {
	scanner
	want map[string]*spot
	path []byte
}

// value visits the value at the cursor; depth is its nesting level, which
// json.Valid keeps to 10,000.
func (l *locator) value(depth int) {
	l.ws()
	if l.pos >= len(l.data) {
		return
	}
	s := l.want[string(l.path)]
	if s != nil {
		s.offset = l.pos
	}
	switch l.data[l.pos] {
	case '{':
		l.pos++
		for !l.consume('}') && l.pos < len(l.data) {
			l.ws()
			at := l.pos
			raw, _ := l.rawString()
			if s != nil {
				s.keys = append(s.keys, key{string(raw), at})
			}
			l.consume(':')
			n := len(l.path)
			if n > 0 {
				l.path = append(l.path, '.')
			}
			l.path = append(l.path, raw...)
			l.value(depth + 1)
			l.path = l.path[:n]
			l.consume(',')
		}
	case '[':
		l.pos++
		for i := 0; !l.consume(']') && l.pos < len(l.data); i++ {
			n := len(l.path)
			l.path = append(l.path, '[')
			l.path = strconv.AppendInt(l.path, int64(i), 10)
			l.path = append(l.path, ']')
			l.value(depth + 1)
			l.path = l.path[:n]
			l.consume(',')
		}
	case '"':
		raw, _ := l.rawString()
		if s != nil {
			s.raw = raw
		}
	default:
		l.skip()
	}
}

// positions turns byte offsets into 1-based lines and columns, columns
// counted in characters, in one pass over src however many there are.
func positions(src []byte, offsets []int) (lines, cols []int) {
	order := make([]int, len(offsets))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return offsets[order[a]] < offsets[order[b]] })
	lines, cols = make([]int, len(offsets)), make([]int, len(offsets))
	// A byte order mark takes no column: editors do not show it.
	pos, line, col := bomLen(src), 1, 1
	for _, i := range order {
		off := min(max(offsets[i], 0), len(src))
		for pos < off {
			c := src[pos]
			switch {
			case c == '\n':
				line, col = line+1, 1
			case c < utf8.RuneSelf || utf8.RuneStart(c):
				col++
			}
			pos++
		}
		lines[i], cols[i] = line, col
	}
	return lines, cols
}

// position is positions for one offset.
func position(src []byte, offset int) (line, col int) {
	l, c := positions(src, []int{offset})
	return l[0], c[0]
}
