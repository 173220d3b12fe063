package api

import (
	"context"
	"encoding/base64"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/wat-dev/wat/api/wire"
	"github.com/wat-dev/wat/report"
)

// exportFormats renders a lens review in each format, with its media type
// and file extension.
var exportFormats = map[wire.ExportFormat]struct {
	contentType, ext string
	render           func(*report.LensReview) ([]byte, error)
}{
	wire.ExportFormatHtml:     {"text/html; charset=utf-8", "html", (*report.LensReview).HTML},
	wire.ExportFormatMarkdown: {"text/markdown; charset=utf-8", "md", func(r *report.LensReview) ([]byte, error) { return r.Markdown(), nil }},
	wire.ExportFormatCsv:      {"text/csv; charset=utf-8", "csv", (*report.LensReview).CSV},
	wire.ExportFormatXlsx:     {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx", (*report.LensReview).XLSX},
}

// GetLensReviewExport, wat's own operation (spec/wat.json), renders the
// report of a lens review — the one GetLensReviewReport renders as PDF — in
// in.Format: self-contained HTML, Markdown, or CSV and XLSX with a row per
// question and practice. It is the same report in another format, so the
// use case asks what GetLensReviewReport asks: any reader of the workload,
// and the IAM action wellarchitected:GetLensReviewReport (the model's
// aws.iam#actionName).
func (h *handler) GetLensReviewExport(ctx context.Context, in *wire.GetLensReviewExportInput) (*wire.GetLensReviewExportOutput, error) {
	r, err := h.svc.LensReviewReport(ctx, val(in.WorkloadId), val(in.LensAlias), intOf(in.MilestoneNumber))
	if err != nil {
		return nil, err
	}
	f, ok := exportFormats[in.Format]
	if !ok { // the model's enum has a format this table lacks: a bug
		return nil, fmt.Errorf("GetLensReviewExport: no renderer for format %q", in.Format)
	}
	b, err := f.render(r)
	if err != nil {
		return nil, err
	}
	name := fileName(r.Workload.Name + "-" + r.Lens.Name)
	if in.MilestoneNumber != nil {
		name += "-milestone-" + strconv.Itoa(intOf(in.MilestoneNumber))
	}
	return &wire.GetLensReviewExportOutput{
		WorkloadId: in.WorkloadId, MilestoneNumber: in.MilestoneNumber,
		LensAlias: ptr(r.Lens.Alias), LensArn: ptr(r.Lens.ARN), Format: in.Format,
		ContentType: ptr(f.contentType), FileName: ptr(name + "." + f.ext),
		Base64String: ptr(base64.StdEncoding.EncodeToString(b)),
	}, nil
}

var unsafeFileChars = regexp.MustCompile(`[^\p{L}\p{N}._-]+`)

// fileName turns report names into a file name safe on every system.
func fileName(s string) string {
	s = strings.Trim(unsafeFileChars.ReplaceAllString(s, "_"), "._")
	if r := []rune(s); len(r) > 120 {
		s = string(r[:120])
	}
	if s == "" {
		return "lens-review"
	}
	return s
}
