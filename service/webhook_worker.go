package service

import (
	"context"

	"fmt"
	"time"

	"github.com/wat-dev/wat"
)

// The webhook delivery worker. It runs inside every `wat serve`
// (WebhookWorkerLoop). A delivery is claimed under a lease in one
// transaction, sent with no transaction open, and its outcome recorded in
// another: a worker killed in between leaves the delivery PENDING under a
// lease, which another worker takes once it runs out and sends again with
// the same webhook-id. Deliveries are therefore at least once; receivers
// deduplicate by webhook-id.

// WebhookSender sends one signed delivery (package webhook): it answers
// the HTTP status (0 without a response), an excerpt of the response's
// body, and an error unless the receiver answered 2xx.
type WebhookSender interface {
	Send(ctx context.Context, url, id string, timestamp time.Time, body []byte, secrets []string) (int, string, error)
}

// WebhookWorker names a worker and its timings.
type WebhookWorker struct {
	// ID tells the workers apart in leases: a replica's host and process.
	ID     string
	Sender WebhookSender
	// Lease is how long a claim holds; it must outlast one attempt.
	Lease time.Duration
	// RetryWindow is how long a delivery is retried (wat.WebhookRetryWindow
	// when zero); BackoffBase and BackoffMax bound the waits between tries
	// (10 s and 1 h when zero).
	RetryWindow, BackoffBase, BackoffMax time.Duration
	// DisableAfter is how many deliveries abandoned in a row disable a
	// subscription (wat.WebhookDisableAfter when zero).
	DisableAfter int
	// Jobs hears how each attempt ended (the metrics); nil for nobody.
	Jobs wat.JobCounter
}

func (w *WebhookWorker) defaults() {
	if w.RetryWindow <= 0 {
		w.RetryWindow = wat.WebhookRetryWindow
	}
	if w.BackoffBase <= 0 {
		w.BackoffBase = 10 * time.Second
	}
	if w.BackoffMax <= 0 {
		w.BackoffMax = time.Hour
	}
	if w.DisableAfter <= 0 {
		w.DisableAfter = wat.WebhookDisableAfter
	}
	if w.Lease <= 0 {
		w.Lease = time.Minute
	}
}

// RunWebhookDeliveries sends the deliveries due when it starts until none
// is left; it returns how many it tried. A delivery that fails is due
// again only after its backoff, so a run ends even when every receiver
// fails.
func (s *Service) RunWebhookDeliveries(ctx context.Context, w WebhookWorker) (int, error) {
	w.defaults()
	start := s.nowUTC()
	for n := 0; ; n++ {
		var (
			d   *wat.WebhookDelivery
			sub *wat.WebhookSubscription
		)
		err := s.store.Update(ctx, func(tx wat.Tx) (err error) {
			now := s.nowUTC()
			if d, err = tx.ClaimWebhookDelivery(ctx, w.ID, start, now.Add(w.Lease)); err != nil {
				return err
			}
			if sub, err = tx.GetWebhookSubscription(ctx, d.AccountID, d.SubscriptionID); err != nil {
				return err
			}
			d.Attempts++
			d.LastAttempt = now
			return tx.UpdateWebhookDelivery(ctx, d)
		})
		if wat.ErrorCodeOf(err) == wat.ENotFound {
			return n, nil
		}
		if err != nil {
			return n, fmt.Errorf("RunWebhookDeliveries: %w", err)
		}
		sent := s.nowUTC()
		status, excerpt, sendErr := w.Sender.Send(ctx, sub.URL, d.ID, sent, d.Payload, sub.Secrets(sent))
		if ctx.Err() != nil {
			return n, ctx.Err() // shutting down: the lease runs out and another worker sends it
		}
		outcome, err := s.recordWebhookAttempt(ctx, w, d, status, excerpt, sendErr)
		if err != nil {
			return n, fmt.Errorf("RunWebhookDeliveries(%s): %w", d.ID, err)
		}
		if outcome != "" && w.Jobs != nil {
			w.Jobs.JobEnded(wat.QueueWebhookDelivery, outcome)
		}
	}
}

// WebhookWorkerLoop runs RunWebhookDeliveries every interval until ctx
// ends, logging what fails; report, when not nil, hears of each run.
func (s *Service) WebhookWorkerLoop(ctx context.Context, w WebhookWorker, every time.Duration, report func(int, error)) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		n, err := s.RunWebhookDeliveries(ctx, w)
		if ctx.Err() != nil {
			return
		}
		if err != nil {
			s.log.Error("webhook delivery", "worker", w.ID, "err", err)
		}
		if report != nil {
			report(n, err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// WebhookQueue returns how many deliveries are due and how long the
// oldest has waited, for the metrics.
func (s *Service) WebhookQueue(ctx context.Context) (int, time.Duration, error) {
	var (
		n      int
		oldest time.Time
	)
	now := s.nowUTC()
	err := s.store.View(ctx, func(tx wat.Tx) (err error) {
		n, oldest, err = tx.WebhookQueue(ctx, now)
		return err
	})
	if err != nil || oldest.IsZero() {
		return n, 0, err
	}
	return n, now.Sub(oldest), nil
}

// recordWebhookAttempt stores what one attempt did, unless the delivery's
// lease passed to another worker meanwhile. A delivery failing past its
// retry window is abandoned; enough abandoned in a row disable the
// subscription, which an event tells the account's other subscriptions.
// It returns the attempt's outcome, "" when it recorded none.
func (s *Service) recordWebhookAttempt(ctx context.Context, w WebhookWorker, claimed *wat.WebhookDelivery, status int, excerpt string, sendErr error) (wat.JobOutcome, error) {
	var outcome wat.JobOutcome
	err := s.store.Update(ctx, func(tx wat.Tx) error {
		outcome = ""
		d, err := tx.GetWebhookDelivery(ctx, claimed.SubscriptionID, claimed.ID)
		if wat.ErrorCodeOf(err) == wat.ENotFound {
			return nil // its subscription was deleted meanwhile
		}
		if err != nil {
			return err
		}
		if d.LeaseOwner != w.ID || d.Status != wat.WebhookPending {
			return nil // our lease ran out and another worker took it
		}
		sub, err := tx.GetWebhookSubscription(ctx, d.AccountID, d.SubscriptionID)
		if err != nil {
			return err
		}
		now := s.nowUTC()
		d.LastStatus, d.LastResponse, d.LastError = status, excerpt, ""
		d.LeaseOwner, d.LeaseUntil = "", time.Time{}
		if sendErr == nil {
			outcome = wat.JobCompleted
			d.Status, d.DeliveredAt = wat.WebhookDelivered, now
			if err := tx.UpdateWebhookDelivery(ctx, d); err != nil || sub.Failures == 0 {
				return err
			}
			sub.Failures = 0
			return tx.UpdateWebhookSubscription(ctx, sub)
		}
		d.LastError = sendErr.Error()
		if now.Sub(d.CreatedAt) < w.RetryWindow {
			outcome = wat.JobRetried
			d.NextAttemptAt = now.Add(wat.WebhookBackoff(d.Attempts, w.BackoffBase, w.BackoffMax))
			return tx.UpdateWebhookDelivery(ctx, d)
		}
		d.Status, outcome = wat.WebhookFailed, wat.JobFailed
		if err := tx.UpdateWebhookDelivery(ctx, d); err != nil {
			return err
		}
		sub.Failures++
		if sub.Failures >= w.DisableAfter && sub.Status == wat.WebhookEnabled {
			sub.Status = wat.WebhookDisabled
			sub.StatusReason = sprintf("Disabled after %d deliveries in a row failed for %s", sub.Failures, w.RetryWindow)
			sub.UpdatedAt = now
			if err := tx.UpdateWebhookSubscription(ctx, sub); err != nil {
				return err
			}
			s.log.Warn("webhook subscription disabled", "subscription", sub.ARN, "failures", sub.Failures)
			return s.publish(ctx, tx, sub.AccountID, wat.EventWebhookDisabled, []string{sub.ARN}, map[string]any{
				"subscriptionArn": sub.ARN, "subscriptionId": sub.ID, "reason": sub.StatusReason,
				"lastStatus": status, "lastError": d.LastError,
			})
		}
		return tx.UpdateWebhookSubscription(ctx, sub)
	})
	if err != nil {
		return "", err
	}
	return outcome, nil
}
