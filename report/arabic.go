package report

// fpdf draws one glyph per character and does no shaping, so Arabic letters
// are turned here into their contextual forms — isolated, final, initial,
// medial — from the Arabic Presentation Forms-B block (and, for the letters
// Persian and Urdu add, Forms-A), which fonts with Arabic carry for exactly
// this purpose. Lam followed by alef becomes one ligature, as Arabic
// requires. Marks (harakat) are transparent to joining; ZWJ joins and ZWNJ
// breaks a join, as typed. Letters without presentation forms (most of
// Arabic Extended, Syriac, N'Ko) stay as typed: legible, not joined.

// arabicForm is a letter's presentation forms; initial and medial are 0 for
// letters that join only to the letter before them (joining type R).
type arabicForm struct {
	isolated, final, initial, medial rune
}

// arabicForms are the joining letters, from Unicode's ArabicShaping.txt
// (joining type D: all four forms; R: isolated and final) and the
// presentation forms of the Unicode blocks FB50–FDFF and FE70–FEFF.
var arabicForms = map[rune]arabicForm{
	0x0622: {0xFE81, 0xFE82, 0, 0},           // alef with madda above
	0x0623: {0xFE83, 0xFE84, 0, 0},           // alef with hamza above
	0x0624: {0xFE85, 0xFE86, 0, 0},           // waw with hamza above
	0x0625: {0xFE87, 0xFE88, 0, 0},           // alef with hamza below
	0x0626: {0xFE89, 0xFE8A, 0xFE8B, 0xFE8C}, // yeh with hamza above
	0x0627: {0xFE8D, 0xFE8E, 0, 0},           // alef
	0x0628: {0xFE8F, 0xFE90, 0xFE91, 0xFE92}, // beh
	0x0629: {0xFE93, 0xFE94, 0, 0},           // teh marbuta
	0x062A: {0xFE95, 0xFE96, 0xFE97, 0xFE98}, // teh
	0x062B: {0xFE99, 0xFE9A, 0xFE9B, 0xFE9C}, // theh
	0x062C: {0xFE9D, 0xFE9E, 0xFE9F, 0xFEA0}, // jeem
	0x062D: {0xFEA1, 0xFEA2, 0xFEA3, 0xFEA4}, // hah
	0x062E: {0xFEA5, 0xFEA6, 0xFEA7, 0xFEA8}, // khah
	0x062F: {0xFEA9, 0xFEAA, 0, 0},           // dal
	0x0630: {0xFEAB, 0xFEAC, 0, 0},           // thal
	0x0631: {0xFEAD, 0xFEAE, 0, 0},           // reh
	0x0632: {0xFEAF, 0xFEB0, 0, 0},           // zain
	0x0633: {0xFEB1, 0xFEB2, 0xFEB3, 0xFEB4}, // seen
	0x0634: {0xFEB5, 0xFEB6, 0xFEB7, 0xFEB8}, // sheen
	0x0635: {0xFEB9, 0xFEBA, 0xFEBB, 0xFEBC}, // sad
	0x0636: {0xFEBD, 0xFEBE, 0xFEBF, 0xFEC0}, // dad
	0x0637: {0xFEC1, 0xFEC2, 0xFEC3, 0xFEC4}, // tah
	0x0638: {0xFEC5, 0xFEC6, 0xFEC7, 0xFEC8}, // zah
	0x0639: {0xFEC9, 0xFECA, 0xFECB, 0xFECC}, // ain
	0x063A: {0xFECD, 0xFECE, 0xFECF, 0xFED0}, // ghain
	0x0641: {0xFED1, 0xFED2, 0xFED3, 0xFED4}, // feh
	0x0642: {0xFED5, 0xFED6, 0xFED7, 0xFED8}, // qaf
	0x0643: {0xFED9, 0xFEDA, 0xFEDB, 0xFEDC}, // kaf
	0x0644: {0xFEDD, 0xFEDE, 0xFEDF, 0xFEE0}, // lam
	0x0645: {0xFEE1, 0xFEE2, 0xFEE3, 0xFEE4}, // meem
	0x0646: {0xFEE5, 0xFEE6, 0xFEE7, 0xFEE8}, // noon
	0x0647: {0xFEE9, 0xFEEA, 0xFEEB, 0xFEEC}, // heh
	0x0648: {0xFEED, 0xFEEE, 0, 0},           // waw
	0x0649: {0xFEEF, 0xFEF0, 0, 0},           // alef maksura (Forms-B has two forms)
	0x064A: {0xFEF1, 0xFEF2, 0xFEF3, 0xFEF4}, // yeh
	0x067E: {0xFB56, 0xFB57, 0xFB58, 0xFB59}, // peh
	0x0686: {0xFB7A, 0xFB7B, 0xFB7C, 0xFB7D}, // tcheh
	0x0698: {0xFB8A, 0xFB8B, 0, 0},           // jeh
	0x06A9: {0xFB8E, 0xFB8F, 0xFB90, 0xFB91}, // keheh
	0x06AF: {0xFB92, 0xFB93, 0xFB94, 0xFB95}, // gaf
	0x06CC: {0xFBFC, 0xFBFD, 0xFBFE, 0xFBFF}, // farsi yeh
}

// lamAlef are the ligatures of lam with the alef that follows it:
// isolated and final forms.
var lamAlef = map[rune][2]rune{
	0x0622: {0xFEF5, 0xFEF6},
	0x0623: {0xFEF7, 0xFEF8},
	0x0625: {0xFEF9, 0xFEFA},
	0x0627: {0xFEFB, 0xFEFC},
}

const (
	lam      = 0x0644
	tatweel  = 0x0640 // joins on both sides, has no forms
	zwj      = 0x200D
	zwnj     = 0x200C
	absorbed = -1 // the alef of a lam-alef ligature, not drawn
)

// joinsAfter tells whether r connects to the letter after it.
func joinsAfter(r rune) bool {
	f, ok := arabicForms[r]
	return (ok && f.initial != 0) || r == tatweel || r == zwj
}

// joinsBefore tells whether r connects to the letter before it.
func joinsBefore(r rune) bool {
	_, ok := arabicForms[r]
	return ok || r == tatweel || r == zwj
}

// transparent tells whether r is skipped when deciding joins: a mark.
func transparent(r rune) bool {
	return r >= 0x064B && r <= 0x065F || r == 0x0670 || r >= 0x06D6 && r <= 0x06DC || r >= 0x06DF && r <= 0x06E4 ||
		r == 0x06E7 || r == 0x06E8 || r >= 0x06EA && r <= 0x06ED
}

// shapeArabic replaces, in place and in logical order, every Arabic letter
// of rs by its contextual form when has (the fonts) can draw that form. The
// alef of a lam-alef ligature becomes absorbed, so that rs keeps its length
// and indices (bidi levels) stay valid; callers skip it when drawing.
func shapeArabic(rs []rune, has func(rune) bool) {
	if !hasArabic(rs) {
		return
	}
	orig := append([]rune(nil), rs...)
	// neighbour returns the index of the nearest letter before (step -1)
	// or after (+1) i that is not a mark, or -1.
	neighbour := func(i, step int) int {
		for j := i + step; j >= 0 && j < len(orig); j += step {
			if !transparent(orig[j]) {
				return j
			}
		}
		return -1
	}
	for i, r := range orig {
		f, ok := arabicForms[r]
		if !ok {
			continue
		}
		p, n := neighbour(i, -1), neighbour(i, +1)
		before := p >= 0 && joinsAfter(orig[p]) && joinsBefore(r)
		after := n >= 0 && f.initial != 0 && joinsBefore(orig[n])
		if r == lam && n >= 0 {
			if lig, ok := lamAlef[orig[n]]; ok {
				form := lig[0]
				if before {
					form = lig[1]
				}
				if has(form) {
					rs[i], rs[n] = form, absorbed
					continue
				}
			}
		}
		if i > 0 && rs[i] == absorbed {
			continue
		}
		form := f.isolated
		switch {
		case before && after:
			form = f.medial
		case before:
			form = f.final
		case after:
			form = f.initial
		}
		if has(form) {
			rs[i] = form
		}
	}
}

// hasArabic tells whether rs holds a letter shapeArabic changes.
func hasArabic(rs []rune) bool {
	for _, r := range rs {
		if r >= 0x0600 && r <= 0x06FF {
			return true
		}
	}
	return false
}
