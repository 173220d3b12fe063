package api

import (
	"context"
	"errors"

	"github.com/wat-dev/wat"
	"github.com/wat-dev/wat/api/wire"
	"github.com/wat-dev/wat/service"
)

// The evidence operations are wat's own (spec/wat.json; routed, decoded and
// validated by the generated wat_*_gen.go of package wire).
// PutWorkloadEvidence stores a scan as a lens review's evidence: the
// CONTRIBUTOR role and the IAM action wellarchitected:PutWorkloadEvidence.
// GetSuggestedAnswers reads what the evidence proposes: any reader,
// wellarchitected:GetSuggestedAnswers. ApplySuggestedAnswers applies them in
// one transaction: an UpdateAnswer of each question, asking what
// UpdateAnswer asks (CONTRIBUTOR, wellarchitected:UpdateAnswer).

// Amend adds, to the model's refusal of an upload, what the lens refuses in
// it (wire.Amender), so that one response names every problem. It asks the
// use case as the upload would: when the caller may not upload, or the
// review is not found, the model's problems are answer enough.
func (h *handler) Amend(ctx context.Context, in any) []wat.FieldError {
	up, ok := in.(*wire.PutWorkloadEvidenceInput)
	if !ok {
		return nil
	}
	var e *wat.Error
	if err := h.svc.CheckEvidence(ctx, evidenceUpload(up)); errors.As(err, &e) && e.Code == wat.EInvalid {
		return e.Fields
	}
	return nil
}

// evidenceUpload translates an upload for the use case.
func evidenceUpload(in *wire.PutWorkloadEvidenceInput) service.EvidenceUpload {
	up := service.EvidenceUpload{WorkloadID: val(in.WorkloadId), LensAlias: val(in.LensAlias), Tool: val(in.Tool)}
	for _, r := range in.Rules {
		er := service.EvidenceRule{ID: val(r.Id), Title: val(r.Title), Description: val(r.Description),
			Severity: string(r.Severity), ChoiceIDs: r.ChoiceIds, Passed: intOf(r.Passed)}
		for _, f := range r.Flagged {
			er.Flagged = append(er.Flagged, wat.FlaggedResource{Status: string(f.Status), Name: val(f.Resource), Type: val(f.Type),
				File: val(f.File), Line: intOf(f.Line), Reason: val(f.Reason)})
		}
		up.Rules = append(up.Rules, er)
	}
	for _, p := range in.Problems {
		up.Problems = append(up.Problems, wat.EvidenceProblem{File: val(p.File), Line: intOf(p.Line), Message: val(p.Message)})
	}
	return up
}

// PutWorkloadEvidence stores the upload as the review's evidence.
func (h *handler) PutWorkloadEvidence(ctx context.Context, in *wire.PutWorkloadEvidenceInput) (*wire.PutWorkloadEvidenceOutput, error) {
	up := evidenceUpload(in)
	v, err := h.svc.PutWorkloadEvidence(ctx, up)
	if err != nil {
		return nil, err
	}
	counts := map[string]int32{}
	for _, s := range []wat.CheckStatus{wat.CheckOkay, wat.CheckWarning, wat.CheckError, wat.CheckNotAvailable} {
		counts[string(s)] = int32(v.RuleStatus[s])
	}
	return &wire.PutWorkloadEvidenceOutput{
		WorkloadId: ptr(v.Evidence.WorkloadID), LensAlias: ptr(v.Lens.Alias), LensArn: ptr(v.Lens.ARN),
		UpdatedAt: ts(v.Evidence.UpdatedAt), RuleCount: ptr(int32(len(up.Rules))), CheckCount: ptr(int32(len(v.Evidence.Checks))),
		RuleStatusCounts: counts,
	}, nil
}

// GetSuggestedAnswers translates the suggestions of the use case.
func (h *handler) GetSuggestedAnswers(ctx context.Context, in *wire.GetSuggestedAnswersInput) (*wire.GetSuggestedAnswersOutput, error) {
	v, err := h.svc.GetSuggestedAnswers(ctx, val(in.WorkloadId), val(in.LensAlias))
	if err != nil {
		return nil, err
	}
	out := &wire.GetSuggestedAnswersOutput{WorkloadId: in.WorkloadId, LensAlias: ptr(v.Lens.Alias), LensArn: ptr(v.Lens.ARN),
		SuggestedAnswers: []wire.SuggestedAnswer{}}
	if v.Evidence != nil {
		out.EvidenceUpdatedAt = ts(v.Evidence.UpdatedAt)
	}
	for _, g := range v.Suggestions {
		out.SuggestedAnswers = append(out.SuggestedAnswers, suggestedAnswer(g))
	}
	return out, nil
}

// ApplySuggestedAnswers applies the suggestions, in one transaction.
func (h *handler) ApplySuggestedAnswers(ctx context.Context, in *wire.ApplySuggestedAnswersInput) (*wire.ApplySuggestedAnswersOutput, error) {
	applied, err := h.svc.ApplySuggestedAnswers(ctx, val(in.WorkloadId), val(in.LensAlias), in.QuestionIds)
	if err != nil {
		return nil, err
	}
	out := &wire.ApplySuggestedAnswersOutput{WorkloadId: in.WorkloadId, LensAlias: in.LensAlias, AppliedAnswers: []wire.SuggestedAnswer{}}
	for _, g := range applied {
		out.AppliedAnswers = append(out.AppliedAnswers, suggestedAnswer(g))
	}
	return out, nil
}

// suggestedAnswer is the wire form of a suggestion.
func suggestedAnswer(g *service.Suggestion) wire.SuggestedAnswer {
	list := func(ids []string) []string {
		if ids == nil {
			return []string{}
		}
		return ids
	}
	return wire.SuggestedAnswer{
		QuestionId: ptr(g.Question.ID), PillarId: ptr(g.Question.PillarID), QuestionTitle: ptr(g.Question.Title),
		SelectedChoices: list(g.Answer.SelectedChoices), Risk: wire.Risk(g.Risk),
		PassingChoices: list(g.Passing), FailingChoices: list(g.Failing),
		SuggestedChoices: list(g.SelectedChoices), SuggestedNotes: ptr(g.Notes), SuggestedRisk: wire.Risk(g.NewRisk),
		HasChanges: ptr(g.Changes()), ChangesNotes: ptr(g.Changes() && g.Notes != g.Answer.Notes), SkipReason: str(g.Skipped),
	}
}
