package api_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	wa "github.com/aws/aws-sdk-go-v2/service/wellarchitected"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected/types"
	"github.com/google/go-cmp/cmp"

	"github.com/wat-dev/wat"
	"github.com/wat-dev/wat/internal/testserver"
	fw "github.com/wat-dev/wat/lens/framework"
	"github.com/wat-dev/wat/scan"
)

// flaggedLine is how a check detail lists a flagged resource.
func flaggedLine(r scan.Result) string {
	s := fmt.Sprintf("%s %s (%s) at %s", r.Status, r.Resource.Name, r.Resource.Type, r.Resource.Location())
	if r.Reason != "" {
		s += ": " + r.Reason
	}
	return s
}

// wantSummaries is what ListCheckSummaries should answer for a choice.
func wantSummaries(checks []wantCheck) []types.CheckSummary {
	out := []types.CheckSummary{}
	for _, c := range checks {
		out = append(out, types.CheckSummary{
			Id: aws.String(c.rule.ID), Name: aws.String(c.rule.Title), Description: aws.String(c.rule.Description),
			Provider: "WAT_SCAN", LensArn: aws.String(lensARN), PillarId: aws.String(c.practice.PillarID),
			QuestionId: aws.String(c.practice.QuestionID), ChoiceId: aws.String(c.practice.ChoiceID),
			Status: c.status, AccountSummary: map[string]int32{string(c.status): 1},
		})
	}
	return out
}

// TestChecksFromEvidence uploads a scan of the scanner's CloudFormation
// fixtures and reads it back, choice by choice, as a Trusted Advisor user
// reads checks: statuses from PASS, FAIL by severity, UNKNOWN and no
// resource; counts of flagged resources with their FILE:LINE; pages.
func TestChecksFromEvidence(t *testing.T) {
	s := scanFixtures(t, "../scan/testdata/cfn/*")
	failing := s.choices(anyFails)
	multi := s.choices(func(c []wantCheck) bool { return len(c) >= 2 })
	if len(failing) == 0 || len(multi) == 0 {
		t.Fatalf("the fixtures give no choice with failing evidence (%d) or with two rules (%d)", len(failing), len(multi))
	}
	forEachBackend(t, func(t *testing.T, srv *testserver.Server) {
		ctx := context.Background()
		c := srv.Client
		w := createWorkload(t, c, workloadInput("Checked"))
		before := time.Now().Add(-time.Second)
		out := putEvidence(t, c, s.input(w))
		checks := 0
		for _, r := range s.rules {
			checks += len(r.Practices)
		}
		if aws.ToInt32(out.RuleCount) != int32(len(s.rules)) || aws.ToInt32(out.CheckCount) != int32(checks) ||
			aws.ToString(out.LensArn) != lensARN || aws.ToString(out.LensAlias) != lensAlias || out.UpdatedAt == nil {
			t.Errorf("PutWorkloadEvidence = %+v, want %d rules, %d checks of the framework", out, len(s.rules), checks)
		}

		// What a review page reads: every check, the rules by status.
		admin := wat.NewContextWithPrincipal(ctx, &wat.Principal{AccountID: srv.Admin.AccountID, UserName: "admin", UserARN: srv.Admin.UserARN, IsAdmin: true})
		ev, err := srv.Service.GetLensReviewEvidence(admin, w, lensAlias)
		if err != nil {
			t.Fatal(err)
		}
		rules := 0
		for st, n := range ev.RuleStatus {
			rules += n
			if int32(n) != out.RuleStatusCounts[string(st)] {
				t.Errorf("GetLensReviewEvidence counts %d %s rules, PutWorkloadEvidence %d", n, st, out.RuleStatusCounts[string(st)])
			}
		}
		if len(ev.Evidence.Checks) != checks || rules != len(s.rules) || ev.Evidence.AccountID != srv.Admin.AccountID {
			t.Errorf("GetLensReviewEvidence: %d checks, %d rules, account %s", len(ev.Evidence.Checks), rules, ev.Evidence.AccountID)
		}

		for _, bp := range []fw.BestPractice{failing[0], multi[0]} {
			want := s.checks(bp.ChoiceID)
			got, err := c.ListCheckSummaries(ctx, checkInput(w, bp))
			if err != nil {
				t.Fatal(err)
			}
			for _, cs := range got.CheckSummaries {
				if cs.UpdatedAt == nil || cs.UpdatedAt.Before(before) {
					t.Errorf("check %s updated at %v, want the upload's time", aws.ToString(cs.Id), cs.UpdatedAt)
				}
			}
			if diff := cmp.Diff(wantSummaries(want), got.CheckSummaries, sdkOpts, cmpIgnoreUpdatedAt); diff != "" {
				t.Errorf("ListCheckSummaries(%s) (-want +got):\n%s", bp.ChoiceID, diff)
			}
			details, err := c.ListCheckDetails(ctx, detailInput(w, bp))
			if err != nil {
				t.Fatal(err)
			}
			if len(details.CheckDetails) != len(want) {
				t.Fatalf("ListCheckDetails(%s): %d details, want %d", bp.ChoiceID, len(details.CheckDetails), len(want))
			}
			for i, d := range details.CheckDetails {
				wc := want[i]
				var flagged *int32
				if n := len(wc.flagged); n > 0 {
					flagged = aws.Int32(int32(n))
				}
				if aws.ToString(d.Id) != wc.rule.ID || d.Status != wc.status || aws.ToString(d.AccountId) != srv.Admin.AccountID ||
					!cmp.Equal(d.FlaggedResources, flagged) || d.Provider != "WAT_SCAN" || d.Reason != "" || d.UpdatedAt == nil {
					t.Errorf("detail %d = %+v; want rule %s, %s, account %s, %v flagged", i, d, wc.rule.ID, wc.status, srv.Admin.AccountID, flagged)
				}
				desc := aws.ToString(d.Description)
				if !strings.HasPrefix(desc, wc.rule.Description) {
					t.Errorf("detail %s: description %q does not start with the rule's", wc.rule.ID, desc)
				}
				for _, r := range wc.flagged {
					if !strings.Contains(desc, flaggedLine(r)) {
						t.Errorf("detail %s: description %q does not list %q", wc.rule.ID, desc, flaggedLine(r))
					}
				}
			}
		}

		// Pages of one check each, as the SDK's paginator reads them.
		bp := multi[0]
		var ids []string
		p := wa.NewListCheckSummariesPaginator(c, func() *wa.ListCheckSummariesInput {
			in := checkInput(w, bp)
			in.MaxResults = aws.Int32(1)
			return in
		}())
		for p.HasMorePages() {
			page, err := p.NextPage(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if len(page.CheckSummaries) != 1 {
				t.Fatalf("a page of %d checks, want 1", len(page.CheckSummaries))
			}
			ids = append(ids, aws.ToString(page.CheckSummaries[0].Id))
		}
		var wantIDs []string
		for _, wc := range s.checks(bp.ChoiceID) {
			wantIDs = append(wantIDs, wc.rule.ID)
		}
		if diff := cmp.Diff(wantIDs, ids); diff != "" {
			t.Errorf("paged check ids (-want +got):\n%s", diff)
		}

		// A choice no rule is evidence for has no checks; a choice, pillar
		// or question that does not go together is refused.
		none := fw.BestPractice{PillarID: "operationalExcellence", QuestionID: "priorities", ChoiceID: "ops_priorities_no"}
		if got, err := c.ListCheckSummaries(ctx, checkInput(w, none)); err != nil || len(got.CheckSummaries) != 0 {
			t.Errorf("checks of %s = %+v, %v; want none", none.ChoiceID, got, err)
		}
		bad := bp
		bad.QuestionID = "no-such-question"
		_, err = c.ListCheckSummaries(ctx, checkInput(w, bad))
		wantNotFound(t, err)
		bad = bp
		bad.PillarID = "security"
		if bp.PillarID == "security" {
			bad.PillarID = "reliability"
		}
		_, err = c.ListCheckDetails(ctx, detailInput(w, bad))
		wantValidation(t, err, "PillarId")
		bad.PillarID = "noSuchPillar"
		_, err = c.ListCheckDetails(ctx, detailInput(w, bad))
		wantValidation(t, err, "PillarId")
		bad = bp
		bad.ChoiceID = "no_such_choice"
		_, err = c.ListCheckSummaries(ctx, checkInput(w, bad))
		wantValidation(t, err, "ChoiceId")
		in := checkInput(w, bp)
		in.LensArn = aws.String("arn:aws:wellarchitected::aws:lens/serverless")
		_, err = c.ListCheckSummaries(ctx, in)
		wantNotFound(t, err)
		in = checkInput(w, bp)
		in.NextToken = aws.String("not-a-token")
		_, err = c.ListCheckSummaries(ctx, in)
		wantValidation(t, err, "NextToken")

		// A workload without evidence has no checks.
		other := createWorkload(t, c, workloadInput("Unchecked"))
		if got, err := c.ListCheckDetails(ctx, detailInput(other, bp)); err != nil || len(got.CheckDetails) != 0 {
			t.Errorf("checks of a workload without evidence = %+v, %v", got, err)
		}
	})
}

// cmpIgnoreUpdatedAt leaves UpdatedAt to the test's own check.
var cmpIgnoreUpdatedAt = cmp.FilterPath(func(p cmp.Path) bool {
	sf, ok := p.Last().(cmp.StructField)
	return ok && sf.Name() == "UpdatedAt"
}, cmp.Ignore())
