package watclient

import (
	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/wat-dev/wat/api/wire"
	"github.com/wat-dev/wat/scan"
)

// EvidenceInput is the upload of a scan to a workload's review of a lens:
// every rule of rules, with the choices it is evidence for, how many
// resources pass it and those that do not, and the files that could not
// be read — as many as the model allows, their messages cut to its bound:
// a scan of many broken files still uploads. path maps a scanned file to
// the path the evidence shows.
func EvidenceInput(workloadID, lensAlias, tool string, rules []*scan.Rule, rep *scan.Report, path func(string) string) *wire.PutWorkloadEvidenceInput {
	in := &wire.PutWorkloadEvidenceInput{WorkloadId: &workloadID, LensAlias: &lensAlias, Tool: aws.String(tool), Rules: []wire.EvidenceRule{}}
	for _, o := range rep.Outcomes(rules) {
		er := wire.EvidenceRule{Id: aws.String(o.Rule.ID), Title: aws.String(o.Rule.Title), Description: aws.String(o.Rule.Description),
			Severity: wire.EvidenceSeverity(o.Rule.Severity), ChoiceIds: o.Rule.Choices, Passed: aws.Int32(int32(o.Passed))}
		for _, res := range o.Flagged {
			fr := wire.FlaggedResource{Status: wire.FlaggedStatus(res.Status), Resource: aws.String(res.Resource.Name),
				File: aws.String(path(res.Resource.File))}
			if res.Resource.Type != "" {
				fr.Type = aws.String(res.Resource.Type)
			}
			if res.Resource.Line > 0 {
				fr.Line = aws.Int32(int32(res.Resource.Line))
			}
			if res.Reason != "" {
				fr.Reason = aws.String(res.Reason)
			}
			er.Flagged = append(er.Flagged, fr)
		}
		in.Rules = append(in.Rules, er)
	}
	for _, p := range rep.Problems[:min(len(rep.Problems), MaxPutWorkloadEvidenceInputProblems)] {
		wp := wire.EvidenceProblem{File: aws.String(path(p.File)), Message: aws.String(clip(p.Message, MaxEvidenceProblemMessage))}
		if p.Line > 0 {
			wp.Line = aws.Int32(int32(p.Line))
		}
		in.Problems = append(in.Problems, wp)
	}
	return in
}

// clip shortens s to at most n characters.
func clip(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}
