package wire

// GetLensReviewExportURI is wat's own operation exporting a lens review's
// report in the formats the AWS API has no operation for (api/export.go).
const GetLensReviewExportURI = "/workloads/{WorkloadId}/lensReviews/{LensAlias}/export"

// The formats of GetLensReviewExport, as its Format query parameter names them.
const (
	ExportFormatHTML     = "HTML"
	ExportFormatMarkdown = "MARKDOWN"
	ExportFormatCSV      = "CSV"
	ExportFormatXLSX     = "XLSX"
)

// GetLensReviewExportInput is the input of GetLensReviewExport.
type GetLensReviewExportInput struct {
	WorkloadId *string `json:"-"`
	LensAlias  *string `json:"-"`
	// Format is the query parameter Format: HTML, MARKDOWN, CSV or XLSX.
	Format *string `json:"-"`
	// MilestoneNumber is the query parameter MilestoneNumber: the review at
	// that milestone; the current state when absent.
	MilestoneNumber *int32 `json:"-"`
}

// GetLensReviewExportOutput is the output of GetLensReviewExport: the file,
// base64-encoded, with its media type and a file name to save it under.
type GetLensReviewExportOutput struct {
	WorkloadId      *string `json:"WorkloadId,omitzero"`
	MilestoneNumber *int32  `json:"MilestoneNumber,omitzero"`
	LensAlias       *string `json:"LensAlias,omitzero"`
	LensArn         *string `json:"LensArn,omitzero"`
	Format          *string `json:"Format,omitzero"`
	ContentType     *string `json:"ContentType,omitzero"`
	FileName        *string `json:"FileName,omitzero"`
	Base64String    *string `json:"Base64String,omitzero"`
}
