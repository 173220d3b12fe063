package lens

import (
	"strconv"
	"strings"
)

// decoder fills a Document from JSON whose syntax json.Valid has accepted.
// It is strict where encoding/json is lenient, as the AWS service is:
// member names match exactly (encoding/json also accepts "Name" for
// "name"), and a value of the wrong JSON type is a problem reported with
// its path and position, every one of them, not only the first. Unknown
// members are skipped; a repeated member keeps its last value; null counts
// as absent.
type decoder struct {
	scanner
	path     []pathSeg
	problems []problem
	dropped  int // mismatches beyond MaxProblems, counted only
}

// pathSeg is one step of a JSON path: a member name, or an array index
// when key is empty.
type pathSeg struct {
	key   string
	index int
}

func (d *decoder) pathString() string {
	var b strings.Builder
	for i, s := range d.path {
		switch {
		case s.key == "":
			b.WriteByte('[')
			b.WriteString(strconv.Itoa(s.index))
			b.WriteByte(']')
		case i > 0:
			b.WriteByte('.')
			fallthrough
		default:
			b.WriteString(s.key)
		}
	}
	return b.String()
}

// mismatch records that the value at the cursor is not of the JSON type
// the format wants there.
func (d *decoder) mismatch(want string) {
	if len(d.problems) >= MaxProblems {
		d.dropped++
		return
	}
	d.problems = append(d.problems, problem{
		path:   d.pathString(),
		msg:    "must be " + want + ", not " + jsonKind(d.data[d.pos]),
		at:     -1,
		offset: d.pos,
		typ:    true,
	})
}

// member runs fn with key pushed on the path.
func (d *decoder) member(key string, fn func()) {
	d.path = append(d.path, pathSeg{key: key})
	fn()
	d.path = d.path[:len(d.path)-1]
}

// object reads an object, handing each member's name to member, which
// reads the value and returns true, or returns false to have it skipped.
// Anything but an object or null is a mismatch. It reports whether there
// was an object.
func (d *decoder) object(member func(key string) bool) bool {
	switch d.peek() {
	case '{':
	case 'n':
		d.skip()
		return false
	default:
		d.mismatch("an object")
		d.skip()
		return false
	}
	d.pos++
	for !d.consume('}') && d.pos < len(d.data) {
		d.ws()
		key := d.str()
		d.consume(':')
		d.ws()
		if !member(key) {
			d.skip()
		}
		d.consume(',')
	}
	return true
}

// array reads an array, calling elem for each element with its index on
// the path. Anything but an array or null is a mismatch.
func (d *decoder) array(elem func(i int)) {
	switch d.peek() {
	case '[':
	case 'n':
		d.skip()
		return
	default:
		d.mismatch("an array")
		d.skip()
		return
	}
	d.pos++
	for i := 0; !d.consume(']') && d.pos < len(d.data); i++ {
		d.path = append(d.path, pathSeg{index: i})
		d.ws()
		elem(i)
		d.path = d.path[:len(d.path)-1]
		d.consume(',')
	}
}

// string reads the member key, a string, into dst.
func (d *decoder) string(key string, dst *string) {
	d.member(key, func() {
		switch d.peek() {
		case '"':
			*dst = d.str()
		case 'n':
			*dst = ""
			d.skip()
		default:
			d.mismatch("a string")
			d.skip()
		}
	})
}

// list reads the member key, an array of objects, into *dst: each element
// is appended, then decoded by elem, so indices match the document's even
// when an element is not an object.
func list[T any](d *decoder, key string, dst *[]T, elem func(*T)) {
	*dst = nil
	d.member(key, func() {
		d.array(func(i int) {
			*dst = append(*dst, *new(T))
			elem(&(*dst)[i])
		})
	})
}

func (d *decoder) document(doc *Document) {
	d.object(func(key string) bool {
		switch key {
		case "schemaVersion":
			d.string(key, &doc.SchemaVersion)
		case "name":
			d.string(key, &doc.Name)
		case "description":
			d.string(key, &doc.Description)
		case "pillars":
			list(d, key, &doc.Pillars, d.pillar)
		default:
			return false
		}
		return true
	})
}

func (d *decoder) pillar(p *PillarDoc) {
	d.object(func(key string) bool {
		switch key {
		case "id":
			d.string(key, &p.ID)
		case "name":
			d.string(key, &p.Name)
		case "questions":
			list(d, key, &p.Questions, d.question)
		default:
			return false
		}
		return true
	})
}

func (d *decoder) question(q *QuestionDoc) {
	d.object(func(key string) bool {
		switch key {
		case "id":
			d.string(key, &q.ID)
		case "title":
			d.string(key, &q.Title)
		case "description":
			d.string(key, &q.Description)
		case "helpfulResource":
			d.resource(key, &q.HelpfulResource)
		case "choices":
			list(d, key, &q.Choices, d.choice)
		case "riskRules":
			list(d, key, &q.RiskRules, d.riskRule)
		default:
			return false
		}
		return true
	})
}

func (d *decoder) choice(c *ChoiceDoc) {
	d.object(func(key string) bool {
		switch key {
		case "id":
			d.string(key, &c.ID)
		case "title":
			d.string(key, &c.Title)
		case "description":
			d.string(key, &c.Description)
		case "helpfulResource":
			d.resource(key, &c.HelpfulResource)
		case "improvementPlan":
			d.resource(key, &c.ImprovementPlan)
		case "additionalResources":
			list(d, key, &c.AdditionalResources, d.additional)
		default:
			return false
		}
		return true
	})
}

// resource reads the member key, a link object, into *dst (nil for null).
func (d *decoder) resource(key string, dst **ResourceDoc) {
	*dst = nil
	d.member(key, func() {
		r := &ResourceDoc{}
		if d.object(func(key string) bool { return d.link(key, r) }) {
			*dst = r
		}
	})
}

func (d *decoder) link(key string, r *ResourceDoc) bool {
	switch key {
	case "displayText":
		d.string(key, &r.DisplayText)
	case "url":
		d.string(key, &r.URL)
	default:
		return false
	}
	return true
}

func (d *decoder) additional(a *AdditionalResourcesDoc) {
	d.object(func(key string) bool {
		switch key {
		case "type":
			d.string(key, &a.Type)
		case "content":
			list(d, key, &a.Content, func(r *ResourceDoc) {
				d.object(func(key string) bool { return d.link(key, r) })
			})
		default:
			return false
		}
		return true
	})
}

func (d *decoder) riskRule(r *RiskRuleDoc) {
	d.object(func(key string) bool {
		switch key {
		case "condition":
			d.string(key, &r.Condition)
		case "risk":
			d.string(key, &r.Risk)
		default:
			return false
		}
		return true
	})
}
