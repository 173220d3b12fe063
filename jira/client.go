// Package jira is a small typed client of the Jira REST API: only the calls
// wat's Jira sync makes, for Jira Cloud (REST v3, e-mail and API token,
// descriptions in Atlassian Document Format) and Jira Data Center (REST v2,
// personal access token, descriptions as wiki text). It retries what Jira
// asks to be retried (429 with Retry-After, 503) within a bound, so a sync
// rides out Jira's rate limits without hammering it.
//
// A library was considered (go-atlassian, go-jira): each covers hundreds of
// calls and one flavour well; wat needs nine, on both flavours, with the
// same retry rules. This package is that, and nothing more.
package jira

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
)

// Flavor is which Jira a site runs, which decides the REST version, the
// authentication and the description format.
type Flavor string

// The flavours of Jira.
const (
	Cloud      Flavor = "CLOUD"       // Atlassian's SaaS: REST v3, e-mail + API token
	DataCenter Flavor = "DATA_CENTER" // self-hosted: REST v2, personal access token
)

// Config is what a Client needs.
type Config struct {
	// BaseURL is the site, e.g. https://acme.atlassian.net.
	BaseURL string
	Flavor  Flavor
	// Email and Token authenticate on Cloud (HTTP basic); Token alone is the
	// personal access token on Data Center (bearer).
	Email string
	Token string
	// HTTPClient sends the requests; a client with a 30 s timeout when nil.
	HTTPClient *http.Client
	// MaxAttempts bounds the tries of one call (5 when 0).
	MaxAttempts int
	// MaxWait bounds one wait between tries: a Retry-After beyond it ends
	// the call with the throttling error rather than holding a request for
	// minutes (30 s when 0).
	MaxWait time.Duration
	// Backoff is the first wait after a 5xx without Retry-After, doubled at
	// each try (250 ms when 0).
	Backoff time.Duration
}

// Client calls one Jira site as one user. It is safe for concurrent use.
type Client struct {
	cfg  Config
	base *url.URL
	api  string // "/rest/api/3" or "/rest/api/2"
	http *http.Client
	// fieldsMu guards epicLink and epicName: Data Center's custom fields
	// linking a Task to its Epic and naming an Epic, found on first use.
	fieldsMu           sync.Mutex
	epicLink, epicName string
}

// New checks cfg and returns a Client; it calls nothing yet.
func New(cfg Config) (*Client, error) {
	u, err := url.Parse(strings.TrimRight(cfg.BaseURL, "/"))
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.User != nil || u.RawQuery != "" {
		return nil, fmt.Errorf("the Jira URL must be like https://your-site.atlassian.net, not %q", cfg.BaseURL)
	}
	c := &Client{cfg: cfg, base: u, http: cfg.HTTPClient}
	switch cfg.Flavor {
	case Cloud:
		if cfg.Email == "" || cfg.Token == "" {
			return nil, errors.New("an e-mail address and an API token are needed for Jira Cloud")
		}
		c.api = "/rest/api/3"
	case DataCenter:
		if cfg.Token == "" {
			return nil, errors.New("a personal access token is needed for Jira Data Center")
		}
		c.api = "/rest/api/2"
	default:
		return nil, fmt.Errorf("unknown Jira flavour %q", cfg.Flavor)
	}
	if c.http == nil {
		c.http = &http.Client{Timeout: 30 * time.Second}
	}
	if c.cfg.MaxAttempts <= 0 {
		c.cfg.MaxAttempts = 5
	}
	if c.cfg.MaxWait <= 0 {
		c.cfg.MaxWait = 30 * time.Second
	}
	if c.cfg.Backoff <= 0 {
		c.cfg.Backoff = 250 * time.Millisecond
	}
	return c, nil
}

// BrowseURL is the address of an issue in Jira's web pages.
func (c *Client) BrowseURL(key string) string {
	return c.base.String() + "/browse/" + url.PathEscape(key)
}

// call sends one request to path (under the REST API's root) with body
// as JSON, retrying as the package comment says, and decodes a 2xx
// answer into out (when not nil). idempotent tells whether a 5xx other
// than 503 may be retried: a POST that creates an issue may have done so
// before failing, and a second try would duplicate it.
func (c *Client) call(ctx context.Context, method, path string, body, out any, idempotent bool) error {
	var payload []byte
	if body != nil {
		var err error
		if payload, err = json.Marshal(body); err != nil {
			return err
		}
	}
	wait := c.cfg.Backoff
	for attempt := 1; ; attempt++ {
		status, retryAfter, err := c.once(ctx, method, path, payload, out)
		if err == nil {
			return nil
		}
		retry := status == http.StatusTooManyRequests || status == http.StatusServiceUnavailable ||
			(idempotent && (status >= 500 || status == 0))
		if !retry || attempt >= c.cfg.MaxAttempts {
			return err
		}
		d := wait
		if retryAfter >= 0 {
			d = retryAfter
		} else {
			wait *= 2
		}
		if d > c.cfg.MaxWait {
			return err
		}
		t := time.NewTimer(d)
		select {
		case <-ctx.Done():
			t.Stop()
			return ctx.Err()
		case <-t.C:
		}
	}
}

// once sends one request. It returns the status (0 when none came back),
// the Retry-After Jira asked for (-1 when none) and the error.
func (c *Client) once(ctx context.Context, method, path string, payload []byte, out any) (int, time.Duration, error) {
	var rd io.Reader
	if payload != nil {
		rd = bytes.NewReader(payload)
	}
	req, err := http.NewRequestWithContext(ctx, method, c.base.String()+c.api+path, rd)
	if err != nil {
		return 0, -1, err
	}
	req.Header.Set("Accept", "application/json")
	if payload != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if c.cfg.Flavor == Cloud {
		req.Header.Set("Authorization", "Basic "+base64.StdEncoding.EncodeToString([]byte(c.cfg.Email+":"+c.cfg.Token)))
	} else {
		req.Header.Set("Authorization", "Bearer "+c.cfg.Token)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return 0, -1, &Error{Method: method, Path: path, Messages: []string{"cannot reach Jira: " + err.Error()}}
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, 16<<20))
	if err != nil {
		return 0, -1, &Error{Method: method, Path: path, Messages: []string{"reading Jira's answer: " + err.Error()}}
	}
	if resp.StatusCode/100 != 2 {
		e, ra := errorOf(method, path, resp.StatusCode, data), retryAfter(resp.Header.Get("Retry-After"))
		e.RetryAfter = max(ra, 0)
		return resp.StatusCode, ra, e
	}
	if out != nil && len(data) > 0 {
		if err := json.Unmarshal(data, out); err != nil {
			return resp.StatusCode, -1, fmt.Errorf("jira: %s %s: decoding the answer: %w", method, path, err)
		}
	}
	return resp.StatusCode, -1, nil
}

// retryAfter reads a Retry-After header in seconds (the form Jira sends);
// -1 when absent or unreadable, so the caller's own backoff applies.
func retryAfter(h string) time.Duration {
	var n int
	if _, err := fmt.Sscanf(strings.TrimSpace(h), "%d", &n); err != nil || n < 0 {
		return -1
	}
	return time.Duration(n) * time.Second
}
