package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
)

// rawClient sends SigV4-signed requests with net/http and the SDK's signer
// but none of the SDK's middleware, so that on a 2-core machine the load
// generator takes little of the CPU the server is being measured on. Every
// request is signed anew, as a client would.
type rawClient struct {
	endpoint string
	creds    aws.Credentials
	signer   *v4.Signer
	http     *http.Client
}

func newRawClient(endpoint, id, secret string, conns int) *rawClient {
	return &rawClient{
		endpoint: endpoint,
		creds:    aws.Credentials{AccessKeyID: id, SecretAccessKey: secret},
		signer:   v4.NewSigner(),
		http:     awsHTTPClient(conns),
	}
}

// do sends one signed request, fails unless the status is 200, and returns
// the size of the response body.
func (c *rawClient) do(ctx context.Context, method, escapedPath string, body []byte) (int, error) {
	u, err := url.Parse(c.endpoint + escapedPath)
	if err != nil {
		return 0, err
	}
	req, err := http.NewRequestWithContext(ctx, method, u.String(), bytes.NewReader(body))
	if err != nil {
		return 0, err
	}
	req.Header.Set("Content-Type", "application/json")
	sum := sha256.Sum256(body)
	hash := hex.EncodeToString(sum[:])
	if err := c.signer.SignHTTP(ctx, c.creds, req, hash, "wellarchitected", "us-east-1", time.Now()); err != nil {
		return 0, err
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		return len(b), fmt.Errorf("%s %s: %s: %s", method, escapedPath, resp.Status, b)
	}
	return len(b), nil
}
