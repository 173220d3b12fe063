package api

import (
	"context"

	"github.com/wat-dev/wat"
	"github.com/wat-dev/wat/api/wire"
	"github.com/wat-dev/wat/service"
)

// ImportMilestone records a milestone with its original number and date
// (wat's own operation, for `wat import`).
func (h *handler) ImportMilestone(ctx context.Context, in *wire.ImportMilestoneInput) (*wire.ImportMilestoneOutput, error) {
	si := service.ImportMilestoneInput{
		WorkloadID: val(in.WorkloadId), Number: intOf(in.MilestoneNumber), Name: val(in.MilestoneName),
	}
	if in.RecordedAt != nil { // required: the model checked it is there
		si.RecordedAt = in.RecordedAt.Time()
	}
	if w := in.Workload; w != nil {
		si.Workload = service.ImportedWorkload{
			Description: w.Description, ArchitecturalDesign: w.ArchitecturalDesign, ReviewOwner: w.ReviewOwner,
			IndustryType: w.IndustryType, Industry: w.Industry, Notes: w.Notes,
			AccountIDs: w.AccountIds, AWSRegions: w.AwsRegions, NonAWSRegions: w.NonAwsRegions, PillarPriorities: w.PillarPriorities,
		}
		if w.Environment != "" {
			env := string(w.Environment)
			si.Workload.Environment = &env
		}
	}
	for _, r := range in.LensReviews {
		ir := service.ImportedLensReview{LensAlias: val(r.LensAlias), LensVersion: val(r.LensVersion), Notes: val(r.LensNotes), PillarNotes: r.PillarNotes}
		for _, a := range r.Answers {
			ia := service.ImportedAnswer{QuestionID: val(a.QuestionId), SelectedChoices: a.SelectedChoices, IsApplicable: a.IsApplicable,
				Reason: string(a.Reason), Notes: val(a.Notes)}
			if len(a.ChoiceUpdates) > 0 {
				ia.ChoiceUpdates = make(map[string]wat.ChoiceAnswer, len(a.ChoiceUpdates))
				for id, c := range a.ChoiceUpdates {
					ia.ChoiceUpdates[id] = wat.ChoiceAnswer{Status: string(c.Status), Reason: string(c.Reason), Notes: val(c.Notes)}
				}
			}
			ir.Answers = append(ir.Answers, ia)
		}
		si.LensReviews = append(si.LensReviews, ir)
	}
	created, err := h.svc.ImportMilestone(ctx, si)
	if err != nil {
		return nil, err
	}
	return &wire.ImportMilestoneOutput{WorkloadId: in.WorkloadId, MilestoneNumber: in.MilestoneNumber, Created: &created}, nil
}
