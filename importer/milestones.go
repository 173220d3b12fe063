package importer

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected/types"

	"github.com/wat-dev/wat/api/wire"
)

// sourceMilestones lists a source workload's milestones in number order.
func (im *Importer) sourceMilestones(ctx context.Context, id string) ([]types.MilestoneSummary, error) {
	return listMilestones(ctx, im.Source, id)
}

func listMilestones(ctx context.Context, c *wellarchitected.Client, id string) ([]types.MilestoneSummary, error) {
	var out []types.MilestoneSummary
	p := wellarchitected.NewListMilestonesPaginator(c, &wellarchitected.ListMilestonesInput{WorkloadId: &id})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, err
		}
		out = append(out, page.MilestoneSummaries...)
	}
	return out, nil
}

// copyMilestones records each milestone of the source workload in the
// target's, in order, under its own number and date (ImportMilestone: the
// same milestone again changes nothing, a different one under its number
// is refused).
func (im *Importer) copyMilestones(ctx context.Context, srcID, dstID, workload string) {
	ms, err := im.sourceMilestones(ctx, srcID)
	if err != nil {
		im.record(KindMilestone, workload, Failed, "listing its milestones: %s", Message(err))
		return
	}
	for _, m := range ms {
		label := fmt.Sprintf("%s #%d %s", workload, aws.ToInt32(m.MilestoneNumber), aws.ToString(m.MilestoneName))
		in, err := im.milestoneInput(ctx, srcID, dstID, m.MilestoneNumber)
		if err != nil {
			im.record(KindMilestone, label, Failed, "%s", err)
			continue
		}
		out, err := im.TargetWat.ImportMilestone(ctx, in)
		switch {
		case err != nil:
			im.record(KindMilestone, label, Failed, "%s", Message(err))
		case aws.ToBool(out.Created):
			im.record(KindMilestone, label, Created, "")
		default:
			im.record(KindMilestone, label, Unchanged, "")
		}
	}
}

// milestoneInput reads a source milestone: the workload as it was, each
// lens review's version and notes, and every answered question.
func (im *Importer) milestoneInput(ctx context.Context, srcID, dstID string, number *int32) (*wire.ImportMilestoneInput, error) {
	got, err := im.Source.GetMilestone(ctx, &wellarchitected.GetMilestoneInput{WorkloadId: &srcID, MilestoneNumber: number})
	if err != nil {
		return nil, fmt.Errorf("reading it: %s", Message(err))
	}
	m := got.Milestone
	w := m.Workload
	f := fieldsOf(w)
	in := &wire.ImportMilestoneInput{WorkloadId: &dstID, MilestoneNumber: number, MilestoneName: m.MilestoneName,
		RecordedAt: wire.NewTimestamp(aws.ToTime(m.RecordedAt)),
		Workload: &wire.ImportedMilestoneWorkload{Description: w.Description, Environment: wire.WorkloadEnvironment(w.Environment),
			AccountIds: empty(f.AccountIds), AwsRegions: empty(f.AwsRegions), NonAwsRegions: empty(f.NonAwsRegions),
			PillarPriorities: empty(f.PillarPriorities), ArchitecturalDesign: aws.String(f.ArchitecturalDesign),
			ReviewOwner: optional(f.ReviewOwner), IndustryType: aws.String(f.IndustryType), Industry: aws.String(f.Industry),
			Notes: aws.String(f.Notes)}}
	p := wellarchitected.NewListLensReviewsPaginator(im.Source, &wellarchitected.ListLensReviewsInput{WorkloadId: &srcID, MilestoneNumber: number})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, fmt.Errorf("listing its lens reviews: %s", Message(err))
		}
		for _, s := range page.LensReviewSummaries {
			src := aws.ToString(s.LensAlias)
			custom := isCustomLens(aws.ToString(s.LensArn))
			if custom {
				src = aws.ToString(s.LensArn)
			}
			dst, ok, why := im.targetLens(src)
			if !ok {
				return nil, fmt.Errorf("%s", why)
			}
			r, err := im.Source.GetLensReview(ctx, &wellarchitected.GetLensReviewInput{WorkloadId: &srcID, LensAlias: &src, MilestoneNumber: number})
			if err != nil {
				return nil, fmt.Errorf("reading its review of %s: %s", src, Message(err))
			}
			notes, pillars := reviewNotes(r.LensReview)
			ir := wire.ImportedLensReview{LensAlias: &dst, LensNotes: aws.String(notes), PillarNotes: pillars}
			if custom {
				// A built-in lens is on the target's version of it: AWS's
				// older framework versions are not wat's to serve.
				ir.LensVersion = r.LensReview.LensVersion
			}
			answers, err := readAnswers(ctx, im.Source, srcID, src, number)
			if err != nil {
				return nil, fmt.Errorf("reading its answers of %s: %s", src, Message(err))
			}
			for _, a := range answers {
				if a.answered() {
					ir.Answers = append(ir.Answers, importedAnswer(a))
				}
			}
			in.LensReviews = append(in.LensReviews, ir)
		}
	}
	return in, nil
}

func importedAnswer(a answer) wire.ImportedAnswer {
	out := wire.ImportedAnswer{QuestionId: aws.String(a.QuestionID), SelectedChoices: empty(a.Selected),
		IsApplicable: aws.Bool(a.IsApplicable), Reason: wire.AnswerReason(a.Reason), Notes: aws.String(a.Notes)}
	for id, c := range a.Choices {
		if out.ChoiceUpdates == nil {
			out.ChoiceUpdates = map[string]wire.ImportedChoice{}
		}
		out.ChoiceUpdates[id] = wire.ImportedChoice{Status: wire.ChoiceStatus(c.Status), Reason: wire.ChoiceReason(c.Reason), Notes: aws.String(c.Notes)}
	}
	return out
}

// empty is ss, as an empty list (not an absent one) when it has none: the
// milestone had none.
func empty(ss []string) []string {
	if ss == nil {
		return []string{}
	}
	return ss
}
