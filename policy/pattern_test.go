package policy

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestGlob(t *testing.T) {
	tests := []struct {
		pat, s string
		fold   bool
		want   bool
	}{
		{"*", "", false, true},
		{"*", "anything", false, true},
		{"", "", false, true},
		{"", "a", false, false},
		{"a*", "a", false, true},
		{"a*b", "ab", false, true},
		{"a*b", "axxb", false, true},
		{"a*b", "axxbx", false, false},
		{"*b*b", "abxb", false, true},
		{"*ab*ab", "abab", false, true},
		{"*ab*ab", "abaab", false, true},
		{"*ab*ab", "aba", false, false},
		{"a?c", "abc", false, true},
		{"a?c", "ac", false, false},
		{"a?c", "aéc", false, true}, // ? is one character, not one byte
		{"??", "é", false, false},
		{"*?", "", false, false},
		{"**a", "a", false, true},
		{"GET*", "getWorkload", true, true},
		{"GET*", "getWorkload", false, false},
		{"*LOAD", "getWorkload", true, true},
		{"straße", "STRASSE", true, false}, // simple folding only, as strings.EqualFold
		{"k", "\u212a", true, true},        // Kelvin sign folds to k
		{"*\u212a", "ak", true, true},
	}
	for _, tt := range tests {
		p := compilePattern(tt.pat, true, false)
		if got := p.match(tt.s, tt.fold, nil); got != tt.want {
			t.Errorf("glob %q match %q (fold %v) = %v, want %v", tt.pat, tt.s, tt.fold, got, tt.want)
		}
	}
}

// refGlob is a slow, obviously correct glob over runes.
func refGlob(pat, s []rune, fold bool) bool {
	// memo[i][j]: pat[i:] matches s[j:].
	memo := make([][]int8, len(pat)+1)
	for i := range memo {
		memo[i] = make([]int8, len(s)+1)
	}
	var m func(i, j int) bool
	m = func(i, j int) bool {
		if memo[i][j] != 0 {
			return memo[i][j] > 0
		}
		var ok bool
		switch {
		case i == len(pat):
			ok = j == len(s)
		case pat[i] == '*':
			ok = m(i+1, j) || (j < len(s) && m(i, j+1))
		case j == len(s):
			ok = false
		case pat[i] == '?':
			ok = m(i+1, j+1)
		default:
			eq := pat[i] == s[j]
			if fold {
				eq = strings.EqualFold(string(pat[i]), string(s[j]))
			}
			ok = eq && m(i+1, j+1)
		}
		memo[i][j] = -1
		if ok {
			memo[i][j] = 1
		}
		return ok
	}
	return m(0, 0)
}

func FuzzGlob(f *testing.F) {
	for _, seed := range [][2]string{
		{"wellarchitected:Get*", "wellarchitected:GetWorkload"},
		{"a*b?c*", "axxbyczz"},
		{"*ab*ab", "abaab"},
		{"arn:aws:wellarchitected:*:*:workload/*", "arn:aws:wellarchitected:us-east-1:1:workload/x"},
		{"?é*", "xéy"},
	} {
		f.Add(seed[0], seed[1], false)
		f.Add(seed[0], seed[1], true)
	}
	f.Fuzz(func(t *testing.T, pat, s string, fold bool) {
		if !utf8.ValidString(pat) || !utf8.ValidString(s) || len(pat) > 64 || len(s) > 256 {
			t.Skip()
		}
		p := compilePattern(pat, true, false)
		want := refGlob([]rune(pat), []rune(s), fold)
		if got := p.match(s, fold, nil); got != want {
			t.Errorf("glob %q match %q (fold %v) = %v, reference says %v", pat, s, fold, got, want)
		}
	})
}
