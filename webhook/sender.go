package webhook

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// ExcerptSize is how much of a response's body the delivery log keeps.
const ExcerptSize = 1024

// Timeout bounds one delivery attempt, connection to last byte.
const Timeout = 15 * time.Second

// Sender sends signed deliveries to the addresses its Allow permits.
type Sender struct {
	client *http.Client
	allow  *Allow
}

// NewSender returns a Sender permitting what allow does beyond the public
// internet (nil: nothing more). It uses no proxy (a proxy would dial in
// its stead, out of reach of the address check) and follows no redirect:
// a receiver answers where it is, and a redirect to an internal address is
// the oldest way around such a check.
func NewSender(allow *Allow) *Sender {
	s := &Sender{allow: allow}
	t := &http.Transport{
		Proxy:                 nil,
		DialContext:           s.dial,
		ForceAttemptHTTP2:     true,
		MaxIdleConns:          32,
		IdleConnTimeout:       90 * time.Second,
		TLSHandshakeTimeout:   10 * time.Second,
		ResponseHeaderTimeout: Timeout,
	}
	s.client = &http.Client{
		Transport: t,
		Timeout:   Timeout,
		CheckRedirect: func(*http.Request, []*http.Request) error {
			return http.ErrUseLastResponse
		},
	}
	return s
}

// dial connects to addr with a Dialer whose Control checks the resolved
// address against the allow list, naming the host dialed.
func (s *Sender) dial(ctx context.Context, network, addr string) (net.Conn, error) {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, err
	}
	d := &net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second, Control: s.allow.control(host)}
	return d.DialContext(ctx, network, addr)
}

// Send posts body to url signed as message id at timestamp with every
// secret given. It answers the response's status and an excerpt of its
// body; err is nil exactly for a 2xx answer.
func (s *Sender) Send(ctx context.Context, target, id string, timestamp time.Time, body []byte, secrets []string) (int, string, error) {
	ts := timestamp.Unix()
	sig, err := SignatureHeader(secrets, id, ts, body)
	if err != nil {
		return 0, "", err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, target, bytes.NewReader(body))
	if err != nil {
		return 0, "", fmt.Errorf("webhook: the URL cannot be requested: %w", withoutURL(err))
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "wat-webhooks/1")
	req.Header.Set(HeaderID, id)
	req.Header.Set(HeaderTimestamp, strconv.FormatInt(ts, 10))
	req.Header.Set(HeaderSignature, sig)
	resp, err := s.client.Do(req)
	if err != nil {
		var refused *ErrRefused
		if errors.As(err, &refused) {
			return 0, "", refused
		}
		return 0, "", fmt.Errorf("webhook: %w", withoutURL(err))
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(io.LimitReader(resp.Body, ExcerptSize))
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10)) // so the connection can be reused
	excerpt := strings.ToValidUTF8(string(b), "\uFFFD")
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return resp.StatusCode, excerpt, fmt.Errorf("webhook: the receiver answered %s", resp.Status)
	}
	return resp.StatusCode, excerpt, nil
}

// withoutURL is err without the URL net/http writes into its text (Post
// "https://…": …): a webhook's URL may carry its receiver's token, and the
// error is kept in the delivery log and told in events. The cause stays
// reachable with errors.Is and errors.As.
func withoutURL(err error) error {
	var u *url.Error
	if errors.As(err, &u) {
		return fmt.Errorf("%s: %w", u.Op, u.Err)
	}
	return err
}
