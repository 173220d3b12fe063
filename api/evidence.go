package api

import (
	"context"
	"net/http"
	"regexp"
	"unicode/utf8"

	"github.com/wat-dev/wat"
	"github.com/wat-dev/wat/api/wire"
	"github.com/wat-dev/wat/service"
)

// The evidence operations, beyond the AWS model (shapes in
// api/wire/evidence.go). PutWorkloadEvidence stores a scan as a lens
// review's evidence: the CONTRIBUTOR role and the IAM action
// wellarchitected:PutWorkloadEvidence. GetSuggestedAnswers reads what the
// evidence proposes: any reader, wellarchitected:GetSuggestedAnswers.
// ApplySuggestedAnswers applies them in one transaction: an UpdateAnswer
// of each question, asking what UpdateAnswer asks (CONTRIBUTOR,
// wellarchitected:UpdateAnswer).
var (
	putWorkloadEvidence = &wire.Operation{
		Name: "PutWorkloadEvidence", Method: http.MethodPut, URI: wire.PutWorkloadEvidenceURI,
		SuccessCode: http.StatusOK, HasOutput: true,
		Invoke: func(ctx context.Context, h wire.Handler, req *wire.Request) (any, error) {
			in := &wire.PutWorkloadEvidenceInput{}
			if err := bindLensReview(req, &in.WorkloadId, &in.LensAlias); err != nil {
				return nil, err
			}
			if err := decodeStrict(req.Body, in); err != nil {
				return nil, err
			}
			if in.Rules == nil {
				return nil, wat.Invalid("Rules", "Rules is required: the rules the scan ran (a list, maybe empty)")
			}
			return ours(h).PutWorkloadEvidence(ctx, in)
		},
	}
	applySuggestedAnswers = &wire.Operation{
		Name: "ApplySuggestedAnswers", Method: http.MethodPost, URI: wire.ApplySuggestedAnswersURI,
		SuccessCode: http.StatusOK, HasOutput: true,
		Invoke: func(ctx context.Context, h wire.Handler, req *wire.Request) (any, error) {
			in := &wire.ApplySuggestedAnswersInput{}
			if err := bindLensReview(req, &in.WorkloadId, &in.LensAlias); err != nil {
				return nil, err
			}
			if len(req.Body) > 0 {
				if err := decodeStrict(req.Body, in); err != nil {
					return nil, err
				}
			}
			if len(in.QuestionIds) > 100 {
				return nil, wat.Invalid("QuestionIds", "QuestionIds has at most 100 question ids")
			}
			return ours(h).ApplySuggestedAnswers(ctx, in)
		},
	}
	getSuggestedAnswers = &wire.Operation{
		Name: "GetSuggestedAnswers", Method: http.MethodGet, URI: wire.GetSuggestedAnswersURI,
		SuccessCode: http.StatusOK, HasOutput: true,
		Invoke: func(ctx context.Context, h wire.Handler, req *wire.Request) (any, error) {
			in := &wire.GetSuggestedAnswersInput{}
			if err := bindLensReview(req, &in.WorkloadId, &in.LensAlias); err != nil {
				return nil, err
			}
			return ours(h).GetSuggestedAnswers(ctx, in)
		},
	}
)

// ours is the *handler the server hands every operation.
func ours(h wire.Handler) *handler {
	if o, ok := h.(*handler); ok {
		return o
	}
	panic("api: wat's own operations need the server's handler")
}

var workloadIDPattern = regexp.MustCompile(`^[0-9a-f]{32}$`)

// bindLensReview reads and checks the labels {WorkloadId} and {LensAlias}
// as the model constrains them in its operations.
func bindLensReview(req *wire.Request, workloadID, lensAlias **string) error {
	var fields []wat.FieldError
	id, alias := req.Labels["WorkloadId"], req.Labels["LensAlias"]
	if !workloadIDPattern.MatchString(id) {
		fields = append(fields, wat.FieldError{Name: "WorkloadId", Message: "Member must satisfy regular expression pattern: ^[0-9a-f]{32}$"})
	}
	if n := utf8.RuneCountInString(alias); n < 1 || n > 128 {
		fields = append(fields, wat.FieldError{Name: "LensAlias", Message: "Member must have length between 1 and 128"})
	}
	if len(fields) > 0 {
		return &wat.Error{Code: wat.EInvalid, Reason: wat.ReasonFieldValidationFailed,
			Message: "1 validation error detected: " + fields[0].Name + ": " + fields[0].Message, Fields: fields}
	}
	*workloadID, *lensAlias = &id, &alias
	return nil
}

// PutWorkloadEvidence translates the upload for the use case.
func (h *handler) PutWorkloadEvidence(ctx context.Context, in *wire.PutWorkloadEvidenceInput) (*wire.PutWorkloadEvidenceOutput, error) {
	up := service.EvidenceUpload{WorkloadID: val(in.WorkloadId), LensAlias: val(in.LensAlias), Tool: val(in.Tool)}
	for _, r := range in.Rules {
		er := service.EvidenceRule{ID: val(r.Id), Title: val(r.Title), Description: val(r.Description),
			Severity: val(r.Severity), ChoiceIDs: r.ChoiceIds, Passed: intOf(r.Passed)}
		for _, f := range r.Flagged {
			er.Flagged = append(er.Flagged, wat.FlaggedResource{Status: val(f.Status), Name: val(f.Resource), Type: val(f.Type),
				File: val(f.File), Line: intOf(f.Line), Reason: val(f.Reason)})
		}
		up.Rules = append(up.Rules, er)
	}
	for _, p := range in.Problems {
		up.Problems = append(up.Problems, wat.EvidenceProblem{File: val(p.File), Line: intOf(p.Line), Message: val(p.Message)})
	}
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
