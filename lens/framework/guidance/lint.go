package guidance

import (
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"
)

// Fact is what the framework's CSV says of one best practice: the ids the
// guidance must cover and the link kept as "learn more".
type Fact struct {
	PillarID, QuestionID, PracticeID, Risk, URL string
}

// Limits of the texts. The lens format allows 2048 characters for a
// description or a resource's display text; the API's Choice description
// shape allows 1024, so a practice's description stays under that. The
// lower bounds catch a text that says nothing.
const (
	maxLensText          = 2048
	maxChoiceDescription = 1024
	minText              = 40
	minItem              = 15
)

// Counts of list items the guidance asks for.
var (
	goodCount  = [2]int{2, 4}
	antiCount  = [2]int{1, 3}
	stepsCount = [2]int{3, 5}
)

// filePattern is the name of a pillar's file, or of one part of it.
var filePattern = regexp.MustCompile(`^[a-zA-Z]+(-[0-9]+)?\.yaml$`)

// placeholder matches text nobody should ship.
var placeholder = regexp.MustCompile(`(?i)\b(todo|tbd|fixme|xxx|lorem|ipsum|placeholder)\b|\.\.\.|…|\{\{|\}\}`)

// Lint checks the guidance against the framework's facts: every question
// and practice covered (and nothing else), every field present, counts and
// lengths within bounds, no placeholder text, links well-formed, and no two
// practices (or questions) sharing a description. It returns every problem
// found, each naming its file and entry.
func Lint(s *Set, facts []Fact) []string {
	var probs []string
	add := func(where, format string, args ...any) {
		probs = append(probs, where+": "+fmt.Sprintf(format, args...))
	}
	wantQ := map[string]string{} // question id -> pillar id
	wantP := map[string]Fact{}   // practice id -> fact
	questionOf := map[string]string{}
	for _, f := range facts {
		wantQ[f.QuestionID] = f.PillarID
		wantP[f.PracticeID] = f
		questionOf[f.PracticeID] = f.QuestionID
		if u, err := url.Parse(f.URL); err != nil || u.Scheme != "https" || u.Host == "" || strings.ContainsAny(f.URL, " \t\n") {
			add(f.PracticeID, "learn-more link %q is not a well-formed https URL", f.URL)
		}
	}
	seenQ, seenP := map[string]bool{}, map[string]bool{}
	descs := map[string]string{}
	unique := func(where, text string) {
		key := strings.ToLower(strings.Join(strings.Fields(text), " "))
		if other, ok := descs[key]; ok {
			add(where, "description repeats %s's", other)
		}
		descs[key] = where
	}
	for _, p := range s.Pillars {
		if !filePattern.MatchString(p.File) || !strings.HasPrefix(p.File, p.ID+".") && !strings.HasPrefix(p.File, p.ID+"-") {
			add(p.File, "pillar %q belongs in %s.yaml (or %s-N.yaml when split)", p.ID, p.ID, p.ID)
		}
		for _, q := range p.Questions {
			where := p.File + " " + q.ID
			pillar, ok := wantQ[q.ID]
			switch {
			case !ok:
				add(where, "no such question in the framework")
			case pillar != p.ID:
				add(where, "question of pillar %s, not %s", pillar, p.ID)
			}
			if seenQ[q.ID] {
				add(where, "question repeats")
			}
			seenQ[q.ID] = true
			text(add, where+" description", q.Description, minText, maxLensText)
			text(add, where+" helpfulResource", q.HelpfulResource, minText, maxLensText)
			unique(where, q.Description)
			for _, pr := range q.Practices {
				pw := p.File + " " + pr.ID
				f, ok := wantP[pr.ID]
				switch {
				case !ok:
					add(pw, "no such practice in the framework")
				case questionOf[pr.ID] != q.ID:
					add(pw, "practice of question %s, not %s", questionOf[pr.ID], q.ID)
				}
				if seenP[pr.ID] {
					add(pw, "practice repeats")
				}
				seenP[pr.ID] = true
				lintPractice(add, pw, &pr, f.Risk)
				unique(pw, pr.Description)
			}
		}
	}
	for _, f := range facts {
		if !seenQ[f.QuestionID] {
			add(f.PillarID+".yaml "+f.QuestionID, "question has no guidance")
			seenQ[f.QuestionID] = true
		}
		if !seenP[f.PracticeID] {
			add(f.PillarID+".yaml "+f.PracticeID, "practice has no guidance")
		}
	}
	return probs
}

func lintPractice(add func(string, string, ...any), where string, p *Practice, risk string) {
	text(add, where+" description", p.Description, minText, maxChoiceDescription)
	items(add, where+" good", p.Good, goodCount)
	items(add, where+" antiPatterns", p.AntiPatterns, antiCount)
	items(add, where+" steps", p.Steps, stepsCount)
	if !slices.Contains(Efforts, p.Effort) {
		add(where, "effort %q is not one of %s", p.Effort, strings.Join(Efforts, ", "))
	}
	if b := strings.TrimSpace(p.EffortBasis); b != "framework" && utf8.RuneCountInString(b) < minItem {
		add(where, "effortBasis must be \"framework\" or a reason")
	}
	if n := utf8.RuneCountInString(p.HelpfulText(risk)); n > maxLensText {
		add(where, "helpful-resource text is %d characters, over %d", n, maxLensText)
	}
	if n := utf8.RuneCountInString(p.PlanText()); n > maxLensText {
		add(where, "improvement plan is %d characters, over %d", n, maxLensText)
	}
}

func items(add func(string, string, ...any), where string, list []string, bounds [2]int) {
	if len(list) < bounds[0] || len(list) > bounds[1] {
		add(where, "has %d items, want %d to %d", len(list), bounds[0], bounds[1])
	}
	for i, it := range list {
		text(add, fmt.Sprintf("%s[%d]", where, i), it, minItem, maxLensText)
	}
}

func text(add func(string, string, ...any), where, s string, min, max int) {
	t := strings.TrimSpace(s)
	n := utf8.RuneCountInString(t)
	switch {
	case t == "":
		add(where, "is missing")
		return
	case n < min:
		add(where, "is %d characters, too short to say anything (at least %d)", n, min)
	case n > max:
		add(where, "is %d characters, over %d", n, max)
	}
	if m := placeholder.FindString(t); m != "" {
		add(where, "has placeholder text %q", m)
	}
	if t != s && strings.TrimRight(s, "\n") != t {
		add(where, "has leading or trailing spaces")
	}
}
