package lens

import (
	"fmt"
	"slices"
	"strings"

	"github.com/wat-dev/wat"
)

// id checks an identifier: required, at most max bytes, letters, digits and
// '_' (and '-' when dash is true).
func (c *compiler) id(path, id string, max int, dash bool) {
	if id == "" {
		c.add(path, "is required")
		return
	}
	if len(id) > max {
		c.add(path, "is %d characters long; at most %d are allowed", len(id), max)
	}
	for i := 0; i < len(id); i++ {
		if b := id[i]; !isIdentByte(b) && !(dash && b == '-') {
			allowed := "letters, digits and '_'"
			if dash {
				allowed = "letters, digits, '_' and '-'"
			}
			c.add(path, "%q contains %q at offset %d; use only %s", id, rune(b), i, allowed)
			return
		}
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

func (c *compiler) text(path, s string, required bool, max int) {
	n := len([]rune(s))
	switch {
	case required && strings.TrimSpace(s) == "":
		c.add(path, "is required")
	case n > max:
		c.add(path, "is %d characters long; at most %d are allowed", n, max)
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

// url accepts an empty string or an absolute http(s) URL without spaces or
// control characters; anything else (javascript:, relative paths) would be a
// hazard when the console renders it as a link.
func (c *compiler) url(path, u string) {
	if u == "" {
		return
	}
	if len(u) > maxURL {
		c.add(path, "is %d characters long; at most %d are allowed", len(u), maxURL)
		return
	}
	rest, ok := strings.CutPrefix(u, "https://")
	if !ok {
		rest, ok = strings.CutPrefix(u, "http://")
	}
	if !ok || rest == "" || rest[0] == '/' {
		c.add(path, "%q is not an absolute http:// or https:// URL", u)
		return
	}
	if i := strings.IndexFunc(u, func(r rune) bool { return r <= ' ' || r == 0x7f }); i >= 0 {
		c.add(path, "contains a space or control character at offset %d", i)
	}
}

func (c *compiler) add(path, format string, args ...any) {
	c.problems = append(c.problems, wat.FieldError{Name: path, Message: fmt.Sprintf(format, args...)})
}

// problems collects validation problems in document order.
type problems []wat.FieldError

// maxListed is how many problems the error's message spells out; Fields
// carries them all.
const maxListed = 3

func (ps problems) err() error {
	if len(ps) == 0 {
		return nil
	}
	var b strings.Builder
	if len(ps) == 1 {
		b.WriteString("invalid lens: ")
	} else {
		fmt.Fprintf(&b, "invalid lens (%d problems): ", len(ps))
	}
	for i, p := range ps[:min(len(ps), maxListed)] {
		if i > 0 {
			b.WriteString("; ")
		}
		fmt.Fprintf(&b, "%s: %s", p.Name, p.Message)
	}
	if len(ps) > maxListed {
		fmt.Fprintf(&b, "; and %d more", len(ps)-maxListed)
	}
	return &wat.Error{
		Code:    wat.EInvalid,
		Reason:  wat.ReasonFieldValidationFailed,
		Message: b.String(),
		Fields:  slices.Clip(ps),
	}
}
