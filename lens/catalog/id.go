package catalog

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"unicode"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"

	"github.com/wat-dev/wat"
)

// An entry the index gives no id is named after its file. The id is the
// handle of the entry everywhere (the API's CatalogEntryId, whose model
// allows lowercase ASCII letters, digits and single hyphens; the tag that
// records an install; `wat lens catalog install ID`), so it must be
// stable, plain ASCII and unique, and as readable as the name allows:
//
//   - ASCII letters and digits are kept, lowercased, and every run of
//     other characters (spaces, punctuation, emoji) is one hyphen:
//     "Payments Platform.json" is "payments-platform". Names of ASCII
//     letters and digits get the ids they always had.
//   - Latin letters lose their accents ("Sécurité" is "securite"), by
//     compatibility decomposition, and the few that do not decompose are
//     spelt out (æ, ø, ł, ...). NFC and NFD spellings of one name, which
//     file systems are free to hand back, give one id.
//   - Letters and digits of other scripts (安全, Безопасность) have no
//     ASCII form wat could keep stable without a transliteration table
//     for every script. Their name is kept as a short digest instead:
//     the ASCII part that is left, or "lens" when none is, then a hyphen
//     and 8 hex digits of the SHA-256 of the name's letters and digits
//     in every script, NFKC and case folded. So "安全" and "セキュリティ"
//     differ, "Платежи v2" and "Сеть v2" differ, and only names that
//     differ in case, width or punctuation alone give one id, as ASCII
//     names always did.
//   - A name with no letters or digits at all (emoji) is digested whole.
//   - An id longer than maxIDLen is cut at a hyphen and given the digest,
//     so that two long names sharing a beginning stay apart.
//
// The index's id field gives any entry a readable id of the team's
// choosing; two files whose names give one id are reported by Load.

// idDigestLen is how many hex digits of the digest an id keeps: 32 bits,
// against a collision among one folder's few dozen files; Load reports
// the improbable one all the same.
const idDigestLen = 8

// spelt are the lowercase Latin letters that compatibility decomposition
// leaves as they are, with the ASCII they are commonly written as. ß is
// not among them: case folding already makes it "ss".
var spelt = map[rune]string{
	'æ': "ae", 'œ': "oe", 'ø': "o", 'đ': "d", 'ð': "d", 'þ': "th", 'ł': "l", 'ı': "i", 'ħ': "h", 'ŧ': "t", 'ŋ': "n",
}

// fileID is the id of an entry whose index gives none, made from its
// file's name as described above.
func fileID(file string) string {
	base := strings.TrimSuffix(file, ".json")
	var slug, key string
	lossy := false
	if isASCII(base) {
		// The common case, and the ids catalogs have always had.
		slug = asciiSlug(base)
		key = slug
	} else {
		words := idWords(foldName(base))
		var parts []string
		for _, w := range words {
			a, lost := asciiWord(w)
			parts = append(parts, a...)
			lossy = lossy || lost
		}
		slug, key = strings.Join(parts, "-"), strings.Join(words, "-")
	}
	if key == "" {
		// Nothing but symbols: the whole name is what tells it apart.
		key, lossy = foldName(base), true
	}
	return fitID(slug, lossy, key)
}

// fitID returns id, followed by the digest of key when the id lost
// letters of the name or does not fit in maxIDLen.
func fitID(id string, lossy bool, key string) string {
	if !lossy && id != "" && len(id) <= maxIDLen {
		return id
	}
	sum := sha256.Sum256([]byte(key))
	digest := hex.EncodeToString(sum[:])[:idDigestLen]
	if id == "" {
		return "lens-" + digest
	}
	if room := maxIDLen - 1 - idDigestLen; len(id) > room {
		id = id[:room]
		if i := strings.LastIndexByte(id, '-'); i > 0 {
			id = id[:i]
		}
		id = strings.TrimRight(id, "-")
	}
	return id + "-" + digest
}

// asciiSlug lowercases an ASCII name and makes every run of characters
// other than letters and digits one hyphen, trimmed at both ends.
func asciiSlug(s string) string {
	var b strings.Builder
	gap := false
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			if gap && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			gap = false
		} else {
			gap = true
		}
	}
	return b.String()
}

// foldName is the name as ids compare it: compatibility composed (so
// fullwidth "ＡＢＣ" is "abc" and NFD accents are composed), case folded,
// without the characters that show nothing (wat.Invisible, as lens names
// are compared), white space kept: it separates the id's words.
func foldName(s string) string {
	s = cases.Fold().String(norm.NFKC.String(s))
	s = strings.Map(func(r rune) rune {
		if wat.Invisible(r) && !unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
	// Folding can undo the composition.
	return norm.NFKC.String(s)
}

// idWords splits a folded name into its words: runs of letters, marks and
// digits of any script that hold at least one letter or digit.
func idWords(s string) []string {
	words := strings.FieldsFunc(s, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsMark(r) && !unicode.IsNumber(r)
	})
	out := words[:0]
	for _, w := range words {
		if strings.IndexFunc(w, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsNumber(r) }) >= 0 {
			out = append(out, w)
		}
	}
	return out
}

// asciiWord is a word's ASCII form: its letters without accents and the
// letters spelt out, split where a letter or digit has no ASCII form;
// lost says whether there was one.
func asciiWord(w string) (parts []string, lost bool) {
	var b strings.Builder
	cut := func() {
		if b.Len() > 0 {
			parts = append(parts, b.String())
			b.Reset()
		}
	}
	for _, r := range norm.NFKD.String(w) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			b.WriteRune(r)
		case spelt[r] != "":
			b.WriteString(spelt[r])
		case unicode.IsMark(r):
			// An accent, or a vowel sign of a letter already dropped.
		default:
			lost = true
			cut()
		}
	}
	cut()
	return parts, lost
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
