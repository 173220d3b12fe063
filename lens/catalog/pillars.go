package catalog

import (
	"slices"
	"strings"
	"unicode"
)

// FrameworkPillars are the ids of the Well-Architected Framework's pillars
// in the framework lens, in its order (a test holds them to it).
var FrameworkPillars = []string{"operationalExcellence", "security", "reliability", "performance", "costOptimization", "sustainability"}

// frameworkNames are the pillars' names in the framework lens, in the order
// of FrameworkPillars.
var frameworkNames = []string{"Operational Excellence", "Security", "Reliability", "Performance Efficiency", "Cost Optimization", "Sustainability"}

// pillarWords tell, per framework pillar (in the order of FrameworkPillars),
// which words of a lens's pillar name make it that pillar: a word equal to
// one of exact, or starting with one of prefixes. Lenses are written by
// hand, so the prefixes include misspellings found in published ones
// ("Opeational Excellence", "Realiability", "Reliablilty"), and the exact
// words the abbreviation one lens uses as a name ("SEC"). Matching whole
// words keeps "Operating ECS at scale" out of Operational Excellence.
var pillarWords = []struct{ exact, prefixes []string }{
	{nil, []string{"operational", "opeational"}},
	{[]string{"sec"}, []string{"security"}},
	{[]string{"rel"}, []string{"reliab", "realiab"}},
	{[]string{"perf"}, []string{"performance"}},
	{nil, []string{"cost"}},
	{[]string{"sus"}, []string{"sustainab"}},
}

// classify returns the framework pillars a lens pillar named name belongs
// to: usually one, two for "Cost and Performance", none for a pillar of
// the lens's own.
func classify(name string) []string {
	words := strings.FieldsFunc(strings.ToLower(name), func(r rune) bool { return !unicode.IsLetter(r) })
	var out []string
	for i, pw := range pillarWords {
		if matchesAny(words, pw.exact, pw.prefixes) {
			out = append(out, FrameworkPillars[i])
		}
	}
	return out
}

func matchesAny(words, exact, prefixes []string) bool {
	for _, w := range words {
		if slices.Contains(exact, w) {
			return true
		}
		for _, p := range prefixes {
			if strings.HasPrefix(w, p) {
				return true
			}
		}
	}
	return false
}

// frameworkPillar resolves what a user typed to a framework pillar's id:
// its id or its name, in any case, spaces ignored ("cost optimization",
// "costOptimization"), or the first word of its name ("performance").
func frameworkPillar(s string) (string, bool) {
	key := squash(s)
	for i, id := range FrameworkPillars {
		name := frameworkNames[i]
		first, _, _ := strings.Cut(name, " ")
		if key == squash(id) || key == squash(name) || key == squash(first) {
			return id, true
		}
	}
	return "", false
}

// squash lowercases s and drops what is not a letter.
func squash(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) {
			return unicode.ToLower(r)
		}
		return -1
	}, s)
}
