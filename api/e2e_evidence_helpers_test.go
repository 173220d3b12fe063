package api_test

// Helpers of the evidence tests: fixtures scanned with package scan, what
// each check should then say — derived from the scan's results
// independently of the server — and the calls of wat's own operations.

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	wa "github.com/aws/aws-sdk-go-v2/service/wellarchitected"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected/types"

	"github.com/wat-dev/wat/api/wire"
	"github.com/wat-dev/wat/internal/watclient"
	fw "github.com/wat-dev/wat/lens/framework"
	"github.com/wat-dev/wat/scan"
)

// scanned is a scan of fixture files.
type scanned struct {
	rules []*scan.Rule
	rep   *scan.Report
}

// scanFixtures scans the files matching the patterns with the built-in
// rules.
func scanFixtures(t testing.TB, patterns ...string) *scanned {
	t.Helper()
	rules, err := scan.Rules()
	if err != nil {
		t.Fatal(err)
	}
	var resources []*scan.Resource
	var problems []scan.Problem
	for _, p := range patterns {
		files, err := filepath.Glob(p)
		if err != nil || len(files) == 0 {
			t.Fatalf("no fixtures match %s (%v)", p, err)
		}
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			res, err := scan.Read(f, data)
			if p, ok := err.(*scan.Problem); ok {
				problems = append(problems, *p)
			} else if err != nil && err != scan.ErrNotTemplate {
				t.Fatalf("%s: %v", f, err)
			}
			resources = append(resources, res...)
		}
	}
	return &scanned{rules: rules, rep: scan.Evaluate(rules, resources, problems)}
}

// input is the upload of the scan to a workload's framework review, as
// `wat scan --workload` makes it.
func (s *scanned) input(workloadID string) *wire.PutWorkloadEvidenceInput {
	return watclient.EvidenceInput(workloadID, lensAlias, "wat test", s.rules, s.rep, func(f string) string { return f })
}

// wantCheck is what a rule should say of a choice.
type wantCheck struct {
	rule     *scan.Rule
	practice fw.BestPractice
	status   types.CheckStatus
	passed   int
	flagged  []scan.Result // FAIL and UNKNOWN, in the scan's order
}

// checks returns what every rule that is evidence for a choice should say
// of it, by rule id, counting the scan's results itself.
func (s *scanned) checks(choiceID string) []wantCheck {
	var out []wantCheck
	for _, r := range s.rules {
		i := slices.IndexFunc(r.Practices, func(bp fw.BestPractice) bool { return bp.ChoiceID == choiceID })
		if i < 0 {
			continue
		}
		w := wantCheck{rule: r, practice: r.Practices[i]}
		failed, unknown := 0, 0
		for _, res := range s.rep.Results {
			if res.Rule != r {
				continue
			}
			switch res.Status {
			case scan.Pass:
				w.passed++
			case scan.Fail:
				failed++
				w.flagged = append(w.flagged, res)
			default:
				unknown++
				w.flagged = append(w.flagged, res)
			}
		}
		switch {
		case failed > 0 && r.Severity == "high":
			w.status = types.CheckStatusError
		case failed > 0 || unknown > 0:
			w.status = types.CheckStatusWarning
		case w.passed > 0:
			w.status = types.CheckStatusOkay
		default:
			w.status = types.CheckStatusNotAvailable
		}
		out = append(out, w)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].rule.ID < out[j].rule.ID })
	return out
}

// choices returns the practices, by choice id, whose checks meet keep.
func (s *scanned) choices(keep func([]wantCheck) bool) []fw.BestPractice {
	seen := map[string]bool{}
	var out []fw.BestPractice
	for _, r := range s.rules {
		for _, bp := range r.Practices {
			if !seen[bp.ChoiceID] && keep(s.checks(bp.ChoiceID)) {
				out = append(out, bp)
			}
			seen[bp.ChoiceID] = true
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ChoiceID < out[j].ChoiceID })
	return out
}

// allPass tells whether checks have evidence that all passes.
func allPass(checks []wantCheck) bool {
	okay := 0
	for _, c := range checks {
		switch c.status {
		case types.CheckStatusOkay:
			okay++
		case types.CheckStatusNotAvailable:
		default:
			return false
		}
	}
	return okay > 0
}

// anyFails tells whether a check has a failing resource.
func anyFails(checks []wantCheck) bool {
	return slices.ContainsFunc(checks, func(c wantCheck) bool {
		return slices.ContainsFunc(c.flagged, func(r scan.Result) bool { return r.Status == scan.Fail })
	})
}

// putEvidence uploads in as c's caller and fails the test on an error.
func putEvidence(t testing.TB, c *wa.Client, in *wire.PutWorkloadEvidenceInput) *wire.PutWorkloadEvidenceOutput {
	t.Helper()
	out, err := watclient.FromSDK(c).PutWorkloadEvidence(context.Background(), in)
	if err != nil {
		t.Fatalf("PutWorkloadEvidence: %v", err)
	}
	return out
}

// suggestions reads the suggested answers of a workload's framework review.
func suggestions(t *testing.T, c *wa.Client, workloadID string) map[string]wire.SuggestedAnswer {
	t.Helper()
	out, err := watclient.FromSDK(c).GetSuggestedAnswers(context.Background(), &wire.GetSuggestedAnswersInput{WorkloadId: &workloadID, LensAlias: aws.String(lensAlias)})
	if err != nil {
		t.Fatalf("GetSuggestedAnswers: %v", err)
	}
	m := map[string]wire.SuggestedAnswer{}
	for _, g := range out.SuggestedAnswers {
		m[aws.ToString(g.QuestionId)] = g
	}
	return m
}

// checkInput names a practice's choice for ListCheckSummaries.
func checkInput(workloadID string, bp fw.BestPractice) *wa.ListCheckSummariesInput {
	return &wa.ListCheckSummariesInput{WorkloadId: &workloadID, LensArn: aws.String(lensARN),
		PillarId: &bp.PillarID, QuestionId: &bp.QuestionID, ChoiceId: &bp.ChoiceID}
}

// detailInput is checkInput for ListCheckDetails.
func detailInput(workloadID string, bp fw.BestPractice) *wa.ListCheckDetailsInput {
	in := checkInput(workloadID, bp)
	return &wa.ListCheckDetailsInput{WorkloadId: in.WorkloadId, LensArn: in.LensArn, PillarId: in.PillarId, QuestionId: in.QuestionId, ChoiceId: in.ChoiceId}
}
