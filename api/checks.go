package api

import (
	"context"
	"strconv"
	"strings"

	"github.com/wat-dev/wat/api/wire"
	"github.com/wat-dev/wat/service"
)

// checkProvider is the Provider of wat's checks. The model's enum has only
// TRUSTED_ADVISOR, which these are not: they come from the scans of
// infrastructure code uploaded with `wat scan --workload`. Every AWS SDK
// reads an enum value it does not know as a plain string (the Go SDK's
// types.CheckProvider("WAT_SCAN"), the CLI prints it), so a client can tell
// wat's checks from Trusted Advisor's.
const checkProvider wire.CheckProvider = "WAT_SCAN"

// maxFlaggedListed bounds the flagged resources a CheckDetail's
// description lists; FlaggedResources counts them all.
const maxFlaggedListed = 100

func checksInput(workloadID, lensARN, pillarID, questionID, choiceID, token *string, max *int32) service.ChecksInput {
	return service.ChecksInput{
		WorkloadID: val(workloadID), LensARN: val(lensARN), PillarID: val(pillarID), QuestionID: val(questionID),
		ChoiceID: val(choiceID), NextToken: val(token), MaxResults: intOf(max),
	}
}

func (h *handler) ListCheckSummaries(ctx context.Context, in *wire.ListCheckSummariesInput) (*wire.ListCheckSummariesOutput, error) {
	checks, next, err := h.svc.ListCheckSummaries(ctx, checksInput(in.WorkloadId, in.LensArn, in.PillarId, in.QuestionId, in.ChoiceId, in.NextToken, in.MaxResults))
	if err != nil {
		return nil, err
	}
	out := &wire.ListCheckSummariesOutput{CheckSummaries: []wire.CheckSummary{}, NextToken: str(next)}
	for _, c := range checks {
		out.CheckSummaries = append(out.CheckSummaries, wire.CheckSummary{
			Id: ptr(c.RuleID), Name: ptr(c.Title), Description: str(c.Description), Provider: checkProvider,
			LensArn: ptr(c.LensARN), PillarId: ptr(c.PillarID), QuestionId: ptr(c.QuestionID), ChoiceId: ptr(c.ChoiceID),
			Status:         wire.CheckStatus(c.Status),
			AccountSummary: map[string]int32{string(c.Status): 1}, // one account uploads a review's evidence
			UpdatedAt:      ts(c.UpdatedAt),
		})
	}
	return out, nil
}

func (h *handler) ListCheckDetails(ctx context.Context, in *wire.ListCheckDetailsInput) (*wire.ListCheckDetailsOutput, error) {
	checks, next, err := h.svc.ListCheckDetails(ctx, checksInput(in.WorkloadId, in.LensArn, in.PillarId, in.QuestionId, in.ChoiceId, in.NextToken, in.MaxResults))
	if err != nil {
		return nil, err
	}
	out := &wire.ListCheckDetailsOutput{CheckDetails: []wire.CheckDetail{}, NextToken: str(next)}
	for _, c := range checks {
		out.CheckDetails = append(out.CheckDetails, wire.CheckDetail{
			Id: ptr(c.RuleID), Name: ptr(c.Title), Description: str(detailDescription(c)), Provider: checkProvider,
			LensArn: ptr(c.LensARN), PillarId: ptr(c.PillarID), QuestionId: ptr(c.QuestionID), ChoiceId: ptr(c.ChoiceID),
			Status: wire.CheckStatus(c.Status), AccountId: ptr(c.AccountID),
			FlaggedResources: int32Ptr(min(len(c.Flagged), 9999)), // the model's range is 1..9999
			UpdatedAt:        ts(c.UpdatedAt),
		})
	}
	return out, nil
}

// detailDescription is a check's description followed by its flagged
// resources, one a line with FILE:LINE: the model has no other member
// to say which resources a check flags.
func detailDescription(c *service.CheckView) string {
	var b strings.Builder
	b.WriteString(c.Description)
	for i, r := range c.Flagged {
		if b.Len() > 0 {
			b.WriteString("\n")
		}
		if i == maxFlaggedListed {
			b.WriteString("... and " + strconv.Itoa(len(c.Flagged)-i) + " more")
			break
		}
		b.WriteString(r.String())
	}
	return b.String()
}
