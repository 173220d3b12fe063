package catalog

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Repair is one change a catalog makes to an upstream lens document so
// that it passes the format, as the index records it. It is one of:
//
//   - a text edit (Line set): on that line of the file, the text Was,
//     found exactly once, becomes Set, itself JSON text. For what is not
//     JSON at all (a bare NaN), which no edit of a parsed value can reach.
//   - a change of value (Set): the value at Path, which must equal Was,
//     becomes Set.
//   - an addition (Append): Append is added at the end of the array at
//     Path.
//
// Was makes a repair fail loudly rather than change the wrong value should
// the document not be the one the repair was written for.
type Repair struct {
	// Path is the JSON path of the value changed, in the form the
	// validator's messages use ("pillars[1].questions[2].riskRules").
	Path   string `yaml:"path"`
	Line   int    `yaml:"line,omitempty"`
	Was    any    `yaml:"was,omitempty"`
	Set    any    `yaml:"set,omitempty"`
	Append any    `yaml:"append,omitempty"`
	// Why says what was wrong and why this change is the right one.
	Why string `yaml:"why"`
}

// What says what the repair changes, from the repair itself, so that it
// cannot disagree with what is applied: `"NET3_1" → "default"`.
func (r Repair) What() string {
	switch {
	case r.Line > 0:
		return fmt.Sprintf("line %d: %v → %v", r.Line, r.Was, r.Set)
	case r.Append != nil:
		return "added " + jsonText(r.Append)
	default:
		return jsonText(r.Was) + " → " + jsonText(r.Set)
	}
}

// check reports what makes r no repair at all.
func (r Repair) check() error {
	kinds := 0
	for _, set := range []bool{r.Line > 0, r.Line <= 0 && r.Set != nil, r.Append != nil} {
		if set {
			kinds++
		}
	}
	switch {
	case r.Path == "":
		return errors.New("a repair needs the path of the value it changes")
	case r.Why == "":
		return fmt.Errorf("repair of %s: say why (why)", r.Path)
	case kinds != 1:
		return fmt.Errorf("repair of %s: give one of line (with was and set), set (with was) or append", r.Path)
	case r.Line > 0 && (!isString(r.Was) || !isString(r.Set)):
		return fmt.Errorf("repair of %s: a text edit's was and set are the text of the line before and after", r.Path)
	case r.Line <= 0 && r.Set != nil && r.Was == nil:
		return fmt.Errorf("repair of %s: give the value it replaces (was)", r.Path)
	}
	_, err := parsePath(r.Path)
	return err
}

func isString(v any) bool { _, ok := v.(string); return ok }

// applyText applies the text edits among rs to data, line by line.
func applyText(data []byte, rs []Repair) ([]byte, error) {
	lines := bytes.SplitAfter(data, []byte("\n"))
	for _, r := range rs {
		if r.Line <= 0 {
			continue
		}
		if r.Line > len(lines) {
			return nil, fmt.Errorf("repair of %s: the file has no line %d", r.Path, r.Line)
		}
		was, set := []byte(r.Was.(string)), []byte(r.Set.(string))
		if n := bytes.Count(lines[r.Line-1], was); n != 1 {
			return nil, fmt.Errorf("repair of %s: line %d holds %q %d times, not once", r.Path, r.Line, was, n)
		}
		lines[r.Line-1] = bytes.Replace(lines[r.Line-1], was, set, 1)
	}
	return bytes.Join(lines, nil), nil
}

// applyValues applies the changes of value and additions among rs to the
// JSON document data. It returns data itself when there are none, so that
// the validator's lines and columns stay those of the file.
func applyValues(data []byte, rs []Repair) ([]byte, error) {
	var tree any
	decoded := false
	for _, r := range rs {
		if r.Line > 0 {
			continue
		}
		if !decoded {
			dec := json.NewDecoder(bytes.NewReader(data))
			dec.UseNumber()
			err := dec.Decode(&tree)
			if _, end := dec.Token(); err == nil && end != io.EOF {
				err = errors.New("there is text after the document") // which writing it out again would drop
			}
			if err != nil {
				return nil, fmt.Errorf("repair of %s: the document is not JSON: %w", r.Path, err)
			}
			decoded = true
		}
		if err := applyValue(tree, r); err != nil {
			return nil, fmt.Errorf("repair of %s: %w", r.Path, err)
		}
	}
	if !decoded {
		return data, nil
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", " ")
	if err := enc.Encode(tree); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// applyValue applies one change of value or addition to the document
// tree, an object.
func applyValue(tree any, r Repair) error {
	steps, err := parsePath(r.Path)
	if err != nil {
		return err
	}
	parent := tree
	for i, s := range steps[:len(steps)-1] {
		if parent, err = s.get(parent); err != nil {
			return fmt.Errorf("%s %w", pathString(steps[:i+1]), err)
		}
	}
	last := steps[len(steps)-1]
	old, err := last.get(parent)
	if err != nil {
		return err
	}
	if r.Append != nil {
		arr, ok := old.([]any)
		if !ok {
			return errors.New("is not an array, so nothing can be added to it")
		}
		last.set(parent, append(arr, r.Append))
		return nil
	}
	if jsonText(old) != jsonText(r.Was) {
		return fmt.Errorf("is %s, not %s as the repair expects", jsonText(old), jsonText(r.Was))
	}
	last.set(parent, r.Set)
	return nil
}

// step is one step of a JSON path: a member, or an index when member is "".
type step struct {
	member string
	index  int
}

// get returns the value s names in v.
func (s step) get(v any) (any, error) {
	if s.member != "" {
		obj, ok := v.(map[string]any)
		if !ok {
			return nil, errors.New("is not an object")
		}
		child, ok := obj[s.member]
		if !ok {
			return nil, errors.New("is not in the document")
		}
		return child, nil
	}
	arr, ok := v.([]any)
	if !ok || s.index >= len(arr) {
		return nil, errors.New("is not in the document")
	}
	return arr[s.index], nil
}

// set replaces the value s names in v, which get found.
func (s step) set(v, x any) {
	if s.member != "" {
		v.(map[string]any)[s.member] = x
	} else {
		v.([]any)[s.index] = x
	}
}

// parsePath splits a path such as "pillars[1].questions[2].title", in the
// one way the validator writes paths.
func parsePath(p string) ([]step, error) {
	var out []step
	for _, part := range strings.Split(p, ".") {
		name, rest, bracket := strings.Cut(part, "[")
		if name == "" {
			return nil, fmt.Errorf("path %q: a member name is empty", p)
		}
		out = append(out, step{member: name})
		for bracket {
			num, after, ok := strings.Cut(rest, "]")
			n, err := strconv.Atoi(num)
			if !ok || err != nil || n < 0 || strconv.Itoa(n) != num || (after != "" && after[0] != '[') {
				return nil, fmt.Errorf("path %q: %q is not an index such as [2]", p, "["+rest)
			}
			out = append(out, step{index: n})
			rest, bracket = strings.CutPrefix(after, "[")
		}
	}
	return out, nil
}

func pathString(steps []step) string {
	var b strings.Builder
	for _, s := range steps {
		if s.member != "" {
			if b.Len() > 0 {
				b.WriteByte('.')
			}
			b.WriteString(s.member)
		} else {
			fmt.Fprintf(&b, "[%d]", s.index)
		}
	}
	return b.String()
}

// jsonText is v in compact JSON, members sorted, for comparing and showing;
// conditions hold && and are shown as written, not escaped.
func jsonText(v any) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return fmt.Sprint(v)
	}
	return strings.TrimSuffix(b.String(), "\n")
}
