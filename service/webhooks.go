package service

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"net/url"
	"slices"
	"time"

	"github.com/wat-dev/wat"
)

// Webhook subscriptions: where an account's events are delivered (see
// events.go and webhook_worker.go). A subscription's secret is shown when
// it is created and rotated, never read back.

// MaxWebhooksPerAccount bounds an account's subscriptions.
const MaxWebhooksPerAccount = 25

// DefaultSecretOverlap is how long the secret a rotation replaces still
// signs deliveries, unless the rotation says otherwise.
const DefaultSecretOverlap = 24 * time.Hour

// WebhookInput is what CreateWebhookSubscription takes; on update, nil
// members are left as they are.
type WebhookInput struct {
	URL         *string
	DetailTypes *[]string
	Sources     *[]string
	Enabled     *bool
	Tags        map[string]string
	// ClientRequestToken makes a create idempotent.
	ClientRequestToken string
}

func (s *Service) webhookARN(accountID, id string) string {
	return sprintf("arn:aws:wellarchitected:%s:%s:webhook-subscription/%s", s.region, accountID, id)
}

// newWebhookSecret returns a fresh Standard Webhooks secret: "whsec_" and
// base64 of 32 random bytes.
func newWebhookSecret() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b) // crypto/rand.Read never fails
	return "whsec_" + base64.StdEncoding.EncodeToString(b)
}

// checkWebhook validates a subscription's fields beyond the model.
func checkWebhook(in WebhookInput) error {
	var p problems
	if in.URL != nil {
		if msg := webhookURLProblem(*in.URL); msg != "" {
			p.add("Url", "%s", msg)
		}
	}
	if in.DetailTypes != nil {
		for _, t := range *in.DetailTypes {
			if !slices.Contains(wat.EventDetailTypes, t) {
				p.add("DetailTypes", "%q is not a detail-type wat publishes", t)
			}
		}
	}
	if in.Sources != nil {
		for _, src := range *in.Sources {
			if src != wat.EventSourceAWS && src != wat.EventSourceWat {
				p.add("Sources", "%q is not a source wat publishes (%s or %s)", src, wat.EventSourceAWS, wat.EventSourceWat)
			}
		}
	}
	checkTags(&p, "Tags", in.Tags)
	return p.err()
}

// webhookURLProblem says what is wrong with a subscription's URL: it must
// be absolute http or https with a host, and hold no user info (which
// would be sent along and shown unmasked). The address it resolves to is
// checked when delivering, not here: what a name resolves to changes.
func webhookURLProblem(raw string) string {
	u, err := url.Parse(raw)
	switch {
	case err != nil:
		return "The URL is not valid"
	case u.Scheme != "https" && u.Scheme != "http":
		return "The URL must be http or https"
	case u.Hostname() == "":
		return "The URL has no host"
	case u.User != nil:
		return "The URL must not hold a user name or password"
	case u.Fragment != "":
		return "The URL must not have a fragment"
	}
	return ""
}

// CreateWebhookSubscription subscribes an endpoint to the caller's
// account's events; the result carries its secret, shown this once.
func (s *Service) CreateWebhookSubscription(ctx context.Context, in WebhookInput) (*wat.WebhookSubscription, error) {
	p, err := caller(ctx)
	if err != nil {
		return nil, err
	}
	if in.URL == nil {
		return nil, wat.Invalid("Url", "Url is required")
	}
	if err := checkWebhook(in); err != nil {
		return nil, err
	}
	var out *wat.WebhookSubscription
	fp := fingerprint(in.URL, in.DetailTypes, in.Sources, in.Tags)
	err = s.store.Update(ctx, func(tx wat.Tx) error {
		a := access{Action: "CreateWebhookSubscription", Request: requestTags(in.Tags)}
		prior, err := s.beginCreate(ctx, tx, p.AccountID, a, s.webhookARN(p.AccountID, "*"), in.ClientRequestToken, fp)
		if err != nil {
			return err
		}
		if prior != "" {
			out, err = tx.GetWebhookSubscription(ctx, p.AccountID, prior)
			return err
		}
		subs, err := tx.ListWebhookSubscriptions(ctx, p.AccountID)
		if err != nil {
			return err
		}
		if len(subs) >= MaxWebhooksPerAccount {
			return &wat.Error{Code: wat.EQuota, ResourceType: "WEBHOOK_SUBSCRIPTION", QuotaCode: "webhook-subscriptions",
				ServiceCode: "wellarchitected", Message: sprintf("An account can have at most %d webhook subscriptions", MaxWebhooksPerAccount)}
		}
		now, id := s.nowUTC(), "wh-"+newID(12)
		out = &wat.WebhookSubscription{
			ID: id, ARN: s.webhookARN(p.AccountID, id), AccountID: p.AccountID, URL: *in.URL,
			Status: wat.WebhookEnabled, Secret: newWebhookSecret(), Tags: in.Tags,
			CreatedAt: now, CreatedBy: p.UserARN, UpdatedAt: now,
		}
		if in.DetailTypes != nil {
			out.DetailTypes = dedupe(*in.DetailTypes)
		}
		if in.Sources != nil {
			out.Sources = dedupe(*in.Sources)
		}
		if in.Enabled != nil && !*in.Enabled {
			out.Status, out.StatusReason = wat.WebhookDisabled, "Created disabled"
		}
		if err := tx.InsertWebhookSubscription(ctx, out); err != nil {
			return err
		}
		return s.remember(ctx, tx, p.AccountID, a.Action, in.ClientRequestToken, fp, id)
	})
	return out, err
}

// webhookFor loads one of the caller's account's subscriptions and
// authorises action on it.
func (s *Service) webhookFor(ctx context.Context, tx wat.Tx, action, id string) (*wat.WebhookSubscription, error) {
	p, err := caller(ctx)
	if err != nil {
		return nil, err
	}
	sub, err := tx.GetWebhookSubscription(ctx, p.AccountID, id)
	if err != nil {
		return nil, err
	}
	if err := s.authorize(ctx, tx, act(action), sub.ARN, sub.Tags); err != nil {
		return nil, err
	}
	return sub, nil
}

// GetWebhookSubscription reads one of the account's subscriptions.
func (s *Service) GetWebhookSubscription(ctx context.Context, id string) (*wat.WebhookSubscription, error) {
	var out *wat.WebhookSubscription
	err := s.store.View(ctx, func(tx wat.Tx) (err error) {
		out, err = s.webhookFor(ctx, tx, "GetWebhookSubscription", id)
		return err
	})
	return out, err
}

// ListWebhookSubscriptions lists a page of the account's subscriptions.
func (s *Service) ListWebhookSubscriptions(ctx context.Context, token string, max int) ([]*wat.WebhookSubscription, string, error) {
	p, err := caller(ctx)
	if err != nil {
		return nil, "", err
	}
	var all []*wat.WebhookSubscription
	err = s.store.View(ctx, func(tx wat.Tx) (err error) {
		if err := s.authorize(ctx, tx, act("ListWebhookSubscriptions"), s.webhookARN(p.AccountID, "*"), nil); err != nil {
			return err
		}
		all, err = tx.ListWebhookSubscriptions(ctx, p.AccountID)
		return err
	})
	if err != nil {
		return nil, "", err
	}
	return paginate(all, token, max, 50)
}
