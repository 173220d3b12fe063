package main

import (
	"context"
	"flag"
	"strings"

	"github.com/wat-dev/wat/api"
	"github.com/wat-dev/wat/service"
)

// The `wat admin webhook-*` commands: an operator manages an account's
// webhook subscriptions as the account's admin would through the API, and
// sees the same shapes (api.WebhookJSON) printed as JSON. The secret is
// printed by webhook-create and webhook-rotate-secret only.

// splitFilter reads a comma-separated filter flag; nil when not given.
func splitFilter(v string, given bool) *[]string {
	if !given {
		return nil
	}
	out := []string{}
	for _, s := range strings.Split(v, ",") {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return &out
}

// flagGiven reports whether name was set on fs.
func flagGiven(fs *flag.FlagSet, name string) bool {
	given := false
	fs.Visit(func(f *flag.Flag) { given = given || f.Name == name })
	return given
}

// asWebhookAdmin defines --account on fs and runs run as that account's
// admin: what every webhook-* command does first.
func asWebhookAdmin(fs *flag.FlagSet, run func(ctx context.Context, svc *service.Service) (any, error)) adminFunc {
	account := fs.String("account", "", "the account's ID (the only account when absent)")
	return func(ctx context.Context, svc *service.Service) (any, error) {
		actx, err := asAccountAdmin(ctx, svc, *account)
		if err != nil {
			return nil, err
		}
		return run(actx, svc)
	}
}

// onWebhook is asWebhookAdmin for a command on one subscription: --id is
// required and given to run.
func onWebhook(fs *flag.FlagSet, run func(ctx context.Context, svc *service.Service, id string) (any, error)) adminFunc {
	id := fs.String("id", "", "the subscription's id")
	return asWebhookAdmin(fs, func(ctx context.Context, svc *service.Service) (any, error) {
		if err := required("id", *id); err != nil {
			return nil, err
		}
		return run(ctx, svc, *id)
	})
}

func defineWebhookCreate(fs *flag.FlagSet) adminFunc {
	url := fs.String("url", "", "where deliveries are posted (http or https)")
	types := fs.String("detail-types", "", "comma-separated detail-types to deliver; all when absent")
	sources := fs.String("sources", "", "comma-separated sources to deliver (aws.wellarchitected, wat.wellarchitected); both when absent")
	return asWebhookAdmin(fs, func(ctx context.Context, svc *service.Service) (any, error) {
		if err := required("url", *url); err != nil {
			return nil, err
		}
		sub, err := svc.CreateWebhookSubscription(ctx, service.WebhookInput{
			URL: url, DetailTypes: splitFilter(*types, flagGiven(fs, "detail-types")), Sources: splitFilter(*sources, flagGiven(fs, "sources")),
		})
		if err != nil {
			return nil, err
		}
		return api.WebhookJSON(sub, true), nil
	})
}

func defineWebhookList(fs *flag.FlagSet) adminFunc {
	return asWebhookAdmin(fs, func(ctx context.Context, svc *service.Service) (any, error) {
		out := []any{}
		token := ""
		for {
			subs, next, err := svc.ListWebhookSubscriptions(ctx, token, 100)
			if err != nil {
				return nil, err
			}
			for _, s := range subs {
				out = append(out, api.WebhookJSON(s, false))
			}
			if token = next; token == "" {
				return out, nil
			}
		}
	})
}

func defineWebhookUpdate(fs *flag.FlagSet) adminFunc {
	url := fs.String("url", "", "a new URL")
	types := fs.String("detail-types", "", "a new comma-separated detail-type filter; empty for all")
	sources := fs.String("sources", "", "a new comma-separated source filter; empty for both")
	enabled := fs.String("enabled", "", "true or false: enable (forgetting its failures) or disable it")
	return onWebhook(fs, func(ctx context.Context, svc *service.Service, id string) (any, error) {
		in := service.WebhookInput{DetailTypes: splitFilter(*types, flagGiven(fs, "detail-types")), Sources: splitFilter(*sources, flagGiven(fs, "sources"))}
		if *url != "" {
			in.URL = url
		}
		switch *enabled {
		case "":
		case "true", "false":
			b := *enabled == "true"
			in.Enabled = &b
		default:
			return nil, usagef("--enabled is true or false, not %q", *enabled)
		}
		sub, err := svc.UpdateWebhookSubscription(ctx, id, in)
		if err != nil {
			return nil, err
		}
		return api.WebhookJSON(sub, false), nil
	})
}

func defineWebhookDelete(fs *flag.FlagSet) adminFunc {
	return onWebhook(fs, func(ctx context.Context, svc *service.Service, id string) (any, error) {
		if err := svc.DeleteWebhookSubscription(ctx, id); err != nil {
			return nil, err
		}
		return map[string]string{"SubscriptionId": id, "Status": "DELETED"}, nil
	})
}

func defineWebhookRotate(fs *flag.FlagSet) adminFunc {
	keep := fs.Duration("keep-previous", service.DefaultSecretOverlap, "how long the replaced secret keeps signing deliveries")
	return onWebhook(fs, func(ctx context.Context, svc *service.Service, id string) (any, error) {
		sub, err := svc.RotateWebhookSecret(ctx, id, *keep)
		if err != nil {
			return nil, err
		}
		return api.WebhookJSON(sub, true), nil
	})
}

func defineWebhookDeliveries(fs *flag.FlagSet) adminFunc {
	limit := fs.Int("limit", 50, "the most deliveries to print, newest first")
	return onWebhook(fs, func(ctx context.Context, svc *service.Service, id string) (any, error) {
		if *limit < 1 || *limit > 100 {
			return nil, usagef("--limit is from 1 to 100")
		}
		ds, _, err := svc.ListWebhookDeliveries(ctx, id, "", *limit)
		if err != nil {
			return nil, err
		}
		out := make([]any, 0, len(ds))
		for _, d := range ds {
			out = append(out, api.DeliveryJSON(d))
		}
		return out, nil
	})
}

func defineWebhookRedeliver(fs *flag.FlagSet) adminFunc {
	delivery := fs.String("delivery", "", "the delivery to replay (msg_...)")
	return onWebhook(fs, func(ctx context.Context, svc *service.Service, id string) (any, error) {
		if err := required("delivery", *delivery); err != nil {
			return nil, err
		}
		d, err := svc.RedeliverWebhook(ctx, id, *delivery)
		if err != nil {
			return nil, err
		}
		return api.DeliveryJSON(d), nil
	})
}
