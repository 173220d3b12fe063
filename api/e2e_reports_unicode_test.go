package api_test

import (
	"context"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected"
	"golang.org/x/text/unicode/norm"

	"github.com/wat-dev/wat/internal/testserver"
)

// TestReportUnicode: what users type in a workload's name, an answer's
// notes and the lens notes — Cyrillic, Greek, Hebrew, Arabic, CJK — comes
// back from GetLensReviewReport's PDF. The test server draws with the fonts
// embedded in the binary: right-to-left text reads back word by word (as
// pdftotext gives it: each word in logical order; Arabic as presentation
// forms, which NFKC undoes); CJK is drawn with the fallback fonts compiled
// into the binary, so nothing comes back as U+FFFD.
func TestReportUnicode(t *testing.T) {
	t.Parallel()
	fw := framework(t)
	forEachBackend(t, func(t *testing.T, srv *testserver.Server) {
		ctx := context.Background()
		c := srv.Client
		in := workloadInput("Платёжная система Ελληνικά מערכת نظام")
		id := createWorkload(t, c, in)
		q0 := fw.Questions[0]
		_, err := c.UpdateAnswer(ctx, &wellarchitected.UpdateAnswerInput{WorkloadId: &id, LensAlias: aws.String(lensAlias), QuestionId: &q0.ID,
			Notes: aws.String("ملاحظات الفريق عن النسخ الاحتياطي")})
		if err == nil {
			_, err = c.UpdateLensReview(ctx, &wellarchitected.UpdateLensReviewInput{WorkloadId: &id, LensAlias: aws.String(lensAlias),
				LensNotes: aws.String("סקירה הבאה אחרי ההגירה 2027\n日本語のメモ")})
		}
		if err != nil {
			t.Fatal(err)
		}
		text := reportText(t, getReport(t, c, id, 0).LensReviewReport.Base64String)
		text = norm.NFKC.String(strings.NewReplacer("\u202B", " ", "\u202C", " ").Replace(text))
		text = strings.Join(strings.Fields(text), " ")
		wantText(t, "the report", text, "Платёжная система Ελληνικά", "מערכת", "نظام",
			"ملاحظات", "الفريق", "عن", "النسخ", "الاحتياطي", "סקירה", "הבאה", "אחרי", "ההגירה", "2027", "日本語のメモ")
		if strings.Contains(text, "\uFFFD") {
			t.Error("the report draws a replacement character")
		}
	})
}
