package api_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/wat-dev/wat/api/wire"
	"github.com/wat-dev/wat/internal/testserver"
	"github.com/wat-dev/wat/internal/watclient"
	"github.com/wat-dev/wat/service"
	"github.com/wat-dev/wat/webhook"
)

// hookMessage is one request a test receiver got.
type hookMessage struct {
	ID, Signature string
	Body          []byte
	Env           hookEnvelope
	Verified      map[string]bool // secret → whether it verifies the message
}

// hookEnvelope is the EventBridge shape of a delivered event.
type hookEnvelope struct {
	Version    string          `json:"version"`
	ID         string          `json:"id"`
	DetailType string          `json:"detail-type"`
	Source     string          `json:"source"`
	Account    string          `json:"account"`
	Region     string          `json:"region"`
	Time       string          `json:"time"`
	Resources  []string        `json:"resources"`
	Detail     json.RawMessage `json:"detail"`
}

// hookReceiver is an httptest webhook endpoint that records every
// request and checks each against the secrets it is told of.
type hookReceiver struct {
	*httptest.Server
	mu      sync.Mutex
	secrets []string
	got     []hookMessage
	status  int    // what it answers; 200 when zero
	answer  string // the body it answers
}

func newHookReceiver(t *testing.T) *hookReceiver {
	r := &hookReceiver{answer: "ok"}
	r.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		body, _ := io.ReadAll(req.Body)
		m := hookMessage{ID: req.Header.Get(webhook.HeaderID), Signature: req.Header.Get(webhook.HeaderSignature), Body: body, Verified: map[string]bool{}}
		_ = json.Unmarshal(body, &m.Env)
		r.mu.Lock()
		defer r.mu.Unlock()
		for _, s := range r.secrets {
			m.Verified[s] = webhook.Verify(s, req.Header, body, time.Now()) == nil
		}
		r.got = append(r.got, m)
		status := r.status
		if status == 0 {
			status = 200
		}
		w.WriteHeader(status)
		io.WriteString(w, r.answer)
	}))
	t.Cleanup(r.Close)
	return r
}

func (r *hookReceiver) trust(secret string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.secrets = append(r.secrets, secret)
}

func (r *hookReceiver) messages() []hookMessage {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]hookMessage(nil), r.got...)
}

func (r *hookReceiver) fail(status int, answer string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.status, r.answer = status, answer
}

// hooksOfType returns the messages of one detail-type.
func hooksOfType(ms []hookMessage, detailType string) []hookMessage {
	var out []hookMessage
	for _, m := range ms {
		if m.Env.DetailType == detailType {
			out = append(out, m)
		}
	}
	return out
}

// loopbackWorker is a delivery worker allowed to reach the test's
// receivers on loopback, with test timings.
func loopbackWorker(t *testing.T) service.WebhookWorker {
	t.Helper()
	allow, err := webhook.ParseAllow([]string{"127.0.0.0/8", "::1"})
	if err != nil {
		t.Fatal(err)
	}
	return service.WebhookWorker{ID: "test-worker", Sender: webhook.NewSender(allow), Lease: time.Minute,
		BackoffBase: 20 * time.Millisecond, BackoffMax: 40 * time.Millisecond}
}

// deliver runs w until nothing is due.
func deliver(t *testing.T, srv *testserver.Server, w service.WebhookWorker) {
	t.Helper()
	// The events of API calls are written with their audit records, after
	// the responses: wait for those of the calls made so far.
	srv.WaitAudit()
	if _, err := srv.Service.RunWebhookDeliveries(context.Background(), w); err != nil {
		t.Fatal(err)
	}
}

// subscribe creates a subscription to url, returning it and its secret.
func subscribe(t *testing.T, c *watclient.Client, url string, detailTypes ...string) (*wire.WebhookSubscription, string) {
	t.Helper()
	out, err := c.CreateWebhookSubscription(context.Background(), &wire.CreateWebhookSubscriptionInput{Url: aws.String(url), DetailTypes: detailTypes})
	if err != nil {
		t.Fatalf("CreateWebhookSubscription(%s): %v", url, err)
	}
	return out.WebhookSubscription, aws.ToString(out.Secret)
}

// deliveries lists a subscription's whole delivery log.
func deliveries(t *testing.T, c *watclient.Client, id *string) []wire.WebhookDelivery {
	t.Helper()
	out, err := c.ListWebhookDeliveries(context.Background(), &wire.ListWebhookDeliveriesInput{SubscriptionId: id, MaxResults: aws.Int32(100)})
	if err != nil {
		t.Fatalf("ListWebhookDeliveries: %v", err)
	}
	return out.Deliveries
}
