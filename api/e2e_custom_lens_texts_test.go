package api_test

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected"

	"github.com/wat-dev/wat/api/wire"
	"github.com/wat-dev/wat/internal/testserver"
	"github.com/wat-dev/wat/internal/watclient"
)

// longTextsLens is a custom lens as public lenses are written: texts longer
// than the API's response shapes that return them (the question's
// helpful-resource text is a DisplayText of at most 64 characters, a
// choice's description and texts at most 1024), and URLs with spaces.
func longTextsLens(helpful, description, plan string) string {
	doc := map[string]any{
		"schemaVersion": "2021-11-01",
		"name":          "Long texts",
		"pillars": []any{map[string]any{
			"id": "data", "name": "Data",
			"questions": []any{map[string]any{
				"id": "backups", "title": "How are backups taken?",
				"helpfulResource": map[string]any{"displayText": helpful, "url": "https://example.com/backup guide "},
				"choices": []any{
					map[string]any{"id": "backups_auto", "title": "Automatic backups", "description": description,
						"improvementPlan": map[string]any{"displayText": plan, "url": "https://example.com/plan/étape 1"}},
					map[string]any{"id": "backups_no", "title": "None of these"},
				},
				"riskRules": []any{
					map[string]any{"condition": "backups_auto", "risk": "NO_RISK"},
					map[string]any{"condition": "default", "risk": "HIGH_RISK"},
				},
			}},
		}},
	}
	b, _ := json.Marshal(doc)
	return string(b)
}

// TestCustomLensLongTexts imports a lens whose texts are longer than the
// response shapes that return them and whose URLs hold spaces, and reads
// them back through the SDK: every text in full, every URL percent-encoded,
// in GetAnswer, ListLensReviewImprovements, ExportLens and the report.
func TestCustomLensLongTexts(t *testing.T) {
	t.Parallel()
	forEachBackend(t, func(t *testing.T, srv *testserver.Server) {
		ctx := context.Background()
		c := srv.Client
		chars := func(s string, n int) string { return string([]rune(strings.Repeat(s, n))[:n]) }
		helpful := chars("Read the guide before you start — 先阅读指南. ", 300)
		description := chars("Backups run every night and are copied to a second Region; ", 1400)
		plan := chars("Turn on automatic backups 🗄️ and test a restore every quarter. ", 1400)
		arn := importLens(t, c, longTextsLens(helpful, description, plan), "")
		publish(t, c, arn, "1.0", true)
		in := workloadInput("Long texts")
		in.Lenses = []string{arn}
		id := createWorkload(t, c, in)

		const helpfulURL, planURL = "https://example.com/backup%20guide", "https://example.com/plan/%C3%A9tape%201"
		got, err := c.GetAnswer(ctx, &wellarchitected.GetAnswerInput{WorkloadId: &id, LensAlias: &arn, QuestionId: aws.String("backups")})
		if err != nil {
			t.Fatal(err)
		}
		a := got.Answer
		if aws.ToString(a.HelpfulResourceDisplayText) != helpful || aws.ToString(a.HelpfulResourceUrl) != helpfulURL {
			t.Errorf("GetAnswer's helpful resource: %d characters, URL %q", len([]rune(aws.ToString(a.HelpfulResourceDisplayText))), aws.ToString(a.HelpfulResourceUrl))
		}
		if len(a.Choices) != 2 || aws.ToString(a.Choices[0].Description) != description ||
			aws.ToString(a.Choices[0].ImprovementPlan.DisplayText) != plan || aws.ToString(a.Choices[0].ImprovementPlan.Url) != planURL {
			t.Errorf("GetAnswer's choice is not returned in full: %+v", a.Choices)
		}

		if _, err := c.UpdateAnswer(ctx, &wellarchitected.UpdateAnswerInput{WorkloadId: &id, LensAlias: &arn, QuestionId: aws.String("backups"),
			SelectedChoices: []string{"backups_no"}}); err != nil {
			t.Fatal(err)
		}
		imp, err := c.ListLensReviewImprovements(ctx, &wellarchitected.ListLensReviewImprovementsInput{WorkloadId: &id, LensAlias: &arn})
		if err != nil || len(imp.ImprovementSummaries) != 1 || len(imp.ImprovementSummaries[0].ImprovementPlans) != 1 ||
			aws.ToString(imp.ImprovementSummaries[0].ImprovementPlans[0].DisplayText) != plan ||
			aws.ToString(imp.ImprovementSummaries[0].ImprovementPlans[0].ImprovementPlanUrl) != planURL {
			t.Errorf("ListLensReviewImprovements = %+v, %v; want the plan in full", imp, err)
		}

		exp, err := c.ExportLens(ctx, &wellarchitected.ExportLensInput{LensAlias: &arn})
		if err != nil {
			t.Fatal(err)
		}
		var doc struct {
			Pillars []struct {
				Questions []struct {
					HelpfulResource struct{ DisplayText, URL string }
					Choices         []struct {
						Description     string
						ImprovementPlan struct{ DisplayText, URL string }
					}
				}
			}
		}
		if err := json.Unmarshal([]byte(aws.ToString(exp.LensJSON)), &doc); err != nil {
			t.Fatal(err)
		}
		q := doc.Pillars[0].Questions[0]
		if q.HelpfulResource.DisplayText != helpful || q.HelpfulResource.URL != helpfulURL || q.Choices[0].Description != description ||
			q.Choices[0].ImprovementPlan.DisplayText != plan || q.Choices[0].ImprovementPlan.URL != planURL {
			t.Errorf("ExportLens does not give the texts in full and the URLs encoded:\n%.600s", aws.ToString(exp.LensJSON))
		}

		out, err := watclient.FromSDK(c).GetLensReviewExport(ctx, &wire.GetLensReviewExportInput{WorkloadId: &id, LensAlias: &arn, Format: wire.ExportFormatMarkdown})
		if err != nil {
			t.Fatal(err)
		}
		md, _ := base64.StdEncoding.DecodeString(aws.ToString(out.Base64String))
		if !strings.Contains(string(md), "(<"+planURL+">)") {
			t.Errorf("the Markdown report does not link the plan as %s:\n%s", planURL, md)
		}
	})
}

// TestCustomLensPublicLens imports a public lens AWS's tool takes, which
// wat once refused for its URLs with spaces, and exports it with them
// percent-encoded.
func TestCustomLensPublicLens(t *testing.T) {
	t.Parallel()
	srv := startSQLite(t)
	data, err := os.ReadFile("../lens/catalog/lenses/Amazon-MSK-Lens__custom-lens-msk-v1.0.json")
	if err != nil {
		t.Fatal(err)
	}
	arn := importLens(t, srv.Client, string(data), "")
	exp, err := srv.Client.ExportLens(context.Background(), &wellarchitected.ExportLensInput{LensAlias: &arn})
	if err != nil {
		t.Fatal(err)
	}
	lens := aws.ToString(exp.LensJSON)
	if strings.Contains(lens, `.html "`) || !strings.Contains(lens, `"https://docs.aws.amazon.com/msk/latest/developerguide/monitoring.html"`) ||
		!strings.Contains(lens, "src=https%20percent3A%20percent2F") {
		t.Errorf("the exported lens does not hold its URLs as stored:\n%.1000s", lens)
	}
}
