// Package watclient calls wat's own operations, those beyond the AWS model
// (shapes in api/wire/evidence.go), as the AWS SDK calls the others: signed
// with Signature Version 4 by the credentials of an SDK client, and with
// the errors the server answers as the SDK's error types, so that callers
// inspect them alike. `wat scan --workload` and the tests use it.
package watclient

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected/types"
	"github.com/aws/smithy-go"
	smithyhttp "github.com/aws/smithy-go/transport/http"

	"github.com/wat-dev/wat/api/wire"
)

// service is the signing name of the Well-Architected API.
const service = "wellarchitected"

// maxResponse bounds what a response body may be read to.
const maxResponse = 8 << 20

// Client calls wat's own operations on one server.
type Client struct {
	endpoint    string
	region      string
	credentials aws.CredentialsProvider
	http        *http.Client
}

// FromSDK returns a client of the server an SDK client calls, signing with
// its credentials for its region.
func FromSDK(c *wellarchitected.Client) *Client {
	o := c.Options()
	return &Client{endpoint: strings.TrimSuffix(aws.ToString(o.BaseEndpoint), "/"), region: o.Region,
		credentials: o.Credentials, http: &http.Client{Timeout: time.Minute}}
}

// PutWorkloadEvidence stores a scan as the evidence of a lens review.
func (c *Client) PutWorkloadEvidence(ctx context.Context, in *wire.PutWorkloadEvidenceInput) (*wire.PutWorkloadEvidenceOutput, error) {
	body, err := json.Marshal(in)
	if err != nil {
		return nil, err
	}
	out := &wire.PutWorkloadEvidenceOutput{}
	if err := c.Call(ctx, http.MethodPut, LensReviewPath(wire.PutWorkloadEvidenceURI, aws.ToString(in.WorkloadId), aws.ToString(in.LensAlias)), body, out); err != nil {
		return nil, err
	}
	return out, nil
}

// GetSuggestedAnswers reads what the evidence of a lens review proposes.
func (c *Client) GetSuggestedAnswers(ctx context.Context, in *wire.GetSuggestedAnswersInput) (*wire.GetSuggestedAnswersOutput, error) {
	out := &wire.GetSuggestedAnswersOutput{}
	if err := c.Call(ctx, http.MethodGet, LensReviewPath(wire.GetSuggestedAnswersURI, aws.ToString(in.WorkloadId), aws.ToString(in.LensAlias)), nil, out); err != nil {
		return nil, err
	}
	return out, nil
}

// ApplySuggestedAnswers applies what the evidence of a lens review
// proposes, for the questions given (all when none).
func (c *Client) ApplySuggestedAnswers(ctx context.Context, in *wire.ApplySuggestedAnswersInput) (*wire.ApplySuggestedAnswersOutput, error) {
	body, err := json.Marshal(in)
	if err != nil {
		return nil, err
	}
	out := &wire.ApplySuggestedAnswersOutput{}
	if err := c.Call(ctx, http.MethodPost, LensReviewPath(wire.ApplySuggestedAnswersURI, aws.ToString(in.WorkloadId), aws.ToString(in.LensAlias)), body, out); err != nil {
		return nil, err
	}
	return out, nil
}

// GetLensReviewExport exports the report of a lens review as HTML,
// Markdown, CSV or XLSX.
func (c *Client) GetLensReviewExport(ctx context.Context, in *wire.GetLensReviewExportInput) (*wire.GetLensReviewExportOutput, error) {
	q := url.Values{"Format": {aws.ToString(in.Format)}}
	if in.MilestoneNumber != nil {
		q.Set("MilestoneNumber", strconv.Itoa(int(*in.MilestoneNumber)))
	}
	out := &wire.GetLensReviewExportOutput{}
	path := LensReviewPath(wire.GetLensReviewExportURI, aws.ToString(in.WorkloadId), aws.ToString(in.LensAlias)) + "?" + q.Encode()
	if err := c.Call(ctx, http.MethodGet, path, nil, out); err != nil {
		return nil, err
	}
	return out, nil
}

// LensReviewPath fills the {WorkloadId} and {LensAlias} labels of uri,
// escaped as the SDK escapes labels (a custom lens's ARN stays one label).
func LensReviewPath(uri, workloadID, lensAlias string) string {
	return strings.NewReplacer("{WorkloadId}", url.PathEscape(workloadID), "{LensAlias}", url.PathEscape(lensAlias)).Replace(uri)
}

// Call sends one signed request with body (nil for none) to path and
// decodes the JSON response into out: what the typed methods do, and what
// tests of input they cannot express use.
func (c *Client) Call(ctx context.Context, method, path string, body []byte, out any) error {
	req, err := http.NewRequestWithContext(ctx, method, c.endpoint+path, bytes.NewReader(body))
	if err != nil {
		return err
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if c.credentials != nil && !aws.IsCredentialsProvider(c.credentials, aws.AnonymousCredentials{}) {
		creds, err := c.credentials.Retrieve(ctx)
		if err != nil {
			return fmt.Errorf("watclient: credentials: %w", err)
		}
		sum := sha256.Sum256(body)
		if err := v4.NewSigner().SignHTTP(ctx, creds, req, hex.EncodeToString(sum[:]), service, c.region, time.Now().UTC()); err != nil {
			return fmt.Errorf("watclient: signing: %w", err)
		}
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxResponse))
	if err != nil {
		return err
	}
	if resp.StatusCode/100 != 2 {
		return responseError(resp, data)
	}
	if err := json.Unmarshal(data, out); err != nil {
		return fmt.Errorf("watclient: %s %s: the response is not the expected JSON: %w", method, path, err)
	}
	return nil
}

// errorBody is what the server writes with an error (api/errors.go).
type errorBody struct {
	Message      *string
	Reason       string
	Fields       []types.ValidationExceptionField
	ResourceId   *string
	ResourceType *string
	QuotaCode    *string
	ServiceCode  *string
}

// responseError turns an error response into the SDK's error for its
// X-Amzn-ErrorType, wrapped with the HTTP response as the SDK wraps it.
func responseError(resp *http.Response, data []byte) error {
	var b errorBody
	json.Unmarshal(data, &b)
	code, _, _ := strings.Cut(resp.Header.Get("X-Amzn-ErrorType"), ":")
	var apiErr error
	switch code {
	case "ValidationException":
		apiErr = &types.ValidationException{Message: b.Message, Reason: types.ValidationExceptionReason(b.Reason), Fields: b.Fields}
	case "ResourceNotFoundException":
		apiErr = &types.ResourceNotFoundException{Message: b.Message, ResourceId: b.ResourceId, ResourceType: b.ResourceType}
	case "AccessDeniedException":
		apiErr = &types.AccessDeniedException{Message: b.Message}
	case "ConflictException":
		apiErr = &types.ConflictException{Message: b.Message, ResourceId: b.ResourceId, ResourceType: b.ResourceType}
	case "ThrottlingException":
		apiErr = &types.ThrottlingException{Message: b.Message, QuotaCode: b.QuotaCode, ServiceCode: b.ServiceCode}
	case "InternalServerException":
		apiErr = &types.InternalServerException{Message: b.Message}
	default:
		if code == "" {
			code = "UnknownError"
		}
		apiErr = &smithy.GenericAPIError{Code: code, Message: aws.ToString(b.Message)}
	}
	return &awshttp.ResponseError{
		ResponseError: &smithyhttp.ResponseError{Response: &smithyhttp.Response{Response: resp}, Err: apiErr},
		RequestID:     resp.Header.Get("X-Amzn-RequestId"),
	}
}
