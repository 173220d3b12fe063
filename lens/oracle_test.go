package lens

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"
)

// oracle checks a lens document against the rules of the format written
// out a second time, independently of the package: decoded by
// encoding/json into plain maps, ids and conditions checked by regular
// expressions. The fuzz test holds Validate to never accept what it
// rejects. It returns the first violation it finds.
func oracle(data []byte) error {
	// RFC 8259 lets a parser ignore a byte order mark; wat does.
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	var root map[string]any
	if err := json.Unmarshal(data, &root); err != nil {
		return err
	}
	o := &oracleRun{}
	o.lens(root)
	return o.err
}

type oracleRun struct{ err error }

func (o *oracleRun) fail(format string, args ...any) {
	if o.err == nil {
		o.err = fmt.Errorf(format, args...)
	}
}

var (
	idPattern   = regexp.MustCompile(`^[A-Za-z0-9_]+$`)
	condPattern = regexp.MustCompile(`^(\s|[A-Za-z0-9_]+|&&|\|\||!|\(|\))*$`)
	condIdent   = regexp.MustCompile(`[A-Za-z0-9_]+`)
)

// str returns m[k] as a string; a missing member or null is "", anything
// else a violation.
func (o *oracleRun) str(m map[string]any, k string) string {
	switch v := m[k].(type) {
	case nil:
		return ""
	case string:
		return v
	}
	o.fail("%s is not a string", k)
	return ""
}

func (o *oracleRun) list(m map[string]any, k string, lo, hi int) []map[string]any {
	var out []map[string]any
	switch v := m[k].(type) {
	case nil:
	case []any:
		for _, e := range v {
			em, ok := e.(map[string]any)
			if !ok && e != nil {
				o.fail("an element of %s is not an object", k)
			}
			out = append(out, em)
		}
	default:
		o.fail("%s is not an array", k)
	}
	if len(out) < lo || len(out) > hi {
		o.fail("%s has %d elements, not %d to %d", k, len(out), lo, hi)
	}
	return out
}

func (o *oracleRun) text(m map[string]any, k string, required bool, max int) string {
	s := o.str(m, k)
	if required && strings.TrimSpace(s) == "" {
		o.fail("%s is blank", k)
	}
	if utf8.RuneCountInString(s) > max {
		o.fail("%s is longer than %d", k, max)
	}
	return s
}

func (o *oracleRun) id(m map[string]any, k string, max int, seen map[string]bool) string {
	s := o.str(m, k)
	if !idPattern.MatchString(s) || len(s) < 3 || len(s) > max {
		o.fail("id %q is not 3 to %d letters, digits and _", s, max)
	}
	if seen[s] {
		o.fail("id %q is repeated", s)
	}
	seen[s] = true
	return s
}

func (o *oracleRun) link(m map[string]any, k string, text, url int) map[string]any {
	var r map[string]any
	switch v := m[k].(type) {
	case nil:
		return nil
	case map[string]any:
		r = v
	default:
		o.fail("%s is not an object", k)
		return nil
	}
	t := o.text(r, "displayText", false, text)
	// wat trims the spaces around a URL, as a browser does, and stores
	// it percent-encoded, which only makes it longer.
	u := strings.Trim(o.str(r, "url"), " \t\r\n")
	if utf8.RuneCountInString(u) > url {
		o.fail("url is longer than %d", url)
	}
	if u != "" && !strings.HasPrefix(u, "http://") && !strings.HasPrefix(u, "https://") {
		o.fail("url %q is not http(s)", u)
	}
	if u != "" && strings.TrimSpace(t) == "" {
		o.fail("url %q has no text", u)
	}
	return r
}

func (o *oracleRun) lens(m map[string]any) {
	if o.str(m, "schemaVersion") != "2021-11-01" {
		o.fail("schemaVersion is not 2021-11-01")
	}
	o.text(m, "name", true, 128)
	o.text(m, "description", false, 2048)
	pillarIDs, questionIDs := map[string]bool{}, map[string]bool{}
	for _, p := range o.list(m, "pillars", 1, 10) {
		o.id(p, "id", 64, pillarIDs)
		o.text(p, "name", true, 128)
		for _, q := range o.list(p, "questions", 1, 20) {
			o.question(q, questionIDs)
		}
	}
}

func (o *oracleRun) question(q map[string]any, questionIDs map[string]bool) {
	o.id(q, "id", 128, questionIDs)
	o.text(q, "title", true, 128)
	o.text(q, "description", false, 2048)
	o.link(q, "helpfulResource", 2048, 2048)
	choiceIDs := map[string]bool{}
	for _, c := range o.list(q, "choices", 1, 15) {
		id := o.id(c, "id", 64, choiceIDs)
		o.text(c, "title", true, 128)
		o.text(c, "description", false, 2048)
		o.link(c, "helpfulResource", 2048, 2048)
		plan := o.link(c, "improvementPlan", 2048, 2048)
		if !strings.HasSuffix(id, "_no") && (plan == nil || strings.TrimSpace(o.str(plan, "displayText")) == "") {
			o.fail("choice %q has no improvement plan", id)
		}
		types := map[string]bool{}
		for _, a := range o.list(c, "additionalResources", 0, 2) {
			t := o.str(a, "type")
			if t != "HELPFUL_RESOURCE" && t != "IMPROVEMENT_PLAN" || types[t] {
				o.fail("additional resources of type %q", t)
			}
			types[t] = true
			for i := range o.list(a, "content", 0, 5) {
				o.link(map[string]any{"x": a["content"].([]any)[i]}, "x", 2048, 2048)
			}
		}
	}
	defaults, risks := 0, map[string]bool{}
	for _, r := range o.list(q, "riskRules", 1, 3) {
		risk := o.str(r, "risk")
		if risk != "HIGH_RISK" && risk != "MEDIUM_RISK" && risk != "NO_RISK" || risks[risk] {
			o.fail("risk %q", risk)
		}
		risks[risk] = true
		cond := strings.TrimSpace(o.str(r, "condition"))
		if cond == "default" {
			defaults++
			continue
		}
		if !condPattern.MatchString(cond) || strings.Count(cond, "(") != strings.Count(cond, ")") || cond == "" {
			o.fail("condition %q", cond)
		}
		for _, id := range condIdent.FindAllString(cond, -1) {
			if !choiceIDs[id] {
				o.fail("condition %q names %q", cond, id)
			}
		}
	}
	if defaults != 1 {
		o.fail("%d default rules", defaults)
	}
}
