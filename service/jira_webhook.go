package service

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"fmt"
	"strings"

	"github.com/wat-dev/wat"
)

// JiraWebhookEvent is what wat reads of a Jira webhook delivery: the
// event's name (webhookEvent, e.g. jira:issue_updated) and the issue's
// key. The rest of the delivery is not trusted: the sync reads the issue
// from Jira itself.
type JiraWebhookEvent struct {
	Event    string
	IssueKey string
}

// errJiraWebhookSecret is the one answer to a delivery whose account or
// secret is wrong, so that neither tells which.
func errJiraWebhookSecret() error {
	return &wat.Error{Code: wat.EUnauthenticated, Type: "UnrecognizedClientException",
		Message: "The Jira webhook secret is missing or wrong for this account"}
}

// JiraWebhook takes a delivery of an account's Jira webhook: after
// checking its secret (in constant time), an issue event about an issue
// one of the account's workloads keeps queues the sync of that workload —
// a read of Jira's changes into wat, and for an AUTO workload a push too.
// No call to Jira is made here. It reports whether work was queued: an
// event of no interest (another issue, another kind of event, a workload
// whose issue management is off) is taken and ignored, so that Jira does
// not retry it.
func (s *Service) JiraWebhook(ctx context.Context, accountID, secret string, ev JiraWebhookEvent) (bool, error) {
	queued := false
	err := s.store.Update(ctx, func(tx wat.Tx) error {
		queued = false
		c, err := tx.GetJiraConnection(ctx, accountID)
		switch {
		case wat.ErrorCodeOf(err) == wat.ENotFound:
			c = &wat.JiraConnection{}
		case err != nil:
			return err
		}
		if !secretMatches(c.WebhookSecret, secret) {
			return errJiraWebhookSecret()
		}
		if !strings.HasPrefix(ev.Event, "jira:issue_") || ev.IssueKey == "" {
			return nil
		}
		l, err := tx.FindJiraIssueLink(ctx, accountID, ev.IssueKey)
		if wat.ErrorCodeOf(err) == wat.ENotFound {
			return nil
		}
		if err != nil {
			return err
		}
		w, err := tx.GetWorkload(ctx, l.WorkloadID, false)
		if err != nil {
			return err
		}
		queue, push, err := s.jiraQueuePlan(ctx, tx, w)
		if err != nil || !queue {
			return err
		}
		queued = true
		return tx.EnqueueJiraSync(ctx, w.ID, push, jiraReasonWebhook, s.nowUTC())
	})
	if err != nil {
		return false, fmt.Errorf("JiraWebhook(%s, %s): %w", accountID, ev.IssueKey, err)
	}
	return queued, nil
}

// secretMatches compares a given secret with the stored one in constant
// time (over their hashes, so the length leaks nothing either); no stored
// secret matches nothing.
func secretMatches(stored, given string) bool {
	a, b := sha256.Sum256([]byte(stored)), sha256.Sum256([]byte(given))
	return subtle.ConstantTimeCompare(a[:], b[:]) == 1 && stored != ""
}
