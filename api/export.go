package api

import (
	"context"
	"encoding/base64"
	"net/http"
	"regexp"
	"strconv"
	"strings"

	"github.com/wat-dev/wat"
	"github.com/wat-dev/wat/api/wire"
	"github.com/wat-dev/wat/report"
)

// getLensReviewExport is wat's own operation exporting a lens review's
// report — the one GetLensReviewReport renders as PDF — as self-contained
// HTML, Markdown, or CSV and XLSX with a row per question and practice.
// It is the same report in another format, so it asks what
// GetLensReviewReport asks: any reader of the workload, and the IAM action
// wellarchitected:GetLensReviewReport.
var getLensReviewExport = &wire.Operation{
	Name: "GetLensReviewExport", Method: http.MethodGet, URI: wire.GetLensReviewExportURI,
	SuccessCode: http.StatusOK, HasOutput: true,
	Invoke: func(ctx context.Context, h wire.Handler, req *wire.Request) (any, error) {
		in := &wire.GetLensReviewExportInput{}
		if err := bindLensReview(req, &in.WorkloadId, &in.LensAlias); err != nil {
			return nil, err
		}
		format := req.Query.Get("Format")
		if _, ok := exportFormats[format]; !ok {
			return nil, wat.Invalid("Format", "Format must be one of HTML, MARKDOWN, CSV, XLSX")
		}
		in.Format = &format
		if m := req.Query.Get("MilestoneNumber"); m != "" {
			n, err := strconv.Atoi(m)
			if err != nil || n < 1 || n > 100 {
				return nil, wat.Invalid("MilestoneNumber", "MilestoneNumber must be a whole number from 1 to 100")
			}
			in.MilestoneNumber = ptr(int32(n))
		}
		return ours(h).GetLensReviewExport(ctx, in)
	},
}

// exportFormats renders a lens review in each format, with its media type
// and file extension.
var exportFormats = map[string]struct {
	contentType, ext string
	render           func(*report.LensReview) ([]byte, error)
}{
	wire.ExportFormatHTML:     {"text/html; charset=utf-8", "html", (*report.LensReview).HTML},
	wire.ExportFormatMarkdown: {"text/markdown; charset=utf-8", "md", func(r *report.LensReview) ([]byte, error) { return r.Markdown(), nil }},
	wire.ExportFormatCSV:      {"text/csv; charset=utf-8", "csv", (*report.LensReview).CSV},
	wire.ExportFormatXLSX:     {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx", (*report.LensReview).XLSX},
}

// GetLensReviewExport renders the report of a lens review in in.Format.
func (h *handler) GetLensReviewExport(ctx context.Context, in *wire.GetLensReviewExportInput) (*wire.GetLensReviewExportOutput, error) {
	r, err := h.svc.LensReviewReport(ctx, val(in.WorkloadId), val(in.LensAlias), intOf(in.MilestoneNumber))
	if err != nil {
		return nil, err
	}
	f := exportFormats[val(in.Format)]
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
