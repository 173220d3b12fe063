package lens

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Warnings returns what an author may want to know about a lens document
// that does not make it invalid, placed as Validate places problems, in
// document order: a text longer than the API response shape it is
// returned in, a URL wat stores changed (percent-encoded or trimmed), a
// URL that looks like two, a byte order mark. `wat lens lint` prints them
// without failing; ImportLens does not report them. Values that are
// invalid anyway (a text over the format's limit, a URL that is no URL)
// get no warning: their problem says enough.
func Warnings(doc *Document) []Problem {
	if doc == nil {
		return nil
	}
	w := &warner{}
	if bomLen(doc.src) > 0 {
		w.ps = append(w.ps, problem{msg: "the lens document starts with a byte order mark, which wat ignores; " +
			"JSON does not allow one, so other tools may refuse the file: save it as UTF-8 without BOM", at: -1, offset: 0})
	}
	w.text(at{pillar: -1}, "description", doc.Description, lensDescriptionLimit)
	for i := range doc.Pillars {
		p := &doc.Pillars[i]
		for j := range p.Questions {
			q := &p.Questions[j]
			qat := at{pillar: i, question: j, choice: -1, resources: -1}
			w.text(qat, "description", q.Description, questionDescriptionLimit)
			w.resource(qat.in("helpfulResource"), q.HelpfulResource, questionTextLimit, questionURLLimit)
			for k := range q.Choices {
				ch := &q.Choices[k]
				cat := at{pillar: i, question: j, choice: k, resources: -1}
				w.text(cat, "description", ch.Description, choiceDescriptionLimit)
				w.resource(cat.in("helpfulResource"), ch.HelpfulResource, choiceTextLimit, choiceURLLimit)
				w.resource(cat.in("improvementPlan"), ch.ImprovementPlan, choiceTextLimit, choiceURLLimit)
				for m, ar := range ch.AdditionalResources {
					for n := range ar.Content {
						w.resource(at{pillar: i, question: j, choice: k, resources: m, link: n}, &ar.Content[n], choiceTextLimit, choiceURLLimit)
					}
				}
			}
		}
	}
	if len(w.ps) == 0 {
		return nil
	}
	return doc.place(w.ps)
}

// at is where a value lies, its JSON path built only for a warning: most
// values have none, and a lens has thousands.
type at struct {
	pillar, question, choice int    // pillar -1: the lens itself; choice -1: the question
	resources, link          int    // additionalResources[resources].content[link]; -1 for none
	member                   string // a link member ("helpfulResource"), or ""
}

// in is the link member of the value at a.
func (a at) in(member string) at {
	a.member = member
	return a
}

// path returns the JSON path of field of the value at a.
func (a at) path(field string) string {
	var b strings.Builder
	if a.pillar >= 0 {
		fmt.Fprintf(&b, "pillars[%d].questions[%d]", a.pillar, a.question)
		if a.choice >= 0 {
			fmt.Fprintf(&b, ".choices[%d]", a.choice)
		}
		if a.resources >= 0 {
			fmt.Fprintf(&b, ".additionalResources[%d].content[%d]", a.resources, a.link)
		}
		b.WriteByte('.')
	}
	if a.member != "" {
		b.WriteString(a.member + ".")
	}
	b.WriteString(field)
	return b.String()
}

// warner collects warnings as the compiler collects problems.
type warner struct{ ps []problem }

func (w *warner) add(a at, field, format string, args ...any) {
	w.ps = append(w.ps, problem{path: a.path(field), msg: fmt.Sprintf(format, args...), at: -1, offset: -1})
}

// text warns of a text longer than its response shape.
func (w *warner) text(a at, field, s string, lim limit) {
	if len(s) <= lim.shown {
		return // bytes >= characters
	}
	if msg := lim.beyondResponse(utf8.RuneCountInString(s)); msg != "" {
		w.add(a, field, "%s", msg)
	}
}

// resource warns of a link's text and URL.
func (w *warner) resource(a at, d *ResourceDoc, text, url limit) {
	if d == nil {
		return
	}
	w.text(a, "displayText", d.DisplayText, text)
	if d.URL != "" {
		w.url(a, d.URL, url)
	}
}

// url warns of a URL stored otherwise than written, and of one that seems
// to hold several: a link opens one page, so the rest are lost.
func (w *warner) url(a at, u string, lim limit) {
	stored, p := normalizeURL(u)
	n := utf8.RuneCountInString(stored)
	if p != nil || n > lim.max {
		return
	}
	if strings.Count(u, "://") > 1 && strings.ContainsAny(strings.TrimSpace(u), " ,") {
		w.add(a, "url", "seems to hold more than one URL; a link opens only one: give the others as additional resources")
	}
	trimmed := strings.Trim(u, urlSpace)
	switch {
	case stored == "" && u != "":
		w.add(a, "url", "is blank; wat stores no URL")
	case stored != trimmed:
		w.add(a, "url", "holds characters a URL cannot (a space, quotes, accented letters); wat stores it percent-encoded, as a browser would request it: %q", stored)
	case stored != u:
		w.add(a, "url", "has spaces around it; wat stores it without them, as a browser would request it")
	}
	if msg := lim.beyondResponse(n); msg != "" {
		w.add(a, "url", "%s", msg)
	}
}
