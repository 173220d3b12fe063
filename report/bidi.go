package report

import (
	"golang.org/x/text/unicode/bidi"
)

// Right-to-left text is laid out with the Unicode Bidirectional Algorithm
// (UAX #9). golang.org/x/text/unicode/bidi gives each character's bidi
// class, but its Paragraph.Order returns the runs in logical order with only
// their direction, not their embedding levels, so a number inside Hebrew
// (level 2) cannot be told from English around it (level 0), and nothing
// reorders the runs. This file implements the part of the algorithm that
// user text needs: the paragraph level (P2, P3), weak types (W1–W7),
// neutrals (N1, N2), implicit levels (I1, I2), and per line the reset of
// trailing white space (L1), the reordering (L2), marks after their base
// (L3) and mirrored brackets (L4). Explicit embeddings, overrides and
// isolates (U+202A–U+202E, U+2066–U+2069) are removed beforehand (see
// clean), so the levels go to 2 at most; bracket pairs (N0) resolve as any
// other neutral; LRM, RLM and ALM count as the strong characters they are.

// classes are the bidi classes of rs.
func classes(rs []rune) []bidi.Class {
	out := make([]bidi.Class, len(rs))
	for i, r := range rs {
		p, _ := bidi.LookupRune(r)
		out[i] = p.Class()
	}
	return out
}

// paragraphLevel is 1 when the first strong character of a paragraph is
// right-to-left, 0 otherwise (P2, P3).
func paragraphLevel(cs []bidi.Class) uint8 {
	for _, c := range cs {
		switch c {
		case bidi.L:
			return 0
		case bidi.R, bidi.AL:
			return 1
		}
	}
	return 0
}

// hasRTL tells whether any character is right-to-left or an Arabic number:
// without one, every level is the paragraph's 0 and there is nothing to do.
func hasRTL(cs []bidi.Class) bool {
	for _, c := range cs {
		if c == bidi.R || c == bidi.AL || c == bidi.AN {
			return true
		}
	}
	return false
}

// levels resolves the embedding level of every character of a paragraph
// whose level is base (rules W1–W7, N1–N2, I1–I2). Boundary neutrals
// (joiners) are skipped, as rule X9 removes them, and take the level of the
// character before.
func levels(cs []bidi.Class, base uint8) []uint8 {
	out := make([]uint8, len(cs))
	idx := make([]int, 0, len(cs)) // the characters that are not BN
	t := make([]bidi.Class, 0, len(cs))
	for i, c := range cs {
		if c != bidi.BN {
			idx = append(idx, i)
			t = append(t, c)
		}
	}
	sos := bidi.L
	if base%2 == 1 {
		sos = bidi.R
	}
	// W1: a mark takes the type of the character before it.
	for i := range t {
		if t[i] == bidi.NSM {
			if i == 0 {
				t[i] = sos
			} else {
				t[i] = t[i-1]
			}
		}
	}
	// W2, W3: European numbers after Arabic letters are Arabic numbers;
	// Arabic letters are right-to-left.
	strong := sos
	for i := range t {
		switch t[i] {
		case bidi.L, bidi.R, bidi.AL:
			strong = t[i]
		case bidi.EN:
			if strong == bidi.AL {
				t[i] = bidi.AN
			}
		}
	}
	for i := range t {
		if t[i] == bidi.AL {
			t[i] = bidi.R
		}
	}
	// W4: one separator between two numbers of a kind joins them.
	for i := 1; i+1 < len(t); i++ {
		switch {
		case t[i] == bidi.ES && t[i-1] == bidi.EN && t[i+1] == bidi.EN:
			t[i] = bidi.EN
		case t[i] == bidi.CS && t[i-1] == bidi.EN && t[i+1] == bidi.EN:
			t[i] = bidi.EN
		case t[i] == bidi.CS && t[i-1] == bidi.AN && t[i+1] == bidi.AN:
			t[i] = bidi.AN
		}
	}
	// W5: terminators next to a European number belong to it.
	for i := 0; i < len(t); {
		if t[i] != bidi.ET {
			i++
			continue
		}
		j := i
		for j < len(t) && t[j] == bidi.ET {
			j++
		}
		if (i > 0 && t[i-1] == bidi.EN) || (j < len(t) && t[j] == bidi.EN) {
			for k := i; k < j; k++ {
				t[k] = bidi.EN
			}
		}
		i = j
	}
	// W6: other separators and terminators are neutral.
	for i := range t {
		if t[i] == bidi.ES || t[i] == bidi.ET || t[i] == bidi.CS {
			t[i] = bidi.ON
		}
	}
	// W7: European numbers in left-to-right context are left-to-right.
	strong = sos
	for i := range t {
		switch t[i] {
		case bidi.L, bidi.R:
			strong = t[i]
		case bidi.EN:
			if strong == bidi.L {
				t[i] = bidi.L
			}
		}
	}
	// N1, N2: neutrals between characters of one direction take it (numbers
	// count as right-to-left), others the paragraph's.
	dir := func(c bidi.Class) bidi.Class {
		if c == bidi.EN || c == bidi.AN {
			return bidi.R
		}
		return c
	}
	neutral := func(c bidi.Class) bool {
		return c == bidi.B || c == bidi.S || c == bidi.WS || c == bidi.ON || c >= bidi.Control
	}
	for i := 0; i < len(t); {
		if !neutral(t[i]) {
			i++
			continue
		}
		j := i
		for j < len(t) && neutral(t[j]) {
			j++
		}
		before, after := sos, sos
		if i > 0 {
			before = dir(t[i-1])
		}
		if j < len(t) {
			after = dir(t[j])
		}
		c := sos
		if before == after {
			c = before
		}
		for k := i; k < j; k++ {
			t[k] = c
		}
		i = j
	}
	// I1, I2.
	lv := make([]uint8, len(t))
	for i, c := range t {
		l := base
		switch {
		case base%2 == 0 && c == bidi.R:
			l++
		case base%2 == 0 && (c == bidi.AN || c == bidi.EN):
			l += 2
		case base%2 == 1 && (c == bidi.L || c == bidi.EN || c == bidi.AN):
			l++
		}
		lv[i] = l
	}
	prev := base
	j := 0
	for i := range cs {
		if j < len(idx) && idx[j] == i {
			prev = lv[j]
			j++
		}
		out[i] = prev
	}
	return out
}

// visualOrder is the order in which to draw the characters of one line:
// the indices of rs (logical order) in visual order, left to right. cs are
// the characters' classes and lv their levels, which L1 changes.
func visualOrder(cs []bidi.Class, lv []uint8, base uint8) []int {
	// L1: white space at the end of the line, and before a segment
	// separator, goes back to the paragraph's level.
	trailing := true
	for i := len(cs) - 1; i >= 0; i-- {
		switch c := cs[i]; {
		case c == bidi.S || c == bidi.B:
			lv[i] = base
			trailing = true
		case trailing && (c == bidi.WS || c == bidi.BN):
			lv[i] = base
		default:
			trailing = false
		}
	}
	order := make([]int, len(lv))
	var high, lowOdd uint8 = 0, 255
	for i := range order {
		order[i] = i
		high = max(high, lv[i])
		if lv[i]%2 == 1 {
			lowOdd = min(lowOdd, lv[i])
		}
	}
	// L2: from the highest level down to the lowest odd one, reverse every
	// run at that level or above.
	for l := high; l >= lowOdd && l > 0; l-- {
		for i := 0; i < len(order); {
			if lv[order[i]] < l {
				i++
				continue
			}
			j := i
			for j < len(order) && lv[order[j]] >= l {
				j++
			}
			for a, b := i, j-1; a < b; a, b = a+1, b-1 {
				order[a], order[b] = order[b], order[a]
			}
			i = j
		}
	}
	// L3: reversed, a mark comes before its base; fonts expect it after.
	for i := 0; i < len(order); {
		if cs[order[i]] != bidi.NSM || lv[order[i]]%2 == 0 {
			i++
			continue
		}
		j := i
		for j < len(order) && cs[order[j]] == bidi.NSM && lv[order[j]] == lv[order[i]] {
			j++
		}
		if j < len(order) { // the base follows its marks: reverse them
			for a, b := i, j; a < b; a, b = a+1, b-1 {
				order[a], order[b] = order[b], order[a]
			}
			j++
		}
		i = j
	}
	return order
}

// mirrored is r as drawn in right-to-left text: brackets and the other
// paired signs face the other way (L4).
func mirrored(r rune) rune {
	if p, _ := bidi.LookupRune(r); p.IsBracket() {
		// ReverseString swaps a bracket for its counterpart; the pairs'
		// table is not exported otherwise.
		for _, m := range bidi.ReverseString(string(r)) {
			return m
		}
	}
	switch r {
	case '<':
		return '>'
	case '>':
		return '<'
	case '«':
		return '»'
	case '»':
		return '«'
	case '‹':
		return '›'
	case '›':
		return '‹'
	case '≤':
		return '≥'
	case '≥':
		return '≤'
	}
	return r
}
