package api_test

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"html"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected"

	"github.com/wat-dev/wat/api/wire"
	"github.com/wat-dev/wat/internal/testserver"
	"github.com/wat-dev/wat/internal/watclient"
)

// The guidance of a custom lens, on several lines as lens authors write it,
// with characters the HTML and Markdown reports must escape.
var (
	guidanceAbout = []string{"Backups are what you restore from after a mistake.", "This question asks how they are taken & kept."}
	guidanceWhy   = []string{"Automatic backups run without anyone remembering them.", "A missed backup is found at restore time, when < 1 hour of loss was promised."}
	guidanceSteps = []string{"Turn on automatic backups for every database.", "Copy them to a second Region.", "Restore one every quarter and time it."}
	guidanceProse = []string{"Keep copies in another account", "so that one stolen key cannot delete them all."}
	// guidanceKept is the guidance of a practice the workload has: the plan
	// does not show it.
	guidanceKept = "Versioned buckets keep every object's history."
)

// guidanceLens is a custom lens of one question: a practice with numbered
// steps, one whose plan is prose over two lines, and one the workload will
// have (its own guidance not to be shown).
func guidanceLens() string {
	numbered := make([]string, len(guidanceSteps))
	for i, s := range guidanceSteps {
		numbered[i] = string(rune('1'+i)) + ". " + s
	}
	doc := map[string]any{
		"schemaVersion": "2021-11-01",
		"name":          "Backup guidance",
		"pillars": []any{map[string]any{
			"id": "data", "name": "Data",
			"questions": []any{map[string]any{
				"id": "backups", "title": "How are backups taken?", "description": strings.Join(guidanceAbout, "\n"),
				"choices": []any{
					map[string]any{"id": "backups_auto", "title": "Automatic backups", "description": strings.Join(guidanceWhy, "\n"),
						"improvementPlan": map[string]any{"displayText": strings.Join(numbered, "\n"), "url": "https://example.com/backups/auto"}},
					map[string]any{"id": "backups_apart", "title": "Copies kept apart",
						"improvementPlan": map[string]any{"displayText": strings.Join(guidanceProse, "\n"), "url": "https://example.com/backups/apart"}},
					map[string]any{"id": "backups_versioned", "title": "Versioned buckets", "description": guidanceKept,
						"improvementPlan": map[string]any{"displayText": "Turn on versioning", "url": "https://example.com/backups/versioned"}},
					map[string]any{"id": "backups_no", "title": "None of these"},
				},
				"riskRules": []any{
					map[string]any{"condition": "backups_auto && backups_apart && backups_versioned", "risk": "NO_RISK"},
					map[string]any{"condition": "backups_versioned", "risk": "MEDIUM_RISK"},
					map[string]any{"condition": "default", "risk": "HIGH_RISK"},
				},
			}},
		}},
	}
	b, _ := json.Marshal(doc)
	return string(b)
}

// TestReportGuidance imports a custom lens with multi-line guidance,
// answers its question so that it is at risk, and finds in the report (PDF)
// and its HTML, Markdown and CSV exports the question's description and,
// for each practice to put in place, its description, every step of its
// improvement plan and its link; not the guidance of the practice the
// workload has.
func TestReportGuidance(t *testing.T) {
	t.Parallel()
	forEachBackend(t, func(t *testing.T, srv *testserver.Server) {
		ctx := context.Background()
		c := srv.Client
		arn := importLens(t, c, guidanceLens(), "")
		publish(t, c, arn, "1.0", true)
		in := workloadInput("Backups under review")
		in.Lenses = []string{arn}
		id := createWorkload(t, c, in)
		if _, err := c.UpdateAnswer(ctx, &wellarchitected.UpdateAnswerInput{WorkloadId: &id, LensAlias: &arn, QuestionId: aws.String("backups"),
			SelectedChoices: []string{"backups_versioned"}}); err != nil {
			t.Fatal(err)
		}

		export := func(format wire.ExportFormat) string {
			t.Helper()
			out, err := watclient.FromSDK(c).GetLensReviewExport(ctx, &wire.GetLensReviewExportInput{WorkloadId: &id, LensAlias: &arn, Format: format})
			if err != nil {
				t.Fatalf("GetLensReviewExport(%s): %v", format, err)
			}
			b, err := base64.StdEncoding.DecodeString(aws.ToString(out.Base64String))
			if err != nil {
				t.Fatal(err)
			}
			return string(b)
		}
		lines := func(esc func(string) string, ls ...[]string) []string {
			var out []string
			for _, l := range ls {
				for _, s := range l {
					out = append(out, esc(s))
				}
			}
			return out
		}

		page := export(wire.ExportFormatHtml)
		want := lines(html.EscapeString, guidanceAbout, guidanceWhy, guidanceProse)
		for _, s := range guidanceSteps {
			want = append(want, "<li>"+s+"</li>")
		}
		wantText(t, "the HTML export", page, append(want, `href="https://example.com/backups/auto"`, "&amp; kept", "&lt; 1 hour")...)

		md := export(wire.ExportFormatMarkdown)
		mdEscape := strings.NewReplacer("&", `\&`, "<", `\<`).Replace
		want = lines(mdEscape, guidanceAbout, guidanceWhy, guidanceProse)
		for i, s := range guidanceSteps {
			want = append(want, "     "+string(rune('1'+i))+". "+s+"\n")
		}
		wantText(t, "the Markdown export", md, append(want, "[Learn more](<https://example.com/backups/auto>)")...)

		csv := export(wire.ExportFormatCsv)
		wantText(t, "the CSV export", csv, strings.Join(guidanceWhy, "\r\n"), "1. "+guidanceSteps[0]+"\r\n2. "+guidanceSteps[1]+"\r\n3. "+guidanceSteps[2])

		out, err := c.GetLensReviewReport(ctx, &wellarchitected.GetLensReviewReportInput{WorkloadId: &id, LensAlias: &arn})
		if err != nil {
			t.Fatal(err)
		}
		pdf := reportText(t, out.LensReviewReport.Base64String)
		want = []string{strings.Join(guidanceAbout, " "), strings.Join(guidanceWhy, " "), strings.Join(guidanceProse, " "), "Learn more: https://example.com/backups/auto"}
		for i, s := range guidanceSteps {
			want = append(want, string(rune('1'+i))+". "+s)
		}
		wantText(t, "the PDF report", pdf, want...)

		for what, text := range map[string]string{"HTML": page, "Markdown": md, "CSV": csv, "PDF": pdf} {
			if strings.Contains(text, "history.") || strings.Contains(text, "Turn on versioning") {
				t.Errorf("the %s report shows the guidance of a practice the workload has", what)
			}
		}
	})
}
