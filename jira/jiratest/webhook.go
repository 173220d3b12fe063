package jiratest

import (
	"bytes"
	"encoding/json"
	"net/http"
	"time"
)

// Delivery is one webhook delivery the fake made: what it sent and the
// status it got back (0 when the receiver could not be reached).
type Delivery struct {
	URL, Event, IssueKey string
	Status               int
}

// SetWebhook registers the fake's one webhook ("" for none), as a Jira
// administrator does: every
// change a person makes through the fake (SetStatus, SetLabels, Delete)
// is then delivered to url, synchronously, in Jira's shape
// ({"webhookEvent": "jira:issue_updated", "issue": {...}}). The URL may
// carry a secret in its query string, as Jira Cloud's admin webhooks
// allow.
func (s *Server) SetWebhook(url string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.webhook = url
}

// Deliveries returns the deliveries made, oldest first.
func (s *Server) Deliveries() []Delivery {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Delivery(nil), s.deliveries...)
}

// deliver sends event about the issue key to the webhook; called
// without s.mu held. The issue is as the fake shows it through the API
// (or only its key, once deleted).
func (s *Server) deliver(event, key string) {
	s.mu.Lock()
	if s.webhook == "" {
		s.mu.Unlock()
		return
	}
	issue := map[string]any{"key": key}
	if is := s.issues[key]; is != nil {
		issue = s.view(is)
	}
	body, _ := json.Marshal(map[string]any{"timestamp": time.Now().UnixMilli(), "webhookEvent": event, "issue": issue})
	url := s.webhook
	s.mu.Unlock()
	d := Delivery{URL: url, Event: event, IssueKey: key}
	client := &http.Client{Timeout: 10 * time.Second}
	if resp, err := client.Post(url, "application/json", bytes.NewReader(body)); err == nil {
		d.Status = resp.StatusCode
		resp.Body.Close()
	}
	s.mu.Lock()
	s.deliveries = append(s.deliveries, d)
	s.mu.Unlock()
}
