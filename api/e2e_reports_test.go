package api_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected/types"
	"github.com/google/go-cmp/cmp"

	"github.com/wat-dev/wat/internal/testserver"
)

// poppler returns the path of a poppler-utils program; without it the test
// is skipped, except in CI, where it fails (make test installs it).
func poppler(t *testing.T, name string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	switch {
	case err == nil:
	case os.Getenv("CI") != "":
		t.Fatalf("%s is not installed: the report tests need it in CI (make test installs poppler-utils)", name)
	default:
		t.Skipf("%s not installed (apt-get install poppler-utils, or run make test)", name)
	}
	return path
}

// reportText decodes a base64 PDF, checks that every page renders with
// pdftoppm and returns its text from pdftotext, whitespace collapsed.
func reportText(t *testing.T, b64 *string) string {
	t.Helper()
	pdf, err := base64.StdEncoding.DecodeString(aws.ToString(b64))
	if err != nil || !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		t.Fatalf("Base64String is not a base64 PDF (%v): %.40q", err, aws.ToString(b64))
	}
	dir := t.TempDir()
	path := dir + "/report.pdf"
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(poppler(t, "pdftoppm"), "-r", "30", "-png", path, dir+"/page").CombinedOutput(); err != nil || len(out) > 0 {
		t.Fatalf("pdftoppm: %v\n%s", err, out)
	}
	out, err := exec.Command(poppler(t, "pdftotext"), path, "-").CombinedOutput()
	if err != nil {
		t.Fatalf("pdftotext: %v\n%s", err, out)
	}
	return strings.Join(strings.Fields(string(out)), " ")
}

// wantText fails for each of want that text lacks.
func wantText(t *testing.T, what, text string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("%s lacks %q", what, w)
		}
	}
}

// riskLine is how the report states a lens review's risk counts.
func riskLine(c map[string]int32) string {
	return fmt.Sprintf("High risks: %d Medium risks: %d No improvements: %d Not applicable: %d Unanswered: %d",
		c["HIGH"], c["MEDIUM"], c["NONE"], c["NOT_APPLICABLE"], c["UNANSWERED"])
}

func getReport(t *testing.T, c *wellarchitected.Client, id string, milestone int32) *wellarchitected.GetLensReviewReportOutput {
	t.Helper()
	in := &wellarchitected.GetLensReviewReportInput{WorkloadId: &id, LensAlias: aws.String(lensAlias)}
	if milestone > 0 {
		in.MilestoneNumber = &milestone
	}
	out, err := c.GetLensReviewReport(context.Background(), in)
	if err != nil {
		t.Fatalf("GetLensReviewReport(%s, milestone %d): %v", id, milestone, err)
	}
	return out
}

// TestLensReviewReport checks the PDF of a fully answered framework review
// against the answers given and the service's own risk counts.
func TestLensReviewReport(t *testing.T) {
	t.Parallel()
	fw := framework(t)
	forEachBackend(t, func(t *testing.T, srv *testserver.Server) {
		ctx := context.Background()
		c := srv.Client
		id := createWorkload(t, c, workloadInput("Report subject"))
		answers := answerAll(t, c, id, 5)
		q0 := fw.Questions[0]
		_, err := c.UpdateAnswer(ctx, &wellarchitected.UpdateAnswerInput{WorkloadId: &id, LensAlias: aws.String(lensAlias), QuestionId: &q0.ID,
			Notes: aws.String("Runbooks are in the team wiki")})
		if err == nil {
			_, err = c.UpdateLensReview(ctx, &wellarchitected.UpdateLensReviewInput{WorkloadId: &id, LensAlias: aws.String(lensAlias),
				LensNotes: aws.String("Next review after the migration")})
		}
		if err != nil {
			t.Fatal(err)
		}
		out := getReport(t, c, id, 0)
		if r := out.LensReviewReport; aws.ToString(r.LensAlias) != lensAlias || aws.ToString(r.LensArn) != lensARN || aws.ToString(out.WorkloadId) != id {
			t.Errorf("GetLensReviewReport names workload %q, lens %q (%q)", aws.ToString(out.WorkloadId), aws.ToString(r.LensAlias), aws.ToString(r.LensArn))
		}
		text := reportText(t, out.LensReviewReport.Base64String)
		review, err := c.GetLensReview(ctx, &wellarchitected.GetLensReviewInput{WorkloadId: &id, LensAlias: aws.String(lensAlias)})
		if err != nil {
			t.Fatal(err)
		}
		want := []string{"Report subject", "AWS Well-Architected Framework", riskLine(review.LensReview.RiskCounts),
			"Runbooks are in the team wiki", "Next review after the migration", "Improvement plan", "Contents"}
		for _, p := range fw.Pillars {
			want = append(want, fw.PillarNames[p])
		}
		for _, q := range fw.Questions {
			want = append(want, q.Title)
			for _, p := range q.Practices {
				if slices.Contains(answers[q.ID].Selected, p.ChoiceID) {
					want = append(want, "• "+p.Title)
				}
			}
		}
		wantText(t, "the lens review report", text, want...)
	})
}

// TestMilestoneReport checks that a milestone's report shows the review as
// the milestone recorded it, not as it is now.
func TestMilestoneReport(t *testing.T) {
	t.Parallel()
	fw := framework(t)
	forEachBackend(t, func(t *testing.T, srv *testserver.Server) {
		ctx := context.Background()
		c := srv.Client
		id := createWorkload(t, c, workloadInput("Milestone report"))
		q := fw.Questions[3]
		note := func(s string, selected []string) {
			t.Helper()
			if _, err := c.UpdateAnswer(ctx, &wellarchitected.UpdateAnswerInput{WorkloadId: &id, LensAlias: aws.String(lensAlias), QuestionId: &q.ID,
				SelectedChoices: selected, Notes: &s}); err != nil {
				t.Fatal(err)
			}
		}
		note("State at the first milestone", []string{q.Practices[0].ChoiceID})
		m := &wellarchitected.CreateMilestoneInput{WorkloadId: &id, MilestoneName: aws.String("Before launch"), ClientRequestToken: aws.String("m1")}
		if _, err := c.CreateMilestone(ctx, m); err != nil {
			t.Fatal(err)
		}
		before, err := c.GetLensReview(ctx, &wellarchitected.GetLensReviewInput{WorkloadId: &id, LensAlias: aws.String(lensAlias)})
		if err != nil {
			t.Fatal(err)
		}
		note("State of today", []string{q.NoneID()})
		if _, err := c.UpdateWorkload(ctx, &wellarchitected.UpdateWorkloadInput{WorkloadId: &id, WorkloadName: aws.String("Milestone report renamed")}); err != nil {
			t.Fatal(err)
		}

		out := getReport(t, c, id, 1)
		if aws.ToInt32(out.MilestoneNumber) != 1 {
			t.Errorf("MilestoneNumber %d, want 1", aws.ToInt32(out.MilestoneNumber))
		}
		old := reportText(t, out.LensReviewReport.Base64String)
		wantText(t, "the milestone's report", old, "Milestone 1: Before launch", "State at the first milestone", "Milestone report", "• "+q.Practices[0].Title, riskLine(before.LensReview.RiskCounts))
		if strings.Contains(old, "State of today") || strings.Contains(old, "renamed") {
			t.Error("the milestone's report shows today's state")
		}
		now := reportText(t, getReport(t, c, id, 0).LensReviewReport.Base64String)
		wantText(t, "today's report", now, "State of today", "Milestone report renamed", "None of these.")
		if strings.Contains(now, "State at the first milestone") || strings.Contains(now, "Milestone 1") {
			t.Error("today's report shows the milestone's state")
		}
		_, err = c.GetLensReviewReport(ctx, &wellarchitected.GetLensReviewReportInput{WorkloadId: &id, LensAlias: aws.String(lensAlias), MilestoneNumber: aws.Int32(7)})
		wantNotFound(t, err)
	})
}

// TestConsolidatedReport checks the JSON metrics, page by page, against each
// workload's GetWorkload and GetLensReview, and the PDF's counts.
func TestConsolidatedReport(t *testing.T) {
	t.Parallel()
	forEachBackend(t, func(t *testing.T, srv *testserver.Server) {
		ctx := context.Background()
		c := srv.Client
		ids := map[string]bool{}
		for i, seed := range []uint64{3, 8, 13} {
			id := createWorkload(t, c, workloadInput(fmt.Sprintf("Consolidated %d", i)))
			answerAll(t, c, id, seed)
			ids[id] = true
		}
		ids[createWorkload(t, c, workloadInput("Consolidated unanswered"))] = true

		got := map[string]types.ConsolidatedReportMetric{}
		in := &wellarchitected.GetConsolidatedReportInput{Format: types.ReportFormatJson, MaxResults: aws.Int32(3)}
		for pages := 1; ; pages++ {
			out, err := c.GetConsolidatedReport(ctx, in)
			if err != nil {
				t.Fatalf("GetConsolidatedReport page %d: %v", pages, err)
			}
			if len(out.Metrics) > 3 || out.Base64String != nil {
				t.Errorf("page %d: %d metrics (MaxResults 3), Base64String %v", pages, len(out.Metrics), out.Base64String != nil)
			}
			for _, m := range out.Metrics {
				got[aws.ToString(m.WorkloadId)] = m
			}
			if out.NextToken == nil {
				break
			}
			if pages > 3 {
				t.Fatal("GetConsolidatedReport does not end")
			}
			in.NextToken = out.NextToken
		}
		if len(got) != len(ids) {
			t.Fatalf("metrics of %d workloads, want %d", len(got), len(ids))
		}
		withHigh := 0
		for id := range ids {
			m := got[id]
			w, err := c.GetWorkload(ctx, &wellarchitected.GetWorkloadInput{WorkloadId: &id})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(w.Workload.RiskCounts, m.RiskCounts); diff != "" {
				t.Errorf("workload %s: RiskCounts (-GetWorkload +consolidated):\n%s", id, diff)
			}
			if m.MetricType != types.MetricTypeWorkload || aws.ToString(m.WorkloadName) != aws.ToString(w.Workload.WorkloadName) ||
				aws.ToString(m.WorkloadArn) != aws.ToString(w.Workload.WorkloadArn) || aws.ToInt32(m.LensesAppliedCount) != 1 || len(m.Lenses) != 1 {
				t.Fatalf("workload %s: metric %+v", id, m)
			}
			if w.Workload.RiskCounts["HIGH"] > 0 {
				withHigh++
			}
			r, err := c.GetLensReview(ctx, &wellarchitected.GetLensReviewInput{WorkloadId: &id, LensAlias: aws.String(lensAlias)})
			if err != nil {
				t.Fatal(err)
			}
			lm := m.Lenses[0]
			if aws.ToString(lm.LensArn) != lensARN || !cmp.Equal(lm.RiskCounts, r.LensReview.RiskCounts) || len(lm.Pillars) != len(r.LensReview.PillarReviewSummaries) {
				t.Fatalf("workload %s: lens metric %+v, want the counts of GetLensReview %v", id, lm, r.LensReview.RiskCounts)
			}
			for i, p := range r.LensReview.PillarReviewSummaries {
				pm := lm.Pillars[i]
				counts := map[types.Risk]int32{}
				for _, q := range pm.Questions {
					counts[q.Risk]++
					if (q.Risk == types.RiskHigh || q.Risk == types.RiskMedium) != (len(q.BestPractices) > 0) {
						t.Errorf("question %s at risk %s lists %d missing best practices", aws.ToString(q.QuestionId), q.Risk, len(q.BestPractices))
					}
				}
				if aws.ToString(pm.PillarId) != aws.ToString(p.PillarId) || !cmp.Equal(pm.RiskCounts, p.RiskCounts) || !cmp.Equal(riskCounts(counts), p.RiskCounts) {
					t.Errorf("workload %s pillar %s: metric counts %v, questions %v; want %v", id, aws.ToString(p.PillarId), pm.RiskCounts, counts, p.RiskCounts)
				}
			}
		}

		out, err := c.GetConsolidatedReport(ctx, &wellarchitected.GetConsolidatedReportInput{Format: types.ReportFormatPdf})
		if err != nil {
			t.Fatal(err)
		}
		wantText(t, "the consolidated PDF", reportText(t, out.Base64String), "Workloads: 4", fmt.Sprintf("Workloads with high risks: %d", withHigh),
			"Riskiest workloads", "Consolidated 0", "Best practices most often missing", "Missing in ")
	})
}

// TestReportAccess checks who may get reports: a READONLY recipient of a
// share can; an account it is not shared with gets not found; the
// consolidated report counts shared workloads only when asked to.
func TestReportAccess(t *testing.T) {
	t.Parallel()
	forEachBackend(t, func(t *testing.T, srv *testserver.Server) {
		ctx := context.Background()
		id := createWorkload(t, srv.Client, workloadInput("Shared report"))
		answerAll(t, srv.Client, id, 21)
		readerID, reader := newAccount(t, srv, "reader")
		_, stranger := newAccount(t, srv, "stranger")
		shareWorkload(t, srv.Client, id, readerID, types.PermissionTypeReadonly)
		answerInvitation(t, reader, id, types.ShareInvitationActionAccept)

		wantText(t, "the recipient's report", reportText(t, getReport(t, reader, id, 0).LensReviewReport.Base64String), "Shared report")
		_, err := stranger.GetLensReviewReport(ctx, &wellarchitected.GetLensReviewReportInput{WorkloadId: &id, LensAlias: aws.String(lensAlias)})
		wantNotFound(t, err)

		for _, tc := range []struct {
			who    string
			c      *wellarchitected.Client
			shared bool
			want   int
		}{{"recipient", reader, false, 0}, {"recipient", reader, true, 1}, {"stranger", stranger, true, 0}} {
			out, err := tc.c.GetConsolidatedReport(ctx, &wellarchitected.GetConsolidatedReportInput{Format: types.ReportFormatJson, IncludeSharedResources: &tc.shared})
			if err != nil {
				t.Fatal(err)
			}
			if len(out.Metrics) != tc.want {
				t.Errorf("IncludeSharedResources=%v: the %s's consolidated report has %d workloads, want %d", tc.shared, tc.who, len(out.Metrics), tc.want)
			}
		}
	})
}
