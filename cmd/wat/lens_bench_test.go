package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wat-dev/wat/lens"
)

// wideLens is a lens of questions of 15 choices each (14 practices and a
// "None of these"), 20 to a pillar: all practices give NO_RISK, the first
// two MEDIUM_RISK, anything else HIGH_RISK. With pad > 0 the choices'
// descriptions grow until the document is about pad bytes.
func wideLens(questions int, pad ...int) []byte {
	doc := &lens.Document{SchemaVersion: lens.SchemaVersion, Name: "Wide"}
	for i := range questions {
		if i%lens.MaxQuestionsPerPillar == 0 {
			doc.Pillars = append(doc.Pillars, lens.PillarDoc{ID: fmt.Sprintf("pillar_%d", len(doc.Pillars)), Name: "Pillar"})
		}
		p := &doc.Pillars[len(doc.Pillars)-1]
		q := lens.QuestionDoc{ID: fmt.Sprintf("question_%d", i), Title: fmt.Sprintf("Question %d?", i)}
		var ids []string
		for c := range lens.MaxChoicesPerQuestion - 1 {
			id := fmt.Sprintf("c%02d", c)
			ids = append(ids, id)
			q.Choices = append(q.Choices, lens.ChoiceDoc{ID: id, Title: "Practice " + id, ImprovementPlan: &lens.ResourceDoc{DisplayText: "Do " + id}})
		}
		q.Choices = append(q.Choices, lens.ChoiceDoc{ID: q.ID + lens.NoneSuffix, Title: "None of these"})
		q.RiskRules = []lens.RiskRuleDoc{
			{Condition: strings.Join(ids, " && "), Risk: lens.NoRisk},
			{Condition: "c00 && c01", Risk: lens.MediumRisk},
			{Condition: lens.DefaultCondition, Risk: lens.HighRisk},
		}
		p.Questions = append(p.Questions, q)
	}
	data, _ := json.Marshal(doc)
	if len(pad) > 0 {
		n := questions * lens.MaxChoicesPerQuestion
		each := (pad[0]-len(data))/n - len(`,"description":""`) - 1
		for p := range doc.Pillars {
			for q := range doc.Pillars[p].Questions {
				for c := range doc.Pillars[p].Questions[q].Choices {
					doc.Pillars[p].Questions[q].Choices[c].Description = strings.Repeat("d", max(each, 0))
				}
			}
		}
		data, _ = json.Marshal(doc)
	}
	return data
}

// BenchmarkLensLint50 lints 50 lenses of 500 KB each, every limit of the
// format at once, in one `wat lens lint`.
func BenchmarkLensLint50(b *testing.B) {
	dir := b.TempDir()
	data := wideLens(lens.MaxPillars*lens.MaxQuestionsPerPillar, lens.MaxDocumentSize)
	if len(data) > lens.MaxDocumentSize || len(data) < lens.MaxDocumentSize-10_000 {
		b.Fatalf("the lens is %d bytes", len(data))
	}
	args := []string{"lint"}
	for i := range 50 {
		file := filepath.Join(dir, fmt.Sprintf("lens%02d.json", i))
		if err := os.WriteFile(file, data, 0o644); err != nil {
			b.Fatal(err)
		}
		args = append(args, file)
	}
	b.SetBytes(int64(50 * len(data)))
	for b.Loop() {
		if stdout, stderr, code := runLens(b, args...); code != 0 {
			b.Fatalf("exit %d\n%s%s", code, stdout, stderr)
		}
	}
}
