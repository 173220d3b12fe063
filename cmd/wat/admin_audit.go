package main

import (
	"context"
	"flag"
	"time"

	"github.com/wat-dev/wat"
	"github.com/wat-dev/wat/api"
	"github.com/wat-dev/wat/service"
)

// jsonLines is a result printed as one compact JSON value per line.
type jsonLines []any

// auditPage is how many events one read of the audit log fetches.
const auditPage = 500

// parseSince reads --since: an RFC 3339 time, or a duration back from now.
func parseSince(s string, now time.Time) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	if d, err := time.ParseDuration(s); err == nil && d > 0 {
		return now.Add(-d), nil
	}
	return time.Time{}, usagef("--since must be an RFC 3339 time or a duration like 24h, not %q", s)
}

func defineAudit(fs *flag.FlagSet) adminFunc {
	since := fs.String("since", "", "only events at or after this RFC 3339 time, or this long ago (24h)")
	account := fs.String("account", "", "only events of this account")
	eventName := fs.String("event-name", "", "only events of this operation (UpdateAnswer)")
	limit := fs.Int("limit", 0, "at most this many events (all when 0)")
	return func(ctx context.Context, svc *service.Service) (any, error) {
		from, err := parseSince(*since, time.Now())
		if err != nil {
			return nil, err
		}
		if *limit < 0 {
			return nil, usagef("--limit must not be negative")
		}
		f := wat.AuditFilter{Since: from, AccountID: *account, EventName: *eventName}
		out := jsonLines{}
		var after int64
		for *limit == 0 || len(out) < *limit {
			n := auditPage
			if *limit > 0 {
				n = min(n, *limit-len(out))
			}
			es, err := svc.ListAuditEvents(ctx, f, after, n)
			if err != nil {
				return nil, err
			}
			for _, e := range es {
				out = append(out, api.CloudTrailRecord(e, svc.Region()))
				after = e.ID
			}
			if len(es) < n {
				break
			}
		}
		return out, nil
	}
}
