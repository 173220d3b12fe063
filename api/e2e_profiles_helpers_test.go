package api_test

import (
	"context"
	"encoding/json"
	"os"
	"sort"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	wa "github.com/aws/aws-sdk-go-v2/service/wellarchitected"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected/types"
)

// templateFile is the profile template as data; the tests read it
// themselves rather than through the profile package.
const templateFile = "../profile/template.json"

// templateData is what the tests use of the template: questions with their
// bounds, choices and mappings.
type templateData struct {
	Questions []struct {
		ID      string `json:"id"`
		Min     int    `json:"minSelectedChoices"`
		Max     int    `json:"maxSelectedChoices"`
		Choices []struct {
			ID          string   `json:"id"`
			Prioritizes []string `json:"prioritizes"`
		} `json:"choices"`
	} `json:"questions"`
}

func readTemplate(t *testing.T) *templateData {
	t.Helper()
	b, err := os.ReadFile(templateFile)
	if err != nil {
		t.Fatal(err)
	}
	var d templateData
	if err := json.Unmarshal(b, &d); err != nil {
		t.Fatal(err)
	}
	return &d
}

// baseAnswers selects the first choice of every required question.
func (d *templateData) baseAnswers() map[string][]string {
	m := map[string][]string{}
	for _, q := range d.Questions {
		if q.Min > 0 {
			m[q.ID] = []string{q.Choices[0].ID}
		}
	}
	return m
}

// prioritized is the union of the mappings of the selected choices.
func (d *templateData) prioritized(sel map[string][]string) []string {
	set := map[string]bool{}
	for _, q := range d.Questions {
		for _, c := range q.Choices {
			for _, id := range sel[q.ID] {
				if id == c.ID {
					for _, fq := range c.Prioritizes {
						set[fq] = true
					}
				}
			}
		}
	}
	return sortedKeys(set)
}

func sortedKeys(m map[string]bool) []string {
	out := []string{}
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func questionUpdates(sel map[string][]string) []types.ProfileQuestionUpdate {
	var out []types.ProfileQuestionUpdate
	for q, cs := range sel {
		out = append(out, types.ProfileQuestionUpdate{QuestionId: aws.String(q), SelectedChoiceIds: cs})
	}
	sort.Slice(out, func(i, j int) bool { return *out[i].QuestionId < *out[j].QuestionId })
	return out
}

// createProfile creates a profile with the given selections and returns
// its ARN.
func createProfile(t *testing.T, c *wa.Client, name string, sel map[string][]string) string {
	t.Helper()
	out, err := c.CreateProfile(context.Background(), &wa.CreateProfileInput{
		ProfileName: aws.String(name), ProfileDescription: aws.String("Business context"),
		ProfileQuestions: questionUpdates(sel), ClientRequestToken: aws.String(name),
	})
	if err != nil {
		t.Fatalf("CreateProfile(%s): %v", name, err)
	}
	return aws.ToString(out.ProfileArn)
}

// prioritizedQuestions lists the question ids ListAnswers returns with
// QuestionPriority PRIORITIZED, and checks that every question of the
// unfiltered list has the QuestionType that agrees with it.
func prioritizedQuestions(t *testing.T, c *wa.Client, id string) []string {
	t.Helper()
	ctx := context.Background()
	set := map[string]bool{}
	p := wa.NewListAnswersPaginator(c, &wa.ListAnswersInput{WorkloadId: &id, LensAlias: aws.String(lensAlias), QuestionPriority: types.QuestionPriorityPrioritized})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			t.Fatalf("ListAnswers(PRIORITIZED): %v", err)
		}
		for _, a := range page.AnswerSummaries {
			set[aws.ToString(a.QuestionId)] = true
		}
	}
	all := wa.NewListAnswersPaginator(c, &wa.ListAnswersInput{WorkloadId: &id, LensAlias: aws.String(lensAlias)})
	for all.HasMorePages() {
		page, err := all.NextPage(ctx)
		if err != nil {
			t.Fatalf("ListAnswers: %v", err)
		}
		for _, a := range page.AnswerSummaries {
			want := types.QuestionTypeNonPrioritized
			if set[aws.ToString(a.QuestionId)] {
				want = types.QuestionTypePrioritized
			}
			if a.QuestionType != want {
				t.Errorf("question %s has QuestionType %s, want %s", aws.ToString(a.QuestionId), a.QuestionType, want)
			}
		}
	}
	return sortedKeys(set)
}
