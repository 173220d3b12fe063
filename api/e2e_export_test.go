package api_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	wa "github.com/aws/aws-sdk-go-v2/service/wellarchitected"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected/types"

	"github.com/wat-dev/wat/api/wire"
	"github.com/wat-dev/wat/internal/testserver"
	"github.com/wat-dev/wat/internal/watclient"
)

// TestLensReviewExport exports a lens review in every format of wat's own
// GetLensReviewExport: the current state and a milestone's, with user
// text escaped where the format could run it.
func TestLensReviewExport(t *testing.T) {
	t.Parallel()
	forEachBackend(t, func(t *testing.T, srv *testserver.Server) {
		ctx := context.Background()
		c := srv.Client
		id := createWorkload(t, c, workloadInput("Export <b>me</b>"))
		update := func(notes string, choices ...string) {
			t.Helper()
			if _, err := c.UpdateAnswer(ctx, &wa.UpdateAnswerInput{WorkloadId: &id, LensAlias: aws.String("wellarchitected"),
				QuestionId: aws.String("priorities"), SelectedChoices: choices, Notes: aws.String(notes)}); err != nil {
				t.Fatal(err)
			}
		}
		update("=HYPERLINK(\"http://evil\") <script>alert(1)</script>", "ops_priorities_no")
		if _, err := c.CreateMilestone(ctx, &wa.CreateMilestoneInput{WorkloadId: &id, MilestoneName: aws.String("Before"), ClientRequestToken: aws.String("m1")}); err != nil {
			t.Fatal(err)
		}
		update("improved", "ops_priorities_ext_cust_needs")
		wc := watclient.FromSDK(c)
		export := func(format wire.ExportFormat, milestone *int32) (*wire.GetLensReviewExportOutput, string) {
			t.Helper()
			out, err := wc.GetLensReviewExport(ctx, &wire.GetLensReviewExportInput{WorkloadId: &id, LensAlias: aws.String("wellarchitected"), Format: format, MilestoneNumber: milestone})
			if err != nil {
				t.Fatalf("%s: %v", format, err)
			}
			b, err := base64.StdEncoding.DecodeString(aws.ToString(out.Base64String))
			if err != nil {
				t.Fatal(err)
			}
			return out, string(b)
		}

		out, html := export(wire.ExportFormatHtml, nil)
		if aws.ToString(out.ContentType) != "text/html; charset=utf-8" || !strings.HasSuffix(aws.ToString(out.FileName), ".html") {
			t.Errorf("HTML export %+v", out)
		}
		if !strings.Contains(html, "How do you determine what your priorities are?") || strings.Contains(html, "<b>me</b>") || !strings.Contains(html, "Export &lt;b&gt;me&lt;/b&gt;") {
			t.Errorf("HTML export does not show the question, or does not escape the name")
		}
		_, md := export(wire.ExportFormatMarkdown, nil)
		if !strings.Contains(md, "improved") || strings.Contains(md, "<script>") {
			t.Errorf("Markdown export of the current state lacks its notes:\n%.400s", md)
		}
		_, csv := export(wire.ExportFormatCsv, aws.Int32(1))
		if !strings.Contains(csv, "'=HYPERLINK") || strings.Contains(csv, "improved") {
			t.Errorf("CSV of milestone 1 must show the milestone's notes, defused:\n%.600s", csv)
		}
		out, xlsx := export(wire.ExportFormatXlsx, nil)
		if !bytes.HasPrefix([]byte(xlsx), []byte("PK\x03\x04")) || !strings.Contains(aws.ToString(out.FileName), "Export") {
			t.Errorf("XLSX export is not an OOXML zip: %+v", out)
		}

		var invalid *types.ValidationException
		_, err := wc.GetLensReviewExport(ctx, &wire.GetLensReviewExportInput{WorkloadId: &id, LensAlias: aws.String("wellarchitected"), Format: "DOCX"})
		if !errors.As(err, &invalid) || len(invalid.Fields) != 1 || aws.ToString(invalid.Fields[0].Name) != "Format" {
			t.Errorf("Format DOCX: %v, want a ValidationException naming Format", err)
		}
		var notFound *types.ResourceNotFoundException
		_, err = wc.GetLensReviewExport(ctx, &wire.GetLensReviewExportInput{WorkloadId: &id, LensAlias: aws.String("wellarchitected"), Format: wire.ExportFormatCsv, MilestoneNumber: aws.Int32(7)})
		if !errors.As(err, &notFound) {
			t.Errorf("milestone 7: %v, want ResourceNotFoundException", err)
		}
	})
}
