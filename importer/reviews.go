package importer

import (
	"context"
	"errors"
	"fmt"
	"reflect"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected/types"

	"github.com/wat-dev/wat/api/wire"
)

// answer is what an answer records, as the import compares and copies it.
type answer struct {
	QuestionID   string
	Selected     []string
	Choices      map[string]choice // the choices not applicable or with notes
	IsApplicable bool
	Reason       string
	Notes        string
}

// choice is a choice's state beyond being selected or not.
type choice struct {
	Status types.ChoiceStatus
	Reason types.ChoiceReason
	Notes  string
}

func answerOf(a *types.Answer) answer {
	out := answer{QuestionID: aws.ToString(a.QuestionId), Selected: a.SelectedChoices, IsApplicable: aws.ToBool(a.IsApplicable),
		Reason: string(a.Reason), Notes: aws.ToString(a.Notes)}
	if a.IsApplicable == nil {
		out.IsApplicable = true
	}
	if out.IsApplicable || out.Reason == string(types.AnswerReasonNone) {
		out.Reason = ""
	}
	if len(out.Selected) == 0 {
		out.Selected = nil
	}
	for _, c := range a.ChoiceAnswers {
		ch := choice{Status: c.Status, Reason: c.Reason, Notes: aws.ToString(c.Notes)}
		if ch.Status != types.ChoiceStatusNotApplicable || ch.Reason == types.ChoiceReasonNone {
			ch.Reason = ""
		}
		if ch.Status != types.ChoiceStatusNotApplicable && ch.Notes == "" {
			continue
		}
		if out.Choices == nil {
			out.Choices = map[string]choice{}
		}
		out.Choices[aws.ToString(c.ChoiceId)] = ch
	}
	return out
}

// answered reports whether the question has any answer at all.
func (a answer) answered() bool {
	return len(a.Selected) > 0 || len(a.Choices) > 0 || !a.IsApplicable || a.Notes != ""
}

// readAnswers reads every answer of a lens review (at a milestone, live
// when nil) in the lens's order: ListAnswers for the questions, GetAnswer
// for each, since only GetAnswer has the notes.
func readAnswers(ctx context.Context, c *wellarchitected.Client, workloadID, lens string, milestone *int32) ([]answer, error) {
	var ids []string
	p := wellarchitected.NewListAnswersPaginator(c, &wellarchitected.ListAnswersInput{WorkloadId: &workloadID, LensAlias: &lens, MilestoneNumber: milestone})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, err
		}
		for _, s := range page.AnswerSummaries {
			ids = append(ids, aws.ToString(s.QuestionId))
		}
	}
	out := make([]answer, 0, len(ids))
	for _, q := range ids {
		a, err := c.GetAnswer(ctx, &wellarchitected.GetAnswerInput{WorkloadId: &workloadID, LensAlias: &lens, QuestionId: &q, MilestoneNumber: milestone})
		if err != nil {
			return nil, fmt.Errorf("question %s: %w", q, err)
		}
		out = append(out, answerOf(a.Answer))
	}
	return out, nil
}

// reviewNotes are a lens review's notes and its pillars' notes.
func reviewNotes(r *types.LensReview) (string, map[string]string) {
	pillars := map[string]string{}
	for _, p := range r.PillarReviewSummaries {
		if n := aws.ToString(p.Notes); n != "" {
			pillars[aws.ToString(p.PillarId)] = n
		}
	}
	return aws.ToString(r.Notes), pillars
}

// copyReviews copies the live lens reviews of a workload: their notes and
// every answer that differs.
func (im *Importer) copyReviews(ctx context.Context, srcID, dstID, workload string) {
	p := wellarchitected.NewListLensReviewsPaginator(im.Source, &wellarchitected.ListLensReviewsInput{WorkloadId: &srcID})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			im.record(KindAnswers, workload, Failed, "listing its lens reviews: %s", Message(err))
			return
		}
		for _, r := range page.LensReviewSummaries {
			src := aws.ToString(r.LensAlias)
			if isCustomLens(aws.ToString(r.LensArn)) {
				src = aws.ToString(r.LensArn)
			}
			label := workload + " / " + aws.ToString(r.LensName)
			dst, ok, why := im.targetLens(src)
			if !ok {
				im.record(KindAnswers, label, Skipped, "%s", why)
				continue
			}
			o, detail, err := im.copyReview(ctx, srcID, dstID, src, dst)
			if err != nil {
				im.record(KindAnswers, label, Failed, "%s", err)
				continue
			}
			im.record(KindAnswers, label, o, "%s", detail)
		}
	}
}

// copyReview copies one lens review's notes and answers.
func (im *Importer) copyReview(ctx context.Context, srcID, dstID, src, dst string) (Outcome, string, error) {
	sr, err := im.Source.GetLensReview(ctx, &wellarchitected.GetLensReviewInput{WorkloadId: &srcID, LensAlias: &src})
	if err != nil {
		return Failed, "", fmt.Errorf("reading it: %s", Message(err))
	}
	tr, err := im.Target.GetLensReview(ctx, &wellarchitected.GetLensReviewInput{WorkloadId: &dstID, LensAlias: &dst})
	if err != nil {
		return Failed, "", fmt.Errorf("reading the target's: %s", Message(err))
	}
	changed, pinned := 0, ""
	if want, have := aws.ToString(sr.LensReview.LensVersion), aws.ToString(tr.LensReview.LensVersion); isCustomLens(src) && want != have {
		if err := im.pinReview(ctx, dstID, dst, want, have); err != nil {
			return Failed, "", err
		}
		changed, pinned = 1, fmt.Sprintf("put on lens version %q, ", want)
	}
	notes, pillars := reviewNotes(sr.LensReview)
	tNotes, tPillars := reviewNotes(tr.LensReview)
	if notes != tNotes || !reflect.DeepEqual(pillars, tPillars) {
		for id := range tPillars {
			if _, ok := pillars[id]; !ok {
				pillars[id] = ""
			}
		}
		if _, err := im.Target.UpdateLensReview(ctx, &wellarchitected.UpdateLensReviewInput{WorkloadId: &dstID, LensAlias: &dst,
			LensNotes: &notes, PillarNotes: pillars}); err != nil {
			return Failed, "", fmt.Errorf("updating its notes: %s", Message(err))
		}
		changed++
	}
	want, err := readAnswers(ctx, im.Source, srcID, src, nil)
	if err != nil {
		return Failed, "", fmt.Errorf("reading the answers: %s", Message(err))
	}
	have, err := readAnswers(ctx, im.Target, dstID, dst, nil)
	if err != nil {
		return Failed, "", fmt.Errorf("reading the target's answers: %s", Message(err))
	}
	current := map[string]answer{}
	for _, a := range have {
		current[a.QuestionID] = a
	}
	answers := 0
	for _, a := range want {
		old := current[a.QuestionID]
		if reflect.DeepEqual(a, old) {
			continue
		}
		if _, err := im.Target.UpdateAnswer(ctx, answerUpdate(dstID, dst, a, old)); err != nil {
			return Failed, "", fmt.Errorf("question %s: %s", a.QuestionID, Message(err))
		}
		answers++
	}
	if changed+answers == 0 {
		return Unchanged, "", nil
	}
	return Updated, fmt.Sprintf("%s%d answers", pinned, answers), nil
}

// answerUpdate is the UpdateAnswer that turns the answer old into a.
func answerUpdate(workloadID, lens string, a, old answer) *wellarchitected.UpdateAnswerInput {
	selected := a.Selected
	if selected == nil {
		selected = []string{}
	}
	updates := map[string]types.ChoiceUpdate{}
	for id, c := range a.Choices {
		updates[id] = types.ChoiceUpdate{Status: c.Status, Reason: c.Reason, Notes: aws.String(c.Notes)}
	}
	for id := range old.Choices {
		if _, ok := a.Choices[id]; !ok {
			status := types.ChoiceStatusUnselected
			for _, s := range selected {
				if s == id {
					status = types.ChoiceStatusSelected
				}
			}
			updates[id] = types.ChoiceUpdate{Status: status, Notes: aws.String("")}
		}
	}
	in := &wellarchitected.UpdateAnswerInput{WorkloadId: &workloadID, LensAlias: &lens, QuestionId: &a.QuestionID,
		SelectedChoices: selected, ChoiceUpdates: updates, Notes: aws.String(a.Notes), IsApplicable: aws.Bool(a.IsApplicable)}
	if !a.IsApplicable {
		in.Reason = types.AnswerReason(a.Reason)
	}
	return in
}

// pinReview puts the target's review of a custom lens on the version the
// source's is on, with wat's PinLensReviewVersion: a review in wat starts
// on its lens's latest version, and UpgradeLensReview would record a
// milestone of the target's own, under a number the source's milestones
// may use. The version is in the target: copyLens publishes every version
// a review or milestone of the source is on.
func (im *Importer) pinReview(ctx context.Context, dstID, dst, want, have string) error {
	_, err := im.TargetWat.PinLensReviewVersion(ctx, &wire.PinLensReviewVersionInput{WorkloadId: &dstID, LensAlias: &dst, LensVersion: &want})
	var conflict *types.ConflictException
	switch {
	case err == nil:
		return nil
	case errors.As(err, &conflict):
		return fmt.Errorf("the source's review is on lens version %q, the target's on %q, and the target's answers cannot move to %q (%s); "+
			"its notes and answers were not copied: clear that answer in the target and import again", want, have, want, Message(err))
	default:
		return fmt.Errorf("putting the target's review on lens version %q (it is on %q): %s", want, have, Message(err))
	}
}
