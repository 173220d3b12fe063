package wadata

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/wat-dev/wat/lens"
)

// noneHeader is the first row of wa-none-of-these.csv.
var noneHeader = []string{"question_id", "none_choice_id", "legacy_alias", "basis"}

// None is a question's "None of these" choice, one row of
// wa-none-of-these.csv.
type None struct {
	QuestionID string
	// ChoiceID is AWS's id of the choice. It is listed, not derived: for
	// most questions it is the prefix of the question's choice ids followed
	// by "_no", but not for all (application-security has sec_appsec_no).
	ChoiceID string
	// LegacyAlias is the id wat gave the choice before it used AWS's: the
	// question id with '-' turned into '_', then "_no". Input still accepts
	// it.
	LegacyAlias string
	// Basis says where the id comes from.
	Basis string
}

// choiceIDPattern is what a choice id of the lens may be made of.
var choiceIDPattern = regexp.MustCompile(`^[a-z0-9_]{1,64}$`)

// ParseNone reads wa-none-of-these.csv and checks it against the
// framework's rows: one row per question of the framework and no other,
// ids made of [a-z0-9_] and ending in "_no", and every id — choice or
// alias — distinct from every other id of the lens, so that an alias names
// one choice only. It returns the rows by question id.
func ParseNone(data []byte, rows []Row) (map[string]None, error) {
	recs, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		return nil, err
	}
	if len(recs) == 0 || strings.Join(recs[0], ",") != strings.Join(noneHeader, ",") {
		return nil, fmt.Errorf("the header must be %s", strings.Join(noneHeader, ","))
	}
	questions := map[string]bool{}
	ids := map[string]string{} // every id of the lens -> what it is
	for _, r := range rows {
		questions[r.QuestionID] = true
		ids[r.ChoiceID] = "the choice of " + r.BPID
	}
	out := map[string]None{}
	for i, rec := range recs[1:] {
		line := i + 2
		for j, f := range rec {
			if strings.TrimSpace(f) == "" {
				return nil, fmt.Errorf("line %d: %s is empty", line, noneHeader[j])
			}
		}
		n := None{QuestionID: rec[0], ChoiceID: rec[1], LegacyAlias: rec[2], Basis: rec[3]}
		switch {
		case !questions[n.QuestionID]:
			return nil, fmt.Errorf("line %d: the framework has no question %q", line, n.QuestionID)
		case out[n.QuestionID] != None{}:
			return nil, fmt.Errorf("line %d: question %q is listed twice", line, n.QuestionID)
		}
		for _, id := range []struct{ column, id string }{{"none_choice_id", n.ChoiceID}, {"legacy_alias", n.LegacyAlias}} {
			if !choiceIDPattern.MatchString(id.id) || !strings.HasSuffix(id.id, lens.NoneSuffix) {
				return nil, fmt.Errorf("line %d: %s %q must be 1 to 64 of a-z, 0-9 and _, ending in %q", line, id.column, id.id, lens.NoneSuffix)
			}
			if what, dup := ids[id.id]; dup {
				return nil, fmt.Errorf("line %d: %s %q is already %s", line, id.column, id.id, what)
			}
			ids[id.id] = fmt.Sprintf("the %s of question %s", id.column, n.QuestionID)
		}
		out[n.QuestionID] = n
	}
	for _, r := range rows {
		if _, ok := out[r.QuestionID]; !ok {
			return nil, fmt.Errorf("question %q has no row", r.QuestionID)
		}
	}
	return out, nil
}

// Aliases are the legacy ids of the "None of these" choices, as the
// compiled lens takes them, in question id order.
func Aliases(nones map[string]None) []lens.ChoiceAlias {
	out := make([]lens.ChoiceAlias, 0, len(nones))
	for _, n := range nones {
		out = append(out, lens.ChoiceAlias{QuestionID: n.QuestionID, Alias: n.LegacyAlias, ChoiceID: n.ChoiceID})
	}
	slices.SortFunc(out, func(a, b lens.ChoiceAlias) int { return strings.Compare(a.QuestionID, b.QuestionID) })
	return out
}
