package api

import (
	"context"

	"github.com/wat-dev/wat"
	"github.com/wat-dev/wat/api/wire"
	"github.com/wat-dev/wat/lens"
	"github.com/wat-dev/wat/service"
)

func content(r lens.Resource) *wire.ChoiceContent {
	if r.URL == "" && r.DisplayText == "" {
		return nil
	}
	return &wire.ChoiceContent{DisplayText: str(r.DisplayText), Url: str(r.URL)}
}

func choicesOut(q *lens.Question) []wire.Choice {
	out := make([]wire.Choice, 0, len(q.Choices))
	for _, c := range q.Choices {
		wc := wire.Choice{
			ChoiceId:        ptr(c.ID),
			Title:           ptr(c.Title),
			Description:     str(c.Description),
			HelpfulResource: content(c.HelpfulResource),
			ImprovementPlan: content(c.ImprovementPlan),
		}
		for _, ar := range c.AdditionalResources {
			r := wire.AdditionalResources{Type: wire.AdditionalResourceType(ar.Type)}
			for _, u := range ar.Content {
				r.Content = append(r.Content, *content(u))
			}
			wc.AdditionalResources = append(wc.AdditionalResources, r)
		}
		out = append(out, wc)
	}
	return out
}

// choiceState is one choice's state in an answer.
type choiceState struct {
	ID string
	wat.ChoiceAnswer
}

// choiceStates lists the state of every selected or otherwise annotated
// choice, in lens order.
func choiceStates(q *lens.Question, a *wat.Answer) []choiceState {
	var out []choiceState
	for _, c := range q.Choices {
		ca, ok := a.Choices[c.ID]
		switch {
		case contains(a.SelectedChoices, c.ID):
			ca.Status = wat.ChoiceSelected
		case !ok:
			continue
		}
		out = append(out, choiceState{ID: c.ID, ChoiceAnswer: ca})
	}
	return out
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

func answerOut(v *service.AnswerView) *wire.Answer {
	q, a := v.Question, v.Answer
	out := &wire.Answer{
		QuestionId:                 ptr(q.ID),
		PillarId:                   ptr(q.PillarID),
		QuestionTitle:              ptr(q.Title),
		QuestionDescription:        str(q.Description),
		HelpfulResourceUrl:         str(q.HelpfulResource.URL),
		HelpfulResourceDisplayText: str(q.HelpfulResource.DisplayText),
		ImprovementPlanUrl:         str(v.ImprovementPlanURL()),
		Choices:                    choicesOut(q),
		SelectedChoices:            append([]string{}, a.SelectedChoices...),
		IsApplicable:               ptr(a.IsApplicable),
		Risk:                       wire.Risk(v.Risk),
		Notes:                      str(a.Notes),
		Reason:                     wire.AnswerReason(a.Reason),
		ChoiceAnswers:              []wire.ChoiceAnswer{},
		JiraConfiguration:          issueOut(v.Jira),
	}
	for _, cs := range choiceStates(q, a) {
		out.ChoiceAnswers = append(out.ChoiceAnswers, wire.ChoiceAnswer{
			ChoiceId: ptr(cs.ID),
			Status:   wire.ChoiceStatus(cs.Status),
			Reason:   wire.ChoiceReason(cs.Reason),
			Notes:    str(cs.Notes),
		})
	}
	return out
}

func answerSummaryOut(v *service.AnswerView) wire.AnswerSummary {
	q, a := v.Question, v.Answer
	out := wire.AnswerSummary{
		QuestionId:        ptr(q.ID),
		PillarId:          ptr(q.PillarID),
		QuestionTitle:     ptr(q.Title),
		Choices:           choicesOut(q),
		SelectedChoices:   append([]string{}, a.SelectedChoices...),
		IsApplicable:      ptr(a.IsApplicable),
		Risk:              wire.Risk(v.Risk),
		Reason:            wire.AnswerReason(a.Reason),
		QuestionType:      questionType(v),
		JiraConfiguration: issueOut(v.Jira),

		ChoiceAnswerSummaries: []wire.ChoiceAnswerSummary{},
	}
	for _, cs := range choiceStates(q, a) {
		out.ChoiceAnswerSummaries = append(out.ChoiceAnswerSummaries, wire.ChoiceAnswerSummary{
			ChoiceId: ptr(cs.ID),
			Status:   wire.ChoiceStatus(cs.Status),
			Reason:   wire.ChoiceReason(cs.Reason),
		})
	}
	return out
}

func (h *handler) ListAnswers(ctx context.Context, in *wire.ListAnswersInput) (*wire.ListAnswersOutput, error) {
	vs, rv, next, err := h.svc.ListAnswers(ctx, val(in.WorkloadId), val(in.LensAlias), intOf(in.MilestoneNumber),
		service.AnswerFilter{PillarID: val(in.PillarId), QuestionPriority: string(in.QuestionPriority)},
		val(in.NextToken), intOf(in.MaxResults))
	if err != nil {
		return nil, err
	}
	out := &wire.ListAnswersOutput{
		WorkloadId:      in.WorkloadId,
		MilestoneNumber: in.MilestoneNumber,
		LensAlias:       &rv.Lens.Alias,
		LensArn:         &rv.Lens.ARN,
		NextToken:       str(next),
		AnswerSummaries: []wire.AnswerSummary{},
	}
	for _, v := range vs {
		out.AnswerSummaries = append(out.AnswerSummaries, answerSummaryOut(v))
	}
	return out, nil
}

func (h *handler) GetAnswer(ctx context.Context, in *wire.GetAnswerInput) (*wire.GetAnswerOutput, error) {
	v, err := h.svc.GetAnswer(ctx, val(in.WorkloadId), val(in.LensAlias), val(in.QuestionId), intOf(in.MilestoneNumber))
	if err != nil {
		return nil, err
	}
	return &wire.GetAnswerOutput{
		WorkloadId:      in.WorkloadId,
		MilestoneNumber: in.MilestoneNumber,
		LensAlias:       &v.Lens.Alias,
		LensArn:         &v.Lens.ARN,
		Answer:          answerOut(v),
	}, nil
}

func (h *handler) UpdateAnswer(ctx context.Context, in *wire.UpdateAnswerInput) (*wire.UpdateAnswerOutput, error) {
	v, err := h.svc.UpdateAnswer(ctx, answerUpdate(in.WorkloadId, in.LensAlias, in.QuestionId, in.SelectedChoices, in.ChoiceUpdates, in.Notes, in.IsApplicable, in.Reason))
	if err != nil {
		return nil, err
	}
	return &wire.UpdateAnswerOutput{
		WorkloadId: in.WorkloadId,
		LensAlias:  &v.Lens.Alias,
		LensArn:    &v.Lens.ARN,
		Answer:     answerOut(v),
	}, nil
}

func (h *handler) ListLensReviewImprovements(ctx context.Context, in *wire.ListLensReviewImprovementsInput) (*wire.ListLensReviewImprovementsOutput, error) {
	vs, rv, next, err := h.svc.ListLensReviewImprovements(ctx, val(in.WorkloadId), val(in.LensAlias), intOf(in.MilestoneNumber),
		service.AnswerFilter{PillarID: val(in.PillarId), QuestionPriority: string(in.QuestionPriority)},
		val(in.NextToken), intOf(in.MaxResults))
	if err != nil {
		return nil, err
	}
	out := &wire.ListLensReviewImprovementsOutput{
		WorkloadId:           in.WorkloadId,
		MilestoneNumber:      in.MilestoneNumber,
		LensAlias:            &rv.Lens.Alias,
		LensArn:              &rv.Lens.ARN,
		NextToken:            str(next),
		ImprovementSummaries: []wire.ImprovementSummary{},
	}
	for _, v := range vs {
		s := wire.ImprovementSummary{
			QuestionId:         ptr(v.Question.ID),
			PillarId:           ptr(v.Question.PillarID),
			QuestionTitle:      ptr(v.Question.Title),
			Risk:               wire.Risk(v.Risk),
			ImprovementPlanUrl: str(v.ImprovementPlanURL()),
			JiraConfiguration:  issueOut(v.Jira),
		}
		for _, c := range v.Improvements() {
			s.ImprovementPlans = append(s.ImprovementPlans, wire.ChoiceImprovementPlan{
				ChoiceId:           ptr(c.ID),
				DisplayText:        str(c.ImprovementPlan.DisplayText),
				ImprovementPlanUrl: str(c.ImprovementPlan.URL),
			})
		}
		out.ImprovementSummaries = append(out.ImprovementSummaries, s)
	}
	return out, nil
}

// questionType tells whether the workload's profile prioritises the question.
func questionType(v *service.AnswerView) wire.QuestionType {
	if v.Prioritized {
		return wire.QuestionTypePrioritized
	}
	return wire.QuestionTypeNonPrioritized
}

// answerUpdate is the use cases' form of an answer update, the same for a
// workload's answer (UpdateAnswer) and a review template's
// (UpdateReviewTemplateAnswer); id is the workload's ID or the template's
// ARN.
func answerUpdate(id, lens, question *string, selected []string, choices map[string]wire.ChoiceUpdate, notes *string, applicable *bool, reason wire.AnswerReason) service.UpdateAnswerInput {
	u := service.UpdateAnswerInput{
		WorkloadID:      val(id),
		LensAlias:       val(lens),
		QuestionID:      val(question),
		SelectedChoices: selected,
		Notes:           notes,
		IsApplicable:    applicable,
	}
	if reason != "" {
		u.Reason = ptr(string(reason))
	}
	if choices != nil {
		u.ChoiceUpdates = make(map[string]wat.ChoiceAnswer, len(choices))
		for id, c := range choices {
			u.ChoiceUpdates[id] = wat.ChoiceAnswer{Status: string(c.Status), Reason: string(c.Reason), Notes: val(c.Notes)}
		}
	}
	return u
}
