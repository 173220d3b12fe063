package lens

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// id checks an identifier: required, MinIDLength to lim.max characters of
// letters, digits and '_' (and '-' when dash is true).
func (c *compiler) id(path, id string, lim limit, dash bool) {
	if id == "" {
		c.add(path, "is required")
		return
	}
	allowed := "letters, digits and '_'"
	if dash {
		allowed = "letters, digits, '_' and '-'"
	}
	for i := 0; i < len(id); i++ {
		if b := id[i]; !isIdentByte(b) && !(dash && b == '-') {
			r, _ := utf8.DecodeRuneInString(id[i:])
			c.addAt(path, i, "%q contains %q at offset %d; use only %s", id, r, i, allowed)
			return
		}
	}
	switch {
	case len(id) < MinIDLength:
		c.add(path, "%q is too short: an id has at least %d characters", id, MinIDLength)
	case len(id) > lim.max:
		c.add(path, "%s", lim.exceeded(len(id)))
	}
}

// unique records id's first use in seen and reports later ones.
func (c *compiler) unique(seen map[string]string, path, id, what string) {
	if id == "" {
		return
	}
	if first, dup := seen[id]; dup {
		c.add(path, "duplicates the %s id %q of %s", what, id, first)
		return
	}
	seen[id] = path
}

// text checks a text's length in characters and, if required, that it is
// not blank.
func (c *compiler) text(path, s string, required bool, lim limit) {
	switch {
	case required && strings.TrimSpace(s) == "":
		c.add(path, "is required")
	case len(s) > lim.max: // bytes >= characters: count only when it may matter
		if n := utf8.RuneCountInString(s); n > lim.max {
			c.add(path, "%s", lim.exceeded(n))
		}
	}
}

func (c *compiler) count(path string, n int, what string, max int) {
	switch {
	case n == 0:
		c.add(path, "needs at least one %s", what)
	case n > max:
		c.add(path, "has %d %ss; at most %d are allowed", n, what, max)
	}
}

// url checks a link and returns it as wat stores it (see normalizeURL):
// an absolute http(s) URL, since anything else (javascript:, a relative
// path) would be a hazard when the console renders it as a link, of at
// most lim's characters once percent-encoded.
func (c *compiler) url(path, u string, lim limit) string {
	norm, p := normalizeURL(u)
	if p != nil {
		c.addAt(path, p.at, "%s", p.msg)
		return u
	}
	if n := utf8.RuneCountInString(norm); n > lim.max {
		c.add(path, "%s", lim.exceeded(n))
	}
	return norm
}

// resource checks a link: its text at most text's limit, its URL an
// absolute http(s) URL of at most url's limit, and a text whenever there
// is a URL. The Resource holds the URL as wat stores it.
func (c *compiler) resource(path string, d *ResourceDoc, text, url limit) Resource {
	if d == nil {
		return Resource{}
	}
	c.text(path+".displayText", d.DisplayText, false, text)
	u := c.url(path+".url", d.URL, url)
	if u != "" && strings.TrimSpace(d.DisplayText) == "" {
		c.add(path+".displayText", "is required when a url is given")
	}
	return Resource{DisplayText: d.DisplayText, URL: u}
}

func (c *compiler) add(path, format string, args ...any) {
	c.addAt(path, -1, format, args...)
}

// addAt records a problem about the character at byte offset at of the
// string at path.
func (c *compiler) addAt(path string, at int, format string, args ...any) {
	if len(c.problems) >= c.budget {
		c.dropped++
		return
	}
	c.problems = append(c.problems, problem{path: path, msg: fmt.Sprintf(format, args...), at: at, offset: -1})
}

// addMoot records a problem that is moot when the value at moot has a
// type mismatch.
func (c *compiler) addMoot(path, moot string, at int, format string, args ...any) {
	if len(c.problems) >= c.budget {
		c.dropped++
		return
	}
	c.problems = append(c.problems, problem{path: path, msg: fmt.Sprintf(format, args...), at: at, moot: moot, offset: -1})
}
