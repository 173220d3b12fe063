package policy

import "strings"

// arnPattern is an ArnLike/ArnEquals condition value. IAM matches each of an
// ARN's six colon-separated components separately, so a wildcard never
// spans a colon except inside the final resource component. A value that is
// not a six-component ARN (such as a bare "*") is matched as a whole.
type arnPattern struct {
	split bool
	comps [6]pattern
	whole pattern
}

func compileARN(v string, vars bool) arnPattern {
	parts := splitARNPattern(v, vars)
	if len(parts) < 6 {
		return arnPattern{whole: compilePattern(v, true, vars)}
	}
	a := arnPattern{split: true}
	for i := range a.comps {
		a.comps[i] = compilePattern(parts[i], true, vars)
	}
	return a
}

// splitARNPattern splits v at its first five colons, skipping colons inside
// policy variables such as ${aws:username}.
func splitARNPattern(v string, vars bool) []string {
	var parts []string
	start := 0
	for i := 0; i < len(v) && len(parts) < 5; i++ {
		switch {
		case vars && strings.HasPrefix(v[i:], "${"):
			if end := strings.IndexByte(v[i:], '}'); end > 0 {
				i += end
			}
		case v[i] == ':':
			parts = append(parts, v[start:i])
			start = i + 1
		}
	}
	return append(parts, v[start:])
}

// arnBounds finds the six components of an ARN without allocating:
// component k is s[b[k] : b[k+1]-1].
func arnBounds(s string) (b [7]int, ok bool) {
	n := 1
	for i := 0; i < len(s) && n < 6; i++ {
		if s[i] == ':' {
			b[n] = i + 1
			n++
		}
	}
	b[6] = len(s) + 1
	return b, n == 6
}

func (a *arnPattern) match(s string, ctx map[string][]string) bool {
	if !a.split {
		return a.whole.match(s, false, ctx)
	}
	b, ok := arnBounds(s)
	if !ok {
		return false
	}
	for k := range a.comps {
		if !a.comps[k].match(s[b[k]:b[k+1]-1], false, ctx) {
			return false
		}
	}
	return true
}
