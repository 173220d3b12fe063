package api

import (
	"context"

	"github.com/wat-dev/wat/api/wire"
	"github.com/wat-dev/wat/service"
)

// questionCounts is the wire form of answered and unanswered counts.
func questionCounts(c service.QuestionCounts) map[string]int32 {
	return map[string]int32{
		string(wire.QuestionAnswered):   int32(c.Answered),
		string(wire.QuestionUnanswered): int32(c.Unanswered),
	}
}

func templateUpdateStatus(v *service.TemplateView) wire.ReviewTemplateUpdateStatus {
	if v.LensNotCurrent {
		return wire.ReviewTemplateUpdateStatusLensNotCurrent
	}
	return wire.ReviewTemplateUpdateStatusCurrent
}

func templateOut(v *service.TemplateView) *wire.ReviewTemplate {
	return &wire.ReviewTemplate{
		TemplateArn:    &v.ARN,
		TemplateName:   &v.Name,
		Description:    &v.Description,
		Notes:          str(v.Notes),
		Lenses:         v.LensAliases,
		Owner:          &v.AccountID,
		QuestionCounts: questionCounts(v.QuestionCounts),
		Tags:           v.Tags,
		UpdateStatus:   templateUpdateStatus(v),
		UpdatedAt:      ts(v.UpdatedAt),
	}
}

func (h *handler) CreateReviewTemplate(ctx context.Context, in *wire.CreateReviewTemplateInput) (*wire.CreateReviewTemplateOutput, error) {
	rt, err := h.svc.CreateReviewTemplate(ctx, service.CreateTemplateInput{
		Name: val(in.TemplateName), Description: val(in.Description), Notes: val(in.Notes),
		Lenses: in.Lenses, Tags: in.Tags, ClientRequestToken: val(in.ClientRequestToken),
	})
	if err != nil {
		return nil, err
	}
	return &wire.CreateReviewTemplateOutput{TemplateArn: &rt.ARN}, nil
}

func (h *handler) GetReviewTemplate(ctx context.Context, in *wire.GetReviewTemplateInput) (*wire.GetReviewTemplateOutput, error) {
	v, err := h.svc.GetReviewTemplate(ctx, val(in.TemplateArn))
	if err != nil {
		return nil, err
	}
	return &wire.GetReviewTemplateOutput{ReviewTemplate: templateOut(v)}, nil
}

func (h *handler) UpdateReviewTemplate(ctx context.Context, in *wire.UpdateReviewTemplateInput) (*wire.UpdateReviewTemplateOutput, error) {
	v, err := h.svc.UpdateReviewTemplate(ctx, val(in.TemplateArn), service.UpdateTemplateInput{
		Name: in.TemplateName, Description: in.Description, Notes: in.Notes,
		LensesToAssociate: in.LensesToAssociate, LensesToDisassociate: in.LensesToDisassociate,
	})
	if err != nil {
		return nil, err
	}
	return &wire.UpdateReviewTemplateOutput{ReviewTemplate: templateOut(v)}, nil
}

func (h *handler) DeleteReviewTemplate(ctx context.Context, in *wire.DeleteReviewTemplateInput) (*wire.DeleteReviewTemplateOutput, error) {
	if err := h.svc.DeleteReviewTemplate(ctx, val(in.TemplateArn), val(in.ClientRequestToken)); err != nil {
		return nil, err
	}
	return &wire.DeleteReviewTemplateOutput{}, nil
}

func (h *handler) ListReviewTemplates(ctx context.Context, in *wire.ListReviewTemplatesInput) (*wire.ListReviewTemplatesOutput, error) {
	vs, next, err := h.svc.ListReviewTemplates(ctx, val(in.NextToken), intOf(in.MaxResults))
	if err != nil {
		return nil, err
	}
	out := &wire.ListReviewTemplatesOutput{NextToken: str(next), ReviewTemplates: []wire.ReviewTemplateSummary{}}
	for _, v := range vs {
		out.ReviewTemplates = append(out.ReviewTemplates, wire.ReviewTemplateSummary{
			TemplateArn:  &v.ARN,
			TemplateName: &v.Name,
			Description:  &v.Description,
			Lenses:       v.LensAliases,
			Owner:        &v.AccountID,
			UpdateStatus: templateUpdateStatus(v),
			UpdatedAt:    ts(v.UpdatedAt),
		})
	}
	return out, nil
}

func templateReviewOut(v *service.TemplateReviewView) *wire.ReviewTemplateLensReview {
	status := service.LensStatusCurrent
	switch {
	case v.Lens.Deleted:
		status = service.LensStatusDeleted
	case v.Lens.LatestVersion != "" && v.Lens.LatestVersion != v.Review.LensVersion:
		status = service.LensStatusNotCurrent
	}
	r := &wire.ReviewTemplateLensReview{
		LensAlias:             &v.Lens.Alias,
		LensArn:               &v.Lens.ARN,
		LensName:              &v.Lens.Name,
		LensVersion:           &v.Review.LensVersion,
		LensStatus:            wire.LensStatus(status),
		Notes:                 str(v.Review.Notes),
		QuestionCounts:        questionCounts(v.QuestionCounts),
		UpdatedAt:             ts(v.Review.UpdatedAt),
		PillarReviewSummaries: []wire.ReviewTemplatePillarReviewSummary{},
	}
	for _, p := range v.Pillars {
		r.PillarReviewSummaries = append(r.PillarReviewSummaries, wire.ReviewTemplatePillarReviewSummary{
			PillarId:       ptr(p.ID),
			PillarName:     ptr(p.Name),
			Notes:          str(p.Notes),
			QuestionCounts: questionCounts(p.QuestionCounts),
		})
	}
	return r
}

func (h *handler) GetReviewTemplateLensReview(ctx context.Context, in *wire.GetReviewTemplateLensReviewInput) (*wire.GetReviewTemplateLensReviewOutput, error) {
	v, err := h.svc.GetReviewTemplateLensReview(ctx, val(in.TemplateArn), val(in.LensAlias))
	if err != nil {
		return nil, err
	}
	return &wire.GetReviewTemplateLensReviewOutput{TemplateArn: in.TemplateArn, LensReview: templateReviewOut(v)}, nil
}

func (h *handler) UpdateReviewTemplateLensReview(ctx context.Context, in *wire.UpdateReviewTemplateLensReviewInput) (*wire.UpdateReviewTemplateLensReviewOutput, error) {
	v, err := h.svc.UpdateReviewTemplateLensReview(ctx, val(in.TemplateArn), val(in.LensAlias), in.LensNotes, in.PillarNotes)
	if err != nil {
		return nil, err
	}
	return &wire.UpdateReviewTemplateLensReviewOutput{TemplateArn: in.TemplateArn, LensReview: templateReviewOut(v)}, nil
}

func templateAnswerStatus(v *service.TemplateAnswerView) wire.ReviewTemplateAnswerStatus {
	if v.Answered() {
		return wire.ReviewTemplateAnswerStatusAnswered
	}
	return wire.ReviewTemplateAnswerStatusUnanswered
}

func templateAnswerOut(v *service.TemplateAnswerView) *wire.ReviewTemplateAnswer {
	q, a := v.Question, v.Answer
	out := &wire.ReviewTemplateAnswer{
		QuestionId:                 ptr(q.ID),
		PillarId:                   ptr(q.PillarID),
		QuestionTitle:              ptr(q.Title),
		QuestionDescription:        str(q.Description),
		HelpfulResourceUrl:         str(q.HelpfulResource.URL),
		HelpfulResourceDisplayText: str(q.HelpfulResource.DisplayText),
		Choices:                    choicesOut(q),
		SelectedChoices:            append([]string{}, a.SelectedChoices...),
		IsApplicable:               ptr(a.IsApplicable),
		AnswerStatus:               templateAnswerStatus(v),
		Notes:                      str(a.Notes),
		Reason:                     wire.AnswerReason(a.Reason),
		ChoiceAnswers:              []wire.ChoiceAnswer{},
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

func (h *handler) ListReviewTemplateAnswers(ctx context.Context, in *wire.ListReviewTemplateAnswersInput) (*wire.ListReviewTemplateAnswersOutput, error) {
	vs, rv, next, err := h.svc.ListReviewTemplateAnswers(ctx, val(in.TemplateArn), val(in.LensAlias), val(in.PillarId),
		val(in.NextToken), intOf(in.MaxResults))
	if err != nil {
		return nil, err
	}
	out := &wire.ListReviewTemplateAnswersOutput{
		TemplateArn:     in.TemplateArn,
		LensAlias:       &rv.Lens.Alias,
		NextToken:       str(next),
		AnswerSummaries: []wire.ReviewTemplateAnswerSummary{},
	}
	for _, v := range vs {
		q, a := v.Question, v.Answer
		s := wire.ReviewTemplateAnswerSummary{
			QuestionId:            ptr(q.ID),
			PillarId:              ptr(q.PillarID),
			QuestionTitle:         ptr(q.Title),
			Choices:               choicesOut(q),
			SelectedChoices:       append([]string{}, a.SelectedChoices...),
			IsApplicable:          ptr(a.IsApplicable),
			AnswerStatus:          templateAnswerStatus(v),
			Reason:                wire.AnswerReason(a.Reason),
			QuestionType:          wire.QuestionTypeNonPrioritized,
			ChoiceAnswerSummaries: []wire.ChoiceAnswerSummary{},
		}
		for _, cs := range choiceStates(q, a) {
			s.ChoiceAnswerSummaries = append(s.ChoiceAnswerSummaries, wire.ChoiceAnswerSummary{
				ChoiceId: ptr(cs.ID),
				Status:   wire.ChoiceStatus(cs.Status),
				Reason:   wire.ChoiceReason(cs.Reason),
			})
		}
		out.AnswerSummaries = append(out.AnswerSummaries, s)
	}
	return out, nil
}

func (h *handler) GetReviewTemplateAnswer(ctx context.Context, in *wire.GetReviewTemplateAnswerInput) (*wire.GetReviewTemplateAnswerOutput, error) {
	v, err := h.svc.GetReviewTemplateAnswer(ctx, val(in.TemplateArn), val(in.LensAlias), val(in.QuestionId))
	if err != nil {
		return nil, err
	}
	return &wire.GetReviewTemplateAnswerOutput{TemplateArn: in.TemplateArn, LensAlias: &v.Lens.Alias, Answer: templateAnswerOut(v)}, nil
}

func (h *handler) UpdateReviewTemplateAnswer(ctx context.Context, in *wire.UpdateReviewTemplateAnswerInput) (*wire.UpdateReviewTemplateAnswerOutput, error) {
	v, err := h.svc.UpdateReviewTemplateAnswer(ctx, answerUpdate(in.TemplateArn, in.LensAlias, in.QuestionId, in.SelectedChoices, in.ChoiceUpdates, in.Notes, in.IsApplicable, in.Reason))
	if err != nil {
		return nil, err
	}
	return &wire.UpdateReviewTemplateAnswerOutput{TemplateArn: in.TemplateArn, LensAlias: &v.Lens.Alias, Answer: templateAnswerOut(v)}, nil
}

func (h *handler) UpgradeReviewTemplateLensReview(ctx context.Context, in *wire.UpgradeReviewTemplateLensReviewInput) (*wire.UpgradeReviewTemplateLensReviewOutput, error) {
	if err := h.svc.UpgradeReviewTemplateLensReview(ctx, val(in.TemplateArn), val(in.LensAlias), val(in.ClientRequestToken)); err != nil {
		return nil, err
	}
	return &wire.UpgradeReviewTemplateLensReviewOutput{}, nil
}
