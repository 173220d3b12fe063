package importer

import (
	"context"
	"fmt"
	"reflect"
	"slices"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected/types"

	"github.com/wat-dev/wat"
)

// copyTemplates copies the source account's review templates with their
// lenses, notes and answers, matched with the target's by name.
func (im *Importer) copyTemplates(ctx context.Context) error {
	src, err := listTemplates(ctx, im.Source)
	if err != nil {
		return fmt.Errorf("listing the source's review templates: %s", Message(err))
	}
	dst, err := listTemplates(ctx, im.Target)
	if err != nil {
		return fmt.Errorf("listing the target's review templates: %s", Message(err))
	}
	byName := map[string]string{}
	for _, t := range dst {
		byName[wat.NameKey(aws.ToString(t.TemplateName))] = aws.ToString(t.TemplateArn)
	}
	for _, t := range src {
		name := aws.ToString(t.TemplateName)
		o, detail, err := im.copyTemplate(ctx, aws.ToString(t.TemplateArn), byName[wat.NameKey(name)])
		if err != nil {
			im.record(KindTemplate, name, Failed, "%s", err)
			continue
		}
		im.record(KindTemplate, name, o, "%s", detail)
	}
	return nil
}

func (im *Importer) copyTemplate(ctx context.Context, arn, target string) (Outcome, string, error) {
	got, err := im.Source.GetReviewTemplate(ctx, &wellarchitected.GetReviewTemplateInput{TemplateArn: &arn})
	if err != nil {
		return Failed, "", fmt.Errorf("reading it: %s", Message(err))
	}
	t := got.ReviewTemplate
	var lenses []string
	for _, l := range t.Lenses {
		dst, ok, why := im.targetLens(l)
		if !ok {
			return Failed, "", fmt.Errorf("%s", why)
		}
		lenses = append(lenses, dst)
	}
	outcome := Unchanged
	if target == "" {
		out, err := im.Target.CreateReviewTemplate(ctx, &wellarchitected.CreateReviewTemplateInput{TemplateName: t.TemplateName,
			Description: t.Description, Lenses: lenses, Notes: t.Notes, Tags: nonEmpty(t.Tags)})
		if err != nil {
			return Failed, "", fmt.Errorf("creating it: %s", Message(err))
		}
		target, outcome = aws.ToString(out.TemplateArn), Created
	} else {
		cur, err := im.Target.GetReviewTemplate(ctx, &wellarchitected.GetReviewTemplateInput{TemplateArn: &target})
		if err != nil {
			return Failed, "", fmt.Errorf("reading the target's: %s", Message(err))
		}
		var add []string
		for _, l := range lenses {
			if !slices.Contains(cur.ReviewTemplate.Lenses, l) {
				add = append(add, l)
			}
		}
		c := cur.ReviewTemplate
		if len(add) > 0 || aws.ToString(c.Description) != aws.ToString(t.Description) || aws.ToString(c.Notes) != aws.ToString(t.Notes) {
			if _, err := im.Target.UpdateReviewTemplate(ctx, &wellarchitected.UpdateReviewTemplateInput{TemplateArn: &target,
				Description: t.Description, Notes: aws.String(aws.ToString(t.Notes)), LensesToAssociate: add}); err != nil {
				return Failed, "", fmt.Errorf("updating it: %s", Message(err))
			}
			outcome = Updated
		}
	}
	answers := 0
	for i, l := range t.Lenses {
		n, err := im.copyTemplateLens(ctx, arn, target, l, lenses[i])
		if err != nil {
			return Failed, "", err
		}
		answers += n
	}
	if answers > 0 && outcome == Unchanged {
		outcome = Updated
	}
	if answers > 0 {
		return outcome, fmt.Sprintf("%d answers", answers), nil
	}
	return outcome, "", nil
}

// copyTemplateLens copies a template's lens notes and answers of one lens
// and returns how many it changed.
func (im *Importer) copyTemplateLens(ctx context.Context, arn, target, src, dst string) (int, error) {
	sr, err := im.Source.GetReviewTemplateLensReview(ctx, &wellarchitected.GetReviewTemplateLensReviewInput{TemplateArn: &arn, LensAlias: &src})
	if err != nil {
		return 0, fmt.Errorf("reading its review of %s: %s", src, Message(err))
	}
	tr, err := im.Target.GetReviewTemplateLensReview(ctx, &wellarchitected.GetReviewTemplateLensReviewInput{TemplateArn: &target, LensAlias: &dst})
	if err != nil {
		return 0, fmt.Errorf("reading the target's review of %s: %s", dst, Message(err))
	}
	changed := 0
	notes, tNotes := templateNotes(sr.LensReview), templateNotes(tr.LensReview)
	if !reflect.DeepEqual(notes, tNotes) {
		pillars := map[string]string{}
		for id := range tNotes {
			pillars[id] = ""
		}
		for id, n := range notes {
			pillars[id] = n
		}
		delete(pillars, "")
		if _, err := im.Target.UpdateReviewTemplateLensReview(ctx, &wellarchitected.UpdateReviewTemplateLensReviewInput{TemplateArn: &target,
			LensAlias: &dst, LensNotes: aws.String(notes[""]), PillarNotes: pillars}); err != nil {
			return 0, fmt.Errorf("updating its notes of %s: %s", dst, Message(err))
		}
		changed++
	}
	want, err := templateAnswers(ctx, im.Source, arn, src)
	if err != nil {
		return 0, fmt.Errorf("reading its answers of %s: %s", src, Message(err))
	}
	have, err := templateAnswers(ctx, im.Target, target, dst)
	if err != nil {
		return 0, fmt.Errorf("reading the target's answers of %s: %s", dst, Message(err))
	}
	for _, a := range want {
		old := have.get(a.QuestionID)
		if reflect.DeepEqual(a, old) {
			continue
		}
		u := answerUpdate("", dst, a, old)
		if _, err := im.Target.UpdateReviewTemplateAnswer(ctx, &wellarchitected.UpdateReviewTemplateAnswerInput{TemplateArn: &target,
			LensAlias: &dst, QuestionId: u.QuestionId, SelectedChoices: u.SelectedChoices, ChoiceUpdates: u.ChoiceUpdates,
			Notes: u.Notes, IsApplicable: u.IsApplicable, Reason: u.Reason}); err != nil {
			return 0, fmt.Errorf("question %s: %s", a.QuestionID, Message(err))
		}
		changed++
	}
	return changed, nil
}

// templateNotes are a template lens review's notes ("" key) and its
// pillars' notes.
func templateNotes(r *types.ReviewTemplateLensReview) map[string]string {
	out := map[string]string{}
	if n := aws.ToString(r.Notes); n != "" {
		out[""] = n
	}
	for _, p := range r.PillarReviewSummaries {
		if n := aws.ToString(p.Notes); n != "" {
			out[aws.ToString(p.PillarId)] = n
		}
	}
	return out
}

// templateAnswers reads every answer of a template's lens, in lens order.
func templateAnswers(ctx context.Context, c *wellarchitected.Client, arn, lens string) (orderedAnswers, error) {
	var out orderedAnswers
	p := wellarchitected.NewListReviewTemplateAnswersPaginator(c, &wellarchitected.ListReviewTemplateAnswersInput{TemplateArn: &arn, LensAlias: &lens})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, err
		}
		for _, s := range page.AnswerSummaries {
			a, err := c.GetReviewTemplateAnswer(ctx, &wellarchitected.GetReviewTemplateAnswerInput{TemplateArn: &arn, LensAlias: &lens, QuestionId: s.QuestionId})
			if err != nil {
				return nil, err
			}
			ta := a.Answer
			out = append(out, answerOf(&types.Answer{QuestionId: ta.QuestionId, SelectedChoices: ta.SelectedChoices, ChoiceAnswers: ta.ChoiceAnswers,
				IsApplicable: ta.IsApplicable, Reason: ta.Reason, Notes: ta.Notes}))
		}
	}
	return out, nil
}

// orderedAnswers are answers in lens order, looked up by question.
type orderedAnswers []answer

func (as orderedAnswers) get(id string) answer {
	for _, a := range as {
		if a.QuestionID == id {
			return a
		}
	}
	return answer{}
}

func listTemplates(ctx context.Context, c *wellarchitected.Client) ([]types.ReviewTemplateSummary, error) {
	var out []types.ReviewTemplateSummary
	p := wellarchitected.NewListReviewTemplatesPaginator(c, &wellarchitected.ListReviewTemplatesInput{})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, err
		}
		out = append(out, page.ReviewTemplates...)
	}
	return out, nil
}
