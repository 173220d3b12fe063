package lens

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/wat-dev/wat"
)

// Problem is one reason a lens document is invalid (or, from Explore, one
// warning about its risk rules), placed in the document three ways: by JSON
// path, by the ids of the pillar, question and choice it lies in, and by
// line and column in the submitted text.
type Problem struct {
	// Path is the JSON path of the value, such as
	// "pillars[2].questions[4].riskRules[1].condition"; empty for the
	// document as a whole. A missing member's path names it all the same.
	Path string
	// PillarID, QuestionID and ChoiceID are the ids on the way to the
	// value, those the document gives (they may be the invalid ones).
	PillarID, QuestionID, ChoiceID string
	// Line and Col are 1-based; Col counts characters. A missing member is
	// placed at the object that lacks it. Both are 0 when the document was
	// not parsed from text.
	Line, Col int
	// Message says what is wrong and how to fix it.
	Message string
}

// Context names the ids on the way to the value, such as
// `pillar "security", question "sec_1"`; it is empty at the top level.
func (p Problem) Context() string {
	var parts []string
	for _, id := range [...]struct{ what, id string }{{"pillar", p.PillarID}, {"question", p.QuestionID}, {"choice", p.ChoiceID}} {
		if id.id != "" {
			parts = append(parts, id.what+" "+strconv.Quote(id.id))
		}
	}
	return strings.Join(parts, ", ")
}

// Detail is the message followed by the context and the position, as the
// API's ValidationException reports each field: `is required (pillar "p1",
// question "q_2"; line 12, column 9)`.
func (p Problem) Detail() string {
	var where []string
	if ctx := p.Context(); ctx != "" {
		where = append(where, ctx)
	}
	if p.Line > 0 {
		where = append(where, fmt.Sprintf("line %d, column %d", p.Line, p.Col))
	}
	if len(where) == 0 {
		return p.Message
	}
	return p.Message + " (" + strings.Join(where, "; ") + ")"
}

// String returns "PATH: DETAIL", or the detail alone for the document.
func (p Problem) String() string {
	if p.Path == "" {
		return p.Detail()
	}
	return p.Path + ": " + p.Detail()
}

// problem is a Problem as the decoder and the compiler find it, before it
// is placed.
type problem struct {
	path string
	msg  string
	// at is the byte offset, within the string value at path, of what the
	// problem is about (a condition's bad token, an id's bad character);
	// -1 for the value as a whole.
	at int
	// moot is a path whose type mismatches make this problem a mere
	// consequence: a condition naming unknown choices once the choices are
	// mistyped. Empty for none.
	moot string
	// offset is the value's byte offset when known (type mismatches), else -1.
	offset int
	typ    bool // a JSON type mismatch found by the decoder
}

// parent returns the path of the value holding the one at path: "a.b[2]"
// for "a.b[2].c", "a.b" for "a.b[2]", "" for "a".
func parent(path string) string {
	if i := strings.LastIndexAny(path, ".["); i >= 0 {
		return path[:i]
	}
	return ""
}

// place turns the problems found in doc into Problems: the consequences of
// type mismatches dropped, ids and positions added, in document order.
func (doc *Document) place(ps []problem) []Problem {
	// mismatched holds the paths of type mismatches; within, every path
	// that has one inside it (themselves included).
	mismatched, within := map[string]bool{}, map[string]bool{}
	for _, p := range ps {
		if p.typ {
			mismatched[p.path] = true
			for a := p.path; a != "" && !within[a]; a = parent(a) {
				within[a] = true
			}
		}
	}
	kept := ps[:0:0]
	for _, p := range ps {
		moot := false
		if !p.typ && len(mismatched) > 0 {
			moot = p.moot != "" && within[p.moot]
			for a := p.path; a != "" && !moot; a = parent(a) {
				moot = mismatched[a]
			}
		}
		if !moot {
			kept = append(kept, p)
		}
	}
	out := make([]Problem, len(kept))
	for i, p := range kept {
		out[i] = Problem{Path: p.path, Message: p.msg}
		out[i].PillarID, out[i].QuestionID, out[i].ChoiceID = doc.idsAt(p.path)
	}
	if doc.src != nil {
		placed := locate(doc.src, kept)
		offsets := make([]int, len(placed))
		for i, pl := range placed {
			out[i].Message += pl.hint
			offsets[i] = pl.offset
		}
		lines, cols := positions(doc.src, offsets)
		order := make([]int, len(out))
		for i := range order {
			order[i] = i
			out[i].Line, out[i].Col = lines[i], cols[i]
		}
		slices.SortStableFunc(order, func(a, b int) int { return offsets[a] - offsets[b] })
		sorted := make([]Problem, len(out))
		for i, j := range order {
			sorted[i] = out[j]
		}
		out = sorted
	}
	return out
}

// idsAt returns the ids of the pillar, question and choice a path lies in.
func (doc *Document) idsAt(path string) (pillar, question, choice string) {
	rest, i, ok := index(path, "pillars")
	if !ok || i >= len(doc.Pillars) {
		return
	}
	p := &doc.Pillars[i]
	pillar = p.ID
	if rest, i, ok = index(rest, ".questions"); !ok || i >= len(p.Questions) {
		return
	}
	q := &p.Questions[i]
	question = q.ID
	if _, i, ok = index(rest, ".choices"); ok && i < len(q.Choices) {
		choice = q.Choices[i].ID
	}
	return
}

// index parses "NAME[I]" at the start of path.
func index(path, name string) (rest string, i int, ok bool) {
	rest, ok = strings.CutPrefix(path, name+"[")
	if !ok {
		return "", 0, false
	}
	end := strings.IndexByte(rest, ']')
	if end < 0 {
		return "", 0, false
	}
	i, err := strconv.Atoi(rest[:end])
	return rest[end+1:], i, err == nil
}

// MaxReportedProblems is how many problems an invalid lens's *wat.Error
// lists in Fields; its message says how many there are in all. Validate
// returns every one.
const MaxReportedProblems = 1000

// maxSummarized is how many problems the error's message spells out.
const maxSummarized = 3

// problemsError is the *wat.Error of an invalid lens.
func problemsError(ps []Problem) error {
	if len(ps) == 0 {
		return nil
	}
	var b strings.Builder
	switch {
	case len(ps) == 1:
		b.WriteString("invalid lens: ")
	case len(ps) > MaxReportedProblems:
		fmt.Fprintf(&b, "invalid lens (%d problems; Fields lists the first %d): ", len(ps), MaxReportedProblems)
	default:
		fmt.Fprintf(&b, "invalid lens (%d problems): ", len(ps))
	}
	for i, p := range ps[:min(len(ps), maxSummarized)] {
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(p.String())
	}
	if len(ps) > maxSummarized {
		fmt.Fprintf(&b, "; and %d more", len(ps)-maxSummarized)
	}
	fields := make([]wat.FieldError, min(len(ps), MaxReportedProblems))
	for i := range fields {
		fields[i] = wat.FieldError{Name: ps[i].Path, Message: ps[i].Detail()}
	}
	return &wat.Error{
		Code:    wat.EInvalid,
		Reason:  wat.ReasonFieldValidationFailed,
		Message: b.String(),
		Fields:  fields,
	}
}
