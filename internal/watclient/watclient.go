// Package watclient calls wat's own operations, those beyond the AWS model
// (spec/wat.json), as the AWS SDK calls the others: signed with Signature
// Version 4, and with the errors the server answers as the SDK's error
// types, so that callers inspect them alike. `wat scan --workload` and the
// tests use it.
//
// Client's methods, one per operation, are generated from the model
// (client_gen.go, by internal/smithygen) over the wire package's input and
// output types, which the server decodes and validates with; this file is
// the transport they share.
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
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected"
	"github.com/aws/smithy-go"
	smithyhttp "github.com/aws/smithy-go/transport/http"
)

// signingName is the service name requests are signed for: wat's own
// operations are served at the same endpoint as the AWS API's.
const signingName = "wellarchitected"

// maxResponse bounds what a response body may be read to.
const maxResponse = 8 << 20

// Client calls wat's own operations on one server.
type Client struct {
	endpoint    string
	region      string
	credentials aws.CredentialsProvider
	http        aws.HTTPClient
}

// New returns a client of the server at cfg.BaseEndpoint, signing with
// cfg.Credentials for cfg.Region (anonymous when they are nil) and sending
// through cfg.HTTPClient (one with a minute's timeout when nil).
func New(cfg aws.Config) *Client {
	c := &Client{endpoint: strings.TrimSuffix(aws.ToString(cfg.BaseEndpoint), "/"), region: cfg.Region,
		credentials: cfg.Credentials, http: cfg.HTTPClient}
	if c.http == nil {
		c.http = &http.Client{Timeout: time.Minute}
	}
	return c
}

// FromSDK returns a client of the server an SDK client calls, signing with
// its credentials for its region.
func FromSDK(c *wellarchitected.Client) *Client {
	o := c.Options()
	return New(aws.Config{Region: o.Region, Credentials: o.Credentials, BaseEndpoint: o.BaseEndpoint})
}

// Call sends one signed request with body (nil for none) to path, which may
// carry a query string, and decodes the JSON response into out: for tests
// of inputs the typed methods cannot express.
func (c *Client) Call(ctx context.Context, method, path string, body []byte, out any) error {
	return c.do(ctx, method, path, nil, body, out)
}

// label escapes a URI label as the SDK does: a custom lens's ARN, "/"
// included, stays one path segment.
func label(s *string) string { return url.PathEscape(aws.ToString(s)) }

// call sends one operation's request, with in (nil for an operation
// without body members) as its JSON body, and returns its decoded output:
// what every generated method does once it has the path and the query.
func call[O any](ctx context.Context, c *Client, method, path string, query url.Values, in any) (*O, error) {
	var body []byte
	if in != nil {
		var err error
		if body, err = json.Marshal(in); err != nil {
			return nil, err
		}
	}
	out := new(O)
	if err := c.do(ctx, method, path, query, body, out); err != nil {
		return nil, err
	}
	return out, nil
}

// do sends one request and decodes its JSON response into out, or returns
// the error it answers.
func (c *Client) do(ctx context.Context, method, path string, query url.Values, body []byte, out any) error {
	target := c.endpoint + path
	if len(query) > 0 {
		target += "?" + query.Encode()
	}
	req, err := http.NewRequestWithContext(ctx, method, target, bytes.NewReader(body))
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
		if err := v4.NewSigner().SignHTTP(ctx, creds, req, hex.EncodeToString(sum[:]), signingName, c.region, time.Now().UTC()); err != nil {
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

// responseError turns an error response into the SDK's error for its
// X-Amzn-ErrorType (apiError, generated from the errors the model
// declares), wrapped with the HTTP response as the SDK wraps it. A type the
// model does not declare (ServiceUnavailableException, say) comes back as a
// generic API error with its code and message.
func responseError(resp *http.Response, data []byte) error {
	code, _, _ := strings.Cut(resp.Header.Get("X-Amzn-ErrorType"), ":")
	apiErr := apiError(code, data)
	if apiErr == nil {
		var b struct{ Message string }
		_ = json.Unmarshal(data, &b)
		if code == "" {
			code = "UnknownError"
		}
		apiErr = &smithy.GenericAPIError{Code: code, Message: b.Message}
	}
	return &awshttp.ResponseError{
		ResponseError: &smithyhttp.ResponseError{Response: &smithyhttp.Response{Response: resp}, Err: apiErr},
		RequestID:     resp.Header.Get("X-Amzn-RequestId"),
	}
}
