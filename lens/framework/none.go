package framework

import (
	"fmt"
	"sync"

	"github.com/wat-dev/wat/lens/framework/internal/wadata"
)

// NoneChoice is the "None of these" choice of one question of the
// built-in lens.
type NoneChoice struct {
	QuestionID string // e.g. "securely-operate"
	// ChoiceID is AWS's id of the choice, the one the API answers with,
	// e.g. "sec_securely_operate_no".
	ChoiceID string
	// LegacyID is the id wat answered with before it used AWS's, e.g.
	// "securely_operate_no". Input still accepts it (the compiled lens
	// knows it as an alias) and migration 0011 of package sqlstore rewrote
	// the stored ones.
	LegacyID string
}

// nones are the embedded rows of wa-none-of-these.csv, by question id.
var nones = sync.OnceValue(func() map[string]wadata.None {
	m, err := wadata.ParseNone(noneFacts, rows())
	if err != nil {
		panic(fmt.Sprintf("framework: the embedded \"None of these\" data is broken: %v", err))
	}
	return m
})

// NoneChoices returns the "None of these" choice of every question, in
// lens order.
func NoneChoices() []NoneChoice {
	m := nones()
	qs := Lens().Questions()
	out := make([]NoneChoice, 0, len(qs))
	for _, q := range qs {
		n := m[q.ID]
		out = append(out, NoneChoice{QuestionID: n.QuestionID, ChoiceID: n.ChoiceID, LegacyID: n.LegacyAlias})
	}
	return out
}
