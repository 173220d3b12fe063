package wire

import (
	"regexp"
	"slices"
	"strconv"
	"unicode/utf8"

	wat "github.com/wat-dev/wat"
)

// checker walks a decoded input and collects every violation of the model's
// constraints. The generated validate<Shape> functions drive it; they push a
// path element before checking a value and pop it after.
type checker struct {
	violations
	path   path
	buf    [8]pathElem
	key    string // the map key being checked, while inKey
	inKey  bool
	hasBuf bool
}

func (c *checker) push(member string) {
	if !c.hasBuf {
		c.path, c.hasBuf = c.buf[:0], true
	}
	c.path = append(c.path, pathElem{kind: elemMember, name: member})
}

func (c *checker) pushIndex(i int) { c.path = append(c.path, pathElem{kind: elemIndex, index: i}) }

func (c *checker) pushKey(k string) { c.path = append(c.path, pathElem{kind: elemKey, name: k}) }

func (c *checker) pop() { c.path = c.path[:len(c.path)-1] }

// enterKey starts checking a map key: violations are reported at the map,
// as AWS does, with the key as the value.
func (c *checker) enterKey(k string) { c.key, c.inKey = k, true }

func (c *checker) leaveKey() { c.inKey = false }

func (c *checker) fail(shown, msg string) {
	if c.inKey {
		shown, msg = quoted(c.key), "Map keys must satisfy constraint: ["+msg+"]"
	}
	c.add(c.path, shown, msg)
}

// result returns every violation found as one error, or nil.
func (c *checker) result() error { return c.err() }

// amend adds problems a handler's use cases found (Amender), whose names
// are already rendered paths.
func (c *checker) amend(fields []wat.FieldError) {
	for _, f := range fields {
		c.addNamed(f.Name, f.Message)
	}
}

// missing reports a required member that is absent.
func (c *checker) missing() { c.fail("null", "Member must not be null") }

// strLength checks the length of s in Unicode code points, as Smithy counts
// it; max < 0 means unbounded.
func (c *checker) strLength(s string, min, max int) {
	// A rune takes 1 to 4 bytes: when the byte length alone proves the rune
	// count in range, skip counting.
	if (len(s)+3)/4 >= min && (max < 0 || len(s) <= max) {
		return
	}
	n := utf8.RuneCountInString(s)
	if n < min {
		c.fail(quoted(s), "Member must have length greater than or equal to "+strconv.Itoa(min))
	}
	if max >= 0 && n > max {
		c.fail(quoted(s), "Member must have length less than or equal to "+strconv.Itoa(max))
	}
}

// length checks the number of elements of a list or entries of a map.
func (c *checker) length(n, min, max int) {
	if n < min {
		c.fail("", "Member must have length greater than or equal to "+strconv.Itoa(min))
	}
	if max >= 0 && n > max {
		c.fail("", "Member must have length less than or equal to "+strconv.Itoa(max))
	}
}

func (c *checker) minValue(n, min int64) {
	if n < min {
		c.fail("'"+strconv.FormatInt(n, 10)+"'", "Member must have value greater than or equal to "+strconv.FormatInt(min, 10))
	}
}

func (c *checker) maxValue(n, max int64) {
	if n > max {
		c.fail("'"+strconv.FormatInt(n, 10)+"'", "Member must have value less than or equal to "+strconv.FormatInt(max, 10))
	}
}

func (c *checker) pattern(s string, p *pattern) {
	if !p.re.MatchString(s) {
		c.fail(quoted(s), "Member must satisfy regular expression pattern: "+p.source)
	}
}

// enum reports a value outside its enum; set is the generated "[A, B]" list.
func (c *checker) enum(s, set string) {
	c.fail(quoted(s), "Member must satisfy enum value set: "+set)
}

// pattern is a compiled model pattern.
type pattern struct {
	source string // as the model spells it (ECMA-262), for messages
	re     *regexp.Regexp
}

// newPattern compiles the RE2 translation of a model pattern. The generator
// has already compiled it, so a failure here is a generator bug.
func newPattern(source, re2 string) *pattern {
	return &pattern{source: source, re: regexp.MustCompile(re2)}
}

// mapKeys returns the keys of m sorted, so that violations come out in a
// stable order.
func mapKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
