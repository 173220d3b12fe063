package api

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/wat-dev/wat"
	"github.com/wat-dev/wat/service"
)

// jiraWebhookPrefix is where Jira delivers an account's webhook:
// POST /integrations/jira/webhook/{account}. It is not an AWS operation,
// so it is not signed: the delivery proves itself with the secret
// `wat admin jira-connect` printed, given in the query string
// (?secret=…, as a Jira Cloud admin webhook's URL can carry it) or in the
// X-Wat-Webhook-Secret header (a proxy or Automation rule that sets
// headers).
const jiraWebhookPrefix = "/integrations/jira/webhook/"

// maxJiraWebhookBody bounds a delivery: Jira's issue events carry the
// issue's fields and changelog, well under this.
const maxJiraWebhookBody = 1 << 20

// serveJiraWebhook takes one delivery (service.JiraWebhook) and answers
// 204. A wrong secret counts as a failed authentication of the source
// address (the same bound as signatures). The delivery is audited as
// JiraWebhook, without its secret or body: the account, the issue and
// whether work was queued.
func (s *Server) serveJiraWebhook(w http.ResponseWriter, r *http.Request, reqID string) {
	start := time.Now()
	sw := &statusWriter{ResponseWriter: w}
	w = sw
	source := s.sourceAddress(r)
	key := addressKey(source)
	account := strings.TrimPrefix(r.URL.Path, jiraWebhookPrefix)
	e := &wat.AuditEvent{EventTime: start, EventName: "JiraWebhook", SourceIPAddress: source, UserAgent: r.UserAgent(), RequestID: reqID}
	defer func() {
		s.appendAudit(reqID, e)
		s.finish(RequestInfo{Operation: "JiraWebhook", Status: sw.status, Duration: time.Since(start), RequestID: reqID, AuthFailed: sw.status == http.StatusForbidden})
	}()
	if s.AuthFailures.Exhausted(key) {
		e.ErrorCode, e.ErrorMessage = writeError(w, s.log, reqID, "JiraWebhook", errAuthFailures)
		return
	}
	if r.Method != http.MethodPost || account == "" || strings.Contains(account, "/") {
		e.ErrorCode, e.ErrorMessage = writeError(w, s.log, reqID, "JiraWebhook",
			wat.Invalid("account", "Jira webhooks are delivered by POST to %s{account}", jiraWebhookPrefix))
		return
	}
	secret := r.URL.Query().Get("secret")
	if h := r.Header.Get("X-Wat-Webhook-Secret"); h != "" {
		secret = h
	}
	var body struct {
		WebhookEvent string `json:"webhookEvent"`
		Issue        struct {
			Key string `json:"key"`
		} `json:"issue"`
	}
	data, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxJiraWebhookBody))
	if err != nil || json.Unmarshal(data, &body) != nil {
		e.ErrorCode, e.ErrorMessage = writeError(w, s.log, reqID, "JiraWebhook",
			wat.Invalid("body", "A Jira webhook delivery is a JSON object of at most %d bytes with webhookEvent and issue", maxJiraWebhookBody))
		return
	}
	queued, err := s.svc.JiraWebhook(r.Context(), account, secret,
		service.JiraWebhookEvent{Event: body.WebhookEvent, IssueKey: body.Issue.Key})
	if err != nil {
		if wat.ErrorCodeOf(err) == wat.EUnauthenticated {
			_ = s.AuthFailures.Allow(key)
		}
		e.ErrorCode, e.ErrorMessage = writeError(w, s.log, reqID, "JiraWebhook", err)
		return
	}
	e.AccountID, e.UserName = account, "jira-webhook"
	params, _ := json.Marshal(map[string]any{"Account": account, "WebhookEvent": body.WebhookEvent, "IssueKey": body.Issue.Key, "Queued": queued})
	e.RequestParameters = string(params)
	w.WriteHeader(http.StatusNoContent)
}
