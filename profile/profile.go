// Package profile holds wat's profile template: the business-context
// questions a profile answers, and for each choice the framework questions
// it makes a priority. The template is data (template.json, embedded and
// versioned; README.md gives the reasoning behind every mapping), so the
// mapping can be read and reviewed without reading code. The package is
// pure: it validates answers and computes priorities, it stores nothing.
package profile

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/wat-dev/wat"
)

//go:embed template.json
var templateJSON []byte

// Template is the profile template: its questions in display order.
type Template struct {
	// Version increases whenever the questions, choices or mappings change.
	Version   int         `json:"version"`
	Name      string      `json:"name"`
	CreatedAt time.Time   `json:"createdAt"`
	UpdatedAt time.Time   `json:"updatedAt"`
	Questions []*Question `json:"questions"`
}

// Question is one business-context question.
type Question struct {
	ID          string    `json:"id"`
	Title       string    `json:"title"`
	Description string    `json:"description"`
	MinSelected int       `json:"minSelectedChoices"`
	MaxSelected int       `json:"maxSelectedChoices"`
	Choices     []*Choice `json:"choices"`
}

// Choice is one answer to a question.
type Choice struct {
	ID          string `json:"id"`
	Title       string `json:"title"`
	Description string `json:"description"`
	// Prioritizes are the ids of the framework questions that selecting
	// this choice makes a priority.
	Prioritizes []string `json:"prioritizes"`
}

var (
	loadOnce sync.Once
	loaded   *Template
)

// Default returns the embedded template. It panics if the embedded file
// is malformed, which its tests rule out.
func Default() *Template {
	loadOnce.Do(func() {
		t, err := Parse(templateJSON)
		if err != nil {
			panic(fmt.Sprintf("profile: embedded template: %v", err))
		}
		loaded = t
	})
	return loaded
}

// Parse decodes a template and checks that it is consistent: unique ids,
// choices on every question, 0 <= min <= max <= number of choices.
func Parse(b []byte) (*Template, error) {
	var t Template
	if err := json.Unmarshal(b, &t); err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	for _, q := range t.Questions {
		if q.ID == "" || seen[q.ID] {
			return nil, fmt.Errorf("question id %q is empty or repeated", q.ID)
		}
		seen[q.ID] = true
		if len(q.Choices) == 0 || q.MinSelected < 0 || q.MinSelected > q.MaxSelected || q.MaxSelected > len(q.Choices) {
			return nil, fmt.Errorf("question %s: want choices and 0 <= min <= max <= %d choices", q.ID, len(q.Choices))
		}
		for _, c := range q.Choices {
			if c.ID == "" || seen[c.ID] {
				return nil, fmt.Errorf("question %s: choice id %q is empty or repeated", q.ID, c.ID)
			}
			seen[c.ID] = true
		}
	}
	return &t, nil
}

// Question returns the question with the given id.
func (t *Template) Question(id string) (*Question, bool) {
	for _, q := range t.Questions {
		if q.ID == id {
			return q, true
		}
	}
	return nil, false
}

// Choice returns the choice of q with the given id.
func (q *Question) Choice(id string) (*Choice, bool) {
	for _, c := range q.Choices {
		if c.ID == id {
			return c, true
		}
	}
	return nil, false
}

// Update is one question's new selection, as a request gives it.
type Update struct {
	QuestionID        string
	SelectedChoiceIDs []string
}

// Apply merges updates into answers (nil for a new profile) and returns the
// answers in template order, with every problem located by the request's
// field names (ProfileQuestions[i]...). A question an update names gets
// exactly the update's selection; the others keep theirs. Then every
// question's selection must respect its minimum and maximum.
func (t *Template) Apply(answers []wat.ProfileAnswer, updates []Update) ([]wat.ProfileAnswer, []wat.FieldError) {
	var errs []wat.FieldError
	add := func(field, format string, args ...any) {
		errs = append(errs, wat.FieldError{Name: field, Message: fmt.Sprintf(format, args...)})
	}
	sel := map[string]map[string]bool{}
	for _, a := range answers {
		sel[a.QuestionID] = set(a.SelectedChoiceIDs)
	}
	given := map[string]bool{}
	for i, u := range updates {
		field := fmt.Sprintf("ProfileQuestions[%d]", i)
		q, ok := t.Question(u.QuestionID)
		if !ok {
			add(field+".QuestionId", "The profile template has no question %q", u.QuestionID)
			continue
		}
		if given[q.ID] {
			add(field+".QuestionId", "Question %s is given more than once", q.ID)
			continue
		}
		given[q.ID] = true
		chosen := map[string]bool{}
		for j, id := range u.SelectedChoiceIDs {
			if _, ok := q.Choice(id); !ok {
				add(fmt.Sprintf("%s.SelectedChoiceIds[%d]", field, j), "Question %s has no choice %q", q.ID, id)
				continue
			}
			chosen[id] = true
		}
		sel[q.ID] = chosen
	}
	var out []wat.ProfileAnswer
	for _, q := range t.Questions {
		n := len(sel[q.ID])
		if n < q.MinSelected || n > q.MaxSelected {
			field := "ProfileQuestions"
			if i := slices.IndexFunc(updates, func(u Update) bool { return u.QuestionID == q.ID }); i >= 0 {
				field = fmt.Sprintf("ProfileQuestions[%d].SelectedChoiceIds", i)
			}
			add(field, "Question %s takes %d to %d choices, not %d", q.ID, q.MinSelected, q.MaxSelected, n)
		}
		if n == 0 {
			continue
		}
		a := wat.ProfileAnswer{QuestionID: q.ID}
		for _, c := range q.Choices {
			if sel[q.ID][c.ID] {
				a.SelectedChoiceIDs = append(a.SelectedChoiceIDs, c.ID)
			}
		}
		out = append(out, a)
	}
	return out, errs
}

// Prioritized returns the framework question ids that answers make a
// priority: the union of the mappings of every selected choice. Choices the
// template no longer has contribute nothing.
func (t *Template) Prioritized(answers []wat.ProfileAnswer) map[string]bool {
	out := map[string]bool{}
	for _, a := range answers {
		q, ok := t.Question(a.QuestionID)
		if !ok {
			continue
		}
		for _, id := range a.SelectedChoiceIDs {
			if c, ok := q.Choice(id); ok {
				for _, fq := range c.Prioritizes {
					out[fq] = true
				}
			}
		}
	}
	return out
}

func set(ids []string) map[string]bool {
	m := make(map[string]bool, len(ids))
	for _, id := range ids {
		m[id] = true
	}
	return m
}
